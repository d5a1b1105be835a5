#!/usr/bin/env bash
# Tagging speed per language: `annals tag --format json` of one ~10 MB text
# per language on one thread, best of N runs, and each as a share of
# English (issue 15's target: >= 70% of English per MB).
#
# Usage: bench/lang_throughput.sh [BUILD_DIR] [SHARED_DIR] [RUNS]
#   defaults: build ../shared 3
# Texts: English from Timeline17 articles, es/fr/it from ML-Crisis, German
# from KRAUTS Dolomiten and Portuguese from TimeBankPT (the TEXT of their
# TimeML inputs), each repeated to ~10 MB.
set -euo pipefail
build=${1:-build} shared=${2:-../shared} runs=${3:-3}
bin=$build/annals
data=$shared/data
[ -x "$bin" ] || { echo "lang_throughput: no $bin (build first)" >&2; exit 1; }
[ -d "$data" ] || { echo "lang_throughput: no $data" >&2; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
target=$((10 * 1024 * 1024))

# The text of each source file, once.
find "$data/t17" -path '*InputDocs*' -type f | sort > "$tmp/en.list"
head -1500 "$tmp/en.list" | xargs cat > "$tmp/en.src"
for l in es fr it; do find "$data/ml-crisis/$l" -path '*InputDocs*' -type f | sort | xargs cat > "$tmp/$l.src"; done
timeml_text() { for f in "$@"; do sed -n '/<TEXT>/,/<\/TEXT>/p' "$f" | sed 's/<[^>]*>//g'; done; }
timeml_text "$data"/krauts/dolomiten/input/*.TE3input > "$tmp/de.src"
timeml_text "$data"/timebankpt/train/input/*.TE3input > "$tmp/pt.src"

langs="en es fr de it pt"
declare -A rate
for l in $langs; do
  : > "$tmp/$l.txt"
  while [ "$(stat -c %s "$tmp/$l.txt")" -lt $target ]; do cat "$tmp/$l.src" >> "$tmp/$l.txt"; done
  bytes=$(stat -c %s "$tmp/$l.txt")
  best=
  for _ in $(seq "$runs"); do
    s=$(date +%s.%N)
    "$bin" tag --lang "$l" --input plain --dct 2013-01-30 --format json "$tmp/$l.txt" > /dev/null
    e=$(date +%s.%N)
    best=$(awk -v s="$s" -v e="$e" -v b="$best" 'BEGIN { t = e - s; print (b == "" || t < b) ? t : b }')
  done
  rate[$l]=$(awk -v n="$bytes" -v t="$best" 'BEGIN { print n / 1048576 / t }')
done
printf '%-10s' ""; for l in $langs; do printf '%8s' "$l"; done; echo
printf '%-10s' "MB/s"; for l in $langs; do printf '%8.2f' "${rate[$l]}"; done; echo
printf '%-10s' "of en"
for l in $langs; do printf '%7.0f%%' "$(awk -v a="${rate[$l]}" -v b="${rate[en]}" 'BEGIN { print 100 * a / b }')"; done
echo
