// tagger/tense.h — the context of an expression: the tense around it, from
// nearby cue words, and other cue words in its passage.
//
// "said on Wednesday" looks back, "will meet on Wednesday" ahead. The cue
// words live in data/<lang>/lexicon/tense.tsv (value past, present, future
// or will); besides them, a lower-case word with an ending of
// tensesuffix.tsv counts as that ending says (English "-ed" past, Spanish
// "-ó" past, "-rá" future), and a cue after a word of passive.tsv ("be",
// "is") is no cue (the auxiliary carries the tense).
#ifndef ANNALS_TAGGER_TENSE_H_
#define ANNALS_TAGGER_TENSE_H_

#include <vector>

#include "tagger/lexicon.h"
#include "tagger/resolver.h"
#include "text/tokenizer.h"

namespace annals {

// Looks at most a few tokens either side of [begin, end), within the
// sentence, nearest cue first (left side preferred on ties). *auxiliary,
// when given, says whether that cue is a future auxiliary ("will",
// "'ll", "shall": value `will`), not a weaker cue like "expected".
struct TenseCues {
  const Lexicon* lexicon = nullptr;
  int word_class = -1;         // tense.tsv
  int passive_class = -1;      // passive.tsv
  int pastperfect_class = -1;  // pastperfect.tsv: "had been" (due to ...)
  int title_class = -1;        // title.tsv: "mr", "m", "dott": their period ends no clause
  // tensesuffix.tsv, longest ending first; `auxiliary` for the value
  // `will` (a synthetic future, Spanish "viajará": as sure as "will").
  struct Suffix {
    std::string ending;
    Tense tense;
    bool auxiliary;
  };
  std::vector<Suffix> suffixes;
  // Reads the classes of `lexicon` (which must outlive the cues).
  static TenseCues From(const Lexicon& lexicon);
};

Tense TenseAround(const std::vector<Token>& tokens, size_t begin, size_t end, const TenseCues& cues,
                  bool* auxiliary = nullptr);

// True when a word of lexicon class `cls` occurs at most `before` tokens
// before [begin, end) or `after` tokens after it, sentence ends included
// (the topic of a passage, not of one clause). Bounded, so that the scan
// stays linear in the text.
bool ClassNear(const std::vector<Token>& tokens, size_t begin, size_t end, const Lexicon& lexicon,
               int cls, size_t before, size_t after);

}  // namespace annals

#endif  // ANNALS_TAGGER_TENSE_H_
