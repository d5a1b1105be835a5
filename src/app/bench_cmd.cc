// `annals bench t17`: the news-tls evaluation protocol over Timeline17.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "annals/tagger.h"
#include "annals/timeline.h"
#include "app/args.h"
#include "app/commands.h"
#include "app/rouge_setup.h"
#include "app/taggers.h"
#include "corpus/collection.h"
#include "eval/timeline_metrics.h"

namespace annals::app {
namespace {

namespace fs = std::filesystem;

const char kHelp[] =
    "Usage: annals bench t17 DIR [options]\n"
    "\n"
    "Runs the news-tls (ACL 2020) protocol on the Timeline17 corpus at DIR\n"
    "(folders <Topic>_<source>/InputDocs and /timelines): the sources of a\n"
    "topic form one collection; every reference timeline is a task with\n"
    "  L = its number of dates,\n"
    "  K = its mean sentences per date, rounded half to even,\n"
    "  only articles published between its first and last date.\n"
    "Each task's timeline is built from raw text (tagging included) and\n"
    "scored as tilse does: concat, agreement and align+ m:1 ROUGE-1/2 (P, R,\n"
    "F) and date F1; averages take the mean P and R over tasks, then F.\n"
    "Prints a row per task, the average, and wall time and peak memory.\n"
    "\n"
    "Options:\n"
    "  --out DIR        also write each predicted timeline (tilse format) to\n"
    "                   DIR/<folder of the reference>/<reference file name>\n"
    "  --topic NAME     only this topic (repeatable)\n"
    "  --lang auto|en|es|fr|de|it|pt|und   the articles' language (default auto:\n"
    "                   detected per article; a JSONL \"lang\" field names it)\n"
    "  --data DIR       read vocabularies and rules from DIR (laid out like the\n"
    "                   source tree's data/) instead of the compiled-in ones\n"
    "  --threads N      tagging threads (default: all cores)\n"
    "  --json           one JSON object instead of the table\n";

const char kHelpTail[] =
    "  -h, --help       this text\n"
    "\n"
    "Exit status: 0 done, 1 unreadable corpus, ROUGE data or --data file,\n"
    "2 usage error.\n";

void PrintHelp() {
  std::fputs(kHelp, stdout);
  std::fputs(kRougeDirHelp, stdout);
  std::fputs(kHelpTail, stdout);
}

int Usage(const std::string& message) {
  std::fprintf(stderr, "annals bench: %s\n\nRun `annals bench t17 --help` for usage.\n",
               message.c_str());
  return 2;
}

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

double PeakRssMb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_maxrss) / 1024.0;
}

struct Task {
  std::string topic;
  std::string name;  // "<source folder>/<file>"
  eval::TimelineScores scores;
  size_t dates = 0, per_date = 0, articles = 0;
};

void PrintTask(const char* name, const eval::TimelineScores& s) {
  std::printf("%-44s %.3f %.3f  %.3f %.3f  %.3f %.3f  %.3f\n", name, s.concat.rouge1.f1,
              s.concat.rouge2.f1, s.agreement.rouge1.f1, s.agreement.rouge2.f1,
              s.align_m1.rouge1.f1, s.align_m1.rouge2.f1, s.date.f1);
}

}  // namespace

