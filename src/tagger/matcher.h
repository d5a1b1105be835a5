// tagger/matcher.h — finds rule matches in a token stream.
//
// Every pattern has a bounded number of items and every item a bounded
// number of ways to match, so the work at each token is bounded by the rule
// set, not by the input: matching is linear in the number of tokens.
// Rules are indexed by what their first item can start with, so a token
// is only tried against the rules that could begin there.
#ifndef ANNALS_TAGGER_MATCHER_H_
#define ANNALS_TAGGER_MATCHER_H_

#include <deque>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "tagger/lexicon.h"
#include "tagger/rules.h"
#include "text/tokenizer.h"

namespace annals {

struct Capture {
  Slot slot;
  std::string value;
};

struct RuleMatch {
  const Rule* rule = nullptr;
  size_t begin = 0;  // first token of the span (context excluded)
  size_t end = 0;    // one past the last token of the span
  size_t full = 0;   // tokens matched including context
  std::vector<Capture> captures;
};

class Matcher {
 public:
  // `lexicon` must outlive the matcher and not change; the rules are
  // copied (a match's `rule` points into the matcher's copy).
  Matcher(const std::vector<Rule>& rules, const Lexicon& lexicon);

  // Leftmost-longest, non-overlapping matches in token order. Ties in
  // length go to the rule defined first.
  std::vector<RuleMatch> FindAll(const std::vector<Token>& tokens) const;

 private:
  // Values on the hot path are views: into token norms, lexicon values,
  // the static number strings, or State::arena (numbers computed from
  // several tokens). A recorded best match copies its captures out.
  struct Option {
    size_t length;
    std::string_view value;
  };
  struct State {
    std::vector<std::pair<Slot, std::string_view>> caps;
    std::vector<std::vector<Option>> scratch;  // [d]: options of item d
    std::deque<std::string> arena;             // lives for one FindAll
    // Lexicon matches of every class at every token, computed once:
    // lex[lex_begin[i] .. lex_begin[i + 1]) are token i's, grouped by class.
    std::vector<Lexicon::ClassMatch> lex;
    std::vector<uint32_t> lex_begin;
    // Token i's matches of class `cls`, longest first (an empty range past
    // the last token).
    std::span<const Lexicon::ClassMatch> LexAt(int cls, size_t i) const {
      const Lexicon::ClassMatch* p = lex.data() + lex_begin[i];
      const Lexicon::ClassMatch* end = lex.data() + lex_begin[i + 1];
      while (p != end && p->cls != cls) ++p;
      const Lexicon::ClassMatch* q = p;
      while (q != end && q->cls == cls) ++q;
      return {p, q};
    }
  };
  // A year spelled in words at tokens[i] ("nineteen ninety-six"), or 0;
  // *length is the tokens it takes.
  int SpelledYear(const std::vector<Token>& tokens, size_t i, const State& state,
                  size_t* length) const;
  // starts[i] = the classes token i starts (Lexicon::Start::classes),
  // computed once.
  void ItemOptions(const PatternItem& item, const std::vector<Token>& tokens,
                   const std::vector<uint64_t>& starts, size_t i, State* state,
                   std::vector<Option>* out) const;
  void Extend(const Rule& rule, size_t item, const std::vector<Token>& tokens,
              const std::vector<uint64_t>& starts, size_t tok, size_t start, RuleMatch* best,
              State* state) const;

  const std::vector<Rule> rules_;  // WithRequiredFirstItems of the rules given
  const Lexicon& lexicon_;
  int number_class_ = -1, ordinal_class_ = -1, thousand_class_ = -1;
  // What makes a day number an ordinal when it touches it (ordsuffix.tsv:
  // English "st", "th"; French "er"; Spanish "º").
  std::vector<std::string> ordinal_suffixes_;
  bool IsOrdinalSuffix(const std::string& norm) const;
  size_t max_items_ = 0;
  // Per rule, a cheap necessary condition for a match at token i, checked
  // before the full Extend: most rules tried at a common word ("the",
  // "on") fail at once. It looks at one item: the first, or the second
  // when the first always takes one token (a literal, a digit run), at
  // token i + `at`; an optional second item and the required third are
  // both probed there. The token passes when it is a digit run and
  // `digits`, or a class of `classes` has an entry matching there, or it is
  // one of `words` or `words2`; and it touches the one before if `touch`.
  // With `after_class` the first item is a class and the second is probed
  // after each of its matches at i, whatever their length ("l '").
  struct Probe {
    bool active = false;
    bool after_class = false;
    uint8_t at = 0;
    bool digits = false;
    bool touch = false;
    uint64_t classes = 0;
    const std::vector<std::string>* words = nullptr;
    const std::vector<std::string>* words2 = nullptr;
  };
  Probe MakeProbe(const Rule& rule) const;
  std::vector<Probe> probes_;
  // Rules that can start with a built-in class read from a digit run,
  // ascending (they are added in rule order).
  std::vector<int> by_digit_builtin_;
  // Per word (a token's norm): the rules that can start at it, sorted and
  // merged once from what the rules' first items accept, and what it starts
  // in the lexicon. A digit run not listed here can start by_digit_builtin_
  // only.
  struct WordInfo {
    std::vector<int> rules;
    const Lexicon::Start* start = nullptr;
  };
  std::unordered_map<std::string, WordInfo> words_;
};

}  // namespace annals

#endif  // ANNALS_TAGGER_MATCHER_H_
