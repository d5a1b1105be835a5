#!/usr/bin/env bash
# End-to-end checks of the annals CLI: formats, exit codes, bad input.
set -u
bin=$1; src=$2
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/check.sh"
seed=$src/examples/reuters-2013-01-30-syria-opposition-talks.txt

"$bin" tag --format json "$seed" > "$tmp/seed.json"; rc=$?
check "seed exit 0" test $rc -eq 0
check "seed: Wednesday -> 2013-01-30" grep -q '"text":"Wednesday","type":"DATE","value":"2013-01-30"' "$tmp/seed.json"
check "seed: March 2011" grep -q '"value":"2011-03"' "$tmp/seed.json"
check "seed: 22-month-old" grep -q '"value":"P22M"' "$tmp/seed.json"

"$bin" tag --format text "$seed" > "$tmp/seed.txt"
check "text listing names the document date" grep -q "document date 2013-01-30" "$tmp/seed.txt"

check "seed JSON names its language" grep -q '"id":"[^"]*","lang":"en","timexes"' "$tmp/seed.json"
check "text listing names the language" grep -q "language en" "$tmp/seed.txt"

# Languages: --lang checked, a JSONL "lang" honoured, a wrong one reported
# and the text's own language used, the line kept.
"$bin" tag --lang xx --dct 2013-01-30 "$tmp/none" 2> "$tmp/err"; rc=$?
check "--lang xx: usage error 2" test $rc -eq 2
check "--lang xx: lists the languages" grep -q "auto, en, es, fr, de, it, pt, und" "$tmp/err"
printf '%s\n' '{"id":"a","time":"2013-01-30","text":"He left on Friday.","lang":"en"}' \
  '{"id":"b","time":"2013-01-30","text":"He left on Friday.","lang":"und"}' \
  '{"id":"c","time":"2013-01-30","text":"He left on Friday, the minister said.","lang":"klingon"}' \
  '{"id":"d","time":"2013-01-30","text":"He left on Friday.","lang":7}' > "$tmp/langs.jsonl"
