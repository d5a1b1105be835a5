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

#include "corpus/timeml.h"

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

// The toolkit's tokenization of plain text (its Schmid-style tokenize.pl),
// as [begin, end) byte ranges in order. Exposed for tests.
std::vector<std::pair<size_t, size_t>> Te3Tokenize(std::string_view text);

struct TempevalFileResult {
  std::string name;  // gold file name
  TempevalCounts counts;
  bool system_missing = false;     // no system file: scored with no timexes
  bool text_mismatch = false;      // system text differs: scored with no timexes
  bool system_unreadable = false;  // system file did not parse
};

// Scores one parsed document pair. When the system TEXT differs from the
// gold TEXT in any byte the system side counts as having no timexes,
// result->text_mismatch is set and a warning appended.
void ScoreTempevalDocuments(const TimemlDocument& gold, const TimemlDocument& system,
                            TempevalFileResult* result, std::vector<std::string>* warnings);

struct TempevalReport {
  TempevalCounts total;
  TempevalScores scores;
  std::vector<TempevalFileResult> files;  // sorted by name
  std::vector<std::string> warnings;      // each names the file concerned
};

// Scores every `X.tml` in gold_dir against gold's namesake in system_dir
// (also accepted: `X.tml.TE3input`, `X.TE3input.tml`). A missing or
// unparsable system file, or one whose text differs, is warned about and
// scored as having no timexes; an unparsable gold file is warned about and
// skipped. Returns false (with *error) only when a directory cannot be read
// or holds no gold files.
bool ScoreTempevalDirs(const std::string& gold_dir, const std::string& system_dir,
                       TempevalReport* report, std::string* error);

}  // namespace annals

#endif  // ANNALS_EVAL_TEMPEVAL_H_
