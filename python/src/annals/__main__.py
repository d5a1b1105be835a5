"""python -m annals tag|timeline: the command-line tool's JSON commands in Python.

Same inputs, same JSON as `annals tag --format json` and `annals timeline
--format json`, byte for byte, built on this package (annals.tag,
annals.annotate, annals.Timeline) rather than the C++ binary, which need not
be installed. Exit status as the CLI's: 0 done, 1 an input failed (or no
usable article), 2 usage error.
"""
import argparse
import datetime
import json
import sys

from . import _annals
from ._annals import Timeline, annotate, language_of, tag

_LANGS = ("en", "es", "fr", "de", "it", "pt", "und")

TAG_HELP = """\
Finds every time expression in each article and resolves it against the
article's date; writes one JSON object per article and line, as
`annals tag --format json` does: {"id", "dct", "lang", "timexes": [{"begin", "end"
(UTF-8 byte offsets in the file), "text", "type", "value", "mod"?, "first"?,
"last"?}]}. With no FILE, or FILE '-', reads standard input.

Input formats (detected from the name and first bytes unless --input):
  dated    ' date YYYY-MM-DD <article>' (the bundled examples/)
  plain    any UTF-8 text; needs --dct
  timeml   TimeML .tml or TempEval-3 .tml.TE3input (DCT from the file)
  jsonl    one {"id", "time", "text"} object a line (.jsonl, .jsonl.gz);
           streamed: one output line per input line, in order (on standard
           input give --input jsonl). A bad line is an output line
           {"line": N, "error": ...} of its own, so that a streaming mapper
           (Spark's RDD.pipe, Hadoop Streaming) keeps going.

Exit status: 0 when every input was tagged (JSONL: at least one line), 1 when
an input failed (reported on stderr as FILE:LINE: message), 2 on a usage error.
"""

TIMELINE_HELP = """\
Builds the timeline of the story told by the articles at PATH (a dated
article, a folder of them, a Timeline17 source folder, a JSONL file, or -
for JSONL on standard input; several PATHs form one corpus) and writes it
as `annals timeline --format json` does. For a single article, lists the
times the article itself mentions, in event-time order, each with its
sentence.

Inputs that cannot be read are skipped and listed under "skipped".
Exit status: 0 timeline written, 1 no usable article, 2 usage error.
"""


def _date(value):
    try:
        if len(value) != 10:
            raise ValueError
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a date YYYY-MM-DD") from None


def _int_in(lo, hi):
    def parse(value):
        try:
            n = int(value)
        except ValueError:
            n = None
        if n is None or not lo <= n <= hi:
            raise argparse.ArgumentTypeError(f"'{value}' is not a number from {lo} to {hi}")
        return n
    return parse