"$bin" tag --format json "$tmp/langs.jsonl" > "$tmp/langs.json" 2> "$tmp/err"; rc=$?
check "JSONL lang: exit 0 (bad lines are output lines)" test $rc -eq 0
check "JSONL lang en: tagged as English" grep -q '"id":"a","lang":"en","timexes":\[{' "$tmp/langs.json"
check "JSONL lang und: numeric dates only" grep -q '"id":"b","lang":"und","timexes":\[\]' "$tmp/langs.json"
check "JSONL unknown lang: detected, not dropped" grep -q '"id":"c","lang":"en"' "$tmp/langs.json"
check "JSONL unknown lang: reported with its line" grep -q 'langs.jsonl:3: unknown "lang" `klingon`' "$tmp/err"
check "JSONL lang not a string: an error line" grep -q '"lang\\" is a number' "$tmp/langs.json"
printf 'Встреча 2011-03-15 в Москве, сказал он журналистам в среду.' > "$tmp/ru.txt"
"$bin" tag --dct 2013-01-30 --format json "$tmp/ru.txt" > "$tmp/ru.json"; rc=$?
check "Russian text: numeric date, reported as und" grep -q '"lang":"und","timexes":\[{[^]]*"value":"2011-03-15"}\]' "$tmp/ru.json"
"$bin" rules > /dev/null 2> "$tmp/err"; rc=$?
check "annals rules: every example of every language passes" test $rc -eq 0
check "annals rules: reports each language" grep -q "annals rules: pt:" "$tmp/err"
"$bin" rules --lang xx 2> /dev/null; rc=$?
check "annals rules --lang xx: exit 2" test $rc -eq 2
# --data DIR: a word added to a copy of data/ is read by tag, timeline and
# bench without a rebuild; a malformed file is exit 1 naming it.
cp -r "$src/data" "$tmp/data"
printf 'fryday\t5\n' >> "$tmp/data/en/lexicon/weekday.tsv"
mkdir -p "$tmp/dd"
printf ' date 2013-01-30 Talks broke down on Fryday, the minister said on Fryday evening.\n' > "$tmp/dd/a.txt"
"$bin" tag --data "$tmp/data" --format json "$tmp/dd/a.txt" > "$tmp/dd.json"; rc=$?
check "tag --data: exit 0" test $rc -eq 0
check "tag --data: the added word is read" grep -q '"text":"Fryday","type":"DATE","value":"2013-01-25"' "$tmp/dd.json"
"$bin" tag --format json "$tmp/dd/a.txt" > "$tmp/dd0.json"
check "tag without --data: the compiled-in words" test "$(grep -c Fryday "$tmp/dd0.json")" -eq 0
"$bin" timeline -q --data "$tmp/data" --format json "$tmp/dd/a.txt" > "$tmp/ddt.json"; rc=$?
check "timeline --data: exit 0" test $rc -eq 0
check "timeline --data: the added word dates an event" grep -q '"2013-01-25"' "$tmp/ddt.json"
printf 'rule: broken\n  pattern: <nosuchclass>\n' > "$tmp/data/en/rules/zz.rules"
"$bin" tag --data "$tmp/data" "$tmp/dd/a.txt" > /dev/null 2> "$tmp/err"; rc=$?
check "tag --data with a malformed rule: exit 1" test $rc -eq 1
check "tag --data with a malformed rule: names the file" grep -q "zz.rules" "$tmp/err"
"$bin" timeline -q --data "$tmp/data" "$tmp/dd/a.txt" > /dev/null 2> "$tmp/err"; rc=$?
check "timeline --data with a malformed rule: exit 1" test $rc -eq 1
check "timeline --data with a malformed rule: names the file" grep -q "zz.rules" "$tmp/err"
mkdir -p "$tmp/t17/Story_src/InputDocs/2013-01-30" "$tmp/t17/Story_src/timelines"
printf 'Talks broke down on Fryday.\n' > "$tmp/t17/Story_src/InputDocs/2013-01-30/a.txt"
printf '2013-01-25\nTalks broke down.\n--------------------------------\n2013-01-30\nThey met.\n' \
  > "$tmp/t17/Story_src/timelines/tl.txt"
"$bin" bench t17 --data "$tmp/data" "$tmp/t17" > /dev/null 2> "$tmp/err"; rc=$?
check "bench --data with a malformed rule: exit 1" test $rc -eq 1
check "bench --data with a malformed rule: names the file" grep -q "zz.rules" "$tmp/err"
rm "$tmp/data/en/rules/zz.rules"

"$bin" tag --format timeml "$seed" > "$tmp/seed.tml"
check "timeml output has TIMEX3" grep -q '<TIMEX3 tid="t1"' "$tmp/seed.tml"

printf 'He left on Friday.' > "$tmp/plain.txt"
"$bin" tag "$tmp/plain.txt" 2> "$tmp/err"; rc=$?
check "plain without --dct fails with 1" test $rc -eq 1
check "plain without --dct names the file" grep -q "plain.txt" "$tmp/err"
"$bin" tag --dct 2013-01-30 --format json "$tmp/plain.txt" > "$tmp/out"; rc=$?
check "plain with --dct" test $rc -eq 0

printf 'He was arrested on March 3, 2011. Three days later he was freed.' > "$tmp/story.txt"
"$bin" tag --dct 2013-01-30 --type narrative --format json "$tmp/story.txt" > "$tmp/narr.json"
check "narrative: 'three days later' counts from the last date" \
  grep -q '"text":"Three days later","type":"DATE","value":"2011-03-06"' "$tmp/narr.json"
"$bin" tag --dct 2013-01-30 --format json "$tmp/story.txt" > "$tmp/news.json"
check "news: 'three days' stays a duration" grep -q '"text":"Three days","type":"DURATION"' "$tmp/news.json"
check "plain with --dct value" grep -q '"value":"2013-01-25"' "$tmp/out"

