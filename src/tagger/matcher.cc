#include "tagger/matcher.h"

#include <algorithm>

namespace annals {
namespace {

bool IsOrdinalSuffix(const std::string& s) {
  return s == "st" || s == "nd" || s == "rd" || s == "th";
}

}  // namespace

Matcher::Matcher(const std::vector<Rule>& rules, const Lexicon& lexicon)
    : rules_(rules), lexicon_(lexicon) {
  number_class_ = lexicon.ClassId("number");
  ordinal_class_ = lexicon.ClassId("ordinal");
  int max_class = 0;
  for (const Rule& r : rules)
    for (const PatternItem& it : r.items) max_class = std::max(max_class, it.class_id + 1);
  by_class_.resize(max_class);
  for (size_t ri = 0; ri < rules.size(); ++ri) {
    std::vector<bool> seen_class(max_class, false);
    bool builtin = false;
    for (const PatternItem& it : rules[ri].items) {
      for (const std::string& w : it.words) {
        auto& v = by_word_[w];
        if (v.empty() || v.back() != static_cast<int>(ri)) v.push_back(static_cast<int>(ri));
      }
      if (it.class_id >= 0 && !seen_class[it.class_id]) {
        seen_class[it.class_id] = true;
        by_class_[it.class_id].push_back(static_cast<int>(ri));
      }
      if (it.builtin != Builtin::kNone) builtin = true;
      if (!it.optional) break;
    }
    if (builtin) by_builtin_.push_back(static_cast<int>(ri));
  }
}

void Matcher::ItemOptions(const PatternItem& item, const std::vector<Token>& tokens, size_t i,
                          std::vector<Option>* out) const {
  if (item.negate) {
    // Negative lookahead: succeeds, consuming nothing, when the positive
    // item has no way to match here.
    PatternItem positive = item;
    positive.negate = false;
    std::vector<Option> probe;
    ItemOptions(positive, tokens, i, &probe);
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
  if (item.class_id >= 0) {
    std::vector<Lexicon::Match> m;
    lexicon_.MatchAt(item.class_id, tokens, i, &m);
    for (const auto& x : m) out->push_back({x.length, *x.value});
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
      if (n >= 0) out->push_back({1, std::to_string(n)});
      return;
    case Builtin::kYear:
      if (len == 4 && n >= 1000 && n <= 2999) out->push_back({1, t.norm});
      return;
    case Builtin::kNewsYear:
      if (len == 4 && n >= 1850 && n <= 2099) out->push_back({1, t.norm});
      return;
    case Builtin::kYY:
      if (len == 2 && n >= 0) out->push_back({1, t.norm});
      return;
    case Builtin::kDay:
    case Builtin::kOrd:
      if (len <= 2 && n >= 1 && n <= 31) {
        const Token* s = next_touching(1);
        if (s && IsOrdinalSuffix(s->norm)) out->push_back({2, std::to_string(n)});
        if (item.builtin == Builtin::kDay) out->push_back({1, std::to_string(n)});
      }
      if (item.builtin == Builtin::kOrd && ordinal_class_ >= 0 && t.kind == TokenKind::kWord) {
        std::vector<Lexicon::Match> m;
        lexicon_.MatchAt(ordinal_class_, tokens, i, &m);
        // "twenty-first", "twenty first": a tens number word, then an ordinal.
        if (number_class_ >= 0) {
          std::vector<Lexicon::Match> tens;
          lexicon_.MatchAt(number_class_, tokens, i, &tens);
          for (const auto& tm : tens) {
            int tv = std::atoi(tm.value->c_str());
            if (tv < 20 || tv > 90 || tv % 10 || tm.length != 1) continue;
            size_t j = i + 1;
            if (j < tokens.size() && tokens[j].norm == "-") ++j;
            std::vector<Lexicon::Match> unit;
            if (j < tokens.size()) lexicon_.MatchAt(ordinal_class_, tokens, j, &unit);
            for (const auto& um : unit) {
              int uv = std::atoi(um.value->c_str());
              if (uv >= 1 && uv <= 9) out->push_back({j - i + um.length, std::to_string(tv + uv)});
            }
          }
        }
        for (const auto& x : m) out->push_back({x.length, *x.value});
      }
      return;
    case Builtin::kMonthNum:
      if (len <= 2 && n >= 1 && n <= 12) out->push_back({1, std::to_string(n)});
      return;
    case Builtin::kHour:
      if (len <= 2 && n >= 0 && n <= 24) out->push_back({1, std::to_string(n)});
      return;
    case Builtin::kMinute:
      if (len == 2 && n >= 0 && n <= 59) out->push_back({1, t.norm});
      return;
    case Builtin::kDecade: {
      // 1990s, 1990's, 90s, 90's
      if (!((len == 4 || len == 2) && n >= 0 && n % 10 == 0)) return;
      size_t k = 1;
      const Token* s = next_touching(k);
      if (s && s->norm == "'") s = next_touching(++k);
      if (!s || s->norm != "s") return;
      std::string v = len == 4 ? t.norm.substr(0, 3) : "19" + t.norm.substr(0, 1);
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
        if (k > 1) out->push_back({k, std::to_string(v)});
        out->push_back({1, std::to_string(n)});
        return;
      }
      if (number_class_ < 0 || t.kind != TokenKind::kWord) return;
      std::vector<Lexicon::Match> m;
      lexicon_.MatchAt(number_class_, tokens, i, &m);
      for (const auto& tm : m) {
        int tv = std::atoi(tm.value->c_str());
        if (tv >= 20 && tv <= 90 && tv % 10 == 0 && tm.length == 1) {
          size_t j = i + 1;
          if (j < tokens.size() && tokens[j].norm == "-") ++j;
          std::vector<Lexicon::Match> unit;
          if (j < tokens.size()) lexicon_.MatchAt(number_class_, tokens, j, &unit);
          for (const auto& um : unit) {
            int uv = std::atoi(um.value->c_str());
            if (uv >= 1 && uv <= 9 && um.length == 1)
              out->push_back({j - i + 1, std::to_string(tv + uv)});
          }
        }
        out->push_back({tm.length, *tm.value});
      }
      return;
    }
  }
}

void Matcher::Extend(const Rule& rule, size_t item, const std::vector<Token>& tokens, size_t tok,
                     std::vector<Capture>* caps, size_t start, RuleMatch* best) const {
  if (item == rule.items.size()) {
    // Span: drop leading and trailing context items.
    size_t b = start, e = tok;
    // Context tokens were recorded as captures with slot kNone (see below).
    size_t lead = 0, trail = 0;
    for (const Capture& c : *caps)
      if (c.slot == Slot::kNone && !c.value.empty() && (c.value[0] == '<' || c.value[0] == '>'))
        (c.value[0] == '<' ? lead : trail) += c.value.size() - 1;
    b += lead;
    e -= trail;
    if (e <= b) return;
    size_t full = tok - start;
    if (!best->rule || e - b > best->end - best->begin ||
        (e - b == best->end - best->begin && full > best->full)) {
      best->rule = &rule;
      best->begin = b;
      best->end = e;
      best->full = full;
      best->captures.clear();
      for (const Capture& c : *caps)
        if (c.slot != Slot::kNone) best->captures.push_back(c);
    }
    return;
  }
  const PatternItem& it = rule.items[item];
  std::vector<Option> opts;
  ItemOptions(it, tokens, tok, &opts);
  for (const Option& o : opts) {
    if (it.context) {
      // Encode the context length as a string of that many marks so the
      // span can be trimmed at the end; '<' marks leading context.
      size_t first_span_item = 0;
      while (rule.items[first_span_item].context) ++first_span_item;
      caps->push_back({Slot::kNone, std::string(1, item < first_span_item ? '<' : '>') +
                                        std::string(o.length, '.')});
    }
    if (it.negate) {  // consumed nothing, captured nothing
      Extend(rule, item + 1, tokens, tok, caps, start, best);
      caps->pop_back();
      continue;
    }
    // Context items capture too ("March 3-5": the 5 takes March from its
    // context); a later capture of the same slot overrides an earlier one.
    caps->push_back({it.slot, o.value});
    Extend(rule, item + 1, tokens, tok + o.length, caps, start, best);
    caps->pop_back();
    if (it.context) caps->pop_back();
  }
  if (it.optional) Extend(rule, item + 1, tokens, tok, caps, start, best);
}

std::vector<RuleMatch> Matcher::FindAll(const std::vector<Token>& tokens) const {
  std::vector<RuleMatch> candidates;
  std::vector<int> todo;
  std::vector<Capture> caps;
  std::vector<Lexicon::Match> lm;
  for (size_t i = 0; i < tokens.size(); ++i) {
    todo.clear();
    auto w = by_word_.find(tokens[i].norm);
    if (w != by_word_.end()) todo.insert(todo.end(), w->second.begin(), w->second.end());
    for (size_t c = 0; c < by_class_.size(); ++c) {
      if (by_class_[c].empty()) continue;
      lm.clear();
      lexicon_.MatchAt(static_cast<int>(c), tokens, i, &lm);
      if (!lm.empty()) todo.insert(todo.end(), by_class_[c].begin(), by_class_[c].end());
    }
    todo.insert(todo.end(), by_builtin_.begin(), by_builtin_.end());
    std::sort(todo.begin(), todo.end());
    todo.erase(std::unique(todo.begin(), todo.end()), todo.end());
    for (int ri : todo) {
      RuleMatch best;
      caps.clear();
      Extend(rules_[ri], 0, tokens, i, &caps, i, &best);
      if (best.rule) candidates.push_back(std::move(best));
    }
  }
  // Leftmost-longest selection; candidates were produced in start order,
  // but context items can move a span's begin, so sort by span.
  std::stable_sort(candidates.begin(), candidates.end(), [](const RuleMatch& a, const RuleMatch& b) {
    if (a.begin != b.begin) return a.begin < b.begin;
    if (a.end - a.begin != b.end - b.begin) return a.end - a.begin > b.end - b.begin;
    // Equal spans: the rule that needed more context is the more specific.
    if (a.full != b.full) return a.full > b.full;
    return a.rule->priority < b.rule->priority;
  });
  std::vector<RuleMatch> out;
  size_t covered = 0;
  for (RuleMatch& m : candidates) {
    if (m.begin < covered) continue;
    covered = m.end;
    out.push_back(std::move(m));
  }
  return out;
}

}  // namespace annals
