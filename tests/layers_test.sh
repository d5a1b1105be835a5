#!/usr/bin/env bash
# Dependencies point one way (README, "How it is built"):
#   text → time → tagger → corpus → timeline → store → server → app
# with eval beside timeline, not above it: the evaluation reads corpora and
# timelines as files and must not share code with the summarizer it scores.
# A file may include the headers of its own layer and of the layers it is
# allowed to use; a public header (include/annals/) belongs to the layer
# that implements it. Usage: layers_test.sh SOURCE_DIR
set -u
root=${1:?usage: layers_test.sh SOURCE_DIR}
. "$(dirname "$0")/check.sh"

declare -A uses=(
  [text]="text"
  [time]="text time"
  [tagger]="text time tagger"
  [corpus]="text time tagger corpus"
  [timeline]="text time tagger corpus timeline"
  [eval]="text time tagger corpus eval"
  [store]="text time tagger corpus timeline store"
  [server]="text time tagger corpus timeline store server"
  [app]="text time tagger corpus timeline eval store server app"
)
declare -A public=(
  [date.h]=time [timex.h]=time [tagger.h]=tagger [document.h]=corpus [timeline.h]=timeline
)

# The layer of an included path ("corpus/readers.h", "annals/date.h"), or
# nothing for a header outside the project.
layer_of() {
  case $1 in
    annals/*) echo "${public[${1#annals/}]:-unknown}" ;;
    */*) [ -n "${uses[${1%%/*}]:-}" ] && echo "${1%%/*}" ;;
  esac
}

# Checks every project include of FILE against LAYER; prints the offenders.
check_file() {
  local file=$1 layer=$2 ok=0 inc to
  while read -r inc; do
    to=$(layer_of "$inc")
    [ -z "$to" ] && continue
    if [ "$to" = unknown ] || [[ " ${uses[$layer]} " != *" $to "* ]]; then
      echo "  $file ($layer) includes $inc ($to)"
      ok=1
    fi
  done < <(sed -n 's/^#include "\([^"]*\)".*/\1/p' "$file")
  return $ok
}

checked=0
for dir in "$root"/src/*/; do
  layer=$(basename "$dir")
  check "src/$layer is a known layer" test -n "${uses[$layer]:-}"
  [ -n "${uses[$layer]:-}" ] || continue
  for f in "$dir"*.h "$dir"*.cc; do
    [ -e "$f" ] || continue
    check "${f#"$root"/}" check_file "$f" "$layer"
    checked=$((checked + 1))
  done
done
for f in "$root"/include/annals/*.h; do
  name=$(basename "$f")
  check "include/annals/$name has a layer" test -n "${public[$name]:-}"
  [ -n "${public[$name]:-}" ] || continue
  check "include/annals/$name" check_file "$f" "${public[$name]}"
  checked=$((checked + 1))
done
# The check itself must see the tree: every layer has files.
check "files checked ($checked)" test "$checked" -gt 50

# The checker catches what it is for: an upward include and an unknown
# public header fail, an allowed one passes.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf '#include "timeline/stages.h"\n' > "$tmp/up.cc"
printf '#include "annals/secret.h"\n' > "$tmp/unknown.cc"
printf '#include "text/utf8.h"\n#include "annals/date.h"\n#include <vector>\n' > "$tmp/down.cc"
check "an upward include is caught" eval '! check_file "$tmp/up.cc" tagger >/dev/null'
check "eval may not use timeline" eval '! check_file "$tmp/up.cc" eval >/dev/null'
check "an unknown public header is caught" eval '! check_file "$tmp/unknown.cc" app >/dev/null'
check "a downward include passes" check_file "$tmp/down.cc" tagger

finish layers
