#include "annals/tagger.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <map>
#include <mutex>
#include <sstream>
#include <stdexcept>

#include "tagger/lexicon.h"
#include "tagger/matcher.h"
#include "tagger/resolver.h"
#include "tagger/rules.h"
#include "tagger/tense.h"
#include "text/ascii.h"
#include "text/embedded.h"
#include "text/language.h"
#include "text/tokenizer.h"
#include "time/calendar.h"

namespace annals {

struct Tagger::Impl {
  Lexicon lexicon;
  std::vector<Rule> rules;
  std::unique_ptr<Matcher> matcher;
  int quarter_cue_class = -1;
  int sequence_class = -1;
  int mod_class = -1, approx_class = -1;
  int homonym_class = -1, lowercase_class = -1, timecue_class = -1;
  int month_class = -1, season_class = -1, dayjoin_class = -1;
  int percent_class = -1, dayoflead_class = -1;

  std::string lang;
  TenseCues tense_cues;

  // files: path under data/ ("en/lexicon/month.tsv", "common/rules/
  // numeric.rules") -> text. The tagger for `lang` reads the vocabularies
  // of common/ and <lang>/, then <lang>'s rules before common/'s, so that
  // a language's own rule wins a tie with a language-independent one. The
  // tagger for kUndetermined reads common/ alone: numeric dates only.
  Impl(const std::map<std::string, std::string>& files, std::string_view language)
      : lang(language) {
    const std::string common = "common/";
    const std::string own = lang == kUndetermined ? "" : lang + "/";
    auto under = [](const std::string& path, const std::string& dir, const char* sub,
                    const char* ext, std::string* stem) {
      const std::string prefix = dir + sub;
      const size_t e = std::char_traits<char>::length(ext);
      if (path.rfind(prefix, 0) != 0 || path.size() <= prefix.size() + e ||
          path.compare(path.size() - e, e, ext) != 0 ||
          path.find('/', prefix.size()) != std::string::npos)
        return false;
      *stem = path.substr(prefix.size(), path.size() - prefix.size() - e);
      return true;
    };
    std::vector<std::string> dirs = {common};
    if (!own.empty()) dirs.push_back(own);
    std::string stem;
    for (const std::string& dir : dirs)
      for (const auto& [path, text] : files)
        if (under(path, dir, "lexicon/", ".tsv", &stem))
          lexicon.AddClass(stem, text, "data/" + path);
    std::reverse(dirs.begin(), dirs.end());
    for (const std::string& dir : dirs)
      for (const auto& [path, text] : files)
        if (under(path, dir, "rules/", ".rules", &stem))
          for (Rule& r : ParseRules(text, stem, "data/" + path, lexicon))
            rules.push_back(std::move(r));
    for (size_t i = 0; i < rules.size(); ++i) rules[i].priority = static_cast<int>(i);
    matcher = std::make_unique<Matcher>(rules, lexicon);
    tense_cues = TenseCues::From(lexicon);
    quarter_cue_class = lexicon.ClassId("quartercue");
    sequence_class = lexicon.ClassId("sequence");
    mod_class = lexicon.ClassId("mod");
    approx_class = lexicon.ClassId("approx");
    homonym_class = lexicon.ClassId("homonym");
    lowercase_class = lexicon.ClassId("lowercase");
    timecue_class = lexicon.ClassId("timecue");
    month_class = lexicon.ClassId("month");
    percent_class = lexicon.ClassId("percent");
    dayoflead_class = lexicon.ClassId("dayoflead");
    season_class = lexicon.ClassId("season");
    dayjoin_class = lexicon.ClassId("dayjoin");
  }

