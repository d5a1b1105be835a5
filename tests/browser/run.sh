#!/usr/bin/env bash
# Browser test of the web UI: ingests the fixture corpus, starts
# `annals serve` on a free port, runs ui.test.mjs in headless Debian Chromium
# (playwright-core, no browser download), stops the server. Then
# timelinejs.test.mjs opens timelines written as TimelineJS in TimelineJS
# itself (npm @knight-lab/timelinejs, served from this folder). Screenshots go to
# OUT_DIR (default: the annals binary's directory).
# Usage: tests/browser/run.sh ANNALS_BINARY [OUT_DIR]
set -euo pipefail
bin=$(realpath "$1")
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
out=$(realpath -m "${2:-$(dirname "$bin")}")
tmp=$(mktemp -d)
server=""
cleanup() { if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi; rm -rf "$tmp"; }
trap cleanup EXIT

if [ ! -d "$here/node_modules/playwright-core" ] || [ ! -d "$here/node_modules/@knight-lab/timelinejs" ] || [ "$here/package-lock.json" -nt "$here/node_modules/.package-lock.json" ]; then
  (cd "$here" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --silent)
fi

"$bin" ingest -q --db "$tmp/ui.db" "$src/tests/data/serve_corpus.jsonl"
"$bin" serve --db "$tmp/ui.db" --port 0 > "$tmp/serve.out" 2> "$tmp/serve.err" &
server=$!
for _ in $(seq 100); do grep -q "listening on" "$tmp/serve.out" 2>/dev/null && break; sleep 0.1; done
url=$(grep -o 'http://[0-9.]*:[0-9]*' "$tmp/serve.out" || true)
if [ -z "$url" ]; then echo "annals serve did not start:"; cat "$tmp/serve.err"; exit 1; fi

# TimelineJS files for timelinejs.test.mjs, each also as annals JSON: a
# Timeline17 topic's timeline when ../shared is there (else the fixture
# corpus's), the events of the bundled example article (months and weeks);
# one with no dates; the server's download of the fixture store.
tl=$tmp/timelinejs
mkdir -p "$tl"
t17=$src/../shared/data/t17
story=("$src/tests/data/serve_corpus.jsonl")
if [ -d "$t17/bpoil_bbc" ]; then story=("$t17/bpoil_bbc"); fi
"$bin" timeline -q --format timelinejs -o "$tl/story.timelinejs.json" "${story[@]}"
"$bin" timeline -q --format json -o "$tl/story.annals.json" "${story[@]}"
article=$src/examples/reuters-2013-01-30-syria-opposition-talks.txt
"$bin" timeline -q --format timelinejs -o "$tl/article.timelinejs.json" "$article"
"$bin" timeline -q --format json -o "$tl/article.annals.json" "$article"
"$bin" timeline -q --format timelinejs --query xyzzyplugh -o "$tl/empty.timelinejs.json" "${story[@]}"
curl -sf "$url/api/timeline?q=security+note&format=timelinejs" -o "$tl/served.timelinejs.json"
echo "TimelineJS test input: ${story[*]}"

cd "$here"
ANNALS_URL=$url ANNALS_SCREENSHOT_DIR=$out ANNALS_TIMELINEJS_DIR=$tl timeout 300 \
  node --test --test-reporter=spec ui.test.mjs timelinejs.test.mjs
echo "screenshots: $out/ui-timeline.png $out/ui-article.png $out/timelinejs-story.png"
