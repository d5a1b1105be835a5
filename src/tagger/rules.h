// tagger/rules.h — temporal rules as data.
//
// A rule file (data/<lang>/rules/<family>.rules) holds one family of rules, each
// with the examples that document and test it:
//
//   rule: month-day-year
//     pattern: <month> .? <day> ,? <year>
//     kind: date
//     example: he left on [Jan. 30, 2013] @ 2013-02-04 => DATE 2013-01-30
//     reject: May 5 people
//
// Pattern items, separated by spaces:
//   word, a|an|the     a literal token (lower case), or alternatives
//   <class>            a lexicon class or a built-in class (see Builtin);
//   <class:slot>       ... captured into another slot than its own name
//   item?              optional
//   ~item              must touch the previous token (no space between)
//   ^item              context: must be there, but is not part of the span
//                      (only at the start or the end of a pattern)
//   ^!item             negative context: the next token must not match
//                      (consumes nothing); ^!~item: must not touch it
// Punctuation is written as itself: , . - / : '
//
// `kind` is date (the default), time, duration, set or none; `set:
// slot=value` fixes slots the pattern does not capture. A rule of kind none
// reads words that look like a time but are not one ("a second term": the
// ordinal): it tags nothing, and as a match like any other it keeps the
// shorter time readings of its span out. `when: narrative` keeps a rule
// to --type narrative (its examples are tagged so). Examples are
//   example: TEXT @ DCT => TYPE VALUE [mod=MOD]
//   reject: TEXT            (no time expression may be found in the
//                            bracketed part, or in all of TEXT)
// where [brackets] in TEXT mark the expected span (all of TEXT without).
#ifndef ANNALS_TAGGER_RULES_H_
#define ANNALS_TAGGER_RULES_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "annals/date.h"
#include "tagger/lexicon.h"
#include "tagger/slots.h"

namespace annals {

enum class Builtin {
  kNone,
  kInt,       // any digit token
  kYear,      // 1000..2999, four digits or in words ("nineteen ninety-six")
  kNewsYear,  // 1850..2099, likewise: a year even without context
  kYY,        // two digits (after an apostrophe: '90)
  kDay,       // 1..31, with an optional touching st/nd/rd/th
  kMonthNum,  // 1..12
  kNum,       // digits or number words ("twenty-two"), value as digits
  kOrd,       // 1st, 22nd, first, twenty-second
  kHour,      // 0..24, one or two digits; or hours and minutes run together,
              // three or four digits ("1030am", "430pm": the resolver
              // splits an hour above 99)
  kMinute,    // 00..59, two digits
  kDecade,    // 1990s, 90s -> "199"
  kOrdNum,    // 1st..31st: digits with a touching suffix only (not "first")
  kWord,      // any word (letters); not as the first item of a pattern
  kCapWord,   // a word with a capital first letter ("March of [Dimes]"); likewise
  kFrac,      // the digits after a decimal point, as written ("30,04": "04")
};

struct PatternItem {
  std::vector<std::string> words;  // literal alternatives
  int class_id = -1;               // lexicon class
  Builtin builtin = Builtin::kNone;
  Slot slot = Slot::kNone;  // where a class capture goes
  bool optional = false;
  bool touch = false;    // no whitespace before
  bool context = false;  // not part of the span
  bool negate = false;   // context only: the token must NOT match
};

enum class RuleKind { kDate, kTime, kDuration, kSet, kNone };

struct RuleExample {
  std::string source;  // file:line
  std::string text;    // with the brackets removed
  size_t span_begin = 0, span_end = 0;
  bool reject = false;
  Date dct;
  std::string type, value, mod;
};

struct Rule {
  std::string name;
  std::string family;  // file stem
  std::string source;  // file:line
  std::vector<PatternItem> items;
  RuleKind kind = RuleKind::kDate;
  std::vector<std::pair<Slot, std::string>> fixed;
  std::vector<RuleExample> examples;
  int priority = 0;  // order of definition; earlier wins ties
  // `when: narrative`: a reading only narrative text makes (WikiWars writes
  // "former" as PAST_REF, TempEval-3 news never does); its examples are
  // tagged as narrative.
  bool narrative_only = false;
  // `unless: <class>`: a reading the text around refutes. The match is no
  // expression when a word of this lexicon class stands within
  // kUnlessBefore tokens before it or kUnlessAfter after it ("the second
  // half" near "points" or "team" is a game's, not a half-year). -1: none.
  int unless_class = -1;
};

// The window of `unless:`, in tokens: about two sentences before, one after.
inline constexpr size_t kUnlessBefore = 40;
inline constexpr size_t kUnlessAfter = 20;

// Parses one rule file. Throws std::runtime_error naming source:line on
// malformed input (unknown class, bad example, ...).
std::vector<Rule> ParseRules(std::string_view text, const std::string& family,
                             const std::string& source, const Lexicon& lexicon);

}  // namespace annals

#endif  // ANNALS_TAGGER_RULES_H_