int RunBench(const Args& args) {
  if (args.empty() || args[0] == "-h" || args[0] == "--help") {
    PrintHelp();
    return args.empty() ? 2 : 0;
  }
  if (args[0] != "t17") return Usage("unknown benchmark `" + args[0] + "` (known: t17)");
  std::string dir, out_dir;
  std::optional<std::string> rouge_dir;
  std::vector<std::string> only;
  int threads = 0;
  std::string lang = "auto", data_dir;
  bool json = false;
  ArgReader r(args, 1);
  try {
    while (r.Next()) {
      if (r.Is("-h", "--help")) {
        PrintHelp();
        return 0;
      } else if (r.Is("--json")) {
        json = true;
      } else if (r.Is("--out")) {
        out_dir = r.Value("a directory");
      } else if (r.Is("--rouge-dir")) {
        rouge_dir = r.Value("a directory");
      } else if (r.Is("--topic")) {
        only.push_back(r.Value("a name"));
      } else if (r.Is("--lang")) {
        lang = LangValue(r);
      } else if (r.Is("--data")) {
        data_dir = r.Value("a directory");
      } else if (r.Is("--threads")) {
        threads = r.Int(1, 999);
      } else if (r.IsOption()) {
        r.Unknown();
      } else if (dir.empty()) {
        dir = r.arg();
      } else {
        return Usage("more than one DIR");
      }
    }
  } catch (const UsageError& e) {
    return Usage(e.what());
  }
  if (dir.empty()) return Usage("no Timeline17 DIR");

  const auto start = std::chrono::steady_clock::now();
  std::optional<eval::RougeScorer> scorer = LoadRougeScorer(rouge_dir, "annals bench");
  if (!scorer) return 1;
  std::vector<T17Topic> topics;
  ReadError err;
  if (!ListT17Topics(dir, &topics, &err)) {
    std::fprintf(stderr, "annals bench: %s\n", err.ToString().c_str());
    return 1;
  }

  std::vector<Task> tasks;
  double load_s = 0, tag_s = 0, select_s = 0, score_s = 0;
  size_t articles = 0, skipped = 0;
  const Taggers taggers(lang, data_dir);
  for (const T17Topic& topic : topics) {
    if (!only.empty() && std::find(only.begin(), only.end(), topic.name) == only.end()) continue;
    auto t0 = std::chrono::steady_clock::now();
    Collection c = LoadT17Topic(topic);
    load_s += Seconds(t0);
    articles += c.documents.size();
    skipped += c.skipped.size();
    t0 = std::chrono::steady_clock::now();
    std::vector<AnnotatedDocument> docs;
    try {
      docs = taggers.AnnotateAll(std::move(c.documents), threads);
    } catch (const std::exception& e) {  // --data: a malformed rule file
      std::fprintf(stderr, "annals bench: %s\n", e.what());
      return 1;
    }
    tag_s += Seconds(t0);
    // The topic's tasks differ only in range, L and K: its sentences are
    // read into terms once, for all of them.
    t0 = std::chrono::steady_clock::now();
    const TimelineIndex index(docs);
    select_s += Seconds(t0);
    for (const std::string& ref_path : topic.timelines) {
      std::string error;
      std::optional<eval::Timeline> ref = eval::ReadTimelineFile(ref_path, &error);
      if (!ref || ref->empty()) {
        std::fprintf(stderr, "annals bench: %s\n",
                     ref ? (ref_path + ": empty timeline").c_str() : error.c_str());
        return 1;
      }
      t0 = std::chrono::steady_clock::now();
      const eval::TimelineSize size = eval::NewsTlsSize(*ref);
      TimelineOptions options;
      options.max_dates = size.num_dates;
      options.sentences_per_date = size.sentences_per_date;
      options.from = ref->begin()->first;
      options.to = ref->rbegin()->first;
      TimelineResult result = index.Build(options);
      eval::Timeline pred;
      for (const TimelineEntry& e : result.entries)
        for (const TimelineSentence& s : e.sentences) pred[e.date].push_back(s.text);
      select_s += Seconds(t0);

      const fs::path ref_fs(ref_path);
      const std::string folder = ref_fs.parent_path().parent_path().filename().string();
      Task task{topic.name,
                folder + "/" + ref_fs.filename().string(),
                {},
                static_cast<size_t>(size.num_dates),
                static_cast<size_t>(size.sentences_per_date),
                result.documents};
      if (!out_dir.empty()) {
        std::error_code ec;
        fs::create_directories(fs::path(out_dir) / folder, ec);
        if (!eval::WriteTimelineFile((fs::path(out_dir) / folder / ref_fs.filename()).string(),
                                     pred, &error)) {
          std::fprintf(stderr, "annals bench: %s\n", error.c_str());
          return 1;
        }
      }
      t0 = std::chrono::steady_clock::now();
      task.scores = eval::EvaluateTimeline(*scorer, pred, std::span(&*ref, 1));
      score_s += Seconds(t0);
      if (!json) PrintTask(task.name.c_str(), task.scores);
      tasks.push_back(std::move(task));
    }
  }
  if (tasks.empty()) {
    std::fprintf(stderr, "annals bench: no task found under %s\n", dir.c_str());
    return 1;
  }
  std::vector<eval::TimelineScores> all;
  for (const Task& t : tasks) all.push_back(t.scores);
  const eval::TimelineScores avg = eval::AverageScores(all);
  const double wall = Seconds(start);
  if (json) {
    nlohmann::json list = nlohmann::json::array();
    for (const Task& t : tasks) {
      nlohmann::json j = ScoresJson(t.scores);
      j["task"] = t.name;
      j["topic"] = t.topic;
      j["dates"] = t.dates;
      j["sentences_per_date"] = t.per_date;
      j["articles"] = t.articles;
      list.push_back(std::move(j));
    }
    nlohmann::json out = {{"tasks", std::move(list)},
                          {"average", ScoresJson(avg)},
                          {"articles", articles},
                          {"skipped", skipped},
                          {"seconds",
                           {{"total", wall},
                            {"load", load_s},
                            {"tag", tag_s},
                            {"select", select_s},
                            {"score", score_s}}},
                          {"peak_rss_mb", PeakRssMb()}};
    std::puts(out.dump(2).c_str());
    return 0;
  }
  std::printf("%-44s %s\n", "", "concat       agreement    align+ m:1   date");
  std::printf("%-44s %s\n", "F1 of", "R-1   R-2    R-1   R-2    R-1   R-2    F1");
  PrintTask(("average of " + std::to_string(tasks.size()) + " tasks").c_str(), avg);
  std::printf(
      "\n%zu articles (%zu skipped), %zu tasks: %.2f s wall (load %.2f, tag %.2f, select %.2f, "
      "score %.2f); peak RSS %.0f MB\n",
      articles, skipped, tasks.size(), wall, load_s, tag_s, select_s, score_s, PeakRssMb());
  return 0;
}

}  // namespace annals::app
