// Porter stemmer as ROUGE-1.5.5 runs it (see porter.h).
#include "text/porter.h"

#include <algorithm>
#include <array>
#include <span>
#include <string>
#include <vector>

namespace annals {
namespace {

// ---------------------------------------------------------------------------
// Porter stemmer, transcribed from the regular expressions of ROUGE-1.5.5's
// Perl code rather than from the C reference, so that it agrees with ROUGE
// by construction: in the Perl classes a 'y' may serve as vowel or
// consonant, whichever lets a pattern match (this works out as Porter's
// y rule), and step 4 is ROUGE's own (see rouge.h). Checked word for word
// against the Perl code on the Timeline17 vocabulary and on synthetic
// y-heavy and suffix-stacked words.
//
// Perl's patterns, with c = [^aeiou], v = [aeiouy]:
//   C = c[^aeiouy]*   V = v[aeiou]*
//   mgr0 = ^(C)?VC    meq1 = ^(C)?VC(V)?$    mgr1 = ^(C)?VCVC   _v = ^(C)?v
// They are evaluated here by tracking the set of positions a backtracking
// matcher could reach, which gives the same yes/no answer.

bool InSet(char ch, std::string_view set) { return set.find(ch) != std::string_view::npos; }

// Positions (0..size) a matcher can have reached in `w`.
using Positions = std::vector<bool>;

Positions Start(std::string_view w) {
  Positions p(w.size() + 1, false);
  p[0] = true;
  return p;
}

bool Any(const Positions& p) { return std::find(p.begin(), p.end(), true) != p.end(); }

// One char from `first` (member or not, per `first_in`), then any run of
// chars whose membership in `rest` equals `rest_in`.
Positions Run(std::string_view w, const Positions& from, std::string_view first, bool first_in,
              std::string_view rest, bool rest_in, bool repeat) {
  Positions out(w.size() + 1, false);
  for (size_t p = 0; p < w.size(); ++p) {
    if (!from[p] || InSet(w[p], first) != first_in) continue;
    size_t q = p + 1;
    out[q] = true;
    while (repeat && q < w.size() && InSet(w[q], rest) == rest_in) out[++q] = true;
  }
  return out;
}

constexpr std::string_view kAeiou = "aeiou";
constexpr std::string_view kAeiouy = "aeiouy";

Positions MatchC(std::string_view w, const Positions& from) {
  return Run(w, from, kAeiou, false, kAeiouy, false, true);
}
Positions MatchV(std::string_view w, const Positions& from) {
  return Run(w, from, kAeiouy, true, kAeiou, true, true);
}
Positions MatchSmallV(std::string_view w, const Positions& from) {
  return Run(w, from, kAeiouy, true, "", true, false);
}
Positions Optional(const Positions& a, const Positions& b) {
  Positions out = a;
  for (size_t i = 0; i < out.size(); ++i) out[i] = out[i] || b[i];
  return out;
}
// ^(C)?
Positions OptionalC(std::string_view w) {
  Positions s = Start(w);
  return Optional(s, MatchC(w, s));
}

bool Mgr0(std::string_view w) { return Any(MatchC(w, MatchV(w, OptionalC(w)))); }
bool Mgr1(std::string_view w) {
  return Any(MatchC(w, MatchV(w, MatchC(w, MatchV(w, OptionalC(w))))));
}
bool Meq1(std::string_view w) {
  Positions p = MatchC(w, MatchV(w, OptionalC(w)));
  p = Optional(p, MatchV(w, p));
  return p[w.size()];
}
bool HasVowel(std::string_view w) { return Any(MatchSmallV(w, OptionalC(w))); }
// ^C v [^aeiouwxy]$ — Porter's "*o" condition in its Perl form.
bool Cvc(std::string_view w) {
  Positions p = MatchSmallV(w, MatchC(w, Start(w)));
  p = Run(w, p, "aeiouwxy", false, "", false, false);
  return p[w.size()];
}

bool EndsWith(std::string_view w, std::string_view s) { return w.ends_with(s); }

// The longest suffix of `w` in `list` (what Perl's leftmost match of an
// alternation anchored with $ finds), or npos.
size_t LongestSuffix(std::string_view w, std::span<const std::string_view> list) {
  size_t best = std::string_view::npos;
  for (size_t i = 0; i < list.size(); ++i) {
    if (EndsWith(w, list[i]) &&
        (best == std::string_view::npos || list[i].size() > list[best].size())) {
      best = i;
    }
  }
  return best;
}

struct Rule {
  std::string_view suffix;
  std::string_view replacement;
};

constexpr std::array<Rule, 21> kStep2 = {{
    {"ational", "ate"}, {"tional", "tion"}, {"enci", "ence"}, {"anci", "ance"}, {"izer", "ize"},
    {"bli", "ble"},     {"alli", "al"},     {"entli", "ent"}, {"eli", "e"},     {"ousli", "ous"},
    {"ization", "ize"}, {"ation", "ate"},   {"ator", "ate"},  {"alism", "al"},  {"iveness", "ive"},
    {"fulness", "ful"}, {"ousness", "ous"}, {"aliti", "al"},  {"iviti", "ive"}, {"biliti", "ble"},
    {"logi", "log"},
}};
constexpr std::array<Rule, 7> kStep3 = {{
    {"icate", "ic"},
    {"ative", ""},
    {"alize", "al"},
    {"iciti", "ic"},
    {"ical", "ic"},
    {"ful", ""},
    {"ness", ""},
}};
constexpr std::array<std::string_view, 16> kStep4 = {
    "al",    "ance", "ence", "er",  "ic",  "able", "ible", "ant",
    "ement", "ou",   "ism",  "ate", "iti", "ous",  "ive",  "ize",
};

template <size_t N>
void ApplyRules(std::string& w, const std::array<Rule, N>& rules) {
  std::array<std::string_view, N> suffixes;
  for (size_t i = 0; i < N; ++i) suffixes[i] = rules[i].suffix;
  size_t i = LongestSuffix(w, suffixes);
  if (i == std::string_view::npos) return;
  std::string stem = w.substr(0, w.size() - rules[i].suffix.size());
  if (Mgr0(stem)) w = stem + std::string(rules[i].replacement);
}

// Removes `n` trailing bytes when what remains has m > 1.
void StripIfMgr1(std::string& w, size_t n) {
  std::string_view stem = std::string_view(w).substr(0, w.size() - n);
  if (Mgr1(stem)) w.resize(stem.size());
}

}  // namespace

std::string PorterStem(std::string_view word) {
  std::string w(word);
  if (w.size() < 3) return w;
  // An initial y is upper-cased so that no class treats it as a vowel.
  const bool initial_y = w[0] == 'y';
  if (initial_y) w[0] = 'Y';

  // Step 1a: sses -> ss, ies -> i, s -> "" (not after s).
  if (EndsWith(w, "sses") || EndsWith(w, "ies")) {
    w.resize(w.size() - 2);
  } else if (w.size() >= 2 && w.back() == 's' && w[w.size() - 2] != 's') {
    w.pop_back();
  }

  // Step 1b.
  if (EndsWith(w, "eed")) {
    if (Mgr0(std::string_view(w).substr(0, w.size() - 3))) w.pop_back();
  } else if (EndsWith(w, "ed") || EndsWith(w, "ing")) {
    std::string stem = w.substr(0, w.size() - (EndsWith(w, "ed") ? 2 : 3));
    if (HasVowel(stem)) {
      w = std::move(stem);
      const size_t n = w.size();
      if (EndsWith(w, "at") || EndsWith(w, "bl") || EndsWith(w, "iz")) {
        w += 'e';
      } else if (n >= 2 && w[n - 1] == w[n - 2] && !InSet(w[n - 1], "aeiouylsz")) {
        w.pop_back();
      } else if (Cvc(w)) {
        w += 'e';
      }
    }
  }

  // Step 1c: y -> i after a vowel somewhere in the stem.
  if (!w.empty() && w.back() == 'y' && HasVowel(std::string_view(w).substr(0, w.size() - 1)))
    w.back() = 'i';

  ApplyRules(w, kStep2);
  ApplyRules(w, kStep3);

  // Step 4, as modified in ROUGE (CYL, 2004): three independent tests, each
  // on the word the previous one left.
  if (size_t i = LongestSuffix(w, kStep4); i != std::string_view::npos) {
    StripIfMgr1(w, kStep4[i].size());
  }
  if (EndsWith(w, "ment")) StripIfMgr1(w, 4);
  if (EndsWith(w, "ent")) {
    StripIfMgr1(w, 3);
  } else if (EndsWith(w, "sion") || EndsWith(w, "tion")) {
    StripIfMgr1(w, 3);  // keeps the s/t
  }

  // Step 5.
  if (!w.empty() && w.back() == 'e') {
    std::string_view stem = std::string_view(w).substr(0, w.size() - 1);
    if (Mgr1(stem) || (Meq1(stem) && !Cvc(stem))) w.pop_back();
  }
  if (EndsWith(w, "ll") && Mgr1(w)) w.pop_back();

  if (initial_y) w[0] = 'y';
  return w;
}

}  // namespace annals
