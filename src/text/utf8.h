// text/utf8.h — strict UTF-8: decoding one character, encoding a code point.
//
// One definition of "well-formed" for the whole engine (Unicode Table 3-7:
// no overlong forms, no surrogates, nothing above U+10FFFF), so that the
// readers that reject a file and the tokenizer that reads it agree byte for
// byte. The ROUGE tokenizer (eval/tempeval.cc) deliberately does not use
// it: it copies Perl's byte-oriented reading of ill-formed text.
#ifndef ANNALS_TEXT_UTF8_H_
#define ANNALS_TEXT_UTF8_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace annals {

// Decodes the character starting at s[i] (i < s.size()). Returns its length
// in bytes (1-4) and stores the code point in *cp, or returns 0 (and leaves
// *cp alone) when the bytes from i on are not a well-formed sequence,
// including one cut short by the end of `s`.
size_t DecodeUtf8(std::string_view s, size_t i, char32_t* cp);

// Appends the UTF-8 encoding of `cp` (a Unicode scalar value: at most
// U+10FFFF and not a surrogate; callers check).
void AppendUtf8(char32_t cp, std::string* out);

}  // namespace annals

#endif  // ANNALS_TEXT_UTF8_H_
