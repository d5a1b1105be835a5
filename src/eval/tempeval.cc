// TempEval-3 Task A scoring, reproducing the official toolkit's counting.
//
// The official toolkit (TE3-evaluation.py, Naushad UzZaman, 2012-2013) cannot
// run here (Python 2 + Java), so this file reimplements what it does, read
// from its sources: TE3-evaluation.py, evaluation-entities/
// evaluate_entities.py, and the TimeML-Normalizer (Hector Llorens; Java,
// TimeML_Normalizer.java, `normalize` and `merge_tok_n_tml`) that the
// toolkit runs first with `-a "gold;system"`. What it does, and what we
// reproduce:
//
// 1. Id alignment, not span comparison. The normalizer tokenizes the TEXT of
//    both files, labels every token O / B-TAG / I-TAG (TAG = TIMEX3 or EVENT)
//    and then renames the tids of both files so that "matching" timexes share
//    an id; evaluate_entities.py then matches timexes purely by equal tid. So
//    "relaxed match" means "got the same normalized id", and the rule for
//    that, token by token with gold processed before system, is:
//      - a token labelled O or B-TIMEX3 closes that file's open timex (I-EVENT
//        and B-EVENT tokens do NOT close it: a gold timex followed by an EVENT
//        stays "open" for the pairing, a quirk we keep);
//      - at a B-TIMEX3 token the timex gets a fresh id, unless the other file
//        has a timex open at this token (begun on it or earlier) whose id this
//        file has not used yet, in which case it takes that id.
//    This is a greedy one-to-one pairing of token-overlapping timexes in text
//    order: "Sunday morning" (gold) vs "Sunday" + "morning" (system) gives one
//    relaxed match and one unmatched system timex, not two matches.
// 2. Tokenization. merge_tok_n_tml walks token characters against the raw
//    XML; a tag met before a token's first character belongs to that token,
//    one met inside a token gives that token the label of the LAST opening
//    tag met in it, and a closing tag met inside the token that opened the
//    element only takes effect after that token. Consequence: of two timexes
//    inside one token ("<T>2009</T>-<T>2010</T>" is one token) only the last
//    gets a B label; the other gets no id and the normalizer deletes its tags,
//    so the toolkit does not count it at all, in gold or system. We model
//    tags by their plain-text offset and replay that state machine exactly.
//    The tokenizer is the Schmid tokenize.pl bundled with the toolkit's
//    normalizer (program-data/tokenizer), English mode: whitespace split,
//    "..." split off, a space after ; ! ? / and after a comma not followed
//    by a digit or '.', a split in "xx.Y"/"xx:Y", leading ( [ { ` " ´ « »
//    and trailing ] } ' ` " ) , ; : ! ? % « » cut off, a final '.' cut off
//    (except in U.S.A.-style abbreviations), clitics 's 're 've 'd 'm 'em 'll
//    n't split. Not reproduced: its optional abbreviation list ("Jan." would
//    stay one token) and non-ASCII whitespace; both only matter when a tag
//    falls inside such a token. (Whether the 2013 jar ran this script or the
//    later rule-based PTB tokenizer of hllorens/timeml-normalizer is not
//    certain from the sources; both keep "2009-2010" and "mid-March" whole,
//    which is what decides the counts on TempEval-3 data.) On the platinum
//    gold this gives 136 countable timexes, not the 138 TIMEX3 tags: the
//    first halves of "2009-2010" and "1955-58" are invisible to the toolkit.
//    Sources read: CogComp/cogcomp-nlp temporal-normalizer/tools/ (the TE3
//    toolkit copy) and hllorens/timeml-normalizer.
// 3. Which TIMEX3s exist. evaluate_entities.py collects timexes with the
//    regex <TIMEX3[^>]*>[^<]*</TIMEX3> over the normalized file and skips tid
//    "t0" (the normalizer renames the DCT's tid to t0). So: the DCT is never
//    counted, a TIMEX3 with any markup inside it is never counted, and
//    timexes are keyed by tid (duplicate tids collapse to the last one).
//    Totals are the number of such keys; timexes with blank text are in the
//    totals but never match.
// 4. Strict match = same id AND identical text between the tags (raw bytes,
//    with &quot; read as '"', as its read_file does). Type and value are
//    compared as exact strings, counted over the gold side's relaxed matches.
// 5. Scores: counts summed over files; P = matches/system, R = matches/gold,
//    F1 = 2PR/(P+R) (0 when P+R = 0); value F1 = value matches / relaxed
//    matches x relaxed F1 (type likewise); no gold and no system timexes at
//    all gives 1 everywhere. The toolkit prints round(x * 100, 2), which
//    ToolkitPercent reproduces (ties away from zero).
// 6. Text check. The toolkit compares the tag-stripped TEXT of both files and,
//    on any difference, prints "TEXTS NOT SAME" and aborts the whole run.
//    We compare the decoded TEXT content byte for byte and, instead of
//    aborting, score that file as having no system timexes (gold still
//    counts) and warn naming the file, so one bad file does not hide the
//    rest. A missing system file is treated the same way (the toolkit would
//    crash).
//
// Verification without the toolkit: tempeval_test.cc checks the pieces
// above on hand-built documents whose toolkit counts follow from these rules
// (split timexes, one-token double timexes, markup inside TIMEX3, altered
// text), and gold against itself scoring 100.
#include "eval/tempeval.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <system_error>