printf ' date 2013-13-45 text' > "$tmp/bad.txt"
"$bin" tag "$tmp/bad.txt" 2> "$tmp/err"; rc=$?
check "malformed header exit 1" test $rc -eq 1
check "malformed header message names file and line" grep -q "bad.txt:1" "$tmp/err"

printf ' date 2013-01-30 caf\xc3 ok\n' > "$tmp/utf.txt"
"$bin" tag "$tmp/utf.txt" 2> "$tmp/err"; rc=$?
check "invalid utf-8 exit 1" test $rc -eq 1

: > "$tmp/empty.txt"
"$bin" tag "$tmp/empty.txt" 2> /dev/null; rc=$?
check "empty file exit 1" test $rc -eq 1

printf '%s\n' '{"id":"a","time":"2013-01-30","text":"on Monday"}' 'not json' \
  '{"id":"c","text":"no time"}' '{"id":"d","time":"2013-01-30","text":"next week"}' > "$tmp/in.jsonl"
"$bin" tag --format json --input jsonl - < "$tmp/in.jsonl" > "$tmp/out.jsonl" 2> "$tmp/err"
check "jsonl: one output line per input line" test "$(wc -l < "$tmp/out.jsonl")" -eq 4
check "jsonl: order kept" test "$(sed -n 4p "$tmp/out.jsonl" | grep -c '"id":"d"')" -eq 1
check "jsonl: error line for bad JSON" test "$(sed -n 2p "$tmp/out.jsonl" | grep -c '"error"')" -eq 1
check "jsonl: summary on stderr" grep -q "2 lines tagged, 2 with errors" "$tmp/err"

"$bin" tag --bogus 2> /dev/null; rc=$?
check "unknown option exit 2" test $rc -eq 2
"$bin" tag --help | grep -q "Usage: annals tag"; check "tag --help" test $? -eq 0

# --- annals timeline -------------------------------------------------------
"$bin" timeline -q "$seed" > "$tmp/events.txt"; rc=$?
check "timeline on one article: exit 0" test $rc -eq 0
# Events in event-time order: the uprising, the Elysee meeting, the speech
# three weeks back, the day of the article.
order=$(awk '/^[0-9]/ { v = ($2 == "..") ? $4 : $2; print v }' "$tmp/events.txt" |
        grep -x -E '2011-03|2012-11-17|2013-W02|2013-01-30' | tr '\n' ,)
check "timeline events in event-time order ($order)" test "$order" = "2011-03,2012-11-17,2013-W02,2013-01-30,"
"$bin" timeline -q --format json "$seed" > "$tmp/events.json"
check "timeline events json" grep -q '"value": "2013-01-30"' "$tmp/events.json"
"$bin" timeline -q --format tilse "$seed" > "$tmp/events.tilse"
check "timeline events tilse has a date line" grep -qx '2011-03-01' "$tmp/events.tilse"

mkdir -p "$tmp/corpus"
printf ' date 2010-04-21 An oil rig exploded on Tuesday in the Gulf. Oil is leaking.\n' > "$tmp/corpus/a.txt"
printf ' date 2010-04-25 Oil from the well that blew out on April 20 reached the coast.\n' > "$tmp/corpus/b.txt"
printf ' date 2010-05-02 Since the oil rig explosion on April 20, oil has leaked.\n' > "$tmp/corpus/c.txt"
: > "$tmp/corpus/empty.txt"
printf ' date 2010-13-02 Oil, in month thirteen.\n' > "$tmp/corpus/bad.txt"
"$bin" timeline --format json --dates 1 --sentences 1 "$tmp/corpus" > "$tmp/tl.json" 2> "$tmp/err"; rc=$?
check "timeline on a folder: exit 0" test $rc -eq 0
check "timeline picks the day named most" grep -q '"date": "2010-04-20"' "$tmp/tl.json"
check "timeline json lists skipped files" grep -q 'bad.txt' "$tmp/tl.json"
check "timeline json gives evidence" grep -q '"mentions": 3' "$tmp/tl.json"
check "timeline stderr counts skipped" grep -q '2 skipped' "$tmp/err"
"$bin" timeline -q --format tilse --dates 1 "$tmp/corpus" > "$tmp/tl.tilse"
check "timeline tilse: date line" test "$(head -1 "$tmp/tl.tilse")" = "2010-04-20"
check "timeline tilse: 32 dashes" grep -qx -- '--------------------------------' "$tmp/tl.tilse"
"$bin" timeline -q --from 2010-04-26 --dates 1 "$tmp/corpus" > "$tmp/tl.txt"
check "timeline --from keeps earlier days out" test "$(grep -c 2010-04-20 "$tmp/tl.txt")" -eq 0

