// text/casefold.h — Unicode case folding of UTF-8 text.
//
// The tokenizer's `norm` lower-cases ASCII only, which is enough for
// English; the other languages' words ("ÉTÉ", "Über", "MARÇO") need the
// full Unicode folding, done here with utf8proc (libutf8proc-dev; chosen
// over ICU by the measurements in docs/languages.md).
#ifndef ANNALS_TEXT_CASEFOLD_H_
#define ANNALS_TEXT_CASEFOLD_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace annals {

// Full Unicode case folding (CaseFolding.txt, statuses C and F, not the
// Turkic T mappings): "ÉTÉ" -> "été", "Straße" and "STRASSE" -> "strasse"
// (ß folds to "ss", so that both spellings meet), "İ" (U+0130) -> "i̇"
// ("i" + U+0307 COMBINING DOT ABOVE), final and non-final sigma meet as σ.
// Folded text stays NFC when the input is NFC. Bytes that are not
// well-formed UTF-8 are copied unchanged, so folding never fails and never
// drops text. ASCII-only input takes a fast path. Linear time; thread-safe.
std::string FoldCase(std::string_view text);

// True when a lower-case letter (general category Ll) starts at text[i];
// false at the end of the text or on ill-formed UTF-8.
bool IsLowerLetterAt(std::string_view text, size_t i);

// True when a letter (general category L*) starts at text[i]; *len gets its
// byte length (0 when false).
bool IsLetterAt(std::string_view text, size_t i, size_t* len);

// True for an upper-case or title-case letter (general category Lu, Lt).
bool IsUpperCodePoint(char32_t cp);

// The text without its accents: canonical decomposition, combining marks
// (category Mn) dropped, recomposed: "février" -> "fevrier", "März" ->
// "Marz", "ß" unchanged. Vocabularies list a word once, with its accents,
// and the lexicon adds this form, so that text typed without accents
// ("sabado", "fevrier") reads the same. Ill-formed bytes are kept.
std::string StripAccents(std::string_view text);

}  // namespace annals

#endif  // ANNALS_TEXT_CASEFOLD_H_
