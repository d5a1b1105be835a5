#include "text/tokenizer.h"

#include "text/ascii.h"
#include "text/casefold.h"
#include "text/utf8.h"

namespace annals {
namespace {

enum class CharClass { kSpace, kNewline, kLetter, kDigit, kPunct };

// Classifies a code point; for punctuation, *fold is its ASCII stand-in.
CharClass Classify(uint32_t cp, char* fold) {
  if (cp == '\n' || cp == '\r') return CharClass::kNewline;
  if (cp <= ' ' || cp == 0x7F || cp == 0xA0 || (cp >= 0x80 && cp < 0xA0)) return CharClass::kSpace;
  if (cp < 0x80) {
    char c = static_cast<char>(cp);
    if (IsAsciiDigit(c)) return CharClass::kDigit;
    if (IsAsciiAlpha(c)) return CharClass::kLetter;
    *fold = c;
    return CharClass::kPunct;
  }
  if (cp >= 0x2000 && cp <= 0x200B) return CharClass::kSpace;  // typographic spaces
  if ((cp >= 0x20A0 && cp <= 0x20CF) || (cp >= 0xA2 && cp <= 0xA5)) {
    *fold = '$';  // currency signs
    return CharClass::kPunct;
  }
  if (cp == 0x2018 || cp == 0x2019 || cp == 0x201B || cp == 0x2032) {
    *fold = '\'';
    return CharClass::kPunct;
  }
  if (cp == 0x201C || cp == 0x201D || cp == 0x201E || cp == 0xAB || cp == 0xBB) {
    *fold = '"';
    return CharClass::kPunct;
  }
  if (cp >= 0x2010 && cp <= 0x2015) {
    *fold = '-';
    return CharClass::kPunct;
  }
  // The ordinal indicators "º" and "ª" (Spanish, Italian and Portuguese
  // "1º", "1ª"), and the degree sign typed for them ("1° maggio"), are
  // letters, so that they make a suffix token like "st".
  if (cp == 0xAA || cp == 0xBA || cp == 0xB0) return CharClass::kLetter;
  if ((cp >= 0x2016 && cp <= 0x206F) || (cp >= 0xA1 && cp <= 0xBF) || cp == 0xD7 || cp == 0xF7 ||
      (cp >= 0x3000 && cp <= 0x303F)) {
    *fold = '?';
    return CharClass::kPunct;
  }
  return CharClass::kLetter;
}

}  // namespace

std::vector<Token> Tokenize(std::string_view text) {
  std::vector<Token> out;
  out.reserve(text.size() / 5 + 1);
  bool space = true, newline = false;
  size_t i = 0;
  bool open = false;  // out.back() is a word/number token still being extended
  // Words with letters beyond ASCII, folded at the end ("März" -> "märz"):
  // English text rarely has one, so its tokens never pay for Unicode.
  std::vector<uint32_t> unicode_words;
  while (i < text.size()) {
    // Fast path for a run of ASCII letters or digits, most of news text:
    // the same token the general path below builds a code point at a
    // time, built in one step (the tokenizer was an eighth of tagging).
    const char c0 = text[i];
    const bool digit = IsAsciiDigit(c0);
    if (digit || IsAsciiAlpha(c0)) {
      size_t j = i + 1;
      if (digit) {
        while (j < text.size() && IsAsciiDigit(text[j])) ++j;
      } else {
        while (j < text.size() && IsAsciiAlpha(text[j])) ++j;
      }
      const TokenKind kind = digit ? TokenKind::kNumber : TokenKind::kWord;
      if (open && out.back().kind == kind) {
        out.back().end = static_cast<uint32_t>(j);
      } else {
        out.emplace_back();
        Token& t = out.back();
        t.begin = static_cast<uint32_t>(i);
        t.end = static_cast<uint32_t>(j);
        t.kind = kind;
        t.space_before = space;
        t.newline_before = newline;
        t.capitalized = IsAsciiUpper(c0);
        open = true;
        space = newline = false;
      }
      std::string& norm = out.back().norm;
      const size_t from = norm.size();
      norm.append(text.data() + i, j - i);
      for (size_t k = from; k < norm.size(); ++k)
        if (norm[k] >= 'A' && norm[k] <= 'Z') norm[k] = static_cast<char>(norm[k] + 32);
      i = j;
      continue;
    }
    char32_t cp = 0;
    size_t len = DecodeUtf8(text, i, &cp);
    if (len == 0) {  // invalid byte: a separator
      open = false;
      space = true;
      ++i;
      continue;
    }
    char fold = 0;
    CharClass cls = Classify(cp, &fold);
    if (cls == CharClass::kSpace || cls == CharClass::kNewline) {
      open = false;
      space = true;
      newline = newline || cls == CharClass::kNewline;
      i += len;
      continue;
    }
    TokenKind kind = cls == CharClass::kDigit    ? TokenKind::kNumber
                     : cls == CharClass::kLetter ? TokenKind::kWord
                                                 : TokenKind::kPunct;
    if (open && out.back().kind == kind && kind != TokenKind::kPunct) {
      out.back().end = static_cast<uint32_t>(i + len);
    } else {
      out.emplace_back();
      Token& t = out.back();
      t.begin = static_cast<uint32_t>(i);
      t.end = static_cast<uint32_t>(i + len);
      t.kind = kind;
      t.space_before = space;
      t.newline_before = newline;
      t.capitalized = cp < 0x80 ? cp >= 'A' && cp <= 'Z' : IsUpperCodePoint(cp);
      if (kind == TokenKind::kPunct) t.norm.assign(1, fold);
      open = kind != TokenKind::kPunct;
      space = newline = false;
    }
    if (kind == TokenKind::kWord && len > 1 &&
        (unicode_words.empty() || unicode_words.back() != out.size() - 1))
      unicode_words.push_back(static_cast<uint32_t>(out.size() - 1));
    if (kind != TokenKind::kPunct) {
      for (size_t k = 0; k < len; ++k) {
        char c = text[i + k];
        out.back().norm.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c);
      }
    }
    i += len;
  }
  for (uint32_t k : unicode_words) out[k].norm = FoldCase(out[k].norm);
  return out;
}

int64_t TokenNumber(const Token& t) {
  if (t.kind != TokenKind::kNumber || t.norm.size() > 9) return -1;
  int64_t v = 0;
  for (char c : t.norm) v = v * 10 + (c - '0');
  return v;
}

}  // namespace annals
