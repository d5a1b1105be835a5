#include "tagger/rules.h"

#include <stdexcept>

#include "text/casefold.h"

namespace annals {

Slot SlotByName(std::string_view name) {
#define ANNALS_SLOT_LOOKUP(e, n) \
  if (name == n) return Slot::e;
  ANNALS_SLOTS(ANNALS_SLOT_LOOKUP)
#undef ANNALS_SLOT_LOOKUP
  return Slot::kNone;
}

std::string_view SlotName(Slot s) {
  switch (s) {
#define ANNALS_SLOT_NAME(e, n) \
  case Slot::e:                \
    return n;
    ANNALS_SLOTS(ANNALS_SLOT_NAME)
#undef ANNALS_SLOT_NAME
    default:
      return "none";
  }
}

namespace {

struct BuiltinName {
  const char* name;
  Builtin builtin;
  Slot slot;
};
const BuiltinName kBuiltins[] = {
    {"int", Builtin::kInt, Slot::kNum},
    {"year", Builtin::kYear, Slot::kYear},
    {"yy", Builtin::kYY, Slot::kYY},
    {"newsyear", Builtin::kNewsYear, Slot::kYear},
    {"day", Builtin::kDay, Slot::kDay},
    {"monthnum", Builtin::kMonthNum, Slot::kMonth},
    {"num", Builtin::kNum, Slot::kNum},
    {"ord", Builtin::kOrd, Slot::kDay},
    {"hour", Builtin::kHour, Slot::kHour},
    {"minute", Builtin::kMinute, Slot::kMinute},
    {"decade", Builtin::kDecade, Slot::kDecade},
    {"ordnum", Builtin::kOrdNum, Slot::kDay},
    {"word", Builtin::kWord, Slot::kNone},
    {"capword", Builtin::kCapWord, Slot::kNone},
    {"frac", Builtin::kFrac, Slot::kFrac},
};

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

std::vector<std::string_view> SplitSpaces(std::string_view s) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ') ++i;
    size_t j = i;
    while (j < s.size() && s[j] != ' ') ++j;
    if (j > i) out.push_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

class Parser {
 public:
  Parser(const std::string& family, const std::string& source, const Lexicon& lexicon)
      : family_(family), source_(source), lexicon_(lexicon) {}

  std::vector<Rule> Parse(std::string_view text) {
    std::vector<Rule> rules;
    while (!text.empty()) {
      size_t nl = text.find('\n');
      std::string_view line = text.substr(0, nl);
      text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
      ++line_;
      line = Trim(line);
      if (line.empty() || line[0] == '#') continue;
      size_t colon = line.find(':');
      if (colon == std::string_view::npos) Fail("expected `key: value`");
      std::string_view key = Trim(line.substr(0, colon));
      std::string_view value = Trim(line.substr(colon + 1));
      if (key == "family" || key == "note") continue;
      if (key == "rule") {
        rules.emplace_back();
        rules.back().name = std::string(value);
        rules.back().family = family_;
        rules.back().source = Where();
        continue;
      }
      if (rules.empty()) Fail("`" + std::string(key) + "` before any `rule:`");
      Rule& r = rules.back();
      if (key == "pattern") {
        if (!r.items.empty()) Fail("a rule has one pattern");
        r.items = ParsePattern(value);
      } else if (key == "kind") {
        if (value == "date")
          r.kind = RuleKind::kDate;
        else if (value == "time")
          r.kind = RuleKind::kTime;
        else if (value == "duration")
          r.kind = RuleKind::kDuration;
        else if (value == "set")
          r.kind = RuleKind::kSet;
        else if (value == "none")
          r.kind = RuleKind::kNone;
        else
          Fail("unknown kind `" + std::string(value) + "`");
      } else if (key == "when") {
        if (value != "narrative") Fail("unknown `when` `" + std::string(value) + "` (narrative)");
        r.narrative_only = true;
      } else if (key == "unless") {
        if (value.size() < 3 || value.front() != '<' || value.back() != '>')
          Fail("expected `unless: <class>`");
        const std::string cls(value.substr(1, value.size() - 2));
        r.unless_class = lexicon_.ClassId(cls);
        if (r.unless_class < 0) Fail("unknown class <" + cls + ">");
      } else if (key == "set") {
        for (std::string_view kv : SplitSpaces(value)) {
          size_t eq = kv.find('=');
          if (eq == std::string_view::npos) Fail("expected slot=value");
          Slot s = SlotByName(kv.substr(0, eq));
          if (s == Slot::kNone) Fail("unknown slot `" + std::string(kv.substr(0, eq)) + "`");
          r.fixed.emplace_back(s, std::string(kv.substr(eq + 1)));
        }
      } else if (key == "example" || key == "reject") {
        r.examples.push_back(ParseExample(value, key == "reject"));
      } else {
        Fail("unknown key `" + std::string(key) + "`");
      }
    }
    for (const Rule& r : rules)
      if (r.items.empty())
        throw std::runtime_error(r.source + ": rule `" + r.name + "` has no pattern");
    return rules;
  }

