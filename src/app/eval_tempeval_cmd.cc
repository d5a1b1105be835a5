// `annals eval tempeval`: scores TimeML output against TempEval-3 gold
// (Task A: timex extents, type and value) the way the official TE3 toolkit
// does (see eval/tempeval.h).
#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>

#include "app/args.h"
#include "app/commands.h"
#include "eval/tempeval.h"

namespace annals::app {
namespace {

const char kUsage[] =
    "Usage: annals eval tempeval GOLD_DIR SYSTEM_DIR [--all-files] [--json] [--per-file]\n"
    "\n"
    "Scores the TimeML files in SYSTEM_DIR against the TempEval-3 gold files\n"
    "in GOLD_DIR (TempEval-3 Task A) exactly as the official TE3 toolkit\n"
    "(TE3-evaluation.py with its TimeML-Normalizer) does: timexes are paired\n"
    "over the toolkit's tokens; a relaxed match shares a token, a strict match\n"
    "covers the same text. The DCT is not scored. Counts are summed over all\n"
    "counted files (micro-average).\n"
    "\n"
    "Files are taken in the order GOLD_DIR lists them, as the toolkit does. Its\n"
    "normalizer stops at the first file it cannot align (a '|' or a no-break\n"
    "space in the text, an entity other than &amp;, ...): that file and every\n"
    "later one are not counted, and a warning names each. --all-files skips\n"
    "only the files it cannot align.\n"
    "\n"
    "Each gold X.tml is paired with SYSTEM_DIR/X.tml (or X.tml.TE3input, or\n"
    "X.TE3input.tml). A missing or unparsable system file, or one whose TEXT\n"
    "differs from the gold TEXT in any byte, is reported on stderr and scored\n"
    "as having no timexes; the official toolkit prints no figures at all for\n"
    "such a run, which is reported too.\n"
    "\n"
    "Prints strict and relaxed precision/recall/F1, value F1 and type F1\n"
    "(attribute accuracy over relaxed matches x relaxed F1), the accuracies,\n"
    "and the gold and system timex counts; percentages as the toolkit prints\n"
    "them (rounded to two decimals).\n"
    "\n"
    "Options:\n"
    "  --all-files  do not stop counting at the first file the normalizer fails on\n"
    "  --json       print one JSON object (fractions in [0,1]) instead of text\n"
    "  --per-file   also list the counts of each file\n"
    "  --help       show this help\n"
    "\n"
    "Exit status: 0 scored, 1 a directory could not be read, 2 usage error.\n";

nlohmann::json CountsJson(const TempevalCounts& c) {
  return {{"gold", c.gold},
          {"system", c.system},
          {"strict_match_gold", c.strict_recall},
          {"relaxed_match_gold", c.relaxed_recall},
          {"strict_match_system", c.strict_precision},
          {"relaxed_match_system", c.relaxed_precision},
          {"type_match", c.type_match},
          {"value_match", c.value_match}};
}

nlohmann::json ScoresJson(const TempevalScores& s) {
  return {
      {"strict",
       {{"precision", s.strict_precision}, {"recall", s.strict_recall}, {"f1", s.strict_f1}}},
      {"relaxed",
       {{"precision", s.relaxed_precision}, {"recall", s.relaxed_recall}, {"f1", s.relaxed_f1}}},
      {"value", {{"f1", s.value_f1}, {"accuracy", s.value_accuracy}}},
      {"type", {{"f1", s.type_f1}, {"accuracy", s.type_accuracy}}}};
}

double Pct(double x) { return ToolkitPercent(x); }

}  // namespace

int RunEvalTempeval(const Args& args) {
  bool json = false, per_file = false;
  TempevalOptions options;
  std::vector<std::string> dirs;
  ArgReader r(args);
  try {
    while (r.Next()) {
      if (r.Is("-h", "--help")) {
        std::fputs(kUsage, stdout);
        return 0;
      } else if (r.Is("--all-files")) {
        options.all_files = true;
      } else if (r.Is("--json")) {
        json = true;
      } else if (r.Is("--per-file")) {
        per_file = true;
      } else if (r.IsOption()) {
        r.Unknown();
      } else {
        dirs.push_back(r.arg());
      }
    }
  } catch (const UsageError& e) {
    std::fprintf(stderr, "annals eval tempeval: %s\n\n%s", e.what(), kUsage);
    return 2;
  }
  if (dirs.size() != 2) {
    std::fprintf(stderr, "annals eval tempeval: expected GOLD_DIR and SYSTEM_DIR\n\n%s", kUsage);
    return 2;
  }
  TempevalReport report;
  std::string error;
  if (!ScoreTempevalDirs(dirs[0], dirs[1], options, &report, &error)) {
    std::fprintf(stderr, "annals eval tempeval: %s\n", error.c_str());
    return 1;
  }
  for (const std::string& w : report.warnings) {
    std::fprintf(stderr, "annals eval tempeval: warning: %s\n", w.c_str());
  }
  for (const std::string& w : report.refusals) {
    std::fprintf(stderr,
                 "annals eval tempeval: warning: the official scorer would print no figures for "
                 "this run: %s\n",
                 w.c_str());
  }
  const TempevalScores& s = report.scores;
  const TempevalCounts& c = report.total;
  if (json) {
    nlohmann::json j = ScoresJson(s);
    j["counts"] = CountsJson(c);
    j["files"] = report.files.size();
    j["counted_files"] = report.counted_files;
    j["official_refuses"] = report.refusals;
    if (per_file) {
      nlohmann::json files = nlohmann::json::array();
      for (const TempevalFileResult& f : report.files) {
        nlohmann::json fj = CountsJson(f.counts);
        fj["name"] = f.name;
        fj["counted"] = f.counted;
        if (!f.normalizer_error.empty()) fj["normalizer_error"] = f.normalizer_error;
        fj["system_missing"] = f.system_missing;
        fj["system_unreadable"] = f.system_unreadable;
        fj["text_mismatch"] = f.text_mismatch;
        files.push_back(std::move(fj));
      }
      j["per_file"] = std::move(files);
    }
    j["warnings"] = report.warnings;
    std::printf("%s\n", j.dump(2).c_str());
    return 0;
  }
  if (per_file) {
    std::printf("%-40s %6s %6s %7s %7s %6s %6s\n", "file", "gold", "system", "strict", "relaxed",
                "value", "type");
    for (const TempevalFileResult& f : report.files) {
      const TempevalCounts& fc = f.counts;
      std::printf("%-40s %6zu %6zu %7zu %7zu %6zu %6zu%s\n", f.name.c_str(), fc.gold, fc.system,
                  fc.strict_recall, fc.relaxed_recall, fc.value_match, fc.type_match,
                  !f.counted            ? "  (not counted)"
                  : f.system_missing    ? "  (no system file)"
                  : f.system_unreadable ? "  (system file unreadable)"
                  : f.text_mismatch     ? "  (text differs)"
                                        : "");
    }
    std::printf("\n");
  }
  std::printf("TempEval-3 Task A, %zu of %zu files counted: %zu gold timexes, %zu system timexes\n",
              report.counted_files, report.files.size(), c.gold, c.system);
  std::printf("%-14s %7s %7s %7s\n", "", "F1", "P", "R");
  std::printf("%-14s %7.2f %7.2f %7.2f\n", "strict match", Pct(s.strict_f1),
              Pct(s.strict_precision), Pct(s.strict_recall));
  std::printf("%-14s %7.2f %7.2f %7.2f\n", "relaxed match", Pct(s.relaxed_f1),
              Pct(s.relaxed_precision), Pct(s.relaxed_recall));
  std::printf("%-14s %7s %7s\n", "", "F1", "accuracy");
  std::printf("%-14s %7.2f %7.2f   (%zu of %zu relaxed matches)\n", "value", Pct(s.value_f1),
              Pct(s.value_accuracy), c.value_match, c.relaxed_recall);
  std::printf("%-14s %7.2f %7.2f   (%zu of %zu relaxed matches)\n", "type", Pct(s.type_f1),
              Pct(s.type_accuracy), c.type_match, c.relaxed_recall);
  return 0;
}

}  // namespace annals::app
