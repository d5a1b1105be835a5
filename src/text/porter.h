// text/porter.h — the Porter stemmer as ROUGE-1.5.5 runs it.
//
// Used by the ROUGE scorer (eval/) and, so that timelines are picked with
// the words ROUGE will count, by sentence selection (timeline/).
#ifndef ANNALS_TEXT_PORTER_H_
#define ANNALS_TEXT_PORTER_H_

#include <string>
#include <string_view>

namespace annals {

// Porter stemmer exactly as ROUGE-1.5.5's Perl `stem` (Porter's Perl
// "Release 1" plus Chin-Yew Lin's step-4 change): the y-vowel test follows
// the Perl regular expressions, and step 4 tries "-ment" and then "-ent"
// after the main suffix list, each on the result of the previous rule, so
// "argument" -> "argum" where the C reference stemmer keeps "argument".
// Expects lower-case ASCII; words shorter than 3 bytes come back unchanged.
// No exception lookup and no length gate (RougeScorer adds both).
std::string PorterStem(std::string_view word);

}  // namespace annals

#endif  // ANNALS_TEXT_PORTER_H_
