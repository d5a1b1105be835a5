// text/tokenizer.h — splits UTF-8 text into word, number and punctuation
// tokens with byte offsets, in one left-to-right pass.
//
// Tokens are fine-grained on purpose: "22-month-old" is five tokens and
// "1990s" two, so that rules see the same pieces whether the text is raw or
// Penn-Treebank tokenized ("-LRB-", " 's", " ."). Rules can ask whether a
// token touched its predecessor (no whitespace between them).
#ifndef ANNALS_TEXT_TOKENIZER_H_
#define ANNALS_TEXT_TOKENIZER_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace annals {

enum class TokenKind : uint8_t {
  kWord,    // letters (any non-ASCII letter counts as a letter)
  kNumber,  // ASCII digits
  kPunct,   // one punctuation character (ASCII or Unicode)
};

struct Token {
  uint32_t begin = 0;  // byte offset in the text
  uint32_t end = 0;    // one past the last byte
  TokenKind kind = TokenKind::kWord;
  bool space_before = true;     // whitespace (or text start) precedes it
  bool newline_before = false;  // a line break precedes it
  bool capitalized = false;     // first letter upper case
  std::string norm;             // lower-cased ASCII form; punctuation folded
                                // to ASCII ("’" -> "'", "–" -> "-")
};

// Tokenizes `text`. Invalid UTF-8 bytes and control characters act as
// whitespace. Offsets are 32-bit: callers split inputs above 4 GiB.
std::vector<Token> Tokenize(std::string_view text);

// Parses a token of digits; returns -1 for anything else or values above
// 999,999,999.
int64_t TokenNumber(const Token& t);

}  // namespace annals

#endif  // ANNALS_TEXT_TOKENIZER_H_
