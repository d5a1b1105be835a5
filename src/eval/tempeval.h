// eval/tempeval.h — TempEval-3 Task A (timex extraction and normalization)
// scoring, counted the way the official TE3 toolkit (TE3-evaluation.py:
// TimeML-Normalizer id alignment + evaluate_entities.py) counts.
//
// Counts are summed over all files and the scores computed once from the
// sums (micro-averaging), as the toolkit does. See tempeval.cc for the
// toolkit behaviours reproduced and why.
#ifndef ANNALS_EVAL_TEMPEVAL_H_
#define ANNALS_EVAL_TEMPEVAL_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace annals {

struct TempevalCounts {
  size_t gold = 0;               // gold TIMEX3s the toolkit sees (DCT excluded)
  size_t system = 0;             // system TIMEX3s the toolkit sees (DCT excluded)
  size_t strict_recall = 0;      // gold timexes with an exact-text match
  size_t relaxed_recall = 0;     // gold timexes with an overlapping match
  size_t strict_precision = 0;   // system timexes with an exact-text match
  size_t relaxed_precision = 0;  // system timexes with an overlapping match
  size_t type_match = 0;         // relaxed gold matches whose type agrees
  size_t value_match = 0;        // relaxed gold matches whose value agrees

  void Add(const TempevalCounts& o);
};

// Fractions in [0, 1] (multiply by 100 for the toolkit's printout).
struct TempevalScores {
  double strict_precision = 0, strict_recall = 0, strict_f1 = 0;
  double relaxed_precision = 0, relaxed_recall = 0, relaxed_f1 = 0;
  double value_accuracy = 0, type_accuracy = 0;  // over relaxed matches
  double value_f1 = 0, type_f1 = 0;              // accuracy x relaxed F1
};

// Scores from summed counts. As in the toolkit, no gold and no system
// timexes at all scores 1 everywhere.
TempevalScores ComputeTempevalScores(const TempevalCounts& c);

// `fraction` as the toolkit prints it: Python 2 round(fraction * 100, 2),
// i.e. the double product rounded to two decimals, exact ties away from zero
// (printf's "%.2f" would round 12.125 down).
double ToolkitPercent(double fraction);

struct TempevalFileResult {
  std::string name;  // gold file name
  TempevalCounts counts;
  bool counted = true;             // false: the official scorer would not count this file
  bool system_missing = false;     // no system file: scored with no timexes
  bool text_mismatch = false;      // system text differs: scored with no timexes
  bool system_unreadable = false;  // system file did not parse
  std::string normalizer_error;    // why the toolkit's normalizer fails on this pair
};

// Scores one gold/system pair of raw TimeML files as the toolkit would,
// were this pair the whole run. On a normalizer failure result->counted is
// false and result->normalizer_error says why; a system TEXT that differs
// from the gold TEXT sets text_mismatch and scores no system timexes. Each
// problem appends a warning naming result->name.
void ScoreTempevalPair(std::string_view gold_raw, std::string_view system_raw,
                       TempevalFileResult* result, std::vector<std::string>* warnings);

struct TempevalOptions {
  // The official normalizer stops at the first file it fails on (in the
  // order the gold directory lists its files), so that file and every file
  // after it are not counted. true: skip only the files it fails on.
  bool all_files = false;
};

struct TempevalReport {
  TempevalCounts total;
  TempevalScores scores;
  std::vector<TempevalFileResult> files;  // in the toolkit's order; counted and not
  size_t counted_files = 0;
  std::vector<std::string> warnings;  // each names the file concerned
  // Non-empty when the official scorer would print no figures at all for
  // this run (e.g. a missing or altered system file); the figures are then
  // annals' best equivalent and the reasons are listed here.
  std::vector<std::string> refusals;
};

// Scores every gold file in gold_dir against its namesake in system_dir
// (also accepted: `X.tml.TE3input`, `X.TE3input.tml`), in the order the
// directory lists them (the toolkit's order, which decides which files a
// normalizer failure drops). Returns false (with *error) only when a
// directory cannot be read or holds no gold files.
bool ScoreTempevalDirs(const std::string& gold_dir, const std::string& system_dir,
                       const TempevalOptions& options, TempevalReport* report, std::string* error);
bool ScoreTempevalDirs(const std::string& gold_dir, const std::string& system_dir,
                       TempevalReport* report, std::string* error);

}  // namespace annals

#endif  // ANNALS_EVAL_TEMPEVAL_H_