# A chronology in the corpus: its entries carry their coverage as evidence.
cp -r "$tmp/corpus" "$tmp/chron" && rm "$tmp/chron/bad.txt" "$tmp/chron/empty.txt"
printf ' date 2010-05-03 A timeline of the oil spill :\nApril 21 - The oil rig explodes .\nApril 28 - Oil reaches the coast .\nMay 2 - An oil dome fails .\n' > "$tmp/chron/d.txt"
"$bin" timeline -q --format json --dates 2 --sentences 1 "$tmp/chron" > "$tmp/chron.json"
check "timeline json: a chronology entry's coverage" grep -q '"chronology": 0.923' "$tmp/chron.json"
"$bin" timeline -q --dates 2 --sentences 1 "$tmp/chron" > "$tmp/chron.txt"
check "timeline text names the chronology" grep -q 'listed by a chronology spanning 92% of the range' "$tmp/chron.txt"

# --- exports: TimelineJS and CSV --------------------------------------------
# Text with quotes, commas, markup and non-ASCII; checked against the JSON
# output of the same timeline with Python's json and Debian's pandas.
mkdir -p "$tmp/export"
cp "$tmp/corpus/a.txt" "$tmp/corpus/b.txt" "$tmp/corpus/c.txt" "$tmp/export/"
printf ' date 2010-04-23 The oil "slick", officials said, reached Île Dauphine on April 20 — <b>fast</b> & wide.\n' > "$tmp/export/d.txt"
"$bin" timeline -q --format json --sentences 3 "$tmp/export" > "$tmp/export.json"
"$bin" timeline -q --format timelinejs --sentences 3 "$tmp/export" > "$tmp/export.tjs.json"; rc=$?
check "timelinejs: exit 0" test $rc -eq 0
"$bin" timeline -q --format csv --sentences 3 -o "$tmp/export.csv" "$tmp/export"; rc=$?
check "csv: exit 0" test $rc -eq 0
check "csv: RFC 4180 header and CRLF" test "$(head -1 "$tmp/export.csv")" = $'date,rank,sentence,article_id,published,collection\r'
cat > "$tmp/export_check.py" <<'EOF'
# Usage: export_check.py ANNALS_JSON TIMELINEJS_JSON CSV
# The TimelineJS file and the CSV hold exactly the annals JSON's dates and
# sentences; pandas reads the CSV back to the same rows.
import html, json, re, sys
import pandas as pd
annals = json.load(open(sys.argv[1], encoding="utf-8"))
tjs = json.load(open(sys.argv[2], encoding="utf-8"))
want = [(d["date"], str(i + 1), s["text"], s["id"], s["published"], annals["corpus"])
        for d in annals["dates"] for i, s in enumerate(d["sentences"])]
