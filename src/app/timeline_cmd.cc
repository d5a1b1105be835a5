// `annals timeline`: the timeline of a corpus, or the events of one article.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "annals/tagger.h"
#include "annals/timeline.h"
#include "app/args.h"
#include "app/commands.h"
#include "app/taggers.h"
#include "corpus/collection.h"
#include "eval/timeline_metrics.h"
#include "timeline/export.h"

namespace annals::app {
namespace {

const char kHelp[] =
    "Usage: annals timeline [options] PATH...\n"
    "\n"
    "Builds the timeline of the story told by the articles at PATH: the dates\n"
    "that matter, each with the sentences that say what happened then. Dates\n"
    "come from what the articles say (\"on Wednesday\", \"March 3, 2011\"),\n"
    "resolved against each article's publication date, not only from when\n"
    "they were published. A date ranks high when many articles name it, most\n"
    "of all articles written later, and when a chronology among the articles\n"
    "(\"March 19 - Air strikes begin\") spanning most of the range lists it.\n"
    "Several PATHs form one corpus.\n"
    "\n"
    "When the corpus is a single article, lists instead the times the article\n"
    "itself mentions, ordered by event time, each with its sentence.\n"
    "\n"
    "PATH is one of:\n"
    "  a dated article (' date YYYY-MM-DD <text>', like examples/)\n"
    "  a folder of dated articles (*.txt)\n"
    "  a Timeline17 source folder (<Topic>_<source>/InputDocs/YYYY-MM-DD/...);\n"
    "    give all sources of a topic to merge them\n"
    "  a JSONL file of {\"id\", \"time\", \"text\"} lines (.jsonl, .jsonl.gz), or -\n"
    "    for JSONL on standard input\n"
    "\n"
    "Options:\n"
    "  --query Q        keywords of the story (\"bp oil spill\"): only articles\n"
    "                   holding one take part, sentences holding one are preferred.\n"
    "                   Default: the collection's dominant word (the one articles\n"
    "                   use most, several times each); articles without it are\n"
    "                   left out\n"
    "  --dates L        at most L dates (default: one per ~3 days that have\n"
    "                   articles, 5 to 50)\n"
    "  --sentences K    at most K sentences per date (default 2)\n"
    "  --from D, --to D only dates and articles within [D, D] (YYYY-MM-DD)\n"
    "  --format text|json|tilse|timelinejs|csv\n"
    "                   text: readable (default); json: dates with sentences,\n"
    "                   source ids and the evidence for each date; tilse: the\n"
    "                   Timeline17 reference format (date, sentences, dashes);\n"
    "                   timelinejs: Knight Lab TimelineJS 3 JSON (a title slide,\n"
    "                   one slide per date with its sentences and sources);\n"
    "                   csv: one row per sentence (date, rank, sentence,\n"
    "                   article_id, published, collection; RFC 4180)\n"
    "  --lang auto|en|es|fr|de|it|pt|und   the articles' language (default auto:\n"
    "                   detected per article; a JSONL \"lang\" field names it)\n"
    "  --data DIR       read vocabularies and rules from DIR (laid out like the\n"
    "                   source tree's data/) instead of the compiled-in ones\n"
    "  --threads N      tagging threads (default: all cores)\n"
    "  --max-corpus-mb N  hold at most N MiB of article text (default: an\n"
    "                   eighth of physical memory, DEFAULT_MB MiB here; the\n"
    "                   timeline takes about 6 times the text); inputs past\n"
    "                   it are skipped and reported, in path order\n"
    "  -o FILE          write to FILE instead of standard output\n"
    "  -q, --quiet      no progress or summary on stderr\n"
    "  -h, --help       this text\n"
    "\n"
    "Inputs that cannot be read (empty, not UTF-8, no or impossible date) are\n"
    "skipped and counted on stderr, each named with file and line in JSON.\n"
    "Exit status: 0 timeline written, 1 no usable article or a malformed --data\n"
    "file, 2 usage error.\n";

struct Options {
  TimelineOptions timeline;
  std::string format = "text";
  int threads = 0;
  std::string lang = "auto", data_dir;
  int max_corpus_mb = static_cast<int>(DefaultTextBudget() >> 20);
  std::string output;
  bool quiet = false;
  std::vector<std::string> paths;
};

int Usage(const std::string& message) {
  std::fprintf(stderr, "annals timeline: %s\n\nRun `annals timeline --help` for usage.\n",
               message.c_str());
  return 2;
}

// Returns -1 when parsed, else the exit status.
int ParseArgs(const Args& args, Options* o) {
  ArgReader r(args);
  try {
    while (r.Next()) {
      if (r.Is("-h", "--help")) {
        std::string help = kHelp;
        help.replace(help.find("DEFAULT_MB"), 10, std::to_string(DefaultTextBudget() >> 20));
        std::fputs(help.c_str(), stdout);
        return 0;
      } else if (r.Is("-q", "--quiet")) {
        o->quiet = true;
      } else if (r.Is("--query")) {
        o->timeline.query = r.Value("keywords");
      } else if (r.Is("--dates")) {
        o->timeline.max_dates = r.Int(1, 100000);
      } else if (r.Is("--sentences")) {
        o->timeline.sentences_per_date = r.Int(1, 1000);
      } else if (r.Is("--lang")) {
        o->lang = LangValue(r);
      } else if (r.Is("--data")) {
        o->data_dir = r.Value("a directory");
      } else if (r.Is("--threads")) {
        o->threads = r.Int(1, 256);
      } else if (r.Is("--from", "--to")) {
        const std::string v = r.Value("a date YYYY-MM-DD");
        const std::optional<Date> d = Date::Parse(v);
        if (!d || v.size() != 10) r.Invalid(v, "a date YYYY-MM-DD");
        (r.Is("--from") ? o->timeline.from : o->timeline.to) = d;
      } else if (r.Is("--max-corpus-mb")) {
        o->max_corpus_mb = r.Int(1, 1 << 30);
      } else if (r.Is("--format")) {
        o->format = r.Choice({"text", "json", "tilse", "timelinejs", "csv"});
      } else if (r.Is("-o", "--output")) {
        o->output = r.Value("a file");
      } else if (r.IsOption()) {
        r.Unknown();
      } else {
        o->paths.push_back(r.arg());
      }
    }
  } catch (const UsageError& e) {
    return Usage(e.what());
  }
  if (o->paths.empty()) return Usage("no input PATH");
  if (o->timeline.from && o->timeline.to && *o->timeline.from > *o->timeline.to)
    return Usage("--from is after --to");
  return -1;
}

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

// "13 skipped: 12 empty file, 1 invalid UTF-8"
std::string SkipSummary(const std::vector<ReadError>& skipped) {
  std::map<std::string, int> reasons;
  for (const ReadError& e : skipped) ++reasons[e.message];
  std::string out = std::to_string(skipped.size()) + " skipped:";
  int shown = 0;
  for (const auto& [reason, n] : reasons) {
    if (shown++ == 4) {
      out += " ...";
      break;
    }
    out += (shown > 1 ? ", " : " ") + std::to_string(n) + " × " + reason;
  }
  return out;
}

nlohmann::json SkippedJson(const std::vector<ReadError>& skipped) {
  nlohmann::json out = nlohmann::json::array();
  for (const ReadError& e : skipped)
    out.push_back({{"file", e.file}, {"line", e.line}, {"reason", e.message}});
  return out;
}

std::string Write(const Options& o, const std::string& text) {
  if (o.output.empty()) {
    std::fwrite(text.data(), 1, text.size(), stdout);
    return "";
  }
  FILE* f = std::fopen(o.output.c_str(), "wb");
  if (!f) return o.output + ": cannot open for writing";
  const bool ok = std::fwrite(text.data(), 1, text.size(), f) == text.size();
  if (std::fclose(f) != 0 || !ok) return o.output + ": write failed";
  return "";
}

// The export formats (timelinejs, csv) of either mode, or "" for the others.
std::string ExportOutput(const Options& o, const ExportTimeline& t) {
  if (o.format == "timelinejs") return TimelineJsJson(t);
  if (o.format == "csv") return TimelineCsv(t);
  return "";
}

std::string EventsOutput(const Options& o, const std::string& name, const AnnotatedDocument& doc,
                         const std::vector<ArticleEvent>& events,
                         const std::vector<ReadError>& skipped) {
  if (o.format == "timelinejs" || o.format == "csv")
    return ExportOutput(o, ExportOf(doc, events, name));
  if (o.format == "json") {
    nlohmann::json out = {{"id", doc.doc.id}, {"dct", doc.doc.dct->ToString()}};
    nlohmann::json list = nlohmann::json::array();
    for (const ArticleEvent& e : events) {
      list.push_back({{"value", e.timex.value},
                      {"type", std::string(TimexTypeName(e.timex.type))},
                      {"mod", e.timex.mod},
                      {"text", e.timex.text},
                      {"first", e.timex.interval->first.ToString()},
                      {"last", e.timex.interval->last.ToString()},
                      {"begin", e.timex.begin},
                      {"end", e.timex.end},
                      {"sentence", e.sentence}});
    }
    out["events"] = std::move(list);
    out["skipped"] = SkippedJson(skipped);  // the other inputs, if any
    return out.dump(2) + "\n";
  }
  if (o.format == "tilse") {
    // The tilse format has days only: an event goes under its first day.
    eval::Timeline t;
    for (const ArticleEvent& e : events) {
      auto& list = t[e.timex.interval->first];
      if (list.empty() || list.back() != e.sentence) list.push_back(e.sentence);
    }
    return eval::FormatTimeline(t);
  }
  std::string out = "Events of " + doc.doc.id + " (published " + doc.doc.dct->ToString() +
                    "), in event-time order:\n\n";
  for (const ArticleEvent& e : events) {
    const Interval& days = *e.timex.interval;
    std::string span = days.first.ToString();
    if (days.last != days.first) span += " .. " + days.last.ToString();
    std::string value = e.timex.value + (e.timex.mod.empty() ? "" : " " + e.timex.mod);
    char head[200];
    std::snprintf(head, sizeof head, "%-24s  %-18s \"%s\"\n", span.c_str(), value.c_str(),
                  e.timex.text.c_str());
    out += head;
    out += "    " + e.sentence + "\n\n";
  }
  return out;
}

std::string TimelineOutput(const Options& o, const std::string& name, const Collection& corpus,
                           const TimelineResult& r) {
  if (o.format == "timelinejs" || o.format == "csv")
    return ExportOutput(o, ExportOf(r, o.timeline.query, name));
  if (o.format == "tilse") {
    eval::Timeline t;
    for (const TimelineEntry& e : r.entries) {
      auto& list = t[e.date];
      for (const TimelineSentence& s : e.sentences) list.push_back(s.text);
    }
    return eval::FormatTimeline(t);
  }
  if (o.format == "json") {
    nlohmann::json dates = nlohmann::json::array();
    for (const TimelineEntry& e : r.entries) {
      nlohmann::json sentences = nlohmann::json::array();
      for (const TimelineSentence& s : e.sentences)
        sentences.push_back({{"text", s.text},
                             {"id", s.doc_id},
                             {"published", s.published.ToString()},
                             {"score", s.score}});
      dates.push_back({{"date", e.date.ToString()},
                       {"score", e.score},
                       {"evidence",
                        {{"articles", e.articles},
                         {"mentions", e.mentions},
                         {"published", e.published},
                         {"chronology", e.chronology}}},
                       {"sentences", std::move(sentences)}});
    }
    nlohmann::json out = {{"corpus", name},
                          {"query", o.timeline.query},
                          {"keywords", r.keywords},
                          {"automatic_keywords", r.automatic_keywords},
                          {"articles", r.documents},
                          {"sentences", r.sentences},
                          {"skipped", SkippedJson(corpus.skipped)},
                          {"dates", std::move(dates)}};
    return out.dump(2) + "\n";
  }
  std::string keywords;
  for (const std::string& k : r.keywords) keywords += (keywords.empty() ? "" : ", ") + k;
  std::string out = "Timeline of " + name + ": " + std::to_string(r.entries.size()) +
                    " dates from " + std::to_string(r.documents) + " articles about `" + keywords +
                    "`" + (r.automatic_keywords ? " (chosen automatically)" : "") + "\n";
  for (const TimelineEntry& e : r.entries) {
    char head[200];
    std::snprintf(head, sizeof head,
                  "\n%s  score %.1f: named in %d sentences, %d articles refer to it, %d "
                  "published that day",
                  e.date.ToString().c_str(), e.score, e.mentions, e.articles, e.published);
    out += head;
    if (e.chronology > 0) {
      std::snprintf(head, sizeof head, ", listed by a chronology spanning %.0f%% of the range",
                    100 * e.chronology);
      out += head;
    }
    out += "\n";
    for (const TimelineSentence& s : e.sentences)
      out += "  - " + s.text + "\n      [" + s.doc_id + ", " + s.published.ToString() + "]\n";
  }
  return out;
}

}  // namespace

int RunTimeline(const Args& args) {
  Options o;
  if (int status = ParseArgs(args, &o); status >= 0) return status;
  const bool tty = isatty(2);
  auto say = [&](const std::string& line) {
    if (!o.quiet) std::fprintf(stderr, "annals timeline: %s\n", line.c_str());
  };
  const auto start = std::chrono::steady_clock::now();

  // Load. Articles outside --from/--to are not read at all.
  LoadOptions load;
  load.from = o.timeline.from;
  load.to = o.timeline.to;
  load.max_total_bytes = static_cast<size_t>(o.max_corpus_mb) << 20;
  // A long read (a JSONL stream of gigabytes) says how far it got, at most
  // every 5 s.
  auto last_said = start;
  std::string reading;
  load.progress = [&](size_t lines) {
    const auto now = std::chrono::steady_clock::now();
    if (now - last_said < std::chrono::seconds(5)) return;
    last_said = now;
    say("reading " + reading + ": " + std::to_string(lines) + " lines");
  };
  Collection corpus;
  bool budget_exhausted = false;
  for (const std::string& path : o.paths) {
    if (budget_exhausted) {  // the corpus is cut in path order: no holes
      corpus.skipped.push_back({path, 0, "not read: " + OverBudget(load.max_total_bytes)});
      continue;
    }
    reading = path;
    Collection part = LoadCorpus(path, load);
    budget_exhausted = part.budget_exhausted;
    for (const Document& d : part.documents) load.text_held += d.text.size();  // one budget
    if (corpus.name.empty()) {
      corpus.name = part.name;
    } else if (corpus.name != part.name) {
      corpus.name = "several inputs";  // the sources of one T17 topic share its name
    }
    for (Document& d : part.documents) corpus.documents.push_back(std::move(d));
    for (ReadError& e : part.skipped) corpus.skipped.push_back(std::move(e));
    corpus.out_of_range += part.out_of_range;
  }
  std::string loaded = "loaded " + std::to_string(corpus.documents.size()) +
                       (corpus.documents.size() == 1 ? " article" : " articles");
  if (!corpus.skipped.empty()) loaded += "; " + SkipSummary(corpus.skipped);
  if (corpus.out_of_range)
    loaded += "; " + std::to_string(corpus.out_of_range) + " outside --from/--to";
  say(loaded);
  if (!o.quiet && !corpus.skipped.empty() && o.format != "json") {
    for (size_t i = 0; i < corpus.skipped.size() && i < 5; ++i)
      std::fprintf(stderr, "  %s\n", corpus.skipped[i].ToString().c_str());
    if (corpus.skipped.size() > 5) std::fprintf(stderr, "  ... (all listed with --format json)\n");
  }
  if (corpus.documents.empty()) {
    std::fprintf(stderr, "annals timeline: no usable article in the input\n");
    return 1;
  }

  // Tag.
  const size_t n = corpus.documents.size();
  int last_percent = -1;
  auto progress = [&](size_t done, size_t total) {
    if (o.quiet || total < 50) return;
    const int percent = static_cast<int>(100 * done / total);
    if (percent == last_percent) return;
    last_percent = percent;
    if (tty) {
      std::fprintf(stderr, "\rannals timeline: tagging %zu/%zu articles (%d%%)", done, total,
                   percent);
      if (done == total) std::fputc('\n', stderr);
    } else if (percent % 25 == 0) {
      std::fprintf(stderr, "annals timeline: tagging %zu/%zu articles\n", done, total);
    }
  };
  std::vector<AnnotatedDocument> docs;
  try {
    docs =
        Taggers(o.lang, o.data_dir).AnnotateAll(std::move(corpus.documents), o.threads, progress);
  } catch (const std::exception& e) {  // --data: a malformed rule file
    std::fprintf(stderr, "annals timeline: %s\n", e.what());
    return 1;
  }

  std::string text;
  if (n == 1) {
    // --from/--to keep the events whose days overlap the range.
    std::vector<ArticleEvent> events = ArticleEvents(docs[0]);
    std::erase_if(events, [&](const ArticleEvent& e) {
      return (o.timeline.from && e.timex.interval->last < *o.timeline.from) ||
             (o.timeline.to && e.timex.interval->first > *o.timeline.to);
    });
    text = EventsOutput(o, corpus.name, docs[0], events, corpus.skipped);
  } else {
    TimelineResult r = BuildTimeline(docs, o.timeline);
    char line[160];
    std::snprintf(line, sizeof line, "%zu dates from %zu of %zu articles in %.2f s",
                  r.entries.size(), r.documents, n, Seconds(start));
    say(line);
    if (r.documents == 0 && !o.timeline.query.empty())
      say("no article matches --query `" + o.timeline.query + "`");
    text = TimelineOutput(o, corpus.name, corpus, r);
  }
  if (std::string err = Write(o, text); !err.empty()) {
    std::fprintf(stderr, "annals timeline: %s\n", err.c_str());
    return 1;
  }
  return 0;
}

}  // namespace annals::app