def _parser():
    ap = argparse.ArgumentParser(
        prog="python -m annals",
        description="Tag time expressions and build timelines (the annals CLI's JSON "
                    "commands, on the Python package).",
        epilog="Run `python -m annals COMMAND --help` for a command's options.")
    sub = ap.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    raw = argparse.RawDescriptionHelpFormatter

    t = sub.add_parser("tag", help="find and resolve time expressions (JSON lines)",
                       description=TAG_HELP, formatter_class=raw)
    t.add_argument("files", nargs="*", metavar="FILE", help="inputs (default: standard input)")
    t.add_argument("--dct", type=_date, help="document date YYYY-MM-DD (overrides the file's)")
    t.add_argument("--type", choices=["news", "narrative"], default="news",
                   help="anchor relative dates to the document date (news, default) or to the "
                        "last date mentioned (narrative)")
    t.add_argument("--format", choices=["json"], default="json",
                   help="json (the only format here; the CLI has text and timeml too)")
    t.add_argument("--lang", choices=["auto", "en", "es", "fr", "de", "it", "pt", "und"],
                   default="auto", help="the articles' language (auto: detected per article; a "
                   "JSONL \"lang\" field names it; und: numeric dates only)")
    t.add_argument("--input", choices=["auto", "dated", "plain", "timeml", "jsonl"],
                   default="auto", help="force the input format")
    t.add_argument("-o", "--output", help="write to this file instead of standard output")

    tl = sub.add_parser("timeline", help="the timeline of a corpus, or one article's events",
                        description=TIMELINE_HELP, formatter_class=raw)
    tl.add_argument("paths", nargs="+", metavar="PATH")
    tl.add_argument("--query", default="", help="keywords of the story (default: the "
                    "collection's dominant word)")
    tl.add_argument("--dates", type=_int_in(1, 100000), default=0,
                    help="at most this many dates (default: one per ~3 days, 5 to 50)")
    tl.add_argument("--sentences", type=_int_in(1, 1000), default=0,
                    help="at most this many sentences per date (default 2)")
    tl.add_argument("--from", dest="from_date", type=_date, help="first date (YYYY-MM-DD)")
    tl.add_argument("--to", dest="to_date", type=_date, help="last date (YYYY-MM-DD)")
    tl.add_argument("--format", choices=["json"], default="json",
                    help="json (the only format here; the CLI has text and tilse too)")
    tl.add_argument("--threads", type=_int_in(1, 256), default=0,
                    help="tagging threads (default: all cores)")
    tl.add_argument("--max-corpus-mb", type=_int_in(1, 1 << 30),
                    default=_annals._default_text_budget_mb(),
                    help="hold at most this many MiB of article text (default %(default)s, an "
                         "eighth of physical memory); inputs past it are skipped and reported")
    tl.add_argument("-o", "--output", help="write to this file instead of standard output")
    tl.add_argument("-q", "--quiet", action="store_true", help="no summary on stderr")
    return ap


