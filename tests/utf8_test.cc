#include "text/utf8.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace annals {
namespace {

// Length DecodeUtf8 gives the first character of `s` (0: ill-formed).
size_t FirstLength(std::string_view s) {
  char32_t cp = 0;
  return DecodeUtf8(s, 0, &cp);
}

TEST(Utf8Test, DecodesEachLengthToItsCodePoint) {
  struct Case {
    std::string_view bytes;
    char32_t cp;
  };
  for (const Case& c : {Case{"A", U'A'}, Case{"\xC3\xA9", U'\u00E9'},
                        Case{"\xE2\x82\xAC", U'\u20AC'}, Case{"\xF0\x9F\x98\x80", U'\U0001F600'},
                        Case{"\xF4\x8F\xBF\xBF", U'\U0010FFFF'}, Case{"\xEF\xBB\xBF", U'\uFEFF'}}) {
    char32_t cp = 0;
    EXPECT_EQ(DecodeUtf8(c.bytes, 0, &cp), c.bytes.size()) << c.bytes;
    EXPECT_EQ(static_cast<uint32_t>(cp), static_cast<uint32_t>(c.cp)) << c.bytes;
  }
}

TEST(Utf8Test, DecodesAtAnOffset) {
  const std::string_view s = "d\xC3\xA9j\xC3\xA0";
  char32_t cp = 0;
  EXPECT_EQ(DecodeUtf8(s, 4, &cp), 2u);
  EXPECT_EQ(static_cast<uint32_t>(cp), 0xE0u);
}

TEST(Utf8Test, RejectsEveryIllFormedShapeOfTable3_7) {
  for (std::string_view bad : {
           "\x80",              // a lone continuation byte
           "\xC0\xAF",          // overlong '/' (C0 and C1 never lead)
           "\xC1\xBF",          //
           "\xE0\x9F\xBF",      // overlong three-byte form
           "\xED\xA0\x80",      // a surrogate (U+D800)
           "\xED\xBF\xBF",      // a surrogate (U+DFFF)
           "\xF0\x8F\xBF\xBF",  // overlong four-byte form
           "\xF4\x90\x80\x80",  // above U+10FFFF
           "\xF5\x80\x80\x80",  // F5..FF never lead
           "\xFF",              //
           "\xC3",              // cut short by the end of the text
           "\xE2\x82",          //
           "\xF0\x9F\x98",      //
           "\xC3\x41",          // a lead byte followed by ASCII
           "\xE2\x28\xA1",      // a bad second byte
           "\xE2\x82\x28",      // a bad third byte
       }) {
    EXPECT_EQ(FirstLength(bad), 0u) << "bytes of length " << bad.size();
  }
}

TEST(Utf8Test, LeavesTheCodePointAloneOnFailure) {
  char32_t cp = U'x';
  EXPECT_EQ(DecodeUtf8("\xED\xA0\x80", 0, &cp), 0u);
  EXPECT_EQ(static_cast<uint32_t>(cp), static_cast<uint32_t>(U'x'));
}

TEST(Utf8Test, AppendIsTheInverseOfDecodeAtEveryBoundary) {
  for (uint32_t cp :
       {0x0u, 0x7Fu, 0x80u, 0x7FFu, 0x800u, 0xD7FFu, 0xE000u, 0xFFFFu, 0x10000u, 0x10FFFFu}) {
    std::string s;
    AppendUtf8(static_cast<char32_t>(cp), &s);
    char32_t back = 0;
    ASSERT_EQ(DecodeUtf8(s, 0, &back), s.size()) << std::hex << cp;
    EXPECT_EQ(static_cast<uint32_t>(back), cp);
    EXPECT_EQ(s.size(), cp < 0x80 ? 1u : cp < 0x800 ? 2u : cp < 0x10000 ? 3u : 4u);
  }
}

}  // namespace
}  // namespace annals
