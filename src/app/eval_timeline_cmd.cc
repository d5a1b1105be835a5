// `annals eval timeline`: scores one predicted timeline against one or more
// reference timelines with the tilse metrics (see eval/timeline_metrics.h).
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <system_error>
#include <vector>

#include "app/args.h"
#include "app/commands.h"
#include "app/rouge_setup.h"
#include "eval/rouge.h"
#include "eval/timeline_metrics.h"

namespace annals::app {
namespace {

namespace fs = std::filesystem;

const char kUsage[] =
    "Usage: annals eval timeline PRED REF... [--rouge-dir DIR] [--json]\n"
    "\n"
    "Scores the predicted timeline PRED against the reference timelines REF\n"
    "(all references at once, as tilse does) and prints concat, agreement and\n"
    "align+ m:1 ROUGE-1/ROUGE-2 precision/recall/F1 and date F1. Files use the\n"
    "Timeline17 format: a YYYY-MM-DD line, sentences, a line of 32 dashes.\n"
    "\n"
    "ROUGE follows ROUGE-1.5.5 -n 2 -m -s -f A (Porter stemming, stopwords\n"
    "removed); its stopword list and WordNet exception lists are read from\n"
    "the ROUGE data directory.\n"
    "\n"
    "Options:\n"
    "  --rouge-dir DIR  ROUGE data directory (smart_common_words.txt and\n"
    "                   WordNet-2.0-Exceptions/). Default: $ANNALS_ROUGE_DIR,\n"
    "                   else ../shared/data/rouge from the current directory,\n"
    "                   else shared/data/rouge in a parent of the executable's\n"
    "                   directory.\n"
    "  --json           print one JSON object instead of a table\n"
    "  --help           show this help\n"
    "\n"
    "Exit status: 0 scored, 1 unreadable or malformed file, 2 usage error.\n";

void PrintRow(const char* name, const eval::RougePrf& r) {
  std::printf("%-12s %.4f %.4f %.4f   %.4f %.4f %.4f\n", name, r.rouge1.precision, r.rouge1.recall,
              r.rouge1.f1, r.rouge2.precision, r.rouge2.recall, r.rouge2.f1);
}

}  // namespace

int RunEvalTimeline(const Args& args) {
  std::vector<std::string> files;
  std::optional<std::string> rouge_dir;
  bool json = false;
  ArgReader r(args);
  try {
    while (r.Next()) {
      if (r.Is("-h", "--help")) {
        std::fputs(kUsage, stdout);
        return 0;
      } else if (r.Is("--json")) {
        json = true;
      } else if (r.Is("--rouge-dir")) {
        rouge_dir = r.Value("a directory");
      } else if (r.IsOption()) {
        r.Unknown();
      } else {
        files.push_back(r.arg());
      }
    }
  } catch (const UsageError& e) {
    std::fprintf(stderr, "annals eval timeline: %s\n\n%s", e.what(), kUsage);
    return 2;
  }
  if (files.size() < 2) {
    std::fprintf(stderr,
                 "annals eval timeline: need a predicted and at least one reference file\n\n%s",
                 kUsage);
    return 2;
  }

  std::optional<eval::RougeScorer> scorer = LoadRougeScorer(rouge_dir, "annals eval timeline");
  if (!scorer) return 1;
  std::string error;
  std::optional<eval::Timeline> pred = eval::ReadTimelineFile(files[0], &error);
  if (!pred) {
    std::fprintf(stderr, "annals eval timeline: %s\n", error.c_str());
    return 1;
  }
  std::vector<eval::Timeline> refs;
  for (size_t i = 1; i < files.size(); ++i) {
    std::optional<eval::Timeline> ref = eval::ReadTimelineFile(files[i], &error);
    if (!ref) {
      std::fprintf(stderr, "annals eval timeline: %s\n", error.c_str());
      return 1;
    }
    refs.push_back(std::move(*ref));
  }

  const eval::TimelineScores s = eval::EvaluateTimeline(*scorer, *pred, refs);
  if (json) {
    nlohmann::json out = {
        {"predicted", files[0]},
        {"references", std::vector<std::string>(files.begin() + 1, files.end())},
        {"concat", RougeJson(s.concat)},
        {"agreement", RougeJson(s.agreement)},
        {"align_m1", RougeJson(s.align_m1)},
        {"date", PrfJson(s.date)},
    };
    std::puts(out.dump(2).c_str());
    return 0;
  }
  std::printf("%-12s %-20s   %s\n", "", "ROUGE-1", "ROUGE-2");
  std::printf("%-12s %-6s %-6s %-6s   %-6s %-6s %s\n", "", "P", "R", "F", "P", "R", "F");
  PrintRow("concat", s.concat);
  PrintRow("agreement", s.agreement);
  PrintRow("align+ m:1", s.align_m1);
  std::printf("%-12s %.4f %.4f %.4f\n", "date", s.date.precision, s.date.recall, s.date.f1);
  return 0;
}

}  // namespace annals::app
