#!/usr/bin/env bash
# A 100 MB article on one line (issue #2's bad-input list): tagged whole,
# every expression found, and the tagger's memory beyond the text itself
# bounded (it tags long texts a window at a time and holds the text once).
# Needs GNU time (Debian package `time`) for the memory check.
set -u
bin=$1
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/check.sh"

# 1,777 blocks of 60 kB of filler and one dated sentence: 104.9 MB, no newline.
filler='The committee met and discussed the budget for the region. '
block=$(for _ in $(seq 1000); do printf '%s' "$filler"; done)
block="${block}On March 3, 2011 the talks began. "
{
  printf ' date 2013-01-30\n'
  for _ in $(seq 1777); do printf '%s' "$block"; done
} > "$tmp/big.txt"
bytes=$(stat -c %s "$tmp/big.txt")

if [ -x /usr/bin/time ]; then
  /usr/bin/time -f '%M' -o "$tmp/rss" "$bin" tag --format json "$tmp/big.txt" > "$tmp/out.json"
  rc=$?
  rss_kb=$(tail -n 1 "$tmp/rss")
  extra_mb=$(( (rss_kb * 1024 - bytes) / 1048576 ))
  echo "100 MB article: peak RSS ${rss_kb} kB, ${extra_mb} MB beyond the text"
  check "memory beyond the text stays under 64 MB (${extra_mb} MB)" test "$extra_mb" -lt 64
else
  "$bin" tag --format json "$tmp/big.txt" > "$tmp/out.json"; rc=$?
  echo "GNU time not installed: memory not checked"
fi
check "exit 0" test "$rc" -eq 0
check "every one of the 1777 dates found" \
  test "$(grep -o '"value":"2011-03-03"' "$tmp/out.json" | wc -l)" -eq 1777
check "one JSON object for the article" test "$(wc -l < "$tmp/out.json")" -eq 1

finish bigdoc
