#include "text/casefold.h"

#include <utf8proc.h>

#include "text/ascii.h"
#include "text/utf8.h"

namespace annals {

namespace {

// Maps every code point beyond ASCII through utf8proc_decompose_char with
// `options`, keeping the results `keep` accepts; ASCII bytes go through
// `ascii`. Ill-formed bytes, and code points utf8proc cannot map, are
// copied unchanged, so mapping never fails and never drops text.
template <typename Ascii, typename Keep>
std::string MapCodePoints(std::string_view text, utf8proc_option_t options, Ascii ascii,
                          Keep keep) {
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (static_cast<unsigned char>(c) < 0x80) {
      out.push_back(ascii(c));
      ++i;
      continue;
    }
    char32_t cp = 0;
    const size_t n = DecodeUtf8(text, i, &cp);
    if (n == 0) {  // not UTF-8: kept as it is
      out.push_back(c);
      ++i;
      continue;
    }
    // A full folding yields at most three code points (U+0390 -> 3), a
    // canonical decomposition at most four.
    utf8proc_int32_t parts[8];
    int boundclass = 0;
    const utf8proc_ssize_t k =
        utf8proc_decompose_char(static_cast<utf8proc_int32_t>(cp), parts, 8, options, &boundclass);
    if (k <= 0 || k > 8) {
      out.append(text.substr(i, n));
    } else {
      for (utf8proc_ssize_t j = 0; j < k; ++j)
        if (keep(parts[j])) AppendUtf8(static_cast<char32_t>(parts[j]), &out);
    }
    i += n;
  }
  return out;
}

}  // namespace

std::string FoldCase(std::string_view text) {
  return MapCodePoints(
      text, UTF8PROC_CASEFOLD,
      [](char c) { return IsAsciiUpper(c) ? static_cast<char>(c + 32) : c; },
      [](utf8proc_int32_t) { return true; });
}

bool IsLowerLetterAt(std::string_view text, size_t i) {
  if (i >= text.size()) return false;
  if (static_cast<unsigned char>(text[i]) < 0x80) return IsAsciiLower(text[i]);
  char32_t cp = 0;
  if (DecodeUtf8(text, i, &cp) == 0) return false;
  return utf8proc_category(static_cast<utf8proc_int32_t>(cp)) == UTF8PROC_CATEGORY_LL;
}

bool IsLetterAt(std::string_view text, size_t i, size_t* len) {
  *len = 0;
  if (i >= text.size()) return false;
  if (static_cast<unsigned char>(text[i]) < 0x80) {
    if (!IsAsciiAlpha(text[i])) return false;
    *len = 1;
    return true;
  }
  char32_t cp = 0;
  const size_t n = DecodeUtf8(text, i, &cp);
  if (n == 0) return false;
  const utf8proc_category_t cat = utf8proc_category(static_cast<utf8proc_int32_t>(cp));
  if (cat < UTF8PROC_CATEGORY_LU || cat > UTF8PROC_CATEGORY_LO) return false;
  *len = n;
  return true;
}

bool IsUpperCodePoint(char32_t cp) {
  const utf8proc_category_t cat = utf8proc_category(static_cast<utf8proc_int32_t>(cp));
  return cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT;
}

std::string StripAccents(std::string_view text) {
  return MapCodePoints(
      text, UTF8PROC_DECOMPOSE, [](char c) { return c; },
      [](utf8proc_int32_t part) { return utf8proc_category(part) != UTF8PROC_CATEGORY_MN; });
}

}  // namespace annals