 private:
  [[noreturn]] void Fail(const std::string& why) { throw std::runtime_error(Where() + ": " + why); }
  std::string Where() const { return source_ + ":" + std::to_string(line_); }

  std::vector<PatternItem> ParsePattern(std::string_view p) {
    std::vector<PatternItem> items;
    for (std::string_view w : SplitSpaces(p)) {
      PatternItem it;
      if (w.size() > 1 && w[0] == '^') {
        it.context = true;
        w.remove_prefix(1);
      }
      if (w.size() > 1 && w[0] == '~') {
        it.touch = true;
        w.remove_prefix(1);
      }
      if (it.context && w.size() > 1 && w[0] == '!') {
        it.negate = true;
        w.remove_prefix(1);
        // "^!~." as well as "^~!.": a glued item that must not follow.
        if (w.size() > 1 && w[0] == '~') {
          it.touch = true;
          w.remove_prefix(1);
        }
      }
      if (w.size() > 1 && w.back() == '?') {
        it.optional = true;
        w.remove_suffix(1);
      }
      if (w.size() > 2 && w.front() == '<' && w.back() == '>') {
        std::string_view inner = w.substr(1, w.size() - 2);
        std::string_view slot_name;
        size_t colon = inner.find(':');
        if (colon != std::string_view::npos) {
          slot_name = inner.substr(colon + 1);
          inner = inner.substr(0, colon);
        }
        bool found = false;
        for (const BuiltinName& b : kBuiltins) {
          if (inner == b.name) {
            it.builtin = b.builtin;
            it.slot = b.slot;
            found = true;
          }
        }
        if (!found) {
          it.class_id = lexicon_.ClassId(std::string(inner));
          if (it.class_id < 0) Fail("unknown class <" + std::string(inner) + ">");
          it.slot = SlotByName(inner);
        }
        if (!slot_name.empty()) {
          it.slot = SlotByName(slot_name);
          if (it.slot == Slot::kNone) Fail("unknown slot `" + std::string(slot_name) + "`");
        }
      } else {
        size_t start = 0;
        while (start <= w.size()) {
          size_t bar = w.find('|', start);
          std::string_view alt = w.substr(start, bar == std::string_view::npos ? bar : bar - start);
          if (alt.empty()) Fail("empty alternative in `" + std::string(w) + "`");
          // A marker out of its place ("^!~." read "~." as a word once).
          if (alt.size() > 1 && (alt[0] == '~' || alt[0] == '^' || alt[0] == '!'))
            Fail("`" + std::string(alt) + "`: marker ~ ^ ! out of place (^ then ! then ~)");
          if (alt.size() > 1 && alt[0] == '<')
            Fail("`" + std::string(w) + "`: a <class> cannot be an alternative of words");
          // Folded like token norms; the unaccented spelling matches too,
          // unless it is one letter: that is another word (French "à" and
          // the verb "a", Italian "è" and "e"; "de 24 heures a commencé"
          // read a range "de ... à").
          std::string folded = FoldCase(alt);
          std::string bare = StripAccents(folded);
          it.words.push_back(folded);
          if (bare != folded && bare.size() > 1) it.words.push_back(std::move(bare));
          if (bar == std::string_view::npos) break;
          start = bar + 1;
        }
      }
      items.push_back(std::move(it));
    }
    if (items.empty()) Fail("empty pattern");
    // Context items may only stand at the edges of a pattern.
    size_t first = 0, last = items.size();
    while (first < items.size() && items[first].context) ++first;
    while (last > first && items[last - 1].context) --last;
    if (first == last) Fail("a pattern needs at least one non-context item");
    for (size_t i = first; i < last; ++i)
      if (items[i].context) Fail("context items (^) only at the start or the end");
    // The matcher indexes rules by what their first item starts with; any
    // word would make a rule a candidate at every token.
    if (items[0].builtin == Builtin::kWord || items[0].builtin == Builtin::kCapWord)
      Fail("<word> and <capword> cannot begin a pattern");
    return items;
  }

