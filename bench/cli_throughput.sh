#!/usr/bin/env bash
# CLI throughput against the library's: `annals tag --format json` over all
# Timeline17 articles, (a) as dated files named on the command line and (b)
# as JSONL on standard input, beside bench/tag_throughput on one thread, in
# the same run. The runs are interleaved (library, files, JSONL, then
# again) and each figure is the best of N, because a shared machine is
# noisy; MB are the articles' bytes in all three. Wall and CPU time are
# both shown (CPU is steadier when other work shares the cores).
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

# cpu FILE CMD...: runs CMD, appends "WALL CPU" seconds (CPU = user + sys)
# to FILE. CPU time is the steadier figure on a shared machine: waiting for
# a core counts in wall time only.
cpu() {
  local f=$1; shift
  local t0 t1
  TIMEFORMAT='%U %S'
  t0=$(date +%s.%N)
  { time "$@" > "$tmp/cmd.out" 2> /dev/null; } 2> "$tmp/cpu"
  t1=$(date +%s.%N)
  awk -v w="$(echo "$t1 - $t0" | bc)" '{ print w, $1 + $2 }' "$tmp/cpu" >> "$f"
}
: > "$tmp/lib"; : > "$tmp/lib.cpu"; : > "$tmp/files"; : > "$tmp/jsonl"
for r in $(seq "$n"); do
  cpu "$tmp/lib.cpu" "$lib" "$t17" --threads 1 --repeat 1
  awk '$1 == "1" { print $2 }' "$tmp/cmd.out" >> "$tmp/lib"
  cpu "$tmp/files" "$annals" tag --format json "$tmp"/dated/*
  mv "$tmp/cmd.out" "$tmp/files.json"
  cpu "$tmp/jsonl" sh -c "\"$annals\" tag --format json --input jsonl - < \"$tmp/t17.jsonl\""
  mv "$tmp/cmd.out" "$tmp/jsonl.json"
  echo "run $r: library $(tail -n 1 "$tmp/lib") s, CLI files $(tail -n 1 "$tmp/files"), CLI JSONL $(tail -n 1 "$tmp/jsonl") (wall, CPU s)" >&2
done
lines=$(wc -l < "$tmp/files.json")
[ "$lines" -eq "$docs" ] || { echo "cli_throughput: $lines output lines for $docs articles" >&2; exit 1; }
strip() { grep -o '"timexes":.*' "$1" | sed 's/"begin":[0-9]*,"end":[0-9]*,//g' | sort; }
cmp -s <(strip "$tmp/files.json") <(strip "$tmp/jsonl.json") ||
  echo "cli_throughput: warning: files and JSONL found different expressions" >&2
# best COLUMN FILE: the smallest value of the column.
best() { awk -v c="$1" 'NR == 1 || $c < m { m = $c } END { print m }' "$2"; }
mb=$(echo "$bytes / 1000000" | bc -l)
lib_wall=$(best 1 "$tmp/lib")            # tagging only, as tag_throughput times it
lib_cpu=$(best 2 "$tmp/lib.cpu")         # the whole process: loading the files too
files_wall=$(best 1 "$tmp/files") files_cpu=$(best 2 "$tmp/files")
jsonl_wall=$(best 1 "$tmp/jsonl") jsonl_cpu=$(best 2 "$tmp/jsonl")
printf '%d articles, %.1f MB, best of %d interleaved runs, one thread\n' "$docs" "$mb" "$n"
printf '%-34s %10s %7s %10s %7s\n' "" "wall MB/s" "ratio" "CPU MB/s" "ratio"
row() {
  printf '%-34s %10.1f %7.2f %10.1f %7.2f\n' "$1" "$(echo "$mb / $2" | bc -l)" \
    "$(echo "$lib_wall / $2" | bc -l)" "$(echo "$mb / $3" | bc -l)" "$(echo "$lib_cpu / $3" | bc -l)"
}
row "library (bench/tag_throughput)" "$lib_wall" "$lib_cpu"
row "annals tag --format json FILES" "$files_wall" "$files_cpu"
row "annals tag --format json < JSONL" "$jsonl_wall" "$jsonl_cpu"
echo "(library wall: its tagging loop; library CPU: its whole process, reading the files included)"
