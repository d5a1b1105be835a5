// eval/timeline_metrics.h — timelines in the tilse file format and the
// timeline-summarization metrics as the tilse toolkit computes them
// (concat, agreement, align+ m:1 over ROUGE-1/2; date F1), plus the
// news-tls protocol sizes. Independent of any summarizer: it only sees
// dates and sentence strings.
//
// File format (Timeline17 `timelines/*.txt`): a "YYYY-MM-DD" line, that
// date's sentences one per line, then a line of exactly 32 dashes.
#ifndef ANNALS_EVAL_TIMELINE_METRICS_H_
#define ANNALS_EVAL_TIMELINE_METRICS_H_

#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "annals/date.h"
#include "eval/rouge.h"

namespace annals::eval {

// Date -> that date's summary sentences (each stripped of surrounding
// whitespace). A date may map to no sentences.
using Timeline = std::map<Date, std::vector<std::string>>;

struct TimelineReadOptions {
  // A date that appears in two blocks: tilse keeps the later block only
  // (its reader fills a dict); set this to keep both blocks' sentences.
  bool merge_duplicate_dates = false;
};

// Parses tilse-format text. Lines are stripped; blank lines are skipped. A
// block still open at the end of the text (no closing dashes) is kept.
// Errors — sentence text before any date line, a line that looks like a
// date but is not a real one ("2011-04-0", "2011-02-30"), a second date
// line before the dashes — return nullopt and set *error to
// "<name>:<line>: <what>".
std::optional<Timeline> ParseTimeline(std::string_view text, std::string_view name,
                                      std::string* error, const TimelineReadOptions& options = {});
// Reads and parses a file; an unreadable file is an error naming the path.
std::optional<Timeline> ReadTimelineFile(const std::string& path, std::string* error,
                                         const TimelineReadOptions& options = {});
// The file format, dates ascending; ParseTimeline(FormatTimeline(t)) == t
// for sentences without line breaks or surrounding whitespace.
std::string FormatTimeline(const Timeline& timeline);
bool WriteTimelineFile(const std::string& path, const Timeline& timeline, std::string* error);

struct Prf {
  double precision = 0;
  double recall = 0;
  double f1 = 0;
};
// F1 from precision and recall (0 when both are 0).
double F1(double precision, double recall);

struct RougePrf {
  Prf rouge1;
  Prf rouge2;
};

struct TimelineScores {
  RougePrf concat;
  RougePrf agreement;
  RougePrf align_m1;  // "align+ m:1", reported as AR in papers
  Prf date;           // date selection
};

// Each metric scores `pred` against all `refs` at once (a missing date in a
// reference is an empty summary of that reference). The scorer must have
// max_n >= 2. Zero denominators give 0.
//
// concat: all predicted sentences in date order vs each reference's
// sentences in date order, as one text each.
RougePrf EvaluateConcat(const RougeScorer& scorer, const Timeline& pred,
                        std::span<const Timeline> refs);
// agreement: for each date in the union of predicted and reference dates,
// ROUGE of that date's summaries; H and P summed over predicted dates, H and
// M over reference dates.
RougePrf EvaluateAgreement(const RougeScorer& scorer, const Timeline& pred,
                           std::span<const Timeline> refs);
// align+ m:1: each predicted date goes to the reference date with the least
// cost (1 - 1/(d+1)) * (1 - RoughRouge1F), d = |days apart|, first of equal
// costs in date order (precision side); each reference date likewise to a
// predicted date (recall side). A pair's H is weighted by 1/(d+1); P and M
// are not. P = sum wH / sum P, R = sum wH / sum M.
RougePrf EvaluateAlignM1(const RougeScorer& scorer, const Timeline& pred,
                         std::span<const Timeline> refs);
// Exact overlap of the predicted dates with the union of reference dates.
Prf EvaluateDates(const Timeline& pred, std::span<const Timeline> refs);
TimelineScores EvaluateTimeline(const RougeScorer& scorer, const Timeline& pred,
                                std::span<const Timeline> refs);

// tilse's content term of the alignment cost: ROUGE-1 F1 of `pred` against
// the summaries `refs` (one per reference), on whitespace-split tokens as
// written (case kept, no stemming, no stopwords), dropping tokens that are
// substrings of Python's string.punctuation ("!\"#$%&'()*+,-./:;<=>?@[\]^_`{|}~").
double RoughRouge1F(std::span<const std::string> pred,
                    std::span<const std::vector<std::string>> refs);

// Averages over tasks: precision and recall are averaged, F1 is computed
// from the averages (not averaged). Empty input gives zeros.
TimelineScores AverageScores(std::span<const TimelineScores> per_task);

// The news-tls (ACL 2020) output size for a task: at most `num_dates` dates
// (l = reference dates) of at most `sentences_per_date` sentences (k = mean
// sentences per reference date, rounded half to even as Python's round()).
struct TimelineSize {
  int num_dates = 0;
  int sentences_per_date = 0;
};
TimelineSize NewsTlsSize(const Timeline& reference);

}  // namespace annals::eval

#endif  // ANNALS_EVAL_TIMELINE_METRICS_H_