  // Extends a match to the left over a modifier ("early", "the end of",
  // "about", "mid-") that the rule itself did not take. Returns the new
  // first token; sets *mod.
  size_t ModifierStart(const std::vector<Token>& tokens, size_t begin, size_t floor, RuleKind kind,
                       std::string* mod) const {
    size_t gap = 0;
    if (begin > floor && tokens[begin - 1].norm == "-" && !tokens[begin].space_before &&
        !tokens[begin - 1].space_before)
      gap = 1;  // "mid-March"
    std::vector<Lexicon::Match> m;
    for (size_t d = 4; d >= 1; --d) {
      if (begin < floor + d + gap) continue;
      size_t start = begin - gap - d;
      for (int cls : {mod_class, approx_class}) {
        if (cls < 0 || (kind == RuleKind::kDuration && cls == mod_class)) continue;
        if (kind == RuleKind::kSet) continue;
        m.clear();
        lexicon.MatchAt(cls, tokens, start, &m);
        for (const auto& x : m)
          if (x.length == d) {
            *mod = *x.value;
            return start;
          }
      }
    }
    return begin;
  }
};

namespace {

// How far (in tokens) a quarter cue may stand before or after "a year ago":
// results stories name the quarter once and compare figures for several
// sentences ("Net rose to $94 million from $85 million a year ago").
constexpr size_t kQuarterCueBefore = 120;
constexpr size_t kQuarterCueAfter = 30;

bool Touches(const std::vector<Token>& tokens, size_t i) {
  return i < tokens.size() && !tokens[i].space_before;
}

// A list bullet: "-" (dashes fold to it), "*" or "•".
bool IsBullet(const Token& t) { return t.norm == "-" || t.norm == "*" || t.norm == "\xE2\x80\xA2"; }

// The expression heads an entry of a chronology: it starts a line (or the
// text), after a bullet or not, and a dash or colon follows ("February 24
// - Militias take Misrata", "- 11 mars : NUCLEAIRE/JAPON - Un tsunami").
bool HeadsEntry(const std::vector<Token>& tokens, size_t begin, size_t end) {
  const bool line_start = begin == 0 || tokens[begin].newline_before;
  const bool after_bullet =
      begin > 0 && IsBullet(tokens[begin - 1]) && (begin == 1 || tokens[begin - 1].newline_before);
  if (!line_start && !after_bullet) return false;
  if (end >= tokens.size()) return false;
  const std::string& n = tokens[end].norm;
  return n == "-" || n == ":";
}

// Whether an entry of class `cls` (-1: none) starts at token i.
bool InClass(const Lexicon& lexicon, int cls, const std::vector<Token>& tokens, size_t i) {
  if (cls < 0) return false;
  std::vector<Lexicon::Match> found;
  lexicon.MatchAt(cls, tokens, i, &found);
  return !found.empty();
}

// A number glued to currency, percent or another number ("$2000",
// "2013%", "2,013"), or followed by a percent word (percent.tsv: "2013
// percent", "2013 por ciento"), is an amount, not a time.
bool PartOfAmount(const Lexicon& lexicon, int percent_class, const std::vector<Token>& tokens,
                  size_t begin, size_t end) {
  if (tokens[begin].kind == TokenKind::kNumber && begin > 0 && Touches(tokens, begin)) {
    const std::string& p = tokens[begin - 1].norm;
    if (p == "$" || p == "#" || p == "?" || p == "+") return true;
    if ((p == "," || p == ".") && begin >= 2 && tokens[begin - 2].kind == TokenKind::kNumber &&
        Touches(tokens, begin - 1))
      return true;
  }
  const Token& last = tokens[end - 1];
  if (last.kind == TokenKind::kNumber && end < tokens.size() &&
      (tokens[end].norm == "%" || InClass(lexicon, percent_class, tokens, end)))
    return true;
  if (last.kind == TokenKind::kNumber && Touches(tokens, end)) {
    const std::string& n = tokens[end].norm;
    if ((n == "," || n == ".") && tokens.size() > end + 1 &&
        tokens[end + 1].kind == TokenKind::kNumber && Touches(tokens, end + 1))
      return true;
  }
  return false;
}

// A hashtag or a code ("#Friday", "KLPF2013", "#HWW1HR") names a topic or
// a thing, not a time: the expression touches a "#" before it, or starts
// with digits glued to ASCII letters.
bool PartOfTagOrCode(std::string_view text, const std::vector<Token>& tokens, size_t begin) {
  if (begin == 0 || !Touches(tokens, begin)) return false;
  const Token& prev = tokens[begin - 1];
  if (prev.norm == "#") return true;
  return tokens[begin].kind == TokenKind::kNumber && prev.kind == TokenKind::kWord &&
         IsAsciiAlpha(text[prev.end - 1]);
}

// Whether the token is written in capitals: two letters or more, none of
// them lower case ("MAY", "DEC").
bool InCapitals(std::string_view text, const Token& t) {
  if (t.kind != TokenKind::kWord || t.end - t.begin < 2) return false;
  for (size_t i = t.begin; i < t.end; ++i)
    if (!IsAsciiUpper(text[i])) return false;
  return true;
}

// The values of the one-word time cues (timecue.tsv: "in" any, "since"
// month, ...) just before token b: what may make a homonym a time. Any
// other class's one-word entries read the same way (dayjoin.tsv).
std::vector<std::string_view> TimeCuesBefore(const Lexicon& lexicon, int timecue_class,
                                             const std::vector<Token>& tokens, size_t b) {
  std::vector<std::string_view> out;
  if (timecue_class < 0 || b == 0) return out;
  std::vector<Lexicon::Match> found;
  lexicon.MatchAt(timecue_class, tokens, b - 1, &found);
  for (const auto& cue : found)
    if (cue.length == 1) out.push_back(*cue.value);
  return out;
}

// Whether the rule asks for a word after its span ("<season>
// ^offensive|campaign"): that word is context enough for a homonym or a
// capitalised time word, as a preposition before it is.
bool HasTrailingContext(const Rule& rule) {
  bool in_span = false;
  for (const PatternItem& it : rule.items) {
    if (!it.context) in_span = true;
    if (in_span && it.context && !it.negate && !it.optional) return true;
  }
  return false;
}

// Whether a homonym.tsv value ("verb, name (Theresa May)") lists `reading`
// among its comma-separated readings.
bool HasReading(std::string_view value, std::string_view reading) {
  size_t at = 0;
  while (at < value.size()) {
    while (at < value.size() && value[at] == ' ') ++at;
    if (value.compare(at, reading.size(), reading) == 0) {
      const size_t e = at + reading.size();
      if (e == value.size() || value[e] == ',' || value[e] == ' ') return true;
    }
    const size_t comma = value.find(',', at);
    if (comma == std::string_view::npos) break;
    at = comma + 1;
  }
  return false;
}

// A word that is also an ordinary word (data/en/lexicon/homonym.tsv: "May" the
// verb and the name, "fall" the verb, "DEC" the acronym) is a time alone
// only after a word that makes it one (data/en/lexicon/timecue.tsv: "in
// May", "until fall", "April and May") or a context its rule names;
// written as a short acronym ("DEC", "MAY"), where capitalisation tells
// nothing, that word must be in capitals too ("IN MAY", not "the DEC
// appeal"). Expressions of more words ("May 5", "fall 2010", "the fall")
// carry their context in them. The cue is looked up here rather than
// written as rules that start at it: "the", "of", "in" would make every
// such rule a candidate at every third token.
bool AloneWithoutContext(const Tagger::Impl& impl, std::string_view text,
                         const std::vector<Token>& tokens, const RuleMatch& m) {
  const Lexicon& lexicon = impl.lexicon;
  if (impl.homonym_class < 0) return false;
  // The word alone, or with its abbreviation's period ("Dec.").
  const size_t n = m.end - m.begin;
  if (n != 1 && !(n == 2 && tokens[m.begin + 1].norm == "." && Touches(tokens, m.begin + 1)))
    return false;
  std::vector<Lexicon::Match> found;
  lexicon.MatchAt(impl.homonym_class, tokens, m.begin, &found);
  if (found.empty()) return false;
  bool has_context = HasTrailingContext(*m.rule);
  for (const PatternItem& it : m.rule->items) {
    if (!it.context) break;
    has_context = has_context || !it.negate;
  }
  const size_t b = m.begin;
  if (!has_context && b > 0 && !tokens[b].newline_before) {
    bool month = false;
    for (const Capture& c : m.captures) month = month || c.slot == Slot::kMonth;
    // A month that is also a given name (a homonym.tsv reading "name")
    // after a weak cue ("that", "to", "and") and before a capitalised word
    // is a person's name: "that Jan Egeland said", "to April Ryan". Not
    // after an article ("the April Deepwater Horizon explosion"), not "his
    // March Blitzkrieg" (March is no name), nor "in May Syrian forces"
    // ("in" is a preposition of time).
    bool given_name = false;
    for (const auto& f : found) given_name = given_name || HasReading(*f.value, "name");
    const bool name_follows =
        given_name && n == 1 && m.end < tokens.size() && !tokens[m.end].newline_before &&
        tokens[m.end].kind == TokenKind::kWord && tokens[m.end].capitalized &&
        !InCapitals(text, tokens[m.end]) && tokens[b].capitalized && !InCapitals(text, tokens[b]) &&
        !InClass(lexicon, impl.month_class, tokens, m.end);
    for (std::string_view v : TimeCuesBefore(lexicon, impl.timecue_class, tokens, b)) {
      if (v == "any" || (v == "article" && month) || (v == "month" && month && !name_follows) ||
          (v == "list" && b >= 2 && !name_follows &&
           (InClass(lexicon, impl.month_class, tokens, b - 2) ||
            InClass(lexicon, impl.season_class, tokens, b - 2))))
        has_context = true;
    }
  }
  if (!has_context) return true;
  // Three capitals or fewer read as an acronym ("DEC", "SEP IRA", "MAY"):
  // the context must be in capitals too.
  const Token& t = tokens[b];
  return InCapitals(text, t) && t.end - t.begin <= 3 &&
         (b == 0 || !InCapitals(text, tokens[b - 1]));
}

// Whether a token's text ends a sentence: ".", "!" or "?".
bool EndsSentence(const std::string& norm) { return norm == "." || norm == "!" || norm == "?"; }

// A time word written in lower case (data/en/lexicon/lowercase.tsv),
// capitalised after a word of its line that is no preposition of time, is
// part of a name: "the Daily Mail", "USA Today", "Showbiz Tonight". After
// a quotation mark, a bracket or a comma its capital says nothing, but a
// capitalised word right after it does: "(Daily Mail", "``Weekend Wheel",
// ", Winter Soldier" are names (7 in T17), ", Summer 2012" is not. At a
// sentence's start not even that: "Venerdì Fatah al-Sham ha lanciato" (the
// weekday and its subject, ML-Crisis it), "Midnight Hungergames" (tweets).
bool InAName(const Lexicon& lexicon, int lowercase_class, int timecue_class, std::string_view text,
             const std::vector<Token>& tokens, const RuleMatch& m) {
  const Token& t = tokens[m.begin];
  if (m.end - m.begin != 1 || !t.capitalized || InCapitals(text, t) || m.begin == 0 ||
      t.newline_before)
    return false;
  const Token& p = tokens[m.begin - 1];
  if (p.kind == TokenKind::kPunct) {
    if (EndsSentence(p.norm) || p.norm == ":" || p.norm == ";" || m.end >= tokens.size())
      return false;
    const Token& n = tokens[m.end];
    return n.kind == TokenKind::kWord && n.capitalized && !n.newline_before &&
           !InCapitals(text, n) && InClass(lexicon, lowercase_class, tokens, m.begin) &&
           !InClass(lexicon, lowercase_class, tokens, m.end);
  }
  if (!InClass(lexicon, lowercase_class, tokens, m.begin)) return false;
  // After a preposition of time ("in Summer") it is the time.
  for (std::string_view v : TimeCuesBefore(lexicon, timecue_class, tokens, m.begin))
    if (v == "any") return false;
  return true;
}

}  // namespace

Tagger::Tagger(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Tagger::~Tagger() = default;

const Tagger& Tagger::Default() { return ForLanguage("en"); }

const Tagger& Tagger::ForLanguage(std::string_view lang) {
  constexpr size_t n = kLanguages.size() + 1;  // and kUndetermined
  static std::once_flag once[n];
  static const Tagger* taggers[n];
  size_t k = 0;
  while (k < kLanguages.size() && kLanguages[k] != lang) ++k;
  if (k == kLanguages.size() && lang != kUndetermined)
    throw std::invalid_argument("unknown language `" + std::string(lang) + "`");
  std::call_once(once[k], [k, lang] {
    std::map<std::string, std::string> files;
    for (int i = 0; i < embedded::kFileCount; ++i)
      files.emplace(std::string(embedded::kFiles[i].first),
                    std::string(embedded::kFiles[i].second));
    taggers[k] = new Tagger(std::make_unique<Impl>(files, lang));
  });
  return *taggers[k];
}

const std::string& Tagger::language() const { return impl_->lang; }

Tagger::ExampleReport Tagger::CheckExamples() const {
  ExampleReport rep;
  for (const Rule& r : impl_->rules) {
    ++rep.rules;
    if (r.examples.empty())
      rep.failures.push_back(r.source + ": rule `" + r.name + "` has no example");
    for (const RuleExample& ex : r.examples) {
      TagOptions opt;
      opt.dct = ex.dct;
      if (r.narrative_only) opt.type = DocType::kNarrative;
      const std::vector<Timex> got = Tag(ex.text, opt);
      if (ex.reject) {
        ++rep.rejects;
        for (const Timex& t : got)
          if (t.begin < ex.span_end && t.end > ex.span_begin) {
            rep.failures.push_back(ex.source + ": `" + ex.text + "` must not be tagged there, got" +
                                   DescribeTimexes(got));
            break;
          }
        continue;
      }
      ++rep.examples;
      bool found = false;
      for (const Timex& t : got)
        found =
            found || (t.begin == ex.span_begin && t.end == ex.span_end &&
                      TimexTypeName(t.type) == ex.type && t.value == ex.value && t.mod == ex.mod);
      if (!found)
        rep.failures.push_back(
            ex.source + ": `" + ex.text + "` @ " + ex.dct.ToString() + " expected [" +
            ex.text.substr(ex.span_begin, ex.span_end - ex.span_begin) + "] " + ex.type + " " +
            ex.value + (ex.mod.empty() ? "" : " mod=" + ex.mod) + ", got" + DescribeTimexes(got));
    }
  }
  return rep;
}

// Latin-script text that names no covered language clearly (a headline,
// a tweet of hashtags, a list of dates: too few function words to tell)
// reads as English, the language most of annals' text is in, and its
// rules find what they find; text in another script (Russian, Arabic,
// Chinese) is kUndetermined and gets its numeric dates.
std::string_view LanguageOf(std::string_view text) {
  const LanguageGuess g = DetectLanguage(text);
  if (g.lang != kUndetermined) return g.lang;
  return g.confidence > 0 ? kUndetermined : "en";
}

bool IsTaggerLanguage(std::string_view lang) {
  return lang == kUndetermined || IsSupportedLanguage(lang);
}

std::string TaggerLanguageList() {
  std::string out;
  for (std::string_view l : kLanguages) {
    if (!out.empty()) out += ", ";
    out += l;
  }
  return out;
}

std::unique_ptr<Tagger> Tagger::FromDirectory(const std::string& dir, std::string_view lang) {
  namespace fs = std::filesystem;
  std::map<std::string, std::string> files;
  auto read_dir = [&](const fs::path& p, const std::string& key) {
    for (const auto& entry : fs::directory_iterator(p)) {
      if (!entry.is_regular_file()) continue;
      std::ifstream in(entry.path(), std::ios::binary);
      std::stringstream ss;
      ss << in.rdbuf();
      files.emplace(key + "/" + entry.path().filename().string(), ss.str());
    }
  };
  const fs::path root(dir);
  const std::string own(lang);
  if (lang != kUndetermined && !fs::is_directory(root / own))
    throw std::runtime_error((root / own).string() + ": no such directory");
  for (const std::string& d : {std::string("common"), own}) {
    if (d == std::string(kUndetermined)) continue;
    for (const char* sub : {"lexicon", "rules"}) {
      const fs::path p = root / d / sub;
      if (fs::is_directory(p)) read_dir(p, d + "/" + sub);
    }
  }
  return std::unique_ptr<Tagger>(new Tagger(std::make_unique<Impl>(files, lang)));
}

namespace {

// Whether `unit` ("D", "W", "M", "Q") is finer than the time last mentioned,
// so that counting from its first day would invent a precision.
bool AnaphorTooFine(const std::string& unit, const Interval& last) {
  const int64_t days = last.last.ToDays() - last.first.ToDays() + 1;
  if (unit == "D") return days > 1;
  if (unit == "W") return days > 7;
  if (unit == "M") return days > 31;
  if (unit == "Q") return days > 92;
  return false;
}

// A value of the unit's precision with what the last mention did not give
// left unknown: "that same day" after "in October 1998" is 1998-10-XX.
std::string UnknownValue(const std::string& unit, const Interval& last) {
  const Date a = last.first, b = last.last;
  const bool year = a.year == b.year && a.year != 0;
  const bool month = year && a.month == b.month;
  const std::string y = year ? cal::Year4(a.year) : "XXXX";
  char mm[4];
  std::snprintf(mm, sizeof mm, "%02d", a.month);
  if (unit == "D") return y + "-" + (month ? std::string(mm) : "XX") + "-XX";
  if (unit == "W") return y + "-WXX";
  if (unit == "M") return y + "-XX";
  return y + "-QX";
}

// Texts longer than this are tagged a window at a time (see Tag).
constexpr size_t kWindowBytes = size_t{1} << 20;

// Whether text[i] ends a sentence for certain: ". " (or "? ", "! ") after a
// lower-case word of four letters or more and before an upper-case letter.
// A shorter or capitalized word may be an abbreviation ("Jan. 5", "a.m.
// EST", "U.S. Army"), which an expression can span.
bool SentenceEndAt(std::string_view text, size_t i) {
  const char c = text[i];
  if (c != '.' && c != '?' && c != '!') return false;
  if (i + 2 >= text.size() || text[i + 1] != ' ' || !IsAsciiUpper(text[i + 2])) return false;
  size_t letters = 0;
  while (letters < i && IsAsciiLower(text[i - 1 - letters])) ++letters;
  const size_t w = i - letters;  // start of the word
  return letters >= 4 && (w == 0 || text[w - 1] == ' ' || text[w - 1] == '\n');
}

// Where to end the window that starts at `begin`: at most kWindowBytes on,
// at the last line break of its final quarter, else after its last sure
// sentence end there, else after its last whitespace, else at a character
// boundary. Expressions do not span a line break or a sentence end, so
// the first two cuts lose none.
size_t WindowEnd(std::string_view text, size_t begin) {
  if (text.size() - begin <= kWindowBytes) return text.size();
  const size_t limit = begin + kWindowBytes;
  const size_t floor = limit - kWindowBytes / 4;
  for (size_t i = limit; i > floor; --i)
    if (text[i - 1] == '\n') return i;
  for (size_t i = limit - 2; i > floor; --i)
    if (SentenceEndAt(text, i)) return i + 2;
  for (size_t i = limit; i > floor; --i)
    if (text[i - 1] == ' ' || text[i - 1] == '\t') return i;
  size_t i = limit;
  while (i > begin + 1 && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) --i;
  return i;
}

// The story's current time in a narrative: the last point in time the text
// established, to the precision it gave (1 = year, 2 = month, 3 = day).
struct NarrativeNow {
  Date date;          // fields finer than the precision are 1
  int precision = 3;  // the document date, before the text names a time
};

// The point a DATE or TIME value names, for the narrative's current time:
// a year, a month (a season or quarter counts as its first month), a day.
// Nothing for what spans more than a year (decades, centuries) or names no
// calendar time (PRESENT_REF, P3Y). "BC0480" is year -480.
std::optional<NarrativeNow> ValuePoint(std::string_view v) {
  bool bc = false;
  if (v.rfind("BC", 0) == 0) {
    bc = true;
    v.remove_prefix(2);
  }
  if (v.size() < 4) return std::nullopt;
  const std::string_view head = v.substr(0, std::min<size_t>(v.size(), 10));
  std::optional<Interval> in = ValueInterval(head.substr(0, head.find('T')));
  if (!in) return std::nullopt;
  const Date a = in->first, b = in->last;
  if (a.year != b.year && a.month != 12) return std::nullopt;  // winter runs into the next year
  NarrativeNow now;
  now.date = a;
  if (a == b)
    now.precision = 3;
  else if (a.month == 1 && a.day == 1 && b.month == 12 && b.day == 31)
    now.precision = 1;
  else
    now.precision = 2;
  now.date.day = now.precision == 3 ? a.day : 1;
  if (bc) now.date.year = -now.date.year;
  return now;
}

// The narrative's current time as an interval of its precision.
Interval NowInterval(const NarrativeNow& now) {
  const Date d = now.date;
  if (now.precision >= 3) return {d, d};
  if (now.precision == 2) return {d, Date{d.year, d.month, DaysInMonth(d.year, d.month)}};
  return {Date{d.year, 1, 1}, Date{d.year, 12, 31}};
}

// Whether an expression moves the narrative's current time. A time counted
// back from another ("the previous year", "two years earlier") looks back
// without moving the story ("keeping the gains of the previous year. In
// January ..." is the January after), nor does a month or season counted
// aside ("next May", "the following spring": WikiWars train value 86.91 ->
// 86.86 for months), but a day or a year counted on ("three days later",
// "The following year, the tide turned. In the night of 23 October ...")
// is where the story goes. A time in a plan or forecast ("the big push
// planned for 1976", "would be completed in 1978") is not where the story
// stands.
bool NarrativeMoves(const Frame& f, Tense tense, bool names_day) {
  if (tense == Tense::kFuture) return false;
  const bool relative = f.has(Slot::kDir) || f.has(Slot::kOffset) || f.has(Slot::kAnaphor) ||
                        f.has(Slot::kYearDir) || f.has(Slot::kDayOffset);
  if (!relative) return true;
  const int step = f.has(Slot::kOffset)      ? f.i(Slot::kOffset)
                   : f.has(Slot::kDayOffset) ? f.i(Slot::kDayOffset)
                                             : f.i(Slot::kDir);
  if (step == Frame::kUnset || step <= 0) return false;
  return names_day || f.s(Slot::kUnit) == "Y";
}

// What one Tag call carries from window to window.
struct TagState {
  NarrativeNow now;  // the narrative anchor
  // The last time mentioned with a calendar interval: what "the following
  // year" and "that day" count from, in news as in narrative.
  std::optional<Interval> last_time;
  // The day the last chronology entry named ("March 19 - ...").
  std::optional<Date> last_entry;
  // News: the past episode the text is telling (ResolveContext::episode).
  std::optional<Date> episode;
};

// How long before the document date a day or month dated with its year
// opens an episode; a time named nearer the document date closes it.
constexpr int kEpisodeAgoDays = 183;

// Follows the episode of a news text (ResolveContext::episode) past the
// expression t, which resolved from `frame`.
void UpdateEpisode(const Frame& frame, const Resolution& res, const Timex& t, Date dct,
                   std::optional<Date>* episode) {
  if (!t.interval || (t.type != TimexType::kDate && t.type != TimexType::kTime)) return;
  const Interval& in = *t.interval;
  const bool recent = in.last.ToDays() >= dct.ToDays() - kEpisodeAgoDays;
  const bool dated = frame.has(Slot::kYear) && frame.has(Slot::kDay) && res.day;
  if (recent) {
    episode->reset();
  } else if (res.continues_episode || dated) {
    *episode = in.first;
  } else if (*episode && in.first.year != (*episode)->year) {
    episode->reset();  // another past ("nel 1975") ends the episode
  }
}

// How far a clock time alone may stand from the day named before it and
// still be on that day: "28. September, Premiere, Großes Haus, 20 Uhr"
// (KRAUTS event listings) is 7 tokens. Further away, or across a
// sentence end, a line break or a semicolon, the time is the anchor's.
constexpr size_t kClockAfterDayTokens = 8;

// Whether tokens [from, to) only join the items of a list: one or two
// tokens, commas and the list words of timecue.tsv ("and", "or", "und",
// ...). Not a sentence end or a parenthesis ("in March 1917 (February in
// the old calendar)").
bool ListJoined(const Tagger::Impl& impl, const std::vector<Token>& tokens, size_t from,
                size_t to) {
  if (to <= from || to > from + 2) return false;
  for (size_t i = from; i < to; ++i) {
    if (tokens[i].newline_before) return false;
    if (tokens[i].norm == ",") continue;
    bool joiner = false;
    for (std::string_view v : TimeCuesBefore(impl.lexicon, impl.timecue_class, tokens, i + 1))
      joiner = joiner || v == "list";
    if (!joiner) return false;
  }
  return true;
}

// Whether tokens [from, to) are one to `most` tokens, each one of `marks`
// or a word of lexicon class `cls`, on one line with token `to`: what
// joins an expression to the one before it.
bool JoinedBy(const Tagger::Impl& impl, const std::vector<Token>& tokens, size_t from, size_t to,
              size_t most, int cls, std::initializer_list<std::string_view> marks) {
  if (to <= from || to > from + most || to >= tokens.size()) return false;
  for (size_t i = from; i < to; ++i) {
    if (tokens[i].newline_before) return false;
    if (std::find(marks.begin(), marks.end(), tokens[i].norm) != marks.end()) continue;
    if (!InClass(impl.lexicon, cls, tokens, i)) return false;
  }
  return !tokens[to].newline_before;
}

// Whether tokens [from, to) only lead from a year to the date after it:
// at most three tokens, each a comma or a word of timecue.tsv ("In 2009,
// on July 14", "nel 2009, il 14 luglio").
bool LeadsFromYear(const Tagger::Impl& impl, const std::vector<Token>& tokens, size_t from,
                   size_t to) {
  return JoinedBy(impl, tokens, from, to, 3, impl.timecue_class, {","});
}

// Whether tokens [from, to) join two days of one range: one or two
// tokens, each a dash or a word of dayjoin.tsv ("to", "bis", "au", "al").
// A list ("May 4 and June 30") says nothing of the order of its days, so
// "and" does not join them here.
bool DaysJoined(const Tagger::Impl& impl, const std::vector<Token>& tokens, size_t from,
                size_t to) {
  return JoinedBy(impl, tokens, from, to, 2, impl.dayjoin_class, {"-", "\u2013"});
}

// Whether tokens [from, to] are on one line.
bool SameLine(const std::vector<Token>& tokens, size_t from, size_t to) {
  for (size_t i = from; i <= to && i < tokens.size(); ++i)
    if (tokens[i].newline_before) return false;
  return true;
}

// Whether tokens [from, to) hold no clause or sentence end.
bool SameClause(const std::vector<Token>& tokens, size_t from, size_t to) {
  if (to > from + kClockAfterDayTokens) return false;
  for (size_t i = from; i < to; ++i) {
    const std::string& n = tokens[i].norm;
    if (tokens[i].newline_before || EndsSentence(n) || n == ";") return false;
  }
  return to >= tokens.size() || !tokens[to].newline_before;
}

constexpr size_t kSentenceTokensMost = 300;

// How many sentence or line breaks tokens [from, to] hold, a line break
// next to a sentence end counted once, counting no further than `most` + 1.
int SentenceBreaks(const std::vector<Token>& tokens, size_t from, size_t to, int most) {
  // A sentence of hundreds of tokens is no sentence (a list, a table):
  // bounding the scan keeps tagging linear.
  if (to > from + kSentenceTokensMost) return most + 1;
  int breaks = 0;
  bool in_break = false;
  for (size_t i = from; i <= to && i < tokens.size() && breaks <= most; ++i) {
    const std::string& n = tokens[i].norm;
    const bool end = i < to && EndsSentence(n);
    if (tokens[i].newline_before || end) {
      if (!in_break) ++breaks;
      in_break = end;
    } else {
      in_break = false;
    }
  }
  return breaks;
}

// How far back a near anaphor ("anaphor=near" in a rule) looks for the
// day it belongs to: the sentence before its own.
constexpr int kNearAnaphorBreaks = 1;

// Tags full[base, end) as part of one text: offsets are into `full`, and
// the anchors in *state carry over from the windows before.
void TagWindow(const Tagger::Impl& impl, std::string_view full, size_t base, size_t end,
               const TagOptions& options, TagState* state, std::vector<Timex>* out) {
  const std::string_view text = full.substr(base, end - base);
  std::vector<Token> tokens = Tokenize(text);
  std::vector<RuleMatch> matches = impl.matcher->FindAll(tokens);
  const bool narrative = options.type == DocType::kNarrative;
  std::optional<Interval>& last_time = state->last_time;
  // The end token of last_time when this window named it (npos: an
  // earlier window, or none).
  size_t last_time_end = std::string::npos;
  size_t floor = 0;  // tokens before this belong to an earlier expression
  // The day the last expression of this window named, and its end token.
  std::optional<Date> last_day;
  size_t last_day_end = 0;
  bool last_day_is_date = false;
  // The month the last expression named at month precision, and its end.
  std::optional<std::pair<int, int>> last_month;
  size_t last_month_end = 0;
  // The year the last expression named as a year alone ("In 2009"), and
  // its end.
  std::optional<int> last_year;
  size_t last_year_end = 0;
  // The day the last chronology entry of this window headed, and its end
  // token: "today" and "yesterday" in the rest of the entry's line count
  // from it ("8 febbraio 2015 - La videoconferenza di oggi ...", a live
  // report's update in an article dated months before).
  std::optional<Date> entry_day;
  size_t entry_end = 0;
  for (RuleMatch m : matches) {
    if (PartOfAmount(impl.lexicon, impl.percent_class, tokens, m.begin, m.end) ||
        PartOfTagOrCode(text, tokens, m.begin))
      continue;
    if (m.rule->narrative_only && !narrative) continue;
    if (m.rule->unless_class >= 0 && ClassNear(tokens, m.begin, m.end, impl.lexicon,
                                               m.rule->unless_class, kUnlessBefore, kUnlessAfter))
      continue;
    // A reading that is no time ("a second term") keeps its words.
    if (m.rule->kind == RuleKind::kNone) {
      floor = m.end;
      continue;
    }
    // A modifier ("early", "at least") or the head of a chronology entry
    // ("March : Bear Stearns is rescued") is context enough.
    bool needs_context =
        AloneWithoutContext(impl, text, tokens, m) && !HeadsEntry(tokens, m.begin, m.end);
    Frame frame = BuildFrame(m);
    // "The night of Oct. 23": TempEval-3's news annotations take the day
    // alone (AQUAINT), narrative TimeML the whole phrase (WikiWars).
    // The rule's `set: dayof=WORD` names the word that joins the part of
    // day to the day ("of"; Spanish "del", French "du").
    size_t of = m.begin;
    if (frame.has(Slot::kDayOf))
      while (of + 1 < m.end && tokens[of].norm != frame.s(Slot::kDayOf)) ++of;
    const bool joined = of + 1 < m.end;
    if (frame.has(Slot::kDayOf) && !narrative && joined) {
      m.begin = of + 1;
      frame.Set(Slot::kPartOfDay, "");
    } else if (frame.has(Slot::kDayOf) && joined) {
      // "[the early] morning hours of 30 April": the rule starts at the
      // part of day (data/en/rules/partofday.rules says why); the words
      // before it that join the span are dayoflead.tsv's.
      m.begin -= impl.lexicon.LengthEndingAt(impl.dayoflead_class, tokens, m.begin, floor);
    }
    // Before a modifier joins the span: "vers Mars" is the planet, whose
    // "vers" is a modifier too ("vers 8 heures").
    if (!HasTrailingContext(*m.rule) &&
        InAName(impl.lexicon, impl.lowercase_class, impl.timecue_class, text, tokens, m))
      continue;
    if (!frame.has(Slot::kMod)) {
      std::string mod;
      size_t start = impl.ModifierStart(tokens, m.begin, floor, m.rule->kind, &mod);
      if (start < m.begin) {
        m.begin = start;
        frame.Set(Slot::kMod, mod);
        needs_context = false;
      }
    }
    if (needs_context) continue;
    RuleKind kind = m.rule->kind;
    // In a narrative, "three days later" counts from the last date: the
    // amount becomes a date with the word after it ("later", data/en/lexicon/
    // sequence.tsv). News keeps the duration (the event it counts from is
    // not the document date).
    if (narrative && kind == RuleKind::kDuration && frame.has(Slot::kUnit) &&
        !frame.has(Slot::kOffset) && m.end < tokens.size()) {
      std::vector<Lexicon::Match> seq;
      if (impl.sequence_class >= 0) impl.lexicon.MatchAt(impl.sequence_class, tokens, m.end, &seq);
      if (!seq.empty()) {
        frame.Set(Slot::kOffset, *seq[0].value);
        kind = RuleKind::kDate;
        m.end += seq[0].length;
      }
    }
    floor = m.end;
    ResolveContext ctx;
    ctx.dct = options.dct;
    ctx.anchor = narrative ? state->now.date : options.dct;
    if (narrative) ctx.narrative_precision = state->now.precision;
    if (frame.has(Slot::kAnaphor)) {
      if (!narrative) ctx.anchor = last_time ? last_time->first : options.dct;
      // "dans la soirée", "10h18", "au lendemain de la démission": the day
      // of the clause, so a day named in it or the sentence before, else
      // the document date (data/fr/rules/relative.rules says why).
      const bool near_only = frame.s(Slot::kAnaphor) == "near";
      const bool far =
          near_only && !narrative && last_time &&
          (last_time_end == std::string::npos ||
           SentenceBreaks(tokens, last_time_end, m.begin, kNearAnaphorBreaks) > kNearAnaphorBreaks);
      if (far) ctx.anchor = options.dct;
      // "That day" after "in 1987" names a day the text has not given. A
      // narrative counts from where the story stands, to its precision.
      std::optional<Interval> last = last_time;
      if (narrative) last = NowInterval(state->now);
      if (far) last.reset();
      // A day offset ("the day after", "il giorno dopo") or a part of the
      // day ("dans la soirée") asks for a day as "that day" does: after
      // "in 1996" it is 1996-XX-XX, not 1 January.
      std::string unit = frame.s(Slot::kUnit);
      const bool part_of_day = frame.has(Slot::kPartOfDay) && frame.i(Slot::kHour) == Frame::kUnset;
      if (unit.empty() && (frame.has(Slot::kDayOffset) || part_of_day)) unit = "D";
      if (last && AnaphorTooFine(unit, *last))
        frame.Set(Slot::kValue,
                  UnknownValue(unit, *last) + (part_of_day && frame.s(Slot::kUnit).empty()
                                                   ? "T" + frame.s(Slot::kPartOfDay)
                                                   : ""));
    }
    if (entry_day && !narrative && frame.has(Slot::kDayOffset) && !frame.has(Slot::kAnaphor) &&
        SameLine(tokens, entry_end, m.begin))
      ctx.anchor = *entry_day;
    ctx.tense = TenseAround(tokens, m.begin, m.end, impl.tense_cues, &ctx.future_auxiliary);
    // Chronologies tell the past in the historical present ("February 24 -
    // Militias take Misrata"), so an entry looks back whatever its words
    // say ("July 27 - BP names Bob Dudley as its next CEO" is no plan).
    const bool entry = HeadsEntry(tokens, m.begin, m.end);
    if (entry) {
      ctx.chronology_entry = true;
      ctx.previous_entry = state->last_entry;
      ctx.tense = Tense::kPast;
    }
    // Only "a year ago/earlier" asks, so the scan runs rarely.
    if (frame.has(Slot::kOffset) && frame.s(Slot::kUnit) == "Y")
      ctx.quarter_context = ClassNear(tokens, m.begin, m.end, impl.lexicon, impl.quarter_cue_class,
                                      kQuarterCueBefore, kQuarterCueAfter);
    if (last_day && SameClause(tokens, last_day_end, m.begin)) {
      ctx.day_before = last_day;
      // Only a date names its day: a clock time alone ("1:00pm ( Fri-Sun
      // )") is the anchor's day, which says nothing of the weekday after it.
      ctx.day_just_before = last_day_is_date && m.begin <= last_day_end + 2;
      for (size_t k = last_day_end; k < m.begin; ++k)
        ctx.day_just_before = ctx.day_just_before && tokens[k].kind == TokenKind::kPunct;
    }
    // (News only: a history's current time already carries the year, and
    // it names months out of order: "the carnage of November and January".)
    if (!narrative && last_month && ListJoined(impl, tokens, last_month_end, m.begin))
      ctx.listed_month = last_month;
    if (!narrative && last_day && last_day_is_date &&
        DaysJoined(impl, tokens, last_day_end, m.begin))
      ctx.listed_day = last_day;
    if (ctx.listed_day || (!narrative && last_day && last_day_is_date &&
                           ListJoined(impl, tokens, last_day_end, m.begin)))
      ctx.weekday_list_start = last_day;
    if (!narrative && last_year && LeadsFromYear(impl, tokens, last_year_end, m.begin))
      ctx.year_before = last_year;
    const std::vector<std::string_view> joins =
        TimeCuesBefore(impl.lexicon, impl.dayjoin_class, tokens, m.begin);
    ctx.after_limit_word = std::find(joins.begin(), joins.end(), "limit") != joins.end();
    if (!narrative && !entry) ctx.episode = state->episode;
    std::optional<Resolution> res = Resolve(frame, kind, ctx);
    if (!res) continue;
    last_day = res->day;
    last_day_end = m.end;
    // A part of a named day ("noite de quinta", "Monday night") names its
    // day as a date does; a clock time may be the anchor's day only.
    last_day_is_date = res->type == TimexType::kDate ||
                       (frame.has(Slot::kPartOfDay) && frame.i(Slot::kHour) == Frame::kUnset);
    last_month.reset();
    last_year.reset();
    // A year written ("In 2009") or counted back ("two years ago"), not
    // one a word implies ("year-end" in June is this one's).
    const bool year_named =
        frame.has(Slot::kYear) || (frame.has(Slot::kOffset) && frame.s(Slot::kUnit) == "Y");
    if (res->type == TimexType::kDate && year_named && res->value.size() == 4 &&
        std::all_of(res->value.begin(), res->value.end(), IsAsciiDigit)) {
      last_year = std::atoi(res->value.c_str());
      last_year_end = m.end;
    }
    if (res->type == TimexType::kDate && res->value.size() == 7 && res->value[4] == '-' &&
        IsAsciiDigit(res->value[5])) {
      last_month = {std::atoi(res->value.substr(0, 4).c_str()),
                    std::atoi(res->value.substr(5, 2).c_str())};
      last_month_end = m.end;
    }
    Timex t;
    t.begin = base + tokens[m.begin].begin;
    t.end = base + tokens[m.end - 1].end;
    t.text = std::string(full.substr(t.begin, t.end - t.begin));
    t.type = res->type;
    t.value = std::move(res->value);
    t.mod = std::move(res->mod);
    if (t.type == TimexType::kDate || t.type == TimexType::kTime)
      t.interval = ValueInterval(t.value);
    if (t.interval) {
      last_time = t.interval;
      last_time_end = m.end;
    }
    if (!narrative) UpdateEpisode(frame, *res, t, options.dct, &state->episode);
    // The narrative's current time follows the times the text names, a
    // bare year too ("In 1958, ..."), not only full dates.
    if (narrative && (t.type == TimexType::kDate || t.type == TimexType::kTime) &&
        NarrativeMoves(frame, ctx.tense, res->day.has_value()))
      if (std::optional<NarrativeNow> p = ValuePoint(t.value)) state->now = *p;
    if (entry && res->day) {
      state->last_entry = *res->day;
      entry_day = res->day;
      entry_end = m.end;
    }
    out->push_back(std::move(t));
  }
}

}  // namespace

std::vector<Timex> Tagger::Tag(std::string_view text, const TagOptions& options) const {
  std::vector<Timex> out;
  TagWindows(text, options, [&out](size_t, std::vector<Timex>& timexes) {
    if (out.empty())
      out.swap(timexes);
    else
      out.insert(out.end(), std::make_move_iterator(timexes.begin()),
                 std::make_move_iterator(timexes.end()));
  });
  return out;
}

// A long text is tagged a window at a time, so that memory stays bounded
// by the window (tokens and candidate matches cost some 30 bytes per input
// byte) whatever the document's size.
void Tagger::TagWindows(std::string_view text, const TagOptions& options,
                        const WindowSink& sink) const {
  std::vector<Timex> batch;
  TagState state;
  state.now.date = options.dct;
  for (size_t begin = 0; begin < text.size();) {
    const size_t end = WindowEnd(text, begin);
    batch.clear();
    TagWindow(*impl_, text, begin, end, options, &state, &batch);
    sink(end, batch);
    begin = end;
  }
}

}  // namespace annals
