#!/usr/bin/env bash
# annals' TempEval-3 scorer against the official toolkit: both score the same
# system output and must print the same strict, relaxed and value F1 (and
# precision and recall). Skips (exit 77) without ../shared, java or python2.
# Usage: te3_agreement_test.sh ANNALS_BIN SOURCE_DIR
# The sets (ANNALS_TE3_SETS, default "platinum wikiwars tweets de-heideltime"
# -- about 1 to 2 minutes of the toolkit's time on an idle machine): annals'
# own output on platinum, WikiWars train (narrative) and the tweets (where
# the toolkit stops at the first file holding a '|'), and HeidelTime's
# shipped output on KRAUTS. Also accepted: fr, pt-dev, pt-train, timebank,
# aquaint (TimeBank alone takes the toolkit several minutes).
set -u
bin=$1; src=$2
shared=$src/../shared
tk=$shared/tools/tempeval3-toolkit
. "$(dirname "$0")/check.sh"
export PYENV_VERSION=${PYENV_VERSION:-2.7.18}
if [ ! -d "$tk" ] || ! command -v java > /dev/null || ! python2 -c 'pass' 2> /dev/null; then
  echo "skipped: needs ../shared with the toolkit, java and python2 ($PYENV_VERSION)"
  exit 77
fi
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
data=$shared/data

# "F1 P R" of strict and relaxed, then value F1, from each printout.
ours() {
  awk '/^strict match/{s=$3" "$4" "$5} /^relaxed match/{r=$3" "$4" "$5} /^value /{v=$2}
       END{print s, r, v}'
}
theirs() {
  # Python prints round(x, 2) with str(): 100.0, 68.2; normalise to %.2f.
  awk '/^Strict Match/{getline; s=sprintf("%.2f %.2f %.2f", $1, $2, $3)}
       /^Relaxed Match/{getline; r=sprintf("%.2f %.2f %.2f", $1, $2, $3)}
       /^Attribute F1/{getline; v=sprintf("%.2f", $1)} END{print s, r, v}'
}

compare() {  # name gold_dir system_dir
  local name=$1 gold=$2 sys=$3 a o
  a=$("$bin" eval tempeval "$gold" "$sys" 2> "$tmp/$name.warn" | ours)
  o=$("$src/scripts/te3-official" "$gold" "$sys" "$tk" 2> /dev/null | theirs)
  echo "$name: annals $a | official $o"
  check "$name: official scorer printed figures" test -n "${o// /}"
  check "$name: annals agrees with the official scorer" test "$a" = "$o"
}

tag() {  # name set_dir [tag options]
  local name=$1 dir=$2; shift 2
  mkdir -p "$tmp/$name"
  "$bin" tag "$@" --format timeml --out-dir "$tmp/$name" "$data/$dir"/input/*.TE3input > /dev/null
  compare "$name" "$data/$dir/gold" "$tmp/$name"
}

for set in ${ANNALS_TE3_SETS:-platinum wikiwars tweets de-heideltime}; do
  case $set in
    platinum) tag platinum tempeval3/test-platinum ;;
    wikiwars) tag wikiwars wikiwars/train --type narrative ;;
    tweets)
      tag tweets tweets/train
      check "tweets: annals names the files the toolkit does not count" \
        grep -q "not counted" "$tmp/tweets.warn" ;;
    de-heideltime) compare de-heideltime "$data/krauts/dolomiten/gold" "$data/krauts/dolomiten/heideltime" ;;
    fr) tag fr fr-timebank/train ;;
    pt-dev) tag pt-dev timebankpt/dev ;;
    pt-train) tag pt-train timebankpt/train ;;
    timebank) compare timebank "$data/tempeval3/train/TimeBank" "$data/tempeval3/train/TimeBank" ;;
    aquaint) compare aquaint "$data/tempeval3/train/AQUAINT" "$data/tempeval3/train/AQUAINT" ;;
    *) check "known set $set" false ;;
  esac
done
finish te3_agreement
