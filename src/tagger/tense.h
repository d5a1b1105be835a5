// tagger/tense.h — the context of an expression: the tense around it, from
// nearby cue words, and other cue words in its passage.
//
// "said on Wednesday" looks back, "will meet on Wednesday" ahead. The cue
// words live in data/lexicon/tense.tsv (value past, present or future);
// besides them, a word ending in "ed" counts as past.
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
Tense TenseAround(const std::vector<Token>& tokens, size_t begin, size_t end,
                  const Lexicon& lexicon, int tense_class, bool* auxiliary = nullptr);

// True when a word of lexicon class `cls` occurs at most `before` tokens
// before [begin, end) or `after` tokens after it, sentence ends included
// (the topic of a passage, not of one clause). Bounded, so that the scan
// stays linear in the text.
bool ClassNear(const std::vector<Token>& tokens, size_t begin, size_t end, const Lexicon& lexicon,
               int cls, size_t before, size_t after);

}  // namespace annals

#endif  // ANNALS_TAGGER_TENSE_H_