  RuleExample ParseExample(std::string_view v, bool reject) {
    RuleExample ex;
    ex.source = Where();
    ex.reject = reject;
    std::string_view text = v;
    if (!reject) {
      size_t at = v.rfind(" @ ");
      size_t arrow = v.rfind(" => ");
      if (at == std::string_view::npos || arrow == std::string_view::npos || arrow < at)
        Fail("expected `TEXT @ YYYY-MM-DD => TYPE VALUE [mod=MOD]`");
      text = v.substr(0, at);
      auto dct = Date::Parse(Trim(v.substr(at + 3, arrow - at - 3)));
      if (!dct) Fail("bad reference date in example");
      ex.dct = *dct;
      auto parts = SplitSpaces(v.substr(arrow + 4));
      if (parts.size() < 2 || parts.size() > 3) Fail("expected `TYPE VALUE [mod=MOD]`");
      ex.type = std::string(parts[0]);
      if (ex.type != "DATE" && ex.type != "TIME" && ex.type != "DURATION" && ex.type != "SET")
        Fail("unknown type `" + ex.type + "`");
      ex.value = std::string(parts[1]);
      if (parts.size() == 3) {
        if (parts[2].substr(0, 4) != "mod=") Fail("expected mod=MOD");
        ex.mod = std::string(parts[2].substr(4));
      }
    } else {
      size_t at = v.rfind(" @ ");
      if (at != std::string_view::npos) {
        auto dct = Date::Parse(Trim(v.substr(at + 3)));
        if (!dct) Fail("bad reference date in reject");
        ex.dct = *dct;
        text = v.substr(0, at);
      } else {
        ex.dct = Date{2013, 1, 30};
      }
    }
    size_t open = text.find('['), close = text.find(']');
    if ((open == std::string_view::npos) != (close == std::string_view::npos) ||
        (open != std::string_view::npos && close < open))
      Fail("unbalanced [ ] in example");
    if (open == std::string_view::npos) {
      ex.text = std::string(text);
      ex.span_begin = 0;
      ex.span_end = ex.text.size();
    } else {
      ex.text = std::string(text.substr(0, open)) +
                std::string(text.substr(open + 1, close - open - 1)) +
                std::string(text.substr(close + 1));
      ex.span_begin = open;
      ex.span_end = close - 1;
    }
    return ex;
  }

  std::string family_, source_;
  const Lexicon& lexicon_;
  int line_ = 0;
};

}  // namespace

std::vector<Rule> ParseRules(std::string_view text, const std::string& family,
                             const std::string& source, const Lexicon& lexicon) {
  return Parser(family, source, lexicon).Parse(text);
}

}  // namespace annals