namespace annals {

void TempevalCounts::Add(const TempevalCounts& o) {
  gold += o.gold;
  system += o.system;
  strict_recall += o.strict_recall;
  relaxed_recall += o.relaxed_recall;
  strict_precision += o.strict_precision;
  relaxed_precision += o.relaxed_precision;
  type_match += o.type_match;
  value_match += o.value_match;
}

namespace {

double Ratio(size_t a, size_t b) { return b == 0 ? 0.0 : static_cast<double>(a) / b; }
double F1(double p, double r) { return p + r == 0 ? 0.0 : 2 * p * r / (p + r); }

// ---- Tokenizer (toolkit's tokenize.pl, English) ----------------------------

struct Cp {
  uint32_t c;
  size_t byte_begin;
  size_t byte_end;
  bool inserted;  // a space the tokenizer inserted
};

std::vector<Cp> DecodeUtf8(std::string_view s) {
  std::vector<Cp> out;
  size_t i = 0;
  while (i < s.size()) {
    unsigned char b = static_cast<unsigned char>(s[i]);
    size_t len = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 1;
    if (i + len > s.size()) len = 1;
    uint32_t c = b;
    if (len > 1) {
      c = b & (0x7F >> len);
      for (size_t k = 1; k < len; ++k) {
        unsigned char cb = static_cast<unsigned char>(s[i + k]);
        if ((cb & 0xC0) != 0x80) {
          len = 1;
          c = b;
          break;
        }
        c = (c << 6) | (cb & 0x3F);
      }
    }
    out.push_back({c, i, i + len, false});
    i += len;
  }
  return out;
}

bool IsAsciiSpace(uint32_t c) { return c == ' ' || (c >= 9 && c <= 13); }
bool IsLetter(uint32_t c) {  // [a-zA-ZÀ-ÿ]
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xFF);
}
bool IsUpper(uint32_t c) { return (c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xDD); }
bool IsC1Quote(uint32_t c) {  // the \2xx bytes of tokenize.pl's classes
  return c == 0x82 || c == 0x84 || c == 0x86 || c == 0x87 || c == 0x8B ||
         (c >= 0x91 && c <= 0x97) || c == 0x9B;
}
bool IsPChar(uint32_t c) {
  return c == '[' || c == '{' || c == '(' || c == 0xB4 || c == '`' || c == '"' || c == 0xBB ||
         c == 0xAB || IsC1Quote(c);
}
bool IsFChar(uint32_t c) {
  switch (c) {
    case ']':
    case '}':
    case '\'':
    case '`':
    case '"':
    case ')':
    case ',':
    case ';':
    case ':':
    case '!':
    case '?':
    case '%':
    case 0xBB:
    case 0xAB:
    case 0x85:
    case 0x89:
      return true;
    default:
      return IsC1Quote(c);
  }
}

Cp Space() { return {' ', 0, 0, true}; }

// One left-to-right pass of `s/(A)(B)/$1 $2/g` where A and B are one
// character each: a space goes between every non-overlapping match.
template <typename Pred2>
std::vector<Cp> SpaceBetween(const std::vector<Cp>& in, Pred2 match) {
  std::vector<Cp> out;
  out.reserve(in.size());
  size_t i = 0;
  while (i < in.size()) {
    if (i + 1 < in.size() && match(in[i].c, in[i + 1].c)) {
      out.push_back(in[i]);
      out.push_back(Space());
      out.push_back(in[i + 1]);
      i += 2;
    } else {
      out.push_back(in[i++]);
    }
  }
  return out;
}

}  // namespace

