// tagger/tense.h — the tense around an expression, from nearby cue words.
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
// sentence, nearest cue first (left side preferred on ties).
Tense TenseAround(const std::vector<Token>& tokens, size_t begin, size_t end,
                  const Lexicon& lexicon, int tense_class);

}  // namespace annals

#endif  // ANNALS_TAGGER_TENSE_H_
