#!/usr/bin/env bash
# A text dense with expressions (issue #14: "On Monday, March 3, 2011, talks
# resumed three weeks ago. " over and over, two expressions every 57 bytes,
# on one line): every expression found, valid output in every format, and
# peak memory that grows with the text, not with the number of expressions.
# `annals tag` writes each window's expressions as the tagger finds them;
# building the whole document's output first took some 50 bytes per text
# byte (5.7 MB of this text peaked at 300 MB in --format json).
# Checks memory, never seconds. Needs GNU time (Debian package `time`).
set -u
bin=$1
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/check.sh"

sentence='On Monday, March 3, 2011, talks resumed three weeks ago. '
# dense N OUT: a dated article of N sentences (N*57 bytes on one line).
dense() {
  { printf ' date 2013-01-30\n'
    awk -v n="$1" -v s="$sentence" 'BEGIN { for (i = 0; i < n; i++) printf "%s", s; print "" }'
  } > "$2"
}
small=100000 large=300000  # 5.7 MB (6 windows) and 17.1 MB of text
dense $small "$tmp/small.txt"
dense $large "$tmp/large.txt"
for size in small large; do
  # The same text as one JSONL line: the mapper's path.
  { printf '{"id":"dense","time":"2013-01-30","text":"'
    tail -c +18 "$tmp/$size.txt" | tr -d '\n'; printf '"}\n'; } > "$tmp/$size.jsonl"
done

# Correctness on the small text, in each format.
n=$((2 * small))
"$bin" tag --format json "$tmp/small.txt" > "$tmp/out.json"
check "json: one line for the article" test "$(wc -l < "$tmp/out.json")" -eq 1
check "json: every expression" test "$(grep -o '"value":"2011-03-03"' "$tmp/out.json" | wc -l)" -eq $small
check "json: every expression (durations)" \
  test "$(grep -o '"value":"2013-W02"' "$tmp/out.json" | wc -l)" -eq $small
if command -v python3 > /dev/null; then
  check "json: valid JSON, $n timexes" test "$(python3 -c 'import json, sys
print(len(json.load(open(sys.argv[1]))["timexes"]))' "$tmp/out.json")" -eq $n
fi
"$bin" tag --format text "$tmp/small.txt" > "$tmp/out.txt"
check "text: one line per expression, a header and a count" \
  test "$(wc -l < "$tmp/out.txt")" -eq $((n + 2))
check "text: the count at the end" grep -q ": $n time expressions\$" "$tmp/out.txt"
"$bin" tag --format timeml "$tmp/small.txt" > "$tmp/out.tml"
check "timeml: every expression tagged" test "$(grep -o '<TIMEX3 tid="t[0-9]*"' "$tmp/out.tml" | wc -l)" -eq $((n + 1))
check "timeml: the text kept whole" \
  test "$(sed -e 's/<[^>]*>//g' "$tmp/out.tml" | grep -o 'talks resumed' | wc -l)" -eq $small
check "timeml: closed" test "$(tail -n 1 "$tmp/out.tml")" = "</TimeML>"
"$bin" tag --format json "$tmp/small.jsonl" > "$tmp/out.jsonl.json" 2> /dev/null
check "jsonl: every expression" \
  test "$(grep -o '"value":"2011-03-03"' "$tmp/out.jsonl.json" | wc -l)" -eq $small

if [ ! -x /usr/bin/time ]; then
  echo "GNU time not installed: memory not checked"
  finish dense
  exit $?
fi
# rss FORMAT FILE: peak RSS of tagging FILE in FORMAT, in kB.
rss() {
  /usr/bin/time -f '%M' -o "$tmp/rss" "$bin" tag --format "$1" "$2" > /dev/null 2>&1
  tail -n 1 "$tmp/rss"
}
bytes_small=$(stat -c %s "$tmp/small.txt") bytes_large=$(stat -c %s "$tmp/large.txt")
for format in json text timeml; do
  a=$(rss $format "$tmp/small.txt") b=$(rss $format "$tmp/large.txt")
  # Beyond the text (held once), in MB.
  extra_a=$(( (a * 1024 - bytes_small) / 1048576 )) extra_b=$(( (b * 1024 - bytes_large) / 1048576 ))
  echo "$format: peak RSS ${a} kB for 5.7 MB, ${b} kB for 17.1 MB (${extra_a} / ${extra_b} MB beyond the text)"
  check "$format: memory beyond the text under 96 MB (${extra_b} MB)" test "$extra_b" -lt 96
  check "$format: three times the expressions, under 24 MB more beyond the text (${extra_a} -> ${extra_b} MB)" \
    test $((extra_b - extra_a)) -lt 24
done
# A JSONL line is held as read and as decoded (twice the text), and the
# line buffer may have grown to twice the line: up to 4x the text, plus a
# bounded amount, however many expressions the line holds.
a=$(rss json "$tmp/small.jsonl") b=$(rss json "$tmp/large.jsonl")
extra_a=$(( (a * 1024 - 4 * bytes_small) / 1048576 )) extra_b=$(( (b * 1024 - 4 * bytes_large) / 1048576 ))
echo "jsonl: peak RSS ${a} kB for a 5.7 MB line, ${b} kB for 17.1 MB"
check "jsonl: memory beyond 4x the line under 96 MB (${extra_b} MB)" test "$extra_b" -lt 96
check "jsonl: three times the expressions, under 24 MB more beyond 4x the line (${extra_a} -> ${extra_b} MB)" \
  test $((extra_b - extra_a)) -lt 24

finish dense