assert want, "the timeline has sentences"
frame = pd.read_csv(sys.argv[3], dtype=str, keep_default_na=False)
assert list(frame.columns) == ["date", "rank", "sentence", "article_id", "published", "collection"], list(frame.columns)
got = [tuple(r) for r in frame.itertuples(index=False)]
assert got == want, (got, want)
typed = pd.read_csv(sys.argv[3], parse_dates=["date", "published"])  # a newsroom's first read
assert len(typed) == len(want) and str(typed["date"].dtype).startswith("datetime64"), typed.dtypes
assert tjs["title"]["text"]["headline"] == html.escape(", ".join(annals["keywords"])), tjs["title"]
assert annals["corpus"] in html.unescape(tjs["title"]["text"]["text"])
assert len(tjs["events"]) == len(annals["dates"])
for e, d in zip(tjs["events"], annals["dates"]):
    s = e["start_date"]
    assert "%04d-%02d-%02d" % (s["year"], s["month"], s["day"]) == d["date"], (s, d["date"])
    paragraphs = re.findall(r"<p>(.*?)<br><cite>(.*?), published (\d{4}-\d\d-\d\d)</cite></p>", e["text"]["text"])
    assert [(html.unescape(t), html.unescape(i), p) for t, i, p in paragraphs] == \
        [(x["text"], x["id"], x["published"]) for x in d["sentences"]], (paragraphs, d["sentences"])
    assert "<b>" not in e["text"]["text"]
print("rows", len(got), "dates", len(tjs["events"]))
EOF
/usr/bin/python3 "$tmp/export_check.py" "$tmp/export.json" "$tmp/export.tjs.json" "$tmp/export.csv" > "$tmp/export_check.out" 2>&1; rc=$?
[ $rc -eq 0 ] || cat "$tmp/export_check.out"
check "exports: TimelineJS and CSV (read by pandas) give the JSON's dates and sentences exactly ($(tail -1 "$tmp/export_check.out"))" test $rc -eq 0
check "exports: the quoted, non-ASCII sentence is in the CSV" grep -q '"The oil ""slick"", officials said, reached Île Dauphine' "$tmp/export.csv"
# No dates (no article holds the query): a title slide only, the header only.
"$bin" timeline -q --format timelinejs --query nowhere-at-all "$tmp/export" > "$tmp/none.tjs.json"; rc=$?
check "timelinejs without dates: exit 0" test $rc -eq 0
check "timelinejs without dates: valid, title slide, events []" /usr/bin/python3 -c '
import json, sys; j = json.load(open(sys.argv[1])); assert j["events"] == [] and j["title"]["text"]["headline"] == "nowhere-at-all", j' "$tmp/none.tjs.json"
"$bin" timeline -q --format csv --query nowhere-at-all "$tmp/export" > "$tmp/none.csv"
check "csv without dates: the header only" test "$(cat "$tmp/none.csv")" = $'date,rank,sentence,article_id,published,collection\r'
# One article: its events, at their precision (March 2011 is a month).
"$bin" timeline -q --format timelinejs "$seed" > "$tmp/seed.tjs.json"
check "timelinejs of one article: March 2011 as a month" /usr/bin/python3 -c '
import json, sys; j = json.load(open(sys.argv[1]))
assert {"year": 2011, "month": 3} in [e["start_date"] for e in j["events"]], j["events"]' "$tmp/seed.tjs.json"
"$bin" timeline -q --format csv "$seed" > "$tmp/seed.csv"
check "csv of one article: a 2011-03 row" grep -q '^2011-03,1,' "$tmp/seed.csv"

