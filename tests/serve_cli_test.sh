#!/usr/bin/env bash
# End-to-end checks of `annals ingest` and `annals serve`: help, exit codes,
# errors naming the file, a real server on a free port stopped by SIGTERM.
set -u
bin=$1; src=$2
tmp=$(mktemp -d)
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
. "$(dirname "$0")/check.sh"
corpus=$src/tests/data/serve_corpus.jsonl

"$bin" ingest --help | grep -q "Usage: annals ingest"; check "ingest --help" test $? -eq 0
"$bin" serve --help | grep -q "Usage: annals serve"; check "serve --help" test $? -eq 0
"$bin" ingest "$corpus" 2>/dev/null; check "ingest without --db: 2" test $? -eq 2
"$bin" ingest --db "$tmp/x.db" 2>/dev/null; check "ingest without PATH: 2" test $? -eq 2
"$bin" ingest --db "$tmp/x.db" --batch 0 "$corpus" 2>/dev/null; check "ingest --batch 0: 2" test $? -eq 2
"$bin" serve --port http 2>/dev/null; check "serve --port http: 2" test $? -eq 2
"$bin" serve --db "$tmp/missing.db" --port 0 2> "$tmp/err"; rc=$?
check "serve missing db: 1" test $rc -eq 1
check "serve missing db names it" grep -q "missing.db" "$tmp/err"

"$bin" ingest --db "$tmp/s.db" "$corpus" 2> "$tmp/err"; rc=$?
check "ingest fixture: 0" test $rc -eq 0
check "ingest summary line" grep -q "7 articles (7 added, 0 updated, 0 unchanged)" "$tmp/err"
check "no progress bar when not a terminal" test "$(grep -c $'\r' "$tmp/err")" -eq 0
"$bin" ingest --db "$tmp/s.db" "$corpus" 2> "$tmp/err"
check "ingest again: all unchanged" grep -q "7 articles (0 added, 0 updated, 7 unchanged)" "$tmp/err"

printf '%s\n' '{"id":"ok","time":"2020-01-02","text":"on Monday"}' 'not json' > "$tmp/bad.jsonl"
"$bin" ingest --db "$tmp/s.db" "$tmp/bad.jsonl" 2> "$tmp/err"; rc=$?
check "bad input line: 1" test $rc -eq 1
check "bad input names file and line" grep -q "bad.jsonl:2:" "$tmp/err"
check "the good line is stored" grep -q "1 added" "$tmp/err"

printf 'not a database' > "$tmp/junk.db"
"$bin" ingest --db "$tmp/junk.db" "$corpus" 2> "$tmp/err"; rc=$?
check "ingest into a non-store: 1" test $rc -eq 1
check "non-store error names the file" grep -q "junk.db" "$tmp/err"

"$bin" serve --db "$tmp/s.db" --port 0 > "$tmp/out" 2> "$tmp/serr" &
server=$!
for _ in $(seq 100); do grep -q "listening on" "$tmp/out" 2>/dev/null && break; sleep 0.1; done
url=$(grep -o 'http://[0-9.]*:[0-9]*' "$tmp/out")
check "serve prints its URL" test -n "$url"
check "binds 127.0.0.1 by default" grep -q "http://127.0.0.1:" "$tmp/out"
curl -s "$url/healthz" > "$tmp/health"
check "healthz" grep -q '"articles":8' "$tmp/health"
code=$(curl -s -o "$tmp/body" -w '%{http_code}' "$url/api/timeline?dates=x")
check "bad parameter: 400" test "$code" = 400
check "bad parameter: JSON error" grep -q '"error"' "$tmp/body"
kill -TERM "$server"; wait "$server"; rc=$?; server=""
check "SIGTERM stops the server with 0" test $rc -eq 0

finish serve-cli
