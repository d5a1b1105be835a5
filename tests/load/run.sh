#!/usr/bin/env bash
# Load test of /api/timeline with wrk on a store of the Timeline17 corpus
# (../shared/data/t17; skipped when absent). Ingests the corpus (printing
# the ingest rate), starts `annals serve` on a free port, runs wrk at 64
# connections, and fails on any error or non-2xx answer.
# Usage: tests/load/run.sh ANNALS_BINARY [SECONDS]
set -euo pipefail
bin=$(realpath "$1")
secs=${2:-10}
here=$(cd "$(dirname "$0")" && pwd)
t17=$(cd "$here/../.." && pwd)/../shared/data/t17
if [ ! -d "$t17" ]; then echo "load test: skipped ($t17 absent)"; exit 0; fi
command -v wrk >/dev/null || { echo "load test: wrk not installed (scripts/deps)"; exit 1; }
tmp=$(mktemp -d)
server=""
cleanup() { if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi; rm -rf "$tmp"; }
trap cleanup EXIT

# Empty T17 files are reported and skipped (exit 1); the rest is stored.
"$bin" ingest --db "$tmp/t17.db" "$t17"/*_* 2>&1 | grep "articles/s" || true
"$bin" serve --db "$tmp/t17.db" --port 0 > "$tmp/serve.out" 2> "$tmp/serve.err" &
server=$!
for _ in $(seq 100); do grep -q "listening on" "$tmp/serve.out" 2>/dev/null && break; sleep 0.1; done
url=$(grep -o 'http://[0-9.]*:[0-9]*' "$tmp/serve.out" || true)
[ -n "$url" ] || { echo "annals serve did not start:"; cat "$tmp/serve.err"; exit 1; }
# Uncached answers (each query's first request builds its timeline).
for q in egypt libya syria iraq "michael+jackson" bank "oil+spill" ""; do
  t=$(curl -sf -o /dev/null -w '%{time_total}' "$url/api/timeline?q=$q")
  echo "uncached /api/timeline?q=$q: $(awk -v t="$t" 'BEGIN{printf "%.0f", t*1000}') ms"
done
# The load: q=oil, after one request that builds and caches its answer.
# (From a cold start all 64 connections wait for that one build, and wrk's
# coordinated-omission correction turns that single stall into a p99 near
# the build time.)
curl -sf -o /dev/null "$url/api/timeline?q=oil"
wrk -t2 -c64 -d"${secs}s" --timeout 5s --latency "$url/api/timeline?q=oil" | tee "$tmp/wrk.txt"
if grep -qE "Non-2xx|Socket errors" "$tmp/wrk.txt"; then echo "load test: errors"; exit 1; fi
echo "load test: $(grep 'Requests/sec' "$tmp/wrk.txt" | awk '{print $2}') requests/s, p99 $(grep ' 99%' "$tmp/wrk.txt" | awk '{print $2}'), 0 errors"