std::vector<std::pair<size_t, size_t>> Te3Tokenize(std::string_view text) {
  std::vector<Cp> s = DecodeUtf8(text);
  // s/(\.\.\.)/ ... /g
  {
    std::vector<Cp> out;
    size_t i = 0;
    while (i < s.size()) {
      if (i + 2 < s.size() && s[i].c == '.' && s[i + 1].c == '.' && s[i + 2].c == '.') {
        out.push_back(Space());
        out.insert(out.end(), s.begin() + static_cast<long>(i),
                   s.begin() + static_cast<long>(i) + 3);
        out.push_back(Space());
        i += 3;
      } else {
        out.push_back(s[i++]);
      }
    }
    s = std::move(out);
  }
  // s/([;\!\?\/])([^ ])/$1 $2/g ; s/(,)([^ 0-9.])/$1 $2/g (the script pads
  // the text with spaces, so the last character never matches).
  s = SpaceBetween(s, [](uint32_t a, uint32_t b) {
    return (a == ';' || a == '!' || a == '?' || a == '/') && b != ' ';
  });
  s = SpaceBetween(s, [](uint32_t a, uint32_t b) {
    return a == ',' && b != ' ' && !(b >= '0' && b <= '9') && b != '.';
  });
  // s/([a-zA-ZÀ-ÿ][a-zA-ZÀ-ÿ][.:])([A-ZÀ-Ý])/$1 $2/g
  {
    std::vector<Cp> out;
    size_t i = 0;
    while (i < s.size()) {
      if (i + 3 < s.size() && IsLetter(s[i].c) && IsLetter(s[i + 1].c) &&
          (s[i + 2].c == '.' || s[i + 2].c == ':') && IsUpper(s[i + 3].c)) {
        out.insert(out.end(), s.begin() + static_cast<long>(i),
                   s.begin() + static_cast<long>(i) + 3);
        out.push_back(Space());
        out.push_back(s[i + 3]);
        i += 4;
      } else {
        out.push_back(s[i++]);
      }
    }
    s = std::move(out);
  }

  std::vector<std::pair<size_t, size_t>> tokens;
  auto emit = [&](const std::vector<Cp>& w, size_t lo, size_t hi) {
    tokens.emplace_back(w[lo].byte_begin, w[hi - 1].byte_end);
  };
  size_t i = 0;
  std::vector<Cp> w;
  while (i < s.size()) {
    if (s[i].inserted || IsAsciiSpace(s[i].c)) {
      ++i;
      continue;
    }
    w.clear();
    while (i < s.size() && !s[i].inserted && !IsAsciiSpace(s[i].c)) w.push_back(s[i++]);
    size_t lo = 0, hi = w.size();
    std::vector<std::pair<size_t, size_t>> suffix;  // cut-off tail, in order
    bool finished = false;
    while (!finished) {
      if (hi - lo >= 2 && IsPChar(w[lo].c)) {
        emit(w, lo, lo + 1);
        ++lo;
      } else if (hi - lo >= 2 && IsFChar(w[hi - 1].c)) {
        suffix.insert(suffix.begin(), {hi - 1, hi});
        --hi;
      } else if (hi - lo >= 2 && w[hi - 1].c == '.' && IsFChar(w[hi - 2].c)) {
        // s/([$FChar])\.$// : "X." -> X then "." (the word may become X).
        suffix.insert(suffix.begin(), {hi - 1, hi});
        if (hi - 2 == lo) {
          hi = lo + 1;
        } else {
          suffix.insert(suffix.begin(), {hi - 2, hi - 1});
          hi -= 2;
        }
      } else {
        finished = true;
      }
    }
    // Abbreviations like U.S.A. stay whole.
    bool abbrev = (hi - lo) % 2 == 0 && hi > lo;
    for (size_t k = lo; abbrev && k < hi; k += 2) {
      abbrev = IsLetter(w[k].c) && w[k + 1].c == '.';
    }
    if (!abbrev) {
      bool three_dots = hi - lo == 3 && w[lo].c == '.' && w[lo + 1].c == '.' && w[lo + 2].c == '.';
      if (hi - lo >= 2 && w[hi - 1].c == '.' && !three_dots) {
        suffix.insert(suffix.begin(), {hi - 1, hi});
        --hi;
      }
      // English clitics: (.)('(s|re|ve|d|m|em|ll)|n't)$
      static const char* const kClitics[] = {"'s", "'re", "'ve", "'d", "'m", "'em", "'ll", "n't"};
      bool cut = true;
      while (cut) {
        cut = false;
        for (const char* cl : kClitics) {
          size_t len = std::char_traits<char>::length(cl);
          if (hi - lo < len + 1) continue;
          bool eq = true;
          for (size_t k = 0; k < len && eq; ++k) {
            eq = w[hi - len + k].c == static_cast<unsigned char>(cl[k]);
          }
          if (eq) {
            suffix.insert(suffix.begin(), {hi - len, hi});
            hi -= len;
            cut = true;
            break;
          }
        }
      }
    }
    emit(w, lo, hi);
    for (const auto& [a, b] : suffix) emit(w, a, b);
  }
  return tokens;
}

