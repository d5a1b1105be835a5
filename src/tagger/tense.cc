#include "tagger/tense.h"

#include <algorithm>

namespace annals {
namespace {

constexpr size_t kWindow = 8;

// The scan stops at a sentence end, at a colon and at a quotation mark: a
// colon opens another clause ("19 July: Qatar closes its embassy" is no
// plan; "spill in April: What happened to the oil"). The tense of a
// quotation is its own, and the reporting verb outside it ("...will
// leave at 4 a.m. Thursday," Castro said) tells when it was said, not when
// what it says happens. Curly quotes are folded to '"' by the tokenizer;
// the ASCII forms `` and '' are two touching tokens (a lone ' is an
// apostrophe).
// The period of a title before a name ("M. Lavrov", "Mr. Obama", "Dr.
// Ruiz"): the word before is one of the language's titles (title.tsv),
// touching the period, and a capitalised word follows.
bool TitlePeriod(const std::vector<Token>& tokens, size_t i, const TenseCues& cues) {
  if (cues.title_class < 0 || i == 0 || i + 1 >= tokens.size() || tokens[i].space_before)
    return false;
  if (!tokens[i - 1].capitalized || !tokens[i + 1].capitalized) return false;
  return cues.lexicon->LengthEndingAt(cues.title_class, tokens, i) == 1;
}

bool StopsScan(const std::vector<Token>& tokens, size_t i, const TenseCues& cues) {
  const std::string& w = tokens[i].norm;
  if (w == "." && TitlePeriod(tokens, i, cues)) return false;
  if (w == "." || w == "!" || w == "?" || w == ";" || w == ":" || w == "\"" || w == "`")
    return true;
  if (w != "'") return false;
  return (i + 1 < tokens.size() && tokens[i + 1].norm == "'" && !tokens[i + 1].space_before) ||
         (i > 0 && tokens[i - 1].norm == "'" && !tokens[i].space_before);
}

// A participle after a form of "be" ("will be held", "is expected to
// be published") is passive voice: the auxiliary carries the tense, so the
// participle is no cue and the scan goes on to it.
bool AfterBe(const std::vector<Token>& tokens, size_t i, const TenseCues& cues) {
  if (i == 0 || cues.passive_class < 0) return false;
  std::vector<Lexicon::Match> m;
  cues.lexicon->MatchAt(cues.passive_class, tokens, i - 1, &m);
  return !m.empty();
}

Tense TenseNamed(std::string_view v) {
  if (v == "past") return Tense::kPast;
  if (v == "present") return Tense::kPresent;
  if (v == "future" || v == "will") return Tense::kFuture;
  return Tense::kUnknown;
}

Tense CueAt(const std::vector<Token>& tokens, size_t i, const TenseCues& cues,
            std::vector<Lexicon::Match>* scratch, bool* auxiliary) {
  const Lexicon& lexicon = *cues.lexicon;
  const int cls = cues.word_class;
  const Token& t = tokens[i];
  if (t.kind != TokenKind::kWord) return Tense::kUnknown;
  scratch->clear();
  if (cls >= 0) lexicon.MatchAt(cls, tokens, i, scratch);
  if (!scratch->empty()) {
    const std::string& v = *(*scratch)[0].value;
    if (v == "past") return AfterBe(tokens, i, cues) ? Tense::kUnknown : Tense::kPast;
    // "had been due to expire Friday": a plan in the past perfect is a
    // past plan; the scan goes on to "had".
    if (v == "will") {
      *auxiliary = true;
      return Tense::kFuture;
    }
    if (v == "future")
      return lexicon.LengthEndingAt(cues.pastperfect_class, tokens, i) > 0 ? Tense::kUnknown
                                                                           : Tense::kFuture;
    if (v == "present") return Tense::kPresent;
    return Tense::kUnknown;
  }
  const std::string& w = t.norm;
  if (t.capitalized) return Tense::kUnknown;
  for (const TenseCues::Suffix& s : cues.suffixes) {
    const std::string& e = s.ending;
    if (w.size() <= e.size() + 2 || w.compare(w.size() - e.size(), e.size(), e) != 0) continue;
    if (s.tense == Tense::kPast && AfterBe(tokens, i, cues)) return Tense::kUnknown;
    *auxiliary = s.auxiliary;
    return s.tense;
  }
  return Tense::kUnknown;
}

}  // namespace

TenseCues TenseCues::From(const Lexicon& lexicon) {
  TenseCues c;
  c.lexicon = &lexicon;
  c.word_class = lexicon.ClassId("tense");
  c.passive_class = lexicon.ClassId("passive");
  c.pastperfect_class = lexicon.ClassId("pastperfect");
  c.title_class = lexicon.ClassId("title");
  if (lexicon.HasClass("tensesuffix"))
    for (const auto& [suffix, value] : lexicon.Entries("tensesuffix"))
      c.suffixes.push_back({suffix, TenseNamed(value), value == "will"});
  std::stable_sort(c.suffixes.begin(), c.suffixes.end(),
                   [](const auto& a, const auto& b) { return a.ending.size() > b.ending.size(); });
  return c;
}

Tense TenseAround(const std::vector<Token>& tokens, size_t begin, size_t end, const TenseCues& cues,
                  bool* auxiliary) {
  std::vector<Lexicon::Match> scratch;
  bool aux_unused = false;
  if (!auxiliary) auxiliary = &aux_unused;
  *auxiliary = false;
  bool left_open = true, right_open = true;
  for (size_t d = 1; d <= kWindow && (left_open || right_open); ++d) {
    if (left_open) {
      if (begin < d || StopsScan(tokens, begin - d, cues) ||
          (tokens[begin - d + 1].newline_before && d > 1)) {
        left_open = false;
      } else {
        Tense t = CueAt(tokens, begin - d, cues, &scratch, auxiliary);
        if (t != Tense::kUnknown) return t;
      }
    }
    if (right_open) {
      size_t j = end + d - 1;
      if (j >= tokens.size() || StopsScan(tokens, j, cues) || tokens[j].newline_before) {
        right_open = false;
      } else {
        Tense t = CueAt(tokens, j, cues, &scratch, auxiliary);
        if (t != Tense::kUnknown) return t;
      }
    }
  }
  return Tense::kUnknown;
}

bool ClassNear(const std::vector<Token>& tokens, size_t begin, size_t end, const Lexicon& lexicon,
               int cls, size_t before, size_t after) {
  if (cls < 0) return false;
  std::vector<Lexicon::Match> scratch;
  const size_t first = begin > before ? begin - before : 0;
  const size_t last = std::min(tokens.size(), end + after);
  for (size_t i = first; i < last; ++i) {
    if (i >= begin && i < end) continue;
    if (tokens[i].kind != TokenKind::kWord) continue;
    scratch.clear();
    lexicon.MatchAt(cls, tokens, i, &scratch);
    if (!scratch.empty()) return true;
  }
  return false;
}

}  // namespace annals