mkdir -p "$tmp/nothing"
"$bin" timeline -q "$tmp/nothing" 2> "$tmp/err"; rc=$?
check "timeline on an empty folder: exit 1" test $rc -eq 1
check "timeline on an empty folder says so" grep -q "no usable article" "$tmp/err"
"$bin" timeline -q "$tmp/missing" 2> /dev/null; rc=$?
check "timeline on a missing path: exit 1" test $rc -eq 1
"$bin" timeline --dates 0 "$seed" 2> /dev/null; rc=$?
check "timeline --dates 0: exit 2" test $rc -eq 2
"$bin" timeline --from 2013-02-30 "$seed" 2> /dev/null; rc=$?
check "timeline impossible --from: exit 2" test $rc -eq 2
"$bin" timeline --help | grep -q "Usage: annals timeline"; check "timeline --help" test $? -eq 0
# The README's first demo is this command's output, byte for byte.
sed -n '/^\$ build\/annals timeline examples\//,/^```/p' "$src/README.md" | sed '1d;$d' > "$tmp/readme_demo.txt"
(cd "$src/examples" && "$bin" timeline reuters-2013-01-30-syria-opposition-talks.txt 2> /dev/null) | sed '$d' > "$tmp/demo.txt"
check "README demo is the output of annals timeline" test -s "$tmp/readme_demo.txt" -a -z "$(diff "$tmp/readme_demo.txt" "$tmp/demo.txt")"
"$bin" timeline --help | grep -Eq "physical memory, [0-9]+ MiB here"
check "timeline --help states the default text budget" test $? -eq 0
# One text budget for all PATHs: the second file is past it, reported, not read.
big=$(head -c 700000 /dev/zero | tr '\0' 'x')
printf '{"id": "p1", "time": "2013-01-30", "text": "Talks on Monday. %s"}\n' "$big" > "$tmp/p1.jsonl"
printf '{"id": "p2", "time": "2013-01-31", "text": "Talks on Tuesday. %s"}\n' "$big" > "$tmp/p2.jsonl"
printf '{"id": "p3", "time": "2013-02-01", "text": "Small, but after the cut."}\n' > "$tmp/p3.jsonl"
"$bin" timeline --max-corpus-mb 1 --format json "$tmp/p1.jsonl" "$tmp/p2.jsonl" "$tmp/p3.jsonl" > "$tmp/budget.json" 2> "$tmp/err"; rc=$?
check "timeline over the text budget: exit 0 with what fits" test $rc -eq 0
check "timeline over the text budget: the rest is reported" grep -q "text budget" "$tmp/err"
check "timeline over the text budget: listed in JSON with its file" grep -q 'p2.jsonl' "$tmp/budget.json"
check "timeline over the text budget: later paths are not read" grep -q 'not read: over the corpus text budget' "$tmp/err"
check "timeline over the text budget: the unread path is in JSON" grep -q 'p3.jsonl' "$tmp/budget.json"

# --- annals bench t17 (needs ../shared) -------------------------------------
t17=$src/../shared/data/t17
if [ -d "$t17" ]; then
  "$bin" bench t17 "$t17" --topic MJ --out "$tmp/pred" > "$tmp/bench.txt"; rc=$?
  check "bench t17: exit 0" test $rc -eq 0
  check "bench t17: one row per task and the average" grep -q "average of 1 tasks" "$tmp/bench.txt"
  check "bench t17: prediction written by reference folder and name" test -s "$tmp/pred/MJ_bbc/bbc.co.uk.txt"
  "$bin" eval timeline "$tmp/pred/MJ_bbc/bbc.co.uk.txt" "$t17/MJ_bbc/timelines/bbc.co.uk.txt" --json > "$tmp/eval.json"
  check "bench predictions score with eval timeline" grep -q '"align_m1"' "$tmp/eval.json"
  # The scores the bench prints are the ones eval timeline gives for its file.
  f_bench=$(grep '^MJ_bbc' "$tmp/bench.txt" | awk '{print $6}')
  f_eval=$("$bin" eval timeline "$tmp/pred/MJ_bbc/bbc.co.uk.txt" "$t17/MJ_bbc/timelines/bbc.co.uk.txt" |
           awk '/^align\+ m:1/ {printf "%.3f", $5}')
  check "bench and eval timeline agree ($f_bench vs $f_eval)" test -n "$f_bench" -a "$f_bench" = "$f_eval"
else
  echo "cli: ../shared absent, bench t17 checks skipped"
fi
"$bin" bench t17 2> /dev/null; rc=$?
check "bench without DIR: exit 2" test $rc -eq 2
"$bin" bench nope 2> /dev/null; rc=$?
check "unknown bench: exit 2" test $rc -eq 2

finish cli