double ToolkitPercent(double fraction) {
  double percent = fraction * 100.0;  // the toolkit's double product
  // A double times 100 is exact in long double's 64-bit mantissa, so this
  // sees exact ties as Python does.
  long double hundredths = std::round(static_cast<long double>(percent) * 100.0L);
  return static_cast<double>(hundredths / 100.0L);
}

TempevalScores ComputeTempevalScores(const TempevalCounts& c) {
  TempevalScores s;
  s.strict_precision = Ratio(c.strict_precision, c.system);
  s.relaxed_precision = Ratio(c.relaxed_precision, c.system);
  s.strict_recall = Ratio(c.strict_recall, c.gold);
  s.relaxed_recall = Ratio(c.relaxed_recall, c.gold);
  if (c.gold == 0 && c.system == 0) {
    s.strict_f1 = s.relaxed_f1 = s.value_f1 = s.type_f1 = 1.0;
    s.value_accuracy = s.type_accuracy = 1.0;
    return s;
  }
  s.strict_f1 = F1(s.strict_precision, s.strict_recall);
  s.relaxed_f1 = F1(s.relaxed_precision, s.relaxed_recall);
  s.value_accuracy = Ratio(c.value_match, c.relaxed_recall);
  s.type_accuracy = Ratio(c.type_match, c.relaxed_recall);
  s.value_f1 = s.value_accuracy * s.relaxed_f1;
  s.type_f1 = s.type_accuracy * s.relaxed_f1;
  return s;
}

namespace {

// ---- merge_tok_n_tml: token labels ----------------------------------------

enum class Label : uint8_t { kO, kBTimex, kITimex, kBOther, kIOther };

struct TokenLabel {
  Label label = Label::kO;
  int timex = -1;  // for kBTimex: the TIMEX3 whose attributes the B carries
};

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'a' && x <= 'z') x = static_cast<char>(x - 'a' + 'A');
    if (y >= 'a' && y <= 'z') y = static_cast<char>(y - 'a' + 'A');
    if (x != y) return false;
  }
  return true;
}

// Labels each token as the normalizer's merge_tok_n_tml does. When
// `with_timexes` is false the document's TIMEX3 tags are ignored (used for a
// system side that does not count).
std::vector<TokenLabel> LabelTokens(const TimemlDocument& doc,
                                    const std::vector<std::pair<size_t, size_t>>& tokens,
                                    bool with_timexes) {
  std::vector<TokenLabel> labels(tokens.size());
  // Tags read while processing each token, with their index in the token.
  std::vector<std::vector<std::pair<const TimemlTag*, size_t>>> at(tokens.size());
  for (const TimemlTag& t : doc.tags) {
    if (!with_timexes && t.name == "TIMEX3") continue;
    // The tag is read with the first token that ends after its position.
    auto it = std::upper_bound(
        tokens.begin(), tokens.end(), t.plain_offset,
        [](size_t p, const std::pair<size_t, size_t>& tok) { return p < tok.second; });
    if (it == tokens.end()) continue;
    size_t k = static_cast<size_t>(it - tokens.begin());
    size_t index = t.plain_offset > it->first ? t.plain_offset - it->first : 0;
    at[k].emplace_back(&t, index);
  }
  char bio = 'O';
  std::string in_tag;
  int in_timex = -1;
  for (size_t k = 0; k < tokens.size(); ++k) {
    bool opened_here = false, delayed_close = false;
    for (const auto& [tag, index] : at[k]) {
      bool relevant = EqualsIgnoreCase(tag->name, "EVENT") || EqualsIgnoreCase(tag->name, "TIMEX3");
      if (tag->kind != TimemlTag::kClose && relevant) {
        // (The normalizer throws on EVENT inside TIMEX3 or vice versa; no
        // TempEval-3 file has that, we keep the last tag like same-name
        // nesting.)
        opened_here = true;
        in_tag = tag->name;
        in_timex = tag->timex;
        bio = 'B';
      } else if (tag->kind == TimemlTag::kClose && !in_tag.empty() &&
                 EqualsIgnoreCase(tag->name, in_tag)) {
        if (opened_here && index >= 1) {
          delayed_close = true;
        } else {
          bio = 'O';
          in_tag.clear();
          opened_here = false;
        }
      }
    }
    bool is_timex = in_tag == "TIMEX3";
    if (bio == 'B') {
      labels[k].label = is_timex ? Label::kBTimex : Label::kBOther;
      labels[k].timex = is_timex ? in_timex : -1;
      bio = 'I';
    } else if (bio == 'I') {
      labels[k].label = is_timex ? Label::kITimex : Label::kIOther;
    }
    if (delayed_close) {
      bio = 'O';
      in_tag.clear();
    }
  }
  return labels;
}

