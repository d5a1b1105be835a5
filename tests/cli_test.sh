#!/usr/bin/env bash
# End-to-end checks of the annals CLI: formats, exit codes, bad input.
set -u
bin=$1; src=$2
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
pass=0; fail=0
check() {  # check NAME CONDITION...
  local name=$1; shift
  if "$@"; then pass=$((pass+1)); else fail=$((fail+1)); echo "FAIL: $name"; fi
}
seed=$src/examples/reuters-2013-01-30-syria-opposition-talks.txt

"$bin" tag --format json "$seed" > "$tmp/seed.json"; rc=$?
check "seed exit 0" test $rc -eq 0
check "seed: Wednesday -> 2013-01-30" grep -q '"text":"Wednesday","type":"DATE","value":"2013-01-30"' "$tmp/seed.json"
check "seed: March 2011" grep -q '"value":"2011-03"' "$tmp/seed.json"
check "seed: 22-month-old" grep -q '"value":"P22M"' "$tmp/seed.json"

"$bin" tag --format text "$seed" > "$tmp/seed.txt"
check "text listing names the document date" grep -q "document date 2013-01-30" "$tmp/seed.txt"

"$bin" tag --format timeml "$seed" > "$tmp/seed.tml"
check "timeml output has TIMEX3" grep -q '<TIMEX3 tid="t1"' "$tmp/seed.tml"

printf 'He left on Friday.' > "$tmp/plain.txt"
"$bin" tag "$tmp/plain.txt" 2> "$tmp/err"; rc=$?
check "plain without --dct fails with 1" test $rc -eq 1
check "plain without --dct names the file" grep -q "plain.txt" "$tmp/err"
"$bin" tag --dct 2013-01-30 --format json "$tmp/plain.txt" > "$tmp/out"; rc=$?
check "plain with --dct" test $rc -eq 0
check "plain with --dct value" grep -q '"value":"2013-01-25"' "$tmp/out"

printf ' date 2013-13-45 text' > "$tmp/bad.txt"
"$bin" tag "$tmp/bad.txt" 2> "$tmp/err"; rc=$?
check "malformed header exit 1" test $rc -eq 1
check "malformed header message names file and line" grep -q "bad.txt:1" "$tmp/err"

printf ' date 2013-01-30 caf\xc3 ok\n' > "$tmp/utf.txt"
"$bin" tag "$tmp/utf.txt" 2> "$tmp/err"; rc=$?
check "invalid utf-8 exit 1" test $rc -eq 1

: > "$tmp/empty.txt"
"$bin" tag "$tmp/empty.txt" 2> /dev/null; rc=$?
check "empty file exit 1" test $rc -eq 1

printf '%s\n' '{"id":"a","time":"2013-01-30","text":"on Monday"}' 'not json' \
  '{"id":"c","text":"no time"}' '{"id":"d","time":"2013-01-30","text":"next week"}' > "$tmp/in.jsonl"
"$bin" tag --format json --input jsonl - < "$tmp/in.jsonl" > "$tmp/out.jsonl" 2> "$tmp/err"
check "jsonl: one output line per input line" test "$(wc -l < "$tmp/out.jsonl")" -eq 4
check "jsonl: order kept" test "$(sed -n 4p "$tmp/out.jsonl" | grep -c '"id":"d"')" -eq 1
check "jsonl: error line for bad JSON" test "$(sed -n 2p "$tmp/out.jsonl" | grep -c '"error"')" -eq 1
check "jsonl: summary on stderr" grep -q "2 lines tagged, 2 with errors" "$tmp/err"

"$bin" tag --bogus 2> /dev/null; rc=$?
check "unknown option exit 2" test $rc -eq 2
"$bin" tag --help | grep -q "Usage: annals tag"; check "tag --help" test $? -eq 0

echo "cli: $pass passed, $fail failed"
test $fail -eq 0
