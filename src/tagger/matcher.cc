#include "tagger/matcher.h"

#include <algorithm>

#include "text/ascii.h"

namespace annals {
namespace {

// "0" .. "9999" as static strings, so that most numbers need no storage.
std::string_view SmallNumber(int64_t v) {
  static const auto* table = [] {
    auto* t = new std::vector<std::string>(10000);
    for (int i = 0; i < 10000; ++i) (*t)[i] = std::to_string(i);
    return t;
  }();
  return (*table)[static_cast<size_t>(v)];
}

// `marker` followed by `n` dots: how context items record their length.
std::string_view ContextMark(char marker, size_t n) {
  static const std::string lead = "<" + std::string(255, '.');
  static const std::string trail = ">" + std::string(255, '.');
  return std::string_view(marker == '<' ? lead : trail).substr(0, 1 + std::min<size_t>(n, 255));
}

// The rules as the matcher tries them: a rule whose pattern begins with
// optional items ("o|os? próximo <unit>") becomes one rule per way of
// beginning, the item required or left out, so that every rule's first
// item is required. A rule can then be tried only at the tokens its first
// item matches, and its probe (below) checks it before the full match: a
// leading optional article made the rule a candidate at every "a" and "o"
// of a Portuguese text and cost the language a third of its speed. The
// matches are the same; the copies keep the rule's name, kind and
// priority, and drop its examples.
std::vector<Rule> WithRequiredFirstItems(const std::vector<Rule>& rules) {
  std::vector<Rule> out;
  out.reserve(rules.size());
  for (const Rule& r : rules) {
    std::vector<Rule> work(1, r);
    work[0].examples.clear();
    while (!work.empty()) {
      Rule x = std::move(work.back());
      work.pop_back();
      const bool split =
          x.items.size() >= 2 && x.items[0].optional && !x.items[0].context && !x.items[0].negate;
      if (!split) {
        out.push_back(std::move(x));
        continue;
      }
      Rule without = x;
      without.items.erase(without.items.begin());
      x.items[0].optional = false;
      work.push_back(std::move(without));
      work.push_back(std::move(x));  // tried first, as Extend tries the item first
    }
  }
  return out;
}

}  // namespace

Matcher::Matcher(const std::vector<Rule>& rules, const Lexicon& lexicon)
    : rules_(WithRequiredFirstItems(rules)), lexicon_(lexicon) {
  number_class_ = lexicon.ClassId("number");
  ordinal_class_ = lexicon.ClassId("ordinal");
  thousand_class_ = lexicon.ClassId("thousand");
  if (lexicon.HasClass("ordsuffix"))
    for (const auto& [phrase, value] : lexicon.Entries("ordsuffix"))
      ordinal_suffixes_.push_back(phrase);
  int max_class = 0;
  for (const Rule& r : rules_)
    for (const PatternItem& it : r.items) max_class = std::max(max_class, it.class_id + 1);
  // Rules that can start with a given literal word, a given lexicon class,
  // or a built-in class that also reads words (<num>, <ord>, <year>):
  // needed only to build words_ below.
  std::unordered_map<std::string, std::vector<int>> by_word;
  std::vector<std::vector<int>> by_class(max_class);
  std::vector<int> by_word_builtin;
  for (const Rule& r : rules_) max_items_ = std::max(max_items_, r.items.size());
  for (const Rule& r : rules_) probes_.push_back(MakeProbe(r));
  for (size_t ri = 0; ri < rules_.size(); ++ri) {
    std::vector<bool> seen_class(max_class, false);
    bool digit_builtin = false, word_builtin = false;
    for (const PatternItem& it : rules_[ri].items) {
      for (const std::string& w : it.words) {
        auto& v = by_word[w];
        if (v.empty() || v.back() != static_cast<int>(ri)) v.push_back(static_cast<int>(ri));
      }
      if (it.class_id >= 0 && !seen_class[it.class_id]) {
        seen_class[it.class_id] = true;
        by_class[it.class_id].push_back(static_cast<int>(ri));
      }
      if (it.builtin == Builtin::kNum || it.builtin == Builtin::kOrd ||
          it.builtin == Builtin::kYear || it.builtin == Builtin::kNewsYear)
        word_builtin = true;  // also written in words
      else if (it.builtin != Builtin::kNone)
        digit_builtin = true;
      if (!it.optional) break;
    }
    if (digit_builtin || word_builtin) by_digit_builtin_.push_back(static_cast<int>(ri));
    if (word_builtin) by_word_builtin.push_back(static_cast<int>(ri));
  }
  // Which rules can start at a token depends only on its text (a digit
  // run is a number token), so the candidates are merged once per word
  // here rather than once per token.
  const uint64_t word_builtin_classes = (number_class_ >= 0 ? uint64_t{1} << number_class_ : 0) |
                                        (ordinal_class_ >= 0 ? uint64_t{1} << ordinal_class_ : 0);
  auto info_for = [&](const std::string& norm) -> WordInfo& {
    auto [it, inserted] = words_.try_emplace(norm);
    return it->second;
  };
  for (const auto& [w, rs] : by_word) info_for(w);
  for (const auto& [w, start] : lexicon.starts()) info_for(w).start = &start;
  for (auto& [w, info] : words_) {
    std::vector<int>& todo = info.rules;
    if (auto it = by_word.find(w); it != by_word.end())
      todo.insert(todo.end(), it->second.begin(), it->second.end());
    const uint64_t classes = info.start ? info.start->classes : 0;
    for (uint64_t bits = classes; bits; bits &= bits - 1) {
      size_t c = static_cast<size_t>(__builtin_ctzll(bits));
      if (c < by_class.size()) todo.insert(todo.end(), by_class[c].begin(), by_class[c].end());
    }
    const bool digits = !w.empty() && std::all_of(w.begin(), w.end(), IsAsciiDigit);
    if (digits)
      todo.insert(todo.end(), by_digit_builtin_.begin(), by_digit_builtin_.end());
    else if (classes & word_builtin_classes)
      todo.insert(todo.end(), by_word_builtin.begin(), by_word_builtin.end());
    std::sort(todo.begin(), todo.end());
    todo.erase(std::unique(todo.begin(), todo.end()), todo.end());
  }
}

bool Matcher::IsOrdinalSuffix(const std::string& norm) const {
  for (const std::string& s : ordinal_suffixes_)
    if (norm == s) return true;
  return false;
}

Matcher::Probe Matcher::MakeProbe(const Rule& rule) const {
  const auto plain = [](const PatternItem& it) { return !it.optional && !it.negate; };
  const auto one_digit_run = [](Builtin b) {
    return b == Builtin::kInt || b == Builtin::kYY || b == Builtin::kMonthNum ||
           b == Builtin::kHour || b == Builtin::kMinute || b == Builtin::kFrac;
  };
  const auto bit = [](int cls) { return cls >= 0 && cls < 64 ? uint64_t{1} << cls : 0; };
  // A probe passing a token where one of `items` can begin; inactive when
  // one of them could begin anywhere.
  const auto of = [&](std::initializer_list<const PatternItem*> items, uint8_t at) {
    Probe p;
    p.at = at;
    p.touch = at > 0;
    for (const PatternItem* it : items) {
      p.touch = p.touch && it->touch;
      if (!it->words.empty()) {
        (p.words ? p.words2 : p.words) = &it->words;
      } else if (it->class_id >= 0) {
        p.classes |= bit(it->class_id);
      } else {
        switch (it->builtin) {
          case Builtin::kInt:
          case Builtin::kYY:
          case Builtin::kMonthNum:
          case Builtin::kHour:
          case Builtin::kMinute:
          case Builtin::kDay:
          case Builtin::kDecade:
          case Builtin::kOrdNum:
          case Builtin::kFrac:
            p.digits = true;  // digits only
            break;
          case Builtin::kNum:
          case Builtin::kOrd:
          case Builtin::kYear:
          case Builtin::kNewsYear:
            p.digits = true;  // or words: a number or ordinal word starts them
            p.classes |= bit(number_class_) | bit(ordinal_class_);
            break;
          case Builtin::kNone:
          case Builtin::kWord:  // any word passes: nothing to probe
          case Builtin::kCapWord:
            return Probe{};
        }
      }
    }
    p.active = true;
    return p;
  };
  // The item after the first: the second, or an optional second and the
  // required third ("a|one|the past|last? fortnight": the token after
  // "the" is "past" or "fortnight").
  const auto after_first = [&]() {
    if (rule.items.size() < 2) return Probe{};
    const PatternItem& second = rule.items[1];
    if (plain(second)) return of({&second}, 1);
    if (second.optional && !second.negate && !second.context && rule.items.size() >= 3 &&
        plain(rule.items[2]))
      return of({&second, &rule.items[2]}, 1);
    return Probe{};
  };
  if (rule.items.empty() || !plain(rule.items[0])) return Probe{};
  const PatternItem& first = rule.items[0];
  // The first item matched by the rule's index (a literal) or is cheap to
  // read: probe what follows it.
  if (!first.words.empty() || one_digit_run(first.builtin)) return after_first();
  // A class first item ("<article> prossimo <unit>", tried at every "il"
  // and "la" of an Italian text): what follows each of its matches there,
  // or else the class itself.
  if (first.class_id >= 0) {
    Probe p = after_first();
    if (p.active) {
      p.after_class = true;
      return p;
    }
  }
  return of({&first}, 0);
}

// "nineteen ninety-six", "nineteen eighty", "twenty twelve", "two thousand
// (and) one", as broadcast transcripts write years:
// the year, or 0; *length is the tokens it takes.
int Matcher::SpelledYear(const std::vector<Token>& tokens, size_t i, const State& state,
                         size_t* length) const {
  auto value = [](const Lexicon::ClassMatch& m) { return std::atoi(m.value->c_str()); };
  for (const auto& h : state.LexAt(number_class_, i)) {
    const int high = value(h);
    if (h.length != 1) continue;
    size_t thousand = 0;  // "thousand", "thousand and" (thousand.tsv)
    if (high == 2 && i + 1 < tokens.size() && thousand_class_ >= 0) {
      const auto t = state.LexAt(thousand_class_, i + 1);
      if (!t.empty()) thousand = t.front().length;  // longest first
    }
    if (thousand > 0) {
      const size_t j = i + 1 + thousand;
      // Not "two thousand" alone: that is more often a count.
      for (const auto& l : state.LexAt(number_class_, j)) {
        const int low = value(l);
        if (l.length == 1 && low >= 1 && low <= 19) {
          *length = j + 1 - i;
          return 2000 + low;
        }
      }
      continue;
    }
    if (high < 10 || high > 20 || i + 1 >= tokens.size()) continue;
    for (const auto& l : state.LexAt(number_class_, i + 1)) {
      const int low = value(l);
      if (l.length != 1) continue;
      if (low >= 10 && low <= 19) {
        *length = 2;
        return high * 100 + low;
      }
      if (low < 20 || low > 90 || low % 10) continue;
      // "ninety-six", "ninety six"
      size_t j = i + 2;
      if (j < tokens.size() && tokens[j].norm == "-") ++j;
      for (const auto& u : state.LexAt(number_class_, j)) {
        const int unit = value(u);
        if (u.length == 1 && unit >= 1 && unit <= 9) {
          *length = j + 1 - i;
          return high * 100 + low + unit;
        }
      }
      *length = 2;
      return high * 100 + low;
    }
  }
  return 0;
}

void Matcher::ItemOptions(const PatternItem& item, const std::vector<Token>& tokens,
                          const std::vector<uint64_t>& starts, size_t i, State* state,
                          std::vector<Option>* out) const {
  auto number = [&](int64_t v) -> std::string_view {
    if (v >= 0 && v < 10000) return SmallNumber(v);
    return state->arena.emplace_back(std::to_string(v));
  };
  if (item.negate) {
    // Negative lookahead: succeeds, consuming nothing, when the positive
    // item has no way to match here.
    PatternItem positive = item;
    positive.negate = false;
    std::vector<Option> probe;
    ItemOptions(positive, tokens, starts, i, state, &probe);
    if (probe.empty()) out->push_back({0, ""});
    return;
  }
  if (i >= tokens.size()) return;
  const Token& t = tokens[i];
  if (item.touch && t.space_before) return;
  if (!item.words.empty()) {
    for (const std::string& w : item.words)
      if (t.norm == w) {
        out->push_back({1, t.norm});
        return;
      }
    return;
  }
  auto may_start = [&](int cls) { return cls >= 0 && cls < 64 && (starts[i] >> cls) & 1; };
  if (item.class_id >= 0) {
    if (!may_start(item.class_id)) return;
    for (const auto& x : state->LexAt(item.class_id, i)) out->push_back({x.length, *x.value});
    return;
  }
  const int64_t n = TokenNumber(t);
  const size_t len = t.norm.size();
  auto next_touching = [&](size_t k) -> const Token* {
    return i + k < tokens.size() && !tokens[i + k].space_before ? &tokens[i + k] : nullptr;
  };
  switch (item.builtin) {
    case Builtin::kNone:
      return;
    case Builtin::kInt:
      if (n >= 0) out->push_back({1, number(n)});
      return;
    case Builtin::kWord:
      if (t.kind == TokenKind::kWord) out->push_back({1, t.norm});
      return;
    case Builtin::kCapWord:
      if (t.kind == TokenKind::kWord && t.capitalized) out->push_back({1, t.norm});
      return;
    case Builtin::kFrac:
      if (n >= 0 && len <= 6) out->push_back({1, t.norm});
      return;
    case Builtin::kYear:
    case Builtin::kNewsYear: {
      const int lo = item.builtin == Builtin::kYear ? 1000 : 1850;
      const int hi = item.builtin == Builtin::kYear ? 2999 : 2099;
      if (len == 4 && n >= lo && n <= hi) out->push_back({1, t.norm});
      if (t.kind == TokenKind::kWord && may_start(number_class_)) {
        size_t k = 0;
        const int y = SpelledYear(tokens, i, *state, &k);
        if (y >= lo && y <= hi) out->push_back({k, number(y)});
      }
      return;
    }
    case Builtin::kYY:
      if (len == 2 && n >= 0) out->push_back({1, t.norm});
      return;
    case Builtin::kDay:
    case Builtin::kOrd:
      if (len <= 2 && n >= 1 && n <= 31) {
        const Token* s = next_touching(1);
        if (s && IsOrdinalSuffix(s->norm)) out->push_back({2, number(n)});
        if (item.builtin == Builtin::kDay) out->push_back({1, number(n)});
      }
      if (item.builtin == Builtin::kOrd && t.kind == TokenKind::kWord &&
          (may_start(ordinal_class_) || may_start(number_class_))) {
        // "twenty-first", "twenty first": a tens number word, then an ordinal.
        if (number_class_ >= 0) {
          for (const auto& tm : state->LexAt(number_class_, i)) {
            int tv = std::atoi(tm.value->c_str());
            if (tv < 20 || tv > 90 || tv % 10 || tm.length != 1) continue;
            size_t j = i + 1;
            if (j < tokens.size() && tokens[j].norm == "-") ++j;
            if (j >= tokens.size()) continue;
            for (const auto& um : state->LexAt(ordinal_class_, j)) {
              int uv = std::atoi(um.value->c_str());
              if (uv >= 1 && uv <= 9) out->push_back({j - i + um.length, number(tv + uv)});
            }
          }
        }
        for (const auto& x : state->LexAt(ordinal_class_, i)) out->push_back({x.length, *x.value});
      }
      return;
    case Builtin::kOrdNum:
      if (len <= 2 && n >= 1 && n <= 31) {
        const Token* s = next_touching(1);
        if (s && IsOrdinalSuffix(s->norm)) out->push_back({2, number(n)});
      }
      return;
    case Builtin::kMonthNum:
      if (len <= 2 && n >= 1 && n <= 12) out->push_back({1, number(n)});
      return;
    case Builtin::kHour:
      // The digits after a number's point or colon ("03.04 BST", "10:30")
      // are its fraction or minutes, never an hour of their own.
      if (i >= 2 && !t.space_before && !tokens[i - 1].space_before &&
          tokens[i - 2].kind == TokenKind::kNumber &&
          (tokens[i - 1].norm == "." || tokens[i - 1].norm == ":" || tokens[i - 1].norm == ","))
        return;
      if (len <= 2 && n >= 0 && n <= 24) out->push_back({1, number(n)});
      // "1030am": the resolver reads an hour above 99 as hours and minutes.
      if ((len == 3 || len == 4) && n >= 100 && n / 100 <= 24 && n % 100 <= 59)
        out->push_back({1, t.norm});
      return;
    case Builtin::kMinute:
      if (len == 2 && n >= 0 && n <= 59) out->push_back({1, t.norm});
      return;
    case Builtin::kDecade: {
      // 1990s, 1990's, 90s, 90's; 470s (of a BC era, mostly: "047"); and
      // "1990 's", "the 80 's" as tokenized text (Penn Treebank, Timeline17)
      // splits them.
      if (!((len == 4 || len == 3 || len == 2) && n >= 0 && n % 10 == 0)) return;
      size_t k = 1;
      const Token* s = next_touching(k);
      if (!s && i + 1 < tokens.size() && tokens[i + 1].norm == "'") s = &tokens[i + 1];
      if (s && s->norm == "'") s = next_touching(++k);
      if (!s || s->norm != "s") return;
      std::string_view v =
          len == 4   ? std::string_view(t.norm).substr(0, 3)
          : len == 3 ? std::string_view(state->arena.emplace_back("0" + t.norm.substr(0, 2)))
                     : std::string_view(state->arena.emplace_back("19" + t.norm.substr(0, 1)));
      out->push_back({k + 1, v});
      return;
    }
    case Builtin::kNum: {
      if (n >= 0) {
        // Thousands groups: 1,000 / 60,000.
        int64_t v = n;
        size_t k = 1;
        while (len <= 3 && i + k + 1 < tokens.size() && tokens[i + k].norm == "," &&
               !tokens[i + k].space_before && !tokens[i + k + 1].space_before &&
               tokens[i + k + 1].norm.size() == 3 && TokenNumber(tokens[i + k + 1]) >= 0 &&
               v < 1000000) {
          v = v * 1000 + TokenNumber(tokens[i + k + 1]);
          k += 2;
        }
        if (k > 1) out->push_back({k, number(v)});
        out->push_back({1, number(n)});
        return;
      }
      if (!may_start(number_class_) || t.kind != TokenKind::kWord) return;
      for (const auto& tm : state->LexAt(number_class_, i)) {
        int tv = std::atoi(tm.value->c_str());
        if (tv >= 20 && tv <= 90 && tv % 10 == 0 && tm.length == 1 && i + 1 < tokens.size()) {
          size_t j = i + 1;
          if (j < tokens.size() && tokens[j].norm == "-") ++j;
          for (const auto& um : state->LexAt(number_class_, j)) {
            int uv = std::atoi(um.value->c_str());
            if (uv >= 1 && uv <= 9 && um.length == 1) out->push_back({j - i + 1, number(tv + uv)});
          }
        }
        out->push_back({tm.length, *tm.value});
      }
      return;
    }
  }
}

void Matcher::Extend(const Rule& rule, size_t item, const std::vector<Token>& tokens,
                     const std::vector<uint64_t>& starts, size_t tok, size_t start, RuleMatch* best,
                     State* state) const {
  auto& caps = state->caps;
  if (item == rule.items.size()) {
    // Span: drop leading and trailing context items.
    size_t b = start, e = tok;
    // Context tokens were recorded as captures with slot kNone (see below).
    size_t lead = 0, trail = 0;
    for (const auto& [slot, value] : caps)
      if (slot == Slot::kNone && !value.empty() && (value[0] == '<' || value[0] == '>'))
        (value[0] == '<' ? lead : trail) += value.size() - 1;
    b += lead;
    e -= trail;
    // An optional comma before an optional item that did not match ("the
    // 30th of May ,? <year>?") is not part of the expression.
    while (e > b && tokens[e - 1].norm == ",") --e;
    if (e <= b) return;
    size_t full = tok - start;
    if (!best->rule || e - b > best->end - best->begin ||
        (e - b == best->end - best->begin && full > best->full)) {
      best->rule = &rule;
      best->begin = b;
      best->end = e;
      best->full = full;
      best->captures.clear();
      for (const auto& [slot, value] : caps)
        if (slot != Slot::kNone) best->captures.push_back({slot, std::string(value)});
    }
    return;
  }
  const PatternItem& it = rule.items[item];
  // scratch was sized for the longest pattern up front: resizing here
  // would move the vectors that callers up the recursion still iterate.
  std::vector<Option>& opts = state->scratch[item];
  opts.clear();
  ItemOptions(it, tokens, starts, tok, state, &opts);
  for (size_t k = 0; k < opts.size(); ++k) {
    const Option o = opts[k];  // deeper items reuse other scratch slots
    if (it.context) {
      // Record the context length as a marker and that many dots so the
      // span can be trimmed at the end; '<' marks leading context.
      size_t first_span_item = 0;
      while (rule.items[first_span_item].context) ++first_span_item;
      caps.emplace_back(Slot::kNone, ContextMark(item < first_span_item ? '<' : '>', o.length));
    }
    if (it.negate) {  // consumed nothing, captured nothing
      Extend(rule, item + 1, tokens, starts, tok, start, best, state);
      caps.pop_back();
      continue;
    }
    // Context items capture too ("March 3-5": the 5 takes March from its
    // context); a later capture of the same slot overrides an earlier one.
    caps.emplace_back(it.slot, o.value);
    Extend(rule, item + 1, tokens, starts, tok + o.length, start, best, state);
    caps.pop_back();
    if (it.context) caps.pop_back();
  }
  if (it.optional) Extend(rule, item + 1, tokens, starts, tok, start, best, state);
}

std::vector<RuleMatch> Matcher::FindAll(const std::vector<Token>& tokens) const {
  State state;
  state.scratch.resize(max_items_ + 1);
  // One lookup per token: the rules that can start there and its lexicon
  // matches, which every rule tried later reads from `state`.
  std::vector<const std::vector<int>*> todo(tokens.size(), nullptr);
  std::vector<uint64_t> starts(tokens.size(), 0);
  state.lex_begin.assign(tokens.size() + 2, 0);
  for (size_t i = 0; i < tokens.size(); ++i) {
    state.lex_begin[i] = static_cast<uint32_t>(state.lex.size());
    auto w = words_.find(tokens[i].norm);
    if (w != words_.end()) {
      todo[i] = &w->second.rules;
      if (const Lexicon::Start* start = w->second.start) {
        starts[i] = start->classes;
        lexicon_.MatchAllAt(*start, tokens, i, &state.lex);
      }
    } else if (tokens[i].kind == TokenKind::kNumber) {
      todo[i] = &by_digit_builtin_;
    }
  }
  state.lex_begin[tokens.size()] = state.lex_begin[tokens.size() + 1] =
      static_cast<uint32_t>(state.lex.size());
  std::vector<uint64_t> matched(tokens.size() + 1, 0);
  for (size_t i = 0; i < tokens.size(); ++i)
    for (uint32_t k = state.lex_begin[i]; k < state.lex_begin[i + 1]; ++k)
      if (state.lex[k].cls < 64) matched[i] |= uint64_t{1} << state.lex[k].cls;
  // Leftmost-longest selection as the candidates are found. A candidate
  // found at token i begins at i or, past leading context, later; so when
  // the scan reaches token i every candidate that begins before i is known
  // and the selection among them is final. Of the candidates that begin at
  // one token only the first in selection order can be chosen, so one per
  // begin is kept. And a rule without leading context would begin at i: once
  // a chosen match covers token i, it need not be tried there at all. On
  // text dense with expressions most tokens lie inside one ("Monday, March
  // 3, 2011"), and this skips most of the matching.
  std::vector<RuleMatch> out;
  std::vector<RuleMatch> pending;  // best candidate per begin, ascending begins
  size_t covered = 0;              // end of the last chosen match
  // Whether `a` comes before `b` (same begin) in the selection order: the
  // longer span, then the rule that needed more context (the more specific),
  // then the rule defined first; on a full tie the one found first.
  auto before = [](const RuleMatch& a, const RuleMatch& b) {
    if (a.end - a.begin != b.end - b.begin) return a.end - a.begin > b.end - b.begin;
    if (a.full != b.full) return a.full > b.full;
    return a.rule->priority < b.rule->priority;
  };
  auto settle = [&](size_t limit) {  // choose among the candidates beginning before `limit`
    size_t k = 0;
    for (; k < pending.size() && pending[k].begin < limit; ++k) {
      if (pending[k].begin < covered) continue;
      covered = pending[k].end;
      out.push_back(std::move(pending[k]));
    }
    pending.erase(pending.begin(), pending.begin() + static_cast<std::ptrdiff_t>(k));
  };
  for (size_t i = 0; i < tokens.size(); ++i) {
    settle(i);
    if (!todo[i]) continue;
    for (int ri : *todo[i]) {
      const Rule& rule = rules_[ri];
      if (covered > i && !rule.items.front().context) continue;
      const Probe& p = probes_[ri];
      // The probe's test is written out in both branches: a shared helper
      // (a function or a lambda) was not inlined and cost 230 M
      // instructions of 2,900 M on bpoil_bbc (callgrind), run per candidate.
      if (p.active && p.after_class) {
        // What follows each match of the first item's class here.
        bool pass = false;
        for (const auto& m : state.LexAt(rule.items.front().class_id, i)) {
          const size_t j = i + m.length;
          if (j >= tokens.size()) continue;
          const Token& t = tokens[j];
          if (p.touch && t.space_before) continue;
          if ((p.digits && t.kind == TokenKind::kNumber) || (matched[j] & p.classes) ||
              (p.words && std::find(p.words->begin(), p.words->end(), t.norm) != p.words->end()) ||
              (p.words2 &&
               std::find(p.words2->begin(), p.words2->end(), t.norm) != p.words2->end())) {
            pass = true;
            break;
          }
        }
        if (!pass) continue;
      } else if (p.active) {
        const size_t j = i + p.at;
        if (j >= tokens.size()) continue;
        const Token& t = tokens[j];
        if (p.touch && t.space_before) continue;
        const bool pass =
            (p.digits && t.kind == TokenKind::kNumber) || (matched[j] & p.classes) ||
            (p.words && std::find(p.words->begin(), p.words->end(), t.norm) != p.words->end()) ||
            (p.words2 && std::find(p.words2->begin(), p.words2->end(), t.norm) != p.words2->end());
        if (!pass) continue;
      }
      RuleMatch best;
      state.caps.clear();
      Extend(rule, 0, tokens, starts, i, i, &best, &state);
      if (!best.rule || best.begin < covered) continue;
      auto at = std::lower_bound(pending.begin(), pending.end(), best.begin,
                                 [](const RuleMatch& m, size_t b) { return m.begin < b; });
      if (at == pending.end() || at->begin != best.begin)
        pending.insert(at, std::move(best));
      else if (before(best, *at))
        *at = std::move(best);
    }
  }
  settle(tokens.size() + 1);
  return out;
}

}  // namespace annals
