// eval/rouge.h — ROUGE-N counts with the semantics of ROUGE-1.5.5 run as
// `-n 2 -m -s -f A` (the options behind every published timeline score).
//
// Text preparation, per summary (a list of sentences):
//   1. Sentences are lower-cased (ASCII) and joined with single spaces, so
//      bigrams run across sentence ends.
//   2. Every '-' becomes " - "; every byte outside [A-Za-z0-9-] becomes a
//      space (non-ASCII bytes included); split on whitespace.
//   3. Tokens in the stopword list are dropped (before stemming), then tokens
//      not starting with [a-z0-9$] (in practice: "-").
//   4. Tokens longer than 3 bytes are stemmed: the WordNet-2.0 exception
//      table first (its value is used as is), else ROUGE-1.5.5's Perl Porter
//      stemmer (PorterStem below).
// Counts for a peer against R references (model-average, raw counts as with
// `-t 2`): H = sum over references of the clipped n-gram overlap
// min(count_peer, count_ref); M = sum of reference n-gram totals;
// P = R x peer n-gram total. An empty text has no n-grams.
//
// The stopword list and exception tables are research data: they are read
// at run time from a directory the caller names, never compiled in.
#ifndef ANNALS_EVAL_ROUGE_H_
#define ANNALS_EVAL_ROUGE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "text/porter.h"

namespace annals::eval {

// The ROUGE-1.5.5 Porter stemmer lives in text/porter.h.
using ::annals::PorterStem;

// Raw ROUGE-N counts of one peer against its references.
struct RougeCounts {
  int64_t hit = 0;    // H: clipped overlap, summed over references
  int64_t model = 0;  // M: reference n-grams, summed over references
  int64_t peer = 0;   // P: (#references) x peer n-grams

  double Precision() const { return peer > 0 ? double(hit) / double(peer) : 0.0; }
  double Recall() const { return model > 0 ? double(hit) / double(model) : 0.0; }
};

// Multiset of n-grams (n = 1..max_n) of one prepared text. Keys are the
// stemmed tokens joined by single spaces, as ROUGE builds them.
struct NgramProfile {
  std::vector<std::unordered_map<std::string, int>> counts;  // [n-1]
  std::vector<int64_t> totals;                               // [n-1]
};

struct RougeOptions {
  int max_n = 2;                 // -n 2
  bool stem = true;              // -m
  bool remove_stopwords = true;  // -s
  // Reproduce two artefacts of the pyrouge wrapper tilse uses to feed
  // ROUGE its SEE/HTML files: '^' is written as "&circ;" (so it scores as
  // the token "circ") and ROUGE's SEE reader ends a sentence at its first
  // '<'. Off by default: the shared README's definition has neither, and
  // reference timelines contain neither character.
  bool pyrouge_html_quirks = false;
};

class RougeScorer {
 public:
  // Reads `dir`/smart_common_words.txt (one stopword per line, taken
  // verbatim) and `dir`/WordNet-2.0-Exceptions/{adj,adv,noun,verb}.exc
  // (lines "inflected lemma [lemma...]"; the first lemma counts; a later
  // file, or a later line, overrides an earlier one on the same key).
  // Returns nullopt and sets *error (naming the file) when a file is
  // missing or unreadable.
  static std::optional<RougeScorer> Load(const std::string& dir, std::string* error,
                                         const RougeOptions& options = {});

  RougeScorer(std::unordered_set<std::string> stopwords,
              std::unordered_map<std::string, std::string> exceptions,
              const RougeOptions& options = {});
  RougeScorer(RougeScorer&&) noexcept;
  RougeScorer& operator=(RougeScorer&&) noexcept;
  ~RougeScorer();

  const RougeOptions& options() const { return options_; }
  bool IsStopword(std::string_view token) const;
  // The exception-table lemma for `token`, if any.
  std::optional<std::string> Exception(std::string_view token) const;
  // Exception lemma, else PorterStem; memoized (thread-safe).
  std::string StemToken(std::string_view token) const;

  // Steps 1-4 above: the tokens ROUGE forms n-grams from.
  std::vector<std::string> Tokens(std::span<const std::string> sentences) const;
  NgramProfile Profile(std::span<const std::string> sentences) const;

  // Counts for n = 1..max_n (index n-1) of `peer` against `refs`.
  std::vector<RougeCounts> Score(const NgramProfile& peer,
                                 std::span<const NgramProfile* const> refs) const;
  std::vector<RougeCounts> Score(std::span<const std::string> peer,
                                 std::span<const std::vector<std::string>> refs) const;

 private:
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
  };
  using StringSet = std::unordered_set<std::string, Hash, std::equal_to<>>;
  using StringMap = std::unordered_map<std::string, std::string, Hash, std::equal_to<>>;
  struct Cache;  // stem memo behind a mutex

  RougeOptions options_;
  StringSet stopwords_;
  StringMap exceptions_;
  std::unique_ptr<Cache> cache_;
};

}  // namespace annals::eval

#endif  // ANNALS_EVAL_ROUGE_H_
