// text/ascii.h — ASCII character classes, independent of the C locale.
//
// <cctype> answers by the current locale and is undefined for negative
// chars, which every byte of UTF-8 beyond ASCII is; these answer for ASCII
// only, and false for any other byte, so a multi-byte character is never
// taken for a letter, digit or space. Space is the C locale's set: space,
// \t, \n, \v, \f, \r. (XML has its own, smaller set: corpus/timeml.cc.)
#ifndef ANNALS_TEXT_ASCII_H_
#define ANNALS_TEXT_ASCII_H_

namespace annals {

constexpr bool IsAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}
constexpr bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }
constexpr bool IsAsciiUpper(char c) { return c >= 'A' && c <= 'Z'; }
constexpr bool IsAsciiLower(char c) { return c >= 'a' && c <= 'z'; }
constexpr bool IsAsciiAlpha(char c) { return IsAsciiUpper(c) || IsAsciiLower(c); }

}  // namespace annals

#endif  // ANNALS_TEXT_ASCII_H_
