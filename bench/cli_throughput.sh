#!/usr/bin/env bash
# CLI throughput against the library's: `annals tag --format json` over all
# Timeline17 articles, (a) as dated files named on the command line and (b)
# as JSONL on standard input, beside bench/tag_throughput on one thread, in
# the same run. The runs are interleaved (library, files, JSONL, then
# again) and each figure is the best of N, because a shared machine is
# noisy; MB are the articles' bytes in all three.
#
# Usage: bench/cli_throughput.sh [BUILD_DIR] [T17_DIR] [N]
#   BUILD_DIR  holds annals and bench/tag_throughput (default build; a
#              Release build: cmake -DCMAKE_BUILD_TYPE=Release -DANNALS_BENCH=ON)
#   T17_DIR    the Timeline17 root (default ../shared/data/t17)
#   N          runs of each (default 3)
set -eu
build=${1:-build}
t17=${2:-../shared/data/t17}
n=${3:-3}
annals=$build/annals
lib=$build/bench/tag_throughput
for b in "$annals" "$lib"; do
  [ -x "$b" ] || { echo "cli_throughput: $b not built (configure with -DANNALS_BENCH=ON)" >&2; exit 1; }
done
[ -d "$t17" ] || { echo "cli_throughput: $t17: not a directory" >&2; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

# The articles as the CLI takes them, written outside the timing: each
# InputDocs/DATE/FILE as a dated article (" date DATE" and the text), and
# all of them as one JSONL stream.
python3 - "$t17" "$tmp" <<'EOF'
import glob, json, os, sys
root, tmp = sys.argv[1], sys.argv[2]
os.mkdir(os.path.join(tmp, 'dated'))
n = size = 0
with open(os.path.join(tmp, 't17.jsonl'), 'w', encoding='utf-8') as jl:
    for p in sorted(glob.glob(os.path.join(root, '*', 'InputDocs', '*', '*'))):
        parts = p.split(os.sep)
        topic, date, name = parts[-4], parts[-2], parts[-1]
        data = open(p, 'rb').read()
        n += 1
        size += len(data)
        with open(os.path.join(tmp, 'dated', f'{topic}__{date}__{name}'), 'wb') as f:
            f.write(b' date ' + date.encode() + b'\n' + data)
        jl.write(json.dumps({'id': p, 'time': date, 'text': data.decode('utf-8')},
                            ensure_ascii=False) + '\n')
open(os.path.join(tmp, 'bytes'), 'w').write(f'{n} {size}\n')
EOF
read -r docs bytes < "$tmp/bytes"

now() { date +%s.%N; }
best_lib=0 best_files=0 best_jsonl=0
max() { awk -v a="$1" -v b="$2" 'BEGIN { print (b > a ? b : a) }'; }
for r in $(seq "$n"); do
  mbs=$("$lib" "$t17" --threads 1 --repeat 1 | awk '$1 == "1" { print $3 }')
  best_lib=$(max "$best_lib" "$mbs")
  t0=$(now)
  "$annals" tag --format json "$tmp"/dated/* > "$tmp/files.json"
  t1=$(now)
  "$annals" tag --format json --input jsonl - < "$tmp/t17.jsonl" > "$tmp/jsonl.json" 2> /dev/null
  t2=$(now)
  best_files=$(max "$best_files" "$(awk -v b="$bytes" -v s="$(echo "$t1 - $t0" | bc)" 'BEGIN { printf "%.1f", b / 1e6 / s }')")
  best_jsonl=$(max "$best_jsonl" "$(awk -v b="$bytes" -v s="$(echo "$t2 - $t1" | bc)" 'BEGIN { printf "%.1f", b / 1e6 / s }')")
  echo "run $r: library $mbs MB/s, CLI files $best_files, CLI JSONL $best_jsonl (best so far)" >&2
done
lines=$(wc -l < "$tmp/files.json")
[ "$lines" -eq "$docs" ] || { echo "cli_throughput: $lines output lines for $docs articles" >&2; exit 1; }
cmp -s <(grep -o '"timexes":.*' "$tmp/files.json" | sed 's/"begin":[0-9]*,"end":[0-9]*,//g' | sort) \
  <(grep -o '"timexes":.*' "$tmp/jsonl.json" | sed 's/"begin":[0-9]*,"end":[0-9]*,//g' | sort) ||
  echo "cli_throughput: warning: files and JSONL found different expressions" >&2
printf '%d articles, %.1f MB, best of %d interleaved runs, one thread\n' "$docs" \
  "$(echo "$bytes / 1000000" | bc -l)" "$n"
printf '%-34s %8s %8s\n' "" "MB/s" "ratio"
printf '%-34s %8.1f %8s\n' "library (bench/tag_throughput)" "$best_lib" "1.00"
printf '%-34s %8.1f %8.2f\n' "annals tag --format json FILES" "$best_files" \
  "$(echo "$best_files / $best_lib" | bc -l)"
printf '%-34s %8.1f %8.2f\n' "annals tag --format json < JSONL" "$best_jsonl" \
  "$(echo "$best_jsonl / $best_lib" | bc -l)"