def _compact(obj):
    # As the CLI's nlohmann::json dump(): keys sorted, no spaces, UTF-8.
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def _indented(obj):
    return json.dumps(obj, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _timex_json(t, offset):
    j = {"begin": t.byte_begin + offset, "end": t.byte_end + offset, "text": t.text,
         "type": t.type, "value": t.value}
    if t.mod is not None:
        j["mod"] = t.mod
    if t.interval is not None:
        j["first"], j["last"] = (d.isoformat() for d in t.interval)
    return j


def _say(command, message):
    print(f"annals {command}: {message}", file=sys.stderr)


class _Tagger:
    def __init__(self, args, out):
        self.args, self.out = args, out
        self.ok = self.failed = 0

    def emit(self, doc_id, dct, text, offset, lang=""):
        if self.args.lang != "auto":
            lang = self.args.lang
        elif lang not in _LANGS:
            if lang:
                _say("tag", f"unknown \"lang\" `{lang}` (known: en, es, fr, de, it, pt, und); "
                     "detected from the text instead")
            lang = language_of(text)
        timexes = [_timex_json(t, offset) for t in tag(text, dct, self.args.type, lang)]
        self.out.write(_compact({"id": doc_id, "dct": dct, "lang": lang,
                                 "timexes": timexes}) + "\n")

    def fail(self, message):
        self.failed += 1
        _say("tag", message)

    def run_file(self, path):
        name = "<stdin>" if path == "-" else path
        try:
            if path == "-":
                content = sys.stdin.buffer.read()
            else:
                with open(path, "rb") as f:
                    content = f.read()
        except OSError as e:
            return self.fail(f"{path}: cannot open: {e.strerror}")
        try:
            doc_id, dct, text, offset = _annals._read_article(name, path, content,
                                                              self.args.input, self.args.dct)
        except ValueError as e:
            return self.fail(str(e))
        self.emit(doc_id, dct, text, offset)
        self.ok += 1

    def run_jsonl(self, path):
        try:
            lines = _annals._Jsonl(path)
        except ValueError as e:
            return self.fail(str(e))
        good = bad = 0
        dct_override = self.args.dct.isoformat() if self.args.dct else None
        for line, doc_id, dct, text, lang in lines:
            if doc_id is None:  # dct is the message, text "file:line: message"
                bad += 1
                _say("tag", text)
                self.out.write(_compact({"line": line, "error": dct}) + "\n")
                continue
            good += 1
            self.emit(doc_id, dct_override or dct, text, 0, lang)
        _say("tag", f"{path}: {good} lines tagged, {bad} with errors")
        self.ok += good
        # Every bad line is an output line of its own: a mapper's run fails
        # only when nothing could be tagged (as the CLI).
        if bad and good == 0:
            self.failed += 1


def _open_output(path, command):
    if not path:
        return sys.stdout
    try:
        return open(path, "w", encoding="utf-8", newline="\n")
    except OSError as e:
        _say(command, f"{path}: {e.strerror}")
        return None


def run_tag(args):
    out = _open_output(args.output, "tag")
    if out is None:
        return 1
    tagger = _Tagger(args, out)
    try:
        for path in args.files or ["-"]:
            jsonl = args.input == "jsonl" or (args.input == "auto" and _annals._is_jsonl_path(path))
            (tagger.run_jsonl if jsonl else tagger.run_file)(path)
    finally:
        if out is not sys.stdout:
            out.close()
    return 1 if tagger.failed else 0


def _skipped_json(skipped):
    return [{"file": f, "line": line, "reason": reason} for f, line, reason in skipped]


def _events_json(doc, events, skipped):
    return {"id": doc.id, "dct": doc.date.isoformat(), "events": events,
            "skipped": _skipped_json(skipped)}


def _timeline_json(name, query, t, skipped):
    dates = []
    for e in t.entries:
        dates.append({
            "date": e.date.isoformat(),
            "score": e.score,
            "evidence": {"articles": e.articles, "mentions": e.mentions,
                         "published": e.published, "chronology": e.chronology},
            "sentences": [{"text": s.text, "id": s.doc_id, "published": s.published.isoformat(),
                           "score": s.score} for s in e.sentences],
        })
    return {"corpus": name, "query": query, "keywords": t.keywords,
            "automatic_keywords": t.automatic_keywords, "articles": t.documents,
            "sentences": t.sentences, "skipped": _skipped_json(skipped), "dates": dates}


def run_timeline(args, ap):
    if args.from_date and args.to_date and args.from_date > args.to_date:
        ap.error("--from is after --to")
    name, docs, skipped, out_of_range = _annals._load_inputs(
        args.paths, args.from_date, args.to_date, args.max_corpus_mb)
    if not args.quiet:
        loaded = f"loaded {len(docs)} article{'' if len(docs) == 1 else 's'}"
        if skipped:
            loaded += f"; {len(skipped)} skipped"
        if out_of_range:
            loaded += f"; {out_of_range} outside --from/--to"
        _say("timeline", loaded)
    if not docs:
        _say("timeline", "no usable article in the input")
        return 1
    if len(docs) == 1:
        doc = annotate(docs, threads=args.threads)[0]
        lo, hi = args.from_date, args.to_date
        events = [e for e in _annals._article_events(doc)
                  if not (lo and e["last"] < lo.isoformat()) and
                  not (hi and e["first"] > hi.isoformat())]
        text = _indented(_events_json(doc, events, skipped))
    else:
        t = Timeline(docs, query=args.query, max_dates=args.dates,
                     sentences_per_date=args.sentences, from_date=args.from_date,
                     to_date=args.to_date, threads=args.threads)
        if not args.quiet:
            _say("timeline", f"{len(t)} dates from {t.documents} of {len(docs)} articles")
        text = _indented(_timeline_json(name, args.query, t, skipped))
    out = _open_output(args.output, "timeline")
    if out is None:
        return 1
    try:
        out.write(text)
    finally:
        if out is not sys.stdout:
            out.close()
    return 0


def main(argv=None):
    ap = _parser()
    args = ap.parse_args(argv)
    # UTF-8 whatever the locale, as the CLI writes.
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding="utf-8", newline="\n")
    try:
        if args.command == "tag":
            return run_tag(args)
        return run_timeline(args, ap)
    except BrokenPipeError:  # `... | head`: the reader is gone, not an error of ours
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    sys.exit(main())
