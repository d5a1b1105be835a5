#include "text/sentences.h"

#include <algorithm>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "text/ascii.h"
#include "text/casefold.h"
#include "text/embedded.h"
#include "text/language.h"

namespace annals {
namespace {

enum class AbbrevClass { kTitle, kNumeric, kOther, kStarter };

// A language's abbreviations: word -> class. Keys view the embedded data,
// which lives as long as the program, so nothing is copied.
struct Profile {
  std::unordered_map<std::string_view, AbbrevClass> table;
  // Other languages than English: a sentence does not begin with a
  // lower-case letter of any script ("... 3. über"), and the starter after
  // an `other` abbreviation is read as UTF-8 letters ("Über").
  bool unicode = false;
  // The class of a number of one to three digits (German "am 3. März"),
  // from the pseudo-word <ordinal>; none when the language has no entry.
  bool has_ordinal = false;
  AbbrevClass ordinal = AbbrevClass::kStarter;
};

Profile LoadProfile(std::string_view contents, bool unicode) {
  Profile p;
  p.unicode = unicode;
  for (std::string_view line : embedded::DataLines(contents)) {
    const size_t tab = line.find('\t');
    if (tab == std::string_view::npos) continue;
    const std::string_view word = line.substr(0, tab);
    const std::string_view cls = line.substr(tab + 1);
    AbbrevClass c;
    if (cls == "title") {
      c = AbbrevClass::kTitle;
    } else if (cls == "numeric") {
      c = AbbrevClass::kNumeric;
    } else if (cls == "other") {
      c = AbbrevClass::kOther;
    } else if (cls == "starter") {
      c = AbbrevClass::kStarter;
    } else {
      continue;
    }
    if (word == "<ordinal>") {
      p.has_ordinal = true;
      p.ordinal = c;
    } else {
      p.table[word] = c;
    }
  }
  return p;
}

// English from lexicon/abbreviations.tsv (the tagger's vocabulary, as
// before languages came), the others from <lang>/text/abbreviations.txt;
// a language without a file splits as English does.
const Profile& ProfileFor(std::string_view lang) {
  static const auto* profiles = [] {
    auto* v = new std::vector<std::pair<std::string, Profile>>();
    v->emplace_back("en", LoadProfile(embedded::File("en/lexicon/abbreviations.tsv"), false));
    for (std::string_view l : kLanguages) {
      if (l == "en") continue;
      const std::string_view file = embedded::File(std::string(l) + "/text/abbreviations.txt");
      if (!file.empty()) v->emplace_back(std::string(l), LoadProfile(file, true));
    }
    return v;
  }();
  for (const auto& [l, p] : *profiles) {
    if (l == lang) return p;
  }
  return profiles->front().second;
}

bool IsOrdinalNumber(std::string_view w) {
  return !w.empty() && w.size() <= 3 && std::all_of(w.begin(), w.end(), IsAsciiDigit);
}

bool StartsWith(std::string_view s, size_t pos, std::string_view p) {
  return s.size() >= pos + p.size() && s.compare(pos, p.size(), p) == 0;
}

// Length of a closing quote or bracket at pos, 0 if none.
size_t CloserAt(std::string_view s, size_t pos) {
  const char c = s[pos];
  if (c == '"' || c == '\'' || c == ')' || c == ']') return 1;
  if (StartsWith(s, pos, "\u201D") || StartsWith(s, pos, "\u2019")) return 3;  // ” ’
  if (StartsWith(s, pos, "\u00BB")) return 2;                                  // »
  return 0;
}

// Length of an opening quote or bracket at pos, 0 if none.
size_t OpenerAt(std::string_view s, size_t pos) {
  const char c = s[pos];
  if (c == '"' || c == '\'' || c == '(' || c == '[' || c == '`') return 1;
  if (StartsWith(s, pos, "\u201C") || StartsWith(s, pos, "\u2018")) return 3;  // “ ‘
  if (StartsWith(s, pos, "\u00AB")) return 2;                                  // «
  return 0;
}

constexpr std::string_view kEllipsis = "\u2026";  // …

// Length of a run of sentence-final punctuation at pos (0 if none); sets
// *strong when it holds ! or ?, *ellipsis when it holds two or more periods
// or a … character.
size_t TerminatorRun(std::string_view s, size_t pos, bool* strong, bool* ellipsis) {
  size_t i = pos;
  int dots = 0;
  *strong = false;
  *ellipsis = false;
  while (i < s.size()) {
    if (s[i] == '.') {
      ++dots;
      ++i;
    } else if (s[i] == '!' || s[i] == '?') {
      *strong = true;
      ++i;
    } else if (StartsWith(s, i, kEllipsis)) {
      *ellipsis = true;
      i += kEllipsis.size();
    } else {
      break;
    }
  }
  if (dots >= 2) *ellipsis = true;
  return i - pos;
}

// The word ending just before the period at `dot`: back to whitespace (at
// most 32 bytes, which bounds the work per period), without opening quotes
// or brackets in front of it.
std::string_view WordBefore(std::string_view s, size_t floor, size_t dot) {
  size_t b = dot;
  const size_t limit = dot > 32 ? dot - 32 : 0;
  while (b > floor && b > limit && !IsAsciiSpace(s[b - 1])) --b;
  while (b < dot && OpenerAt(s, b) > 0) b += OpenerAt(s, b);
  return s.substr(b, dot - b);
}

// "U.S", "a.m", "Ph.D": letters in short groups joined by periods.
bool IsDottedAbbreviation(std::string_view w) {
  if (w.find('.') == std::string_view::npos) return false;
  size_t group = 0;
  for (char c : w) {
    if (c == '.') {
      if (group == 0) return false;
      group = 0;
    } else if (IsAsciiAlpha(c)) {
      if (++group > 2) return false;
    } else {
      return false;
    }
  }
  return group > 0;
}

// Decides whether the terminator run [term, term_end) followed by closers up
// to `end` (whitespace or text end follows) ends the sentence that started
// at `start`.
bool IsBoundary(const Profile& profile, std::string_view s, size_t start, size_t term, size_t end,
                bool strong, bool ellipsis) {
  size_t next = end;
  while (next < s.size() && IsAsciiSpace(s[next])) ++next;
  if (next >= s.size()) return true;
  // Look through opening quotes/brackets at the first letter of what follows.
  size_t nc = next;
  for (size_t k = 0; k < 4 && nc < s.size(); ++k) {
    const size_t len = OpenerAt(s, nc);
    if (len == 0) break;
    nc += len;
  }
  if (nc >= s.size()) return true;
  const char c = s[nc];
  if (IsAsciiLower(c)) return false;                            // "?” he said", "U.S. officials"
  if (profile.unicode && IsLowerLetterAt(s, nc)) return false;  // "... 3. über"
  // A photo credit ("REUTERS/Benoit Tessier") belongs to its caption.
  if (IsAsciiUpper(c)) {
    size_t k = nc;
    while (k < s.size() && k < nc + 24 && (IsAsciiUpper(s[k]) || s[k] == ' ')) ++k;
    if (k < s.size() && s[k] == '/' && k - nc >= 2) return false;
  }
  if (strong || ellipsis) return true;
  const std::string_view word = WordBefore(s, start, term);
  if (word.empty()) return true;
  const auto& table = profile.table;
  auto it = table.find(word);
  // Other languages list one-letter starters ("L'armée", "O governo", "A
  // menos"); before a period such a word is an initial ("William L. Swing"),
  // so only their abbreviations are taken from the table here. (English's
  // table is read as it always was.)
  if (profile.unicode && it != table.end() && it->second == AbbrevClass::kStarter) {
    it = table.end();
  }
  AbbrevClass cls = AbbrevClass::kStarter;  // i.e. not an abbreviation
  if (it != table.end()) {
    cls = it->second;
  } else if (profile.has_ordinal && IsOrdinalNumber(word)) {
    cls = profile.ordinal;
  } else if (word.size() == 1 && IsAsciiUpper(word[0])) {
    return false;  // an initial: "J. Smith"
  } else if (IsDottedAbbreviation(word)) {
    cls = AbbrevClass::kOther;
  }
  switch (cls) {
    case AbbrevClass::kTitle:
      return false;
    case AbbrevClass::kNumeric:
      return !IsAsciiDigit(c);
    case AbbrevClass::kOther: {
      size_t e = nc;
      if (profile.unicode) {
        size_t len = 0;
        while (e < s.size() && IsLetterAt(s, e, &len)) e += len;
      } else {
        while (e < s.size() && IsAsciiAlpha(s[e])) ++e;
      }
      auto st = table.find(s.substr(nc, e - nc));
      return st != table.end() && st->second == AbbrevClass::kStarter;
    }
    case AbbrevClass::kStarter:
      return true;
  }
  return true;
}

std::vector<SentenceSpan> SplitRaw(const Profile& profile, std::string_view s) {
  std::vector<SentenceSpan> out;
  constexpr size_t kNone = std::string_view::npos;
  size_t start = kNone;
  auto emit = [&](size_t end) {
    if (start == kNone) return;
    while (end > start && IsAsciiSpace(s[end - 1])) --end;
    if (end > start) out.push_back({start, end});
    start = kNone;
  };
  bool paragraph_start = true;
  size_t i = 0;
  const size_t n = s.size();
  while (i < n) {
    const char c = s[i];
    if (c == '\n') {
      size_t j = i + 1;
      while (j < n && (s[j] == ' ' || s[j] == '\t' || s[j] == '\r')) ++j;
      if (j < n && s[j] == '\n') {  // a blank line ends the sentence
        emit(i);
        paragraph_start = true;
        i = j;
      } else {
        i = j;
      }
      continue;
    }
    if (IsAsciiSpace(c)) {
      ++i;
      continue;
    }
    if (start == kNone) {
      if (paragraph_start) {
        paragraph_start = false;
        const size_t d = DatelineLength(s.substr(i));
        if (d > 0) {
          i += d;
          continue;  // the sentence starts after the dateline
        }
      }
      start = i;
    }
    bool strong = false;
    bool ellipsis = false;
    const size_t run = TerminatorRun(s, i, &strong, &ellipsis);
    if (run == 0) {
      ++i;
      continue;
    }
    size_t end = i + run;
    for (size_t k = 0; k < 3 && end < n; ++k) {
      const size_t len = CloserAt(s, end);
      if (len == 0) break;
      end += len;
    }
    if (end < n && !IsAsciiSpace(s[end])) {  // "3.5", "U.S.-led", "Yahoo!'s"
      i = end;
      continue;
    }
    if (IsBoundary(profile, s, start, i, end, strong, ellipsis)) emit(end);
    i = end;
  }
  emit(n);
  return out;
}

std::vector<SentenceSpan> SplitLines(std::string_view s) {
  std::vector<SentenceSpan> out;
  size_t i = 0;
  while (i < s.size()) {
    size_t nl = s.find('\n', i);
    if (nl == std::string_view::npos) nl = s.size();
    size_t b = i;
    size_t e = nl;
    while (b < e && IsAsciiSpace(s[b])) ++b;
    while (e > b && IsAsciiSpace(s[e - 1])) --e;
    if (e > b) out.push_back({b, e});
    i = nl + 1;
  }
  return out;
}

}  // namespace

size_t DatelineLength(std::string_view text) {
  // The separator must come early: datelines are short.
  constexpr size_t kMaxPrefix = 64;
  size_t sep = std::string_view::npos;
  size_t sep_len = 0;
  for (size_t i = 1; i < text.size() && i <= kMaxPrefix; ++i) {
    if (text[i] == '\n') return 0;  // datelines do not span lines
    if (text[i - 1] != ' ') continue;
    if (StartsWith(text, i, "-- ")) {
      sep_len = 3;
    } else if (StartsWith(text, i, "- ")) {
      sep_len = 2;
    } else if (StartsWith(text, i, "\u2014 ") || StartsWith(text, i, "\u2013 ")) {
      sep_len = 4;
    } else {
      continue;
    }
    sep = i;
    break;
  }
  if (sep == std::string_view::npos) return 0;
  std::string_view prefix = text.substr(0, sep - 1);  // without the space before the dash
  bool ok = false;
  if (!prefix.empty() && prefix.back() == ')') {
    // "CITY (Reuters)", "CITY, Jan 30 (Reuters)", "(CNN)": an agency in
    // brackets, after nothing or after a word in capitals.
    const size_t open = prefix.rfind('(');
    if (open != std::string_view::npos && open + 2 < prefix.size() &&
        IsAsciiUpper(prefix[open + 1])) {
      const std::string_view before = prefix.substr(0, open);
      size_t k = 0;
      while (k < before.size() && (IsAsciiUpper(before[k]) || before[k] == '.')) ++k;
      ok = before.empty() || (k >= 2 && (k == before.size() || !IsAsciiAlpha(before[k])));
    }
  } else {
    // "WASHINGTON", "NEW YORK": capitals only.
    size_t letters = 0;
    ok = !prefix.empty();
    for (char c : prefix) {
      if (IsAsciiUpper(c)) {
        ++letters;
      } else if (c != ' ' && c != ',' && c != '.' && c != '\'') {
        ok = false;
        break;
      }
    }
    ok = ok && letters >= 3;
  }
  if (!ok) return 0;
  size_t end = sep + sep_len;
  while (end < text.size() && (text[end] == ' ' || text[end] == '\t')) ++end;
  return end;
}

bool LooksTokenized(std::string_view text) {
  text = text.substr(0, size_t{64} << 10);
  if (text.find("-LRB-") != std::string_view::npos ||
      text.find("-RRB-") != std::string_view::npos || text.find(" `` ") != std::string_view::npos) {
    return true;
  }
  size_t lines = 0;
  size_t detached = 0;
  for (const SentenceSpan& span : SplitLines(text)) {
    ++lines;
    const std::string_view line = text.substr(span.begin, span.end - span.begin);
    if (line.size() >= 2 && line[line.size() - 2] == ' ' &&
        (line.back() == '.' || line.back() == '?' || line.back() == '!')) {
      ++detached;
    } else if (line.size() >= 3 && line.substr(line.size() - 3) == " ''") {
      ++detached;
    }
  }
  if (lines > 0 && detached * 2 > lines) return true;
  auto count = [&](std::string_view needle) {
    size_t n = 0;
    for (size_t p = text.find(needle); p != std::string_view::npos; p = text.find(needle, p + 1)) {
      ++n;
    }
    return n;
  };
  const size_t clitics = count(" 's ") + count(" n't ") + count(" 're ") + count(" 've ");
  // A detached comma is rare in running text; it settles short documents
  // (a photo credit line, a headline) that have no final " .".
  const size_t commas = count(" , ");
  return clitics >= 3 || commas >= 2 || (commas >= 1 && lines <= 3);
}

std::vector<SentenceSpan> SplitSentences(std::string_view text, SentenceStyle style) {
  return SplitSentences(text, "en", style);
}

std::vector<SentenceSpan> SplitSentences(std::string_view text, std::string_view lang,
                                         SentenceStyle style) {
  if (style == SentenceStyle::kAuto) {
    style = LooksTokenized(text) ? SentenceStyle::kTokenized : SentenceStyle::kRaw;
  }
  std::vector<SentenceSpan> spans =
      style == SentenceStyle::kTokenized ? SplitLines(text) : SplitRaw(ProfileFor(lang), text);
  if (std::none_of(spans.begin(), spans.end(),
                   [](const SentenceSpan& s) { return s.end - s.begin > kMaxSentenceBytes; })) {
    return spans;
  }
  // Cut each overlong span at the last white space that keeps a piece
  // within the limit, or where there is none, at a character boundary.
  // Each byte is looked at a bounded number of times: the scan back from a
  // piece's limit stops at the piece's last white space, and the region it
  // passes holds none, so the next piece's scan does not pass it again.
  std::vector<SentenceSpan> out;
  out.reserve(spans.size());
  for (const SentenceSpan& span : spans) {
    size_t begin = span.begin;
    while (span.end - begin > kMaxSentenceBytes) {
      const size_t limit = begin + kMaxSentenceBytes;
      size_t cut = limit;
      while (cut > begin && !IsAsciiSpace(text[cut])) --cut;
      if (cut == begin) {  // no white space: back to a character's first byte
        cut = limit;
        while (cut > begin && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
        if (cut == begin) cut = limit;  // not UTF-8: any cut makes progress
      }
      size_t next = cut;
      size_t end = cut;
      while (end > begin && IsAsciiSpace(text[end - 1])) --end;
      out.push_back({begin, end});
      while (next < span.end && IsAsciiSpace(text[next])) ++next;
      begin = next;
    }
    if (begin < span.end) out.push_back({begin, span.end});
  }
  return out;
}

}  // namespace annals