// ---- TimeML-Normalizer: id alignment ---------------------------------------

struct Side {
  const TimemlDocument* doc;
  std::vector<TokenLabel> labels;
  std::map<std::string, int> tid_map;  // original tid -> normalized id
};

void AlignIds(Side sides[2], size_t token_count) {
  int last_tid = 1;
  int open[2] = {0, 0};
  std::set<int> used[2] = {{0}, {0}};
  for (size_t k = 0; k < token_count; ++k) {
    for (int a = 0; a < 2; ++a) {
      Label l = sides[a].labels[k].label;
      if (l == Label::kO || l == Label::kBTimex) open[a] = 0;
    }
    for (int a = 0; a < 2; ++a) {
      const TokenLabel& tl = sides[a].labels[k];
      if (tl.label != Label::kBTimex) continue;
      open[a] = last_tid;
      int other = 1 - a;
      if (open[other] != 0 && used[a].count(open[other]) == 0) open[a] = open[other];
      used[a].insert(open[a]);
      if (open[a] == last_tid) ++last_tid;
      const TimemlTimex& x = sides[a].doc->timexes[static_cast<size_t>(tl.timex)];
      sides[a].tid_map[x.tid] = open[a];
    }
  }
}

struct Counted {
  std::string text, type, value;
};

std::string QuotToChar(const std::string& s) {
  std::string out;
  size_t i = 0;
  while (i < s.size()) {
    if (s.compare(i, 6, "&quot;") == 0) {
      out += '"';
      i += 6;
    } else {
      out += s[i++];
    }
  }
  return out;
}

// The timexes evaluate_entities.py sees, keyed by normalized id.
std::map<int, Counted> CountedTimexes(const Side& side, bool with_timexes) {
  std::map<int, Counted> out;
  if (!with_timexes) return out;
  for (const TimemlTimex& x : side.doc->timexes) {
    if (x.contains_markup) continue;                                         // regex [^<]* fails
    if (x.raw_close_end == x.raw_open_end) continue;                         // <TIMEX3 ... />
    if (!side.doc->dct_tid.empty() && x.tid == side.doc->dct_tid) continue;  // -> t0
    auto it = side.tid_map.find(x.tid);
    if (it == side.tid_map.end()) continue;  // tags deleted
    out[it->second] = {QuotToChar(x.raw_text), x.type, x.value};
  }
  return out;
}

bool Blank(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
  });
}

}  // namespace

