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
  // `rules` and `lexicon` must outlive the matcher.
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
  };
  // starts[i] = Lexicon::StartingClasses of token i, computed once.
  void ItemOptions(const PatternItem& item, const std::vector<Token>& tokens,
                   const std::vector<uint64_t>& starts, size_t i, State* state,
                   std::vector<Option>* out) const;
  void Extend(const Rule& rule, size_t item, const std::vector<Token>& tokens,
              const std::vector<uint64_t>& starts, size_t tok, size_t start, RuleMatch* best,
              State* state) const;

  const std::vector<Rule>& rules_;
  const Lexicon& lexicon_;
  int number_class_ = -1, ordinal_class_ = -1;
  size_t max_items_ = 0;
  // Rules that can start with a given literal word, a given lexicon class,
  // or a built-in class.
  std::unordered_map<std::string, std::vector<int>> by_word_;
  std::vector<std::vector<int>> by_class_;
  std::vector<int> by_digit_builtin_;  // built-ins that need a digit token
  std::vector<int> by_word_builtin_;   // <num>/<ord>, which also match words
};

}  // namespace annals

#endif  // ANNALS_TAGGER_MATCHER_H_
