#!/usr/bin/env bash
# `annals tag --format json --input jsonl -` as a streaming mapper (Spark
# RDD.pipe, Hadoop Streaming): one output line per input line, in input
# order, an error line (with the input line number) for each bad input line,
# and memory that does not grow with the length of the stream.
# No wall-clock assertions: sizes are small enough for the ASan build too.
set -u
bin=$1
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/check.sh"
mapper() { "$bin" tag --format json --input jsonl -; }

# gen N: N JSONL lines; line i has id "d<i>"; every 7th line is bad, cycling
# through the kinds of bad input a mapper meets (the kind is i/7 mod 6).
gen() {
  awk -v n="$1" 'BEGIN {
    for (i = 1; i <= n; i++) {
      if (i % 7 == 0) {
        k = int(i / 7) % 6
        if (k == 0) print "not json " i
        else if (k == 1) printf "{\"id\":\"d%d\",\"text\":\"no time on Monday\"}\n", i
        else if (k == 2) printf "{\"id\":\"d%d\",\"time\":\"2013-01-30\",\"text\":\"caf\303 on Monday\"}\n", i
        else if (k == 3) print ""
        else if (k == 4) printf "{\"id\":\"d%d\",\"time\":\"2013-02-30\",\"text\":\"on Monday\"}\n", i
        else printf "[\"d%d\"]\n", i
      } else {
        printf "{\"id\":\"d%d\",\"time\":\"2013-01-30\",\"text\":\"Talks began on Monday, three weeks ago the fighting spread; by March 2011 the uprising had begun, and %d people met last Friday.\"}\n", i, i
      }
    }
  }'
}

gen 700 > "$tmp/in.jsonl"
mapper < "$tmp/in.jsonl" > "$tmp/out.jsonl" 2> "$tmp/err"; rc=$?
check "one output line per input line" test "$(wc -l < "$tmp/out.jsonl")" -eq 700
# Every line i is either the document d<i> with its 5 timexes, or an error
# naming line i; awk prints the first line that is neither.
bad=$(awk '{
  i = NR
  if (i % 7 == 0) { if ($0 !~ "\"error\":" || $0 !~ "\"line\":" i "}") { print i; exit } }
  else if ($0 !~ "\"id\":\"d" i "\"" || $0 ~ "\"error\"" || $0 !~ "\"value\":\"2013-01-28\"") { print i; exit }
}' "$tmp/out.jsonl")
check "in order, documents and error lines where expected${bad:+ (first wrong line $bad)}" test -z "$bad"
check "error: not JSON" grep -q '"error":"not valid JSON: invalid literal' "$tmp/out.jsonl"
check "error: missing time" grep -q '"error":"missing \\"time\\""' "$tmp/out.jsonl"
check "error: invalid UTF-8" grep -q '"error":"not valid JSON: invalid UTF-8' "$tmp/out.jsonl"
check "error: blank line" grep -q '"error":"blank line' "$tmp/out.jsonl"
check "error: impossible date" grep -q '"error":"\\"time\\" is not a valid date' "$tmp/out.jsonl"
check "error: not an object" grep -q '"error":"not a JSON object"' "$tmp/out.jsonl"
check "summary on stderr" grep -q "600 lines tagged, 100 with errors" "$tmp/err"
check "bad lines reported as lines: exit status 0 (a mapper must not fail the task)" test $rc -eq 0
check "stdout carries JSON lines only" test "$(grep -vc '^{' "$tmp/out.jsonl")" -eq 0

# Nothing taggable at all: exit status 1.
printf 'not json\n{"id":"x"}\n' | mapper > /dev/null 2>&1; rc=$?
check "no line tagged: exit status 1" test $rc -eq 1

# Through a pipe (no seekable file), the output is the same.
cat "$tmp/in.jsonl" | mapper > "$tmp/out2.jsonl" 2> /dev/null
check "same output through a pipe" cmp -s "$tmp/out.jsonl" "$tmp/out2.jsonl"

# An empty stream: no output, success.
mapper < /dev/null > "$tmp/empty.out" 2> /dev/null; rc=$?
check "empty input: exit 0" test $rc -eq 0
check "empty input: no output" test ! -s "$tmp/empty.out"

# Constant memory: peak RSS for 100,000 lines (17 MB in, 40 MB out) stays
# within 8 MB of the peak for 600 lines. Needs GNU time (Debian package `time`).
# Under ASan, freed memory sits in a quarantine; keep it small so that RSS
# reflects what the program holds.
if [ -x /usr/bin/time ]; then
  export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=4"
  rss() {  # rss N: peak RSS in kB of the mapper over gen N, through a pipe
    gen "$1" | /usr/bin/time -f '%M' -o "$tmp/rss" "$bin" tag --format json --input jsonl - \
      2> /dev/null | wc -l > "$tmp/lines.$1"
    tail -n 1 "$tmp/rss"
  }
  small=$(rss 600); large=$(rss 100000)
  check "memory run: all lines out" test "$(cat "$tmp/lines.600") $(cat "$tmp/lines.100000")" = "600 100000"
  echo "peak RSS: 600 lines ${small} kB, 100000 lines ${large} kB"
  check "peak RSS does not grow with the stream (${small} -> ${large} kB)" \
    test $((large - small)) -lt 8192
else
  echo "stream: /usr/bin/time not installed (apt-get install time); memory check skipped"
fi

finish stream