void ScoreTempevalDocuments(const TimemlDocument& gold, const TimemlDocument& system,
                            TempevalFileResult* result, std::vector<std::string>* warnings) {
  bool same_text = gold.text == system.text;
  if (!same_text) {
    result->text_mismatch = true;
    if (warnings != nullptr) {
      // Name the first differing line to make the fix easy.
      size_t p = 0;
      while (p < gold.text.size() && p < system.text.size() && gold.text[p] == system.text[p]) ++p;
      size_t line = 1 + static_cast<size_t>(std::count(
                            gold.text.begin(), gold.text.begin() + static_cast<long>(p), '\n'));
      warnings->push_back(result->name + ": system TEXT differs from gold (first at TEXT line " +
                          std::to_string(line) + "); scored as no system timexes");
    }
  }
  std::vector<std::pair<size_t, size_t>> tokens = Te3Tokenize(gold.text);
  Side sides[2] = {{&gold, LabelTokens(gold, tokens, true), {}}, {&system, {}, {}}};
  sides[1].labels =
      same_text ? LabelTokens(system, tokens, true) : std::vector<TokenLabel>(tokens.size());
  AlignIds(sides, tokens.size());
  std::map<int, Counted> g = CountedTimexes(sides[0], true);
  std::map<int, Counted> s = CountedTimexes(sides[1], same_text);

  TempevalCounts& c = result->counts;
  c = TempevalCounts();
  c.gold = g.size();
  c.system = s.size();
  for (const auto& [id, gx] : g) {
    if (Blank(gx.text)) continue;
    auto it = s.find(id);
    if (it == s.end() || Blank(it->second.text)) continue;
    ++c.relaxed_recall;
    if (gx.text == it->second.text) ++c.strict_recall;
    if (gx.type == it->second.type) ++c.type_match;
    if (gx.value == it->second.value) ++c.value_match;
  }
  for (const auto& [id, sx] : s) {
    if (Blank(sx.text)) continue;
    auto it = g.find(id);
    if (it == g.end() || Blank(it->second.text)) continue;
    ++c.relaxed_precision;
    if (sx.text == it->second.text) ++c.strict_precision;
  }
}

namespace {

bool ReadAll(const std::filesystem::path& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return false;
  *out = ss.str();
  return true;
}

bool EndsWith(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

bool ScoreTempevalDirs(const std::string& gold_dir, const std::string& system_dir,
                       TempevalReport* report, std::string* error) {
  namespace fs = std::filesystem;
  *report = TempevalReport();
  std::error_code ec;
  if (!fs::is_directory(gold_dir, ec)) {
    *error = "cannot read gold directory " + gold_dir;
    return false;
  }
  if (!fs::is_directory(system_dir, ec)) {
    *error = "cannot read system directory " + system_dir;
    return false;
  }
  std::vector<std::string> names;
  fs::directory_iterator it(gold_dir, ec), end;
  if (ec) {
    *error = "cannot read gold directory " + gold_dir + ": " + ec.message();
    return false;
  }
  for (; it != end; it.increment(ec)) {
    if (ec) {
      *error = "cannot read gold directory " + gold_dir + ": " + ec.message();
      return false;
    }
    std::string name = it->path().filename().string();
    if (EndsWith(name, ".tml") && it->is_regular_file(ec)) names.push_back(name);
  }
  if (names.empty()) {
    *error = "no .tml files in gold directory " + gold_dir;
    return false;
  }
  std::sort(names.begin(), names.end());
  // The toolkit only needs TEXT; a system file that lost its DCT still counts.
  TimemlParseOptions lenient;
  lenient.require_dct = false;
  for (const std::string& name : names) {
    TempevalFileResult r;
    r.name = name;
    std::string gold_raw;
    TimemlDocument gold;
    TimemlError perr;
    if (!ReadAll(fs::path(gold_dir) / name, &gold_raw)) {
      report->warnings.push_back(name + ": cannot read gold file; skipped");
      continue;
    }
    if (!ParseTimeml(gold_raw, &gold, &perr)) {
      report->warnings.push_back(name + ": gold file is not valid TimeML (" + perr.ToString() +
                                 "); skipped");
      continue;
    }
    std::string stem = name.substr(0, name.size() - 4);
    std::string system_raw;
    bool found = false;
    for (const std::string& cand : {name, name + ".TE3input", stem + ".TE3input.tml"}) {
      fs::path p = fs::path(system_dir) / cand;
      if (fs::is_regular_file(p, ec) && ReadAll(p, &system_raw)) {
        found = true;
        break;
      }
    }
    TimemlDocument system;
    if (!found) {
      r.system_missing = true;
      report->warnings.push_back(name + ": no system file; scored as no system timexes");
    } else if (!ParseTimeml(system_raw, lenient, &system, &perr)) {
      r.system_unreadable = true;
      report->warnings.push_back(name + ": system file is not valid TimeML (" + perr.ToString() +
                                 "); scored as no system timexes");
    }
    if (!found || r.system_unreadable) {
      // Same text, no timexes: gold still counts towards recall.
      system = TimemlDocument();
      system.text = gold.text;
      system.dct_tid = gold.dct_tid;
    }
    ScoreTempevalDocuments(gold, system, &r, &report->warnings);
    report->total.Add(r.counts);
    report->files.push_back(std::move(r));
  }
  report->scores = ComputeTempevalScores(report->total);
  return true;
}

}  // namespace annals
