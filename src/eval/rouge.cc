#include "eval/rouge.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <fstream>
#include <mutex>
#include <utility>

namespace annals::eval {
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

// ---------------------------------------------------------------------------

struct RougeScorer::Cache {
  std::mutex mu;
  std::unordered_map<std::string, std::string, Hash, std::equal_to<>> stems;
};

RougeScorer::RougeScorer(std::unordered_set<std::string> stopwords,
                         std::unordered_map<std::string, std::string> exceptions,
                         const RougeOptions& options)
    : options_(options), cache_(std::make_unique<Cache>()) {
  if (options_.max_n < 1) options_.max_n = 1;
  for (auto& s : stopwords) stopwords_.insert(s);
  for (auto& [k, v] : exceptions) exceptions_.emplace(k, v);
}

RougeScorer::RougeScorer(RougeScorer&&) noexcept = default;
RougeScorer& RougeScorer::operator=(RougeScorer&&) noexcept = default;
RougeScorer::~RougeScorer() = default;

std::optional<RougeScorer> RougeScorer::Load(const std::string& dir, std::string* error,
                                             const RougeOptions& options) {
  auto fail = [&](const std::string& msg) {
    if (error) *error = msg;
    return std::nullopt;
  };
  std::unordered_set<std::string> stopwords;
  {
    const std::string path = dir + "/smart_common_words.txt";
    std::ifstream in(path);
    if (!in) return fail("cannot read " + path);
    // Taken verbatim, like ROUGE's chomp: the list includes entries such as
    // "'s" that can never match a prepared token, which is harmless.
    for (std::string line; std::getline(in, line);) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      stopwords.insert(line);
    }
  }
  std::unordered_map<std::string, std::string> exceptions;
  for (const char* pos : {"adj", "adv", "noun", "verb"}) {
    const std::string path = dir + "/WordNet-2.0-Exceptions/" + pos + ".exc";
    std::ifstream in(path);
    if (!in) return fail("cannot read " + path);
    for (std::string line; std::getline(in, line);) {
      std::vector<std::string> fields;
      size_t i = 0;
      while (i < line.size()) {
        while (i < line.size() && std::isspace(static_cast<unsigned char>(line[i]))) ++i;
        size_t j = i;
        while (j < line.size() && !std::isspace(static_cast<unsigned char>(line[j]))) ++j;
        if (j > i) fields.emplace_back(line.substr(i, j - i));
        i = j;
      }
      if (fields.size() >= 2) exceptions[fields[0]] = fields[1];
    }
  }
  return RougeScorer(std::move(stopwords), std::move(exceptions), options);
}

bool RougeScorer::IsStopword(std::string_view token) const {
  return stopwords_.find(token) != stopwords_.end();
}

std::optional<std::string> RougeScorer::Exception(std::string_view token) const {
  auto it = exceptions_.find(token);
  if (it == exceptions_.end()) return std::nullopt;
  return it->second;
}

std::string RougeScorer::StemToken(std::string_view token) const {
  std::lock_guard<std::mutex> lock(cache_->mu);
  auto it = cache_->stems.find(token);
  if (it != cache_->stems.end()) return it->second;
  std::string stem;
  if (auto e = exceptions_.find(token); e != exceptions_.end()) {
    stem = e->second;
  } else {
    stem = PorterStem(token);
  }
  cache_->stems.emplace(std::string(token), stem);
  return stem;
}

std::vector<std::string> RougeScorer::Tokens(std::span<const std::string> sentences) const {
  // Build the lower-cased, space-joined text; the character classes below
  // then do the work of ROUGE's two substitutions in one pass.
  std::string text;
  for (const std::string& s : sentences) {
    std::string_view sv = s;
    if (options_.pyrouge_html_quirks) {
      if (size_t lt = sv.find('<'); lt != std::string_view::npos) sv = sv.substr(0, lt);
    }
    if (!text.empty()) text += ' ';
    for (char ch : sv) {
      if (options_.pyrouge_html_quirks && ch == '^') {
        text += " circ ";  // "&circ;" after ROUGE's substitutions
        continue;
      }
      text += (ch >= 'A' && ch <= 'Z') ? char(ch - 'A' + 'a') : ch;
    }
  }
  std::vector<std::string> raw;
  std::string cur;
  auto flush = [&] {
    if (!cur.empty()) raw.push_back(std::move(cur));
    cur.clear();
  };
  for (char ch : text) {
    if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')) {
      cur += ch;
    } else if (ch == '-') {
      flush();
      raw.emplace_back("-");
    } else {
      flush();
    }
  }
  flush();

  std::vector<std::string> tokens;
  tokens.reserve(raw.size());
  for (std::string& t : raw) {
    if (options_.remove_stopwords && IsStopword(t)) continue;
    const char c = t[0];
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '$')) continue;
    if (options_.stem && t.size() > 3) {
      tokens.push_back(StemToken(t));
    } else {
      tokens.push_back(std::move(t));
    }
  }
  return tokens;
}

NgramProfile RougeScorer::Profile(std::span<const std::string> sentences) const {
  const std::vector<std::string> tokens = Tokens(sentences);
  NgramProfile p;
  p.counts.resize(options_.max_n);
  p.totals.assign(options_.max_n, 0);
  for (int n = 1; n <= options_.max_n; ++n) {
    auto& counts = p.counts[n - 1];
    for (size_t i = 0; i + n <= tokens.size(); ++i) {
      std::string gram = tokens[i];
      for (int j = 1; j < n; ++j) {
        gram += ' ';
        gram += tokens[i + j];
      }
      ++counts[gram];
      ++p.totals[n - 1];
    }
  }
  return p;
}

std::vector<RougeCounts> RougeScorer::Score(const NgramProfile& peer,
                                            std::span<const NgramProfile* const> refs) const {
  std::vector<RougeCounts> out(options_.max_n);
  for (int n = 0; n < options_.max_n; ++n) {
    const bool peer_has = n < static_cast<int>(peer.counts.size());
    const int64_t peer_total = peer_has ? peer.totals[n] : 0;
    for (const NgramProfile* ref : refs) {
      out[n].peer += peer_total;
      if (n >= static_cast<int>(ref->counts.size())) continue;
      out[n].model += ref->totals[n];
      if (!peer_has) continue;
      // Iterate the smaller map; the clipped overlap is symmetric.
      const auto& a = peer.counts[n];
      const auto& b = ref->counts[n];
      const auto& small = a.size() <= b.size() ? a : b;
      const auto& large = a.size() <= b.size() ? b : a;
      for (const auto& [gram, count] : small) {
        auto it = large.find(gram);
        if (it != large.end()) out[n].hit += std::min(count, it->second);
      }
    }
  }
  return out;
}

std::vector<RougeCounts> RougeScorer::Score(std::span<const std::string> peer,
                                            std::span<const std::vector<std::string>> refs) const {
  const NgramProfile p = Profile(peer);
  std::vector<NgramProfile> r;
  r.reserve(refs.size());
  for (const auto& ref : refs) r.push_back(Profile(ref));
  std::vector<const NgramProfile*> ptrs;
  for (const auto& x : r) ptrs.push_back(&x);
  return Score(p, ptrs);
}

}  // namespace annals::eval
