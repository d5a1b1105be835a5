#!/usr/bin/env bash
# `annals review`: lists expression texts by count with values and contexts.
set -u
bin=$1
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/check.sh"
mkdir -p "$tmp/corpus"
printf ' date 2013-01-30 Talks resumed on Monday. On Monday the envoy left.\n' > "$tmp/corpus/a.txt"
printf ' date 2013-02-06 By Monday the deal was done, and in March 2011 it began.\n' > "$tmp/corpus/b.txt"
printf ' date 2013-02-07 Nothing dated here.\n' > "$tmp/corpus/c.txt"

"$bin" review "$tmp/corpus" > "$tmp/out" 2> "$tmp/err"; rc=$?
check "review exit 0" test $rc -eq 0
check "review: header counts articles and expressions" grep -q "^3 articles (en 3), 4 expressions, 2 distinct texts" "$tmp/out"
check "review: Monday first, x3, two values" grep -Eq "^ +3  Monday  -> DATE 2013-0(1-28|2-04) x2, DATE 2013-0(1-28|2-04) x1" "$tmp/out"
check "review: contexts bracket the expression" grep -q "\[Monday\]" "$tmp/out"
check "review: one context per article by default" test "$(grep -c '\[Monday\]' "$tmp/out")" -eq 2
check "review: contexts name the article" grep -q "(b.txt)" "$tmp/out"

"$bin" review --top 1 --contexts 0 "$tmp/corpus" > "$tmp/top" 2>&1
check "review --top 1 lists one text" test "$(grep -c ' -> ' "$tmp/top")" -eq 1
check "review --contexts 0 shows none" test "$(grep -c '\[' "$tmp/top")" -eq 0

printf ' date 2013-01-30 It was Monday, MONDAY, monday.\n' > "$tmp/corpus/d.txt"
"$bin" review --top 0 "$tmp/corpus" > "$tmp/cs" 2>&1
"$bin" review --top 0 --ignore-case "$tmp/corpus" > "$tmp/ic" 2>&1
sum=$(grep -iE '^ +[0-9]+  monday  -> ' "$tmp/cs" | awk '{s += $1} END {print s}')
check "review --ignore-case: one line for all spellings" \
  test "$(grep -ciE '^ +[0-9]+  monday  -> ' "$tmp/ic")" -eq 1
check "review --ignore-case: its count is their sum" \
  grep -qiE "^ +$sum  monday  -> " "$tmp/ic"

"$bin" review --format json "$tmp/corpus" > "$tmp/json" 2>&1; rc=$?
check "review json exit 0" test $rc -eq 0
check "review json has texts with counts" grep -q '"count": 3' "$tmp/json"
check "review json has contexts" grep -q '"contexts"' "$tmp/json"

# Each article is read in its own language; French "tue" (kills) is no Tuesday.
mkdir -p "$tmp/fr"
printf ' date 2013-01-30 Le régime tue son peuple depuis le 15 mars 2011, a dit le ministre mardi.\n' > "$tmp/fr/a.txt"
"$bin" review "$tmp/fr" > "$tmp/fr.out" 2>&1; rc=$?
check "review fr exit 0" test $rc -eq 0
check "review fr: header names the language" grep -q "^1 articles (fr 1)" "$tmp/fr.out"
check "review fr: French date read" grep -q "15 mars 2011  -> DATE 2011-03-15" "$tmp/fr.out"
check "review fr: tue is no weekday" test "$(grep -c '  tue  ' "$tmp/fr.out")" -eq 0
"$bin" review --lang en "$tmp/fr" > "$tmp/fr.en" 2>&1
check "review --lang en: read as English" grep -q "^1 articles (en 1)" "$tmp/fr.en"
"$bin" review --lang xx "$tmp/fr" 2> "$tmp/err"; rc=$?
check "review unknown --lang exit 2" test $rc -eq 2
check "review unknown --lang lists the codes" grep -q "auto, en, es" "$tmp/err"
"$bin" review --data "$tmp/nowhere" "$tmp/fr" 2> "$tmp/err"; rc=$?
check "review --data missing exit 1" test $rc -eq 1

"$bin" review --help | grep -q "Usage: annals review"; check "review --help" test $? -eq 0
"$bin" review 2> /dev/null; rc=$?
check "review without corpus exit 2" test $rc -eq 2
"$bin" review --top x "$tmp/corpus" 2> /dev/null; rc=$?
check "review bad --top exit 2" test $rc -eq 2
"$bin" review --bogus "$tmp/corpus" 2> /dev/null; rc=$?
check "review unknown option exit 2" test $rc -eq 2
mkdir -p "$tmp/empty"
"$bin" review "$tmp/empty" 2> "$tmp/err"; rc=$?
check "review of nothing usable exit 1" test $rc -eq 1
check "review of nothing usable says so" grep -q "no usable article" "$tmp/err"
finish review_cli
