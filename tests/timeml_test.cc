#include "corpus/timeml.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "test_util.h"

namespace annals {
namespace {

namespace fs = std::filesystem;
using ::annals::testing::ReadFile;
using ::annals::testing::SharedDir;

std::string Doc(const std::string& text) {
  return "<?xml version=\"1.0\" ?>\n<TimeML>\n<DOCID>D1</DOCID>\n"
         "<DCT><TIMEX3 tid=\"t0\" type=\"DATE\" value=\"2013-03-22\" "
         "functionInDocument=\"CREATION_TIME\">March 22, 2013</TIMEX3></DCT>\n"
         "<TEXT>" +
         text + "</TEXT>\n</TimeML>\n";
}

std::vector<std::string> TmlFiles(const std::string& dir, const std::string& suffix) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) {
    std::string p = e.path().string();
    if (p.size() >= suffix.size() &&
        p.compare(p.size() - suffix.size(), suffix.size(), suffix) == 0) {
      out.push_back(p);
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

Timex ToTimex(const TimemlTimex& x) {
  Timex t;
  t.begin = x.begin;
  t.end = x.end;
  t.text = x.text;
  t.type = ParseTimexType(x.type).value_or(TimexType::kDate);
  t.value = x.value;
  t.mod = x.mod;
  return t;
}

TEST(TimeMLParseTest, ReadsDocidDctTextAndTimexes) {
  std::string raw =
      Doc("\nAT&amp;T said <EVENT eid=\"e1\">on</EVENT> <TIMEX3 tid=\"t1\" type=\"DATE\" "
          "value=\"2013-03-22\" mod=\"START\" anchorTimeID=\"t0\">Friday</TIMEX3> "
          "&lt;&quot;x&#39;&#x41;&gt;.\n");
  TimemlDocument doc;
  TimemlError err;
  ASSERT_TRUE(ParseTimeml(raw, &doc, &err)) << err.ToString();
  EXPECT_EQ(doc.docid, "D1");
  EXPECT_EQ(doc.dct_value, "2013-03-22");
  EXPECT_EQ(doc.dct_tid, "t0");
  EXPECT_EQ(doc.text, "\nAT&T said on Friday <\"x'A>.\n");
  ASSERT_EQ(doc.timexes.size(), 1u);  // the DCT is not a TEXT timex
  const TimemlTimex& x = doc.timexes[0];
  EXPECT_EQ(doc.text.substr(x.begin, x.end - x.begin), "Friday");
  EXPECT_EQ(x.text, "Friday");
  EXPECT_EQ(x.tid, "t1");
  EXPECT_EQ(x.type, "DATE");
  EXPECT_EQ(x.value, "2013-03-22");
  EXPECT_EQ(x.mod, "START");
  ASSERT_EQ(x.attributes.size(), 5u);
  EXPECT_EQ(x.attributes[4].first, "anchorTimeID");
  EXPECT_FALSE(x.contains_markup);
  // Raw mapping: the '&' of AT&T comes from the whole "&amp;".
  size_t amp = doc.text.find('&');
  EXPECT_EQ(raw.substr(doc.raw_begin[amp], doc.raw_end[amp] - doc.raw_begin[amp]), "&amp;");
  EXPECT_EQ(raw.substr(doc.text_raw_begin, doc.text_raw_end - doc.text_raw_begin).substr(0, 3),
            "\nAT");
  EXPECT_EQ(raw.substr(doc.RawOffset(x.begin), 6), "Friday");
  EXPECT_EQ(raw.substr(x.raw_open_begin, 7), "<TIMEX3");
  EXPECT_EQ(raw.substr(x.raw_close_begin, x.raw_close_end - x.raw_close_begin), "</TIMEX3>");
  // Tags: EVENT open/close and TIMEX3 open/close, with plain offsets.
  ASSERT_EQ(doc.tags.size(), 4u);
  EXPECT_EQ(doc.tags[0].name, "EVENT");
  EXPECT_EQ(doc.tags[0].plain_offset, doc.text.find("on"));
  EXPECT_EQ(doc.tags[2].timex, 0);
}

TEST(TimeMLParseTest, MarksTimexWithMarkupInside) {
  TimemlDocument doc;
  TimemlError err;
  ASSERT_TRUE(ParseTimeml(
      Doc("<TIMEX3 tid=\"t1\">the day <SIGNAL sid=\"s1\">before</SIGNAL></TIMEX3>"), &doc, &err));
  ASSERT_EQ(doc.timexes.size(), 1u);
  EXPECT_TRUE(doc.timexes[0].contains_markup);
  EXPECT_EQ(doc.timexes[0].text, "the day before");
}

TEST(TimeMLParseTest, ErrorsNameTheLine) {
  struct Case {
    std::string raw;
    size_t line;
    std::string needle;
  };
  const std::string dct =
      "<DCT><TIMEX3 tid=\"t0\" functionInDocument=\"CREATION_TIME\" "
      "value=\"2013\">x</TIMEX3></DCT>\n";
  std::vector<Case> cases = {
      {"<TimeML>\n" + dct + "</TimeML>\n", 4, "no <TEXT>"},
      {"<TimeML>\n<TEXT>a</TEXT>\n</TimeML>\n", 4, "no <DCT>"},
      {"<TimeML>\n" + dct + "<TEXT>\na <TIMEX3 tid=\"t1\"\n", 4, "unterminated tag"},
      {"<TimeML>\n" + dct + "<TEXT>\n\na <TIMEX3 tid=t1>x</TIMEX3></TEXT></TimeML>", 5,
       "not quoted"},
      {"<TimeML>\n" + dct + "<TEXT>\na <TIMEX3 tid>x</TIMEX3></TEXT></TimeML>", 4, "no value"},
      {"<TimeML>\n" + dct + "<TEXT>\na <TIMEX3 tid=\"t1>x</TIMEX3></TEXT></TimeML>", 4,
       "unterminated"},
      {"<TimeML>\n" + dct + "<TEXT>\na <EVENT>x</TIMEX3></TEXT></TimeML>", 4, "does not match"},
      {"<TimeML>\n" + dct + "<TEXT>\nAT&T</TEXT></TimeML>", 4, "entity"},
      {"<TimeML>\n" + dct + "<TEXT>\nabc\n", 3, "never closed"},
      {"<TimeML>\n" + dct + "<TEXT>a</TEXT><TEXT>b</TEXT></TimeML>", 3, "more than one"},
  };
  for (const Case& c : cases) {
    TimemlDocument doc;
    TimemlError err;
    EXPECT_FALSE(ParseTimeml(c.raw, &doc, &err)) << c.raw;
    EXPECT_EQ(err.line, c.line) << c.raw << " -> " << err.ToString();
    EXPECT_NE(err.message.find(c.needle), std::string::npos) << err.ToString();
    EXPECT_NE(err.ToString().find("line "), std::string::npos);
  }
}

TEST(TimeMLParseTest, DctCanBeOptional) {
  std::string raw = "<TimeML>\n<TEXT>on <TIMEX3 tid=\"t1\">Friday</TIMEX3></TEXT>\n</TimeML>\n";
  TimemlDocument doc;
  TimemlError err;
  EXPECT_FALSE(ParseTimeml(raw, &doc, &err));
  TimemlParseOptions lenient;
  lenient.require_dct = false;
  ASSERT_TRUE(ParseTimeml(raw, lenient, &doc, &err)) << err.ToString();
  EXPECT_TRUE(doc.dct_value.empty());
  EXPECT_EQ(doc.timexes.size(), 1u);
}

TEST(TimeMLParseTest, ArbitraryBytesNeverCrash) {
  std::string base =
      Doc("On <TIMEX3 tid=\"t1\" type=\"DATE\" value=\"2013\">2013</TIMEX3> &amp; x.");
  std::mt19937 rng(7);
  static const char kAlphabet[] = "<>/=\"'&;#x TIMEX3tid\n\0\xff\xc3";
  const std::string alphabet(kAlphabet, sizeof kAlphabet - 1);
  for (int iter = 0; iter < 3000; ++iter) {
    std::string s = base;
    int edits = 1 + static_cast<int>(rng() % 6);
    for (int k = 0; k < edits; ++k) {
      size_t pos = rng() % (s.size() + 1);
      switch (rng() % 3) {
        case 0:
          if (pos < s.size()) s.erase(pos, 1 + rng() % 8);
          break;
        case 1:
          s.insert(pos, 1, alphabet[rng() % alphabet.size()]);
          break;
        default:
          if (pos < s.size()) s[pos] = static_cast<char>(rng() % 256);
      }
    }
    TimemlDocument doc;
    TimemlError err;
    bool ok = ParseTimeml(s, &doc, &err);
    if (ok) {
      ASSERT_EQ(doc.raw_begin.size(), doc.text.size());
      for (const TimemlTimex& x : doc.timexes) ASSERT_LE(x.end, doc.text.size());
      std::string out;
      ASSERT_TRUE(WriteTimeml(s, {}, {}, &out, &err));
    } else {
      ASSERT_FALSE(err.message.empty());
    }
  }
  // Pure random bytes.
  for (int iter = 0; iter < 500; ++iter) {
    std::string s(rng() % 200, '\0');
    for (char& c : s) c = static_cast<char>(rng() % 256);
    TimemlDocument doc;
    TimemlError err;
    EXPECT_FALSE(ParseTimeml(s, &doc, &err));
  }
}

TEST(TimeMLWriteTest, InsertsEscapedTagsAndKeepsOtherBytes) {
  std::string raw = Doc("He left on Friday, 2009-2010 too.");
  TimemlDocument doc;
  TimemlError err;
  ASSERT_TRUE(ParseTimeml(raw, &doc, &err));
  Timex fri;
  fri.begin = doc.text.find("Friday");
  fri.end = fri.begin + 6;
  fri.value = "2013-03-22";
  Timex y1, y2;
  y1.begin = doc.text.find("2009");
  y1.end = y1.begin + 4;
  y1.value = "2009";
  y2.begin = y1.end + 1;
  y2.end = y2.begin + 4;
  y2.value = "a\"<&>";
  y2.mod = "APPROX";
  y2.type = TimexType::kDuration;
  std::string out;
  size_t skipped = 9;
  ASSERT_TRUE(WriteTimeml(raw, {y2, fri, y1}, {}, &out, &err, &skipped));
  EXPECT_EQ(skipped, 0u);
  EXPECT_NE(out.find("on <TIMEX3 tid=\"t1\" type=\"DATE\" value=\"2013-03-22\">Friday</TIMEX3>, "
                     "<TIMEX3 tid=\"t2\" type=\"DATE\" value=\"2009\">2009</TIMEX3>-"
                     "<TIMEX3 tid=\"t3\" type=\"DURATION\" value=\"a&quot;&lt;&amp;&gt;\" "
                     "mod=\"APPROX\">2010</TIMEX3> too."),
            std::string::npos)
      << out;
  TimemlDocument back;
  ASSERT_TRUE(ParseTimeml(out, &back, &err)) << err.ToString();
  EXPECT_EQ(back.text, doc.text);
  ASSERT_EQ(back.timexes.size(), 3u);
  EXPECT_EQ(back.timexes[2].value, "a\"<&>");
}

TEST(TimeMLWriteTest, SnapsOrSkipsUnsafeSpans) {
  // "’" is a 3-byte character written as an entity; an EVENT sits in the
  // middle of "last week".
  std::string raw = Doc("It&#8217;s the last <EVENT eid=\"e1\">week</EVENT> of 2013 and 2014.");
  TimemlDocument doc;
  TimemlError err;
  ASSERT_TRUE(ParseTimeml(raw, &doc, &err));
  ASSERT_EQ(doc.text, "It\xE2\x80\x99s the last week of 2013 and 2014.");
  auto make = [&](size_t b, size_t e) {
    Timex t;
    t.begin = b;
    t.end = e;
    t.value = "X";
    return t;
  };
  size_t last = doc.text.find("last");
  size_t y13 = doc.text.find("2013");
  size_t y14 = doc.text.find("2014");
  std::vector<Timex> in = {
      make(last, last + 9),    // crosses <EVENT>: skipped
      make(0, 3),              // ends inside the entity: widened to "It’"
      make(y13, y13 + 4),      // fine
      make(y13 + 2, y13 + 8),  // overlaps the previous one: skipped
      make(y14, y14 + 100),    // out of range: skipped
      make(y14, y14),          // empty: skipped
      make(doc.text.find("week"), doc.text.find("week") + 4),  // inside EVENT: fine
  };
  std::string out;
  size_t skipped = 0;
  ASSERT_TRUE(WriteTimeml(raw, in, {}, &out, &err, &skipped));
  EXPECT_EQ(skipped, 4u);
  TimemlDocument back;
  ASSERT_TRUE(ParseTimeml(out, &back, &err)) << err.ToString() << "\n" << out;
  EXPECT_EQ(back.text, doc.text);
  ASSERT_EQ(back.timexes.size(), 3u);
  EXPECT_EQ(back.timexes[0].text, "It\xE2\x80\x99");
  EXPECT_EQ(back.timexes[0].raw_text, "It&#8217;");
  EXPECT_EQ(back.timexes[1].text, "week");
  EXPECT_NE(out.find("<EVENT eid=\"e1\"><TIMEX3 tid=\"t2\""), std::string::npos) << out;
  EXPECT_EQ(back.timexes[2].text, "2013");
}

TEST(TimeMLWriteTest, RandomSpansAlwaysGiveValidXmlWithTheSameText) {
  std::string raw = Doc(
      "\nAT&amp;T&#8217;s <EVENT eid=\"e1\">talks</EVENT> on <TIMEX3 tid=\"t1\" type=\"DATE\" "
      "value=\"2013\">Friday</TIMEX3>, caf\xC3\xA9 <SIGNAL sid=\"s1\">in</SIGNAL> 2009-2010.\n");
  TimemlDocument doc;
  TimemlError err;
  ASSERT_TRUE(ParseTimeml(raw, &doc, &err));
  std::mt19937 rng(11);
  for (int iter = 0; iter < 2000; ++iter) {
    std::vector<Timex> spans(1 + rng() % 5);
    for (Timex& t : spans) {
      t.begin = rng() % (doc.text.size() + 2);
      t.end = t.begin + rng() % 12;
      t.value = "v<&\"";
    }
    for (bool strip : {false, true}) {
      TimemlWriteOptions options;
      options.strip_existing_timex = strip;
      std::string out;
      size_t skipped = 0;
      ASSERT_TRUE(WriteTimeml(raw, spans, options, &out, &err, &skipped));
      TimemlDocument back;
      ASSERT_TRUE(ParseTimeml(out, &back, &err)) << err.ToString() << "\n" << out;
      ASSERT_EQ(back.text, doc.text);
      size_t kept = strip ? 0 : doc.timexes.size();
      ASSERT_EQ(back.timexes.size() - kept + skipped, spans.size()) << out;
    }
  }
}

TEST(TimeMLWriteTest, StripsGoldAndAvoidsUsedTids) {
  std::string raw = Doc("<TIMEX3 tid=\"t1\" type=\"DATE\" value=\"2013\">2013</TIMEX3> and 2014");
  TimemlDocument doc;
  TimemlError err;
  ASSERT_TRUE(ParseTimeml(raw, &doc, &err));
  Timex t;
  t.begin = doc.text.find("2014");
  t.end = t.begin + 4;
  t.value = "2014";
  std::string out;
  ASSERT_TRUE(WriteTimeml(raw, {t}, {}, &out, &err));
  EXPECT_NE(out.find("<TIMEX3 tid=\"t2\" type=\"DATE\" value=\"2014\">2014</TIMEX3>"),
            std::string::npos);
  TimemlWriteOptions strip;
  strip.strip_existing_timex = true;
  ASSERT_TRUE(WriteTimeml(raw, {t}, strip, &out, &err));
  EXPECT_EQ(out, Doc("2013 and <TIMEX3 tid=\"t1\" type=\"DATE\" value=\"2014\">2014</TIMEX3>"));
  // The DCT survives stripping.
  ASSERT_TRUE(ParseTimeml(out, &doc, &err));
  EXPECT_EQ(doc.dct_value, "2013-03-22");
}

// ---- The TempEval-3 corpora -------------------------------------------------

TEST(TimeMLCorpusTest, ParsesEveryFileWithTheReadmeCounts) {
  ANNALS_REQUIRE_SHARED();
  const std::string root = SharedDir() + "/data/tempeval3/";
  struct Set {
    std::string dir, suffix;
    size_t docs, timexes;
  };
  for (const Set& set : std::vector<Set>{{"train/TimeBank", ".tml", 183, 1243},
                                         {"train/AQUAINT", ".tml", 73, 579},
                                         {"test-platinum/gold", ".tml", 20, 138},
                                         {"test-platinum/input", ".TE3input", 20, 0}}) {
    std::vector<std::string> files = TmlFiles(root + set.dir, set.suffix);
    EXPECT_EQ(files.size(), set.docs) << set.dir;
    size_t timexes = 0;
    for (const std::string& f : files) {
      std::string raw = ReadFile(f);
      TimemlDocument doc;
      TimemlError err;
      ASSERT_TRUE(ParseTimeml(raw, &doc, &err)) << f << ": " << err.ToString();
      EXPECT_FALSE(doc.docid.empty()) << f;
      EXPECT_GE(doc.dct_value.size(), 4u) << f;
      EXPECT_EQ(doc.dct_tid, "t0") << f;
      for (const TimemlTimex& x : doc.timexes) {
        EXPECT_EQ(doc.text.substr(x.begin, x.end - x.begin), x.text);
        EXPECT_FALSE(x.text.empty()) << f << " " << x.tid;
        EXPECT_FALSE(x.value.empty()) << f << " " << x.tid;
        EXPECT_TRUE(ParseTimexType(x.type).has_value()) << f << " " << x.type;
      }
      timexes += doc.timexes.size();
    }
    EXPECT_EQ(timexes, set.timexes) << set.dir;
  }
}

TEST(TimeMLCorpusTest, PlatinumStripAndRewriteReproducesSpans) {
  ANNALS_REQUIRE_SHARED();
  const std::string dir = SharedDir() + "/data/tempeval3/test-platinum/gold";
  size_t total = 0;
  for (const std::string& f : TmlFiles(dir, ".tml")) {
    std::string raw = ReadFile(f);
    TimemlDocument gold;
    TimemlError err;
    ASSERT_TRUE(ParseTimeml(raw, &gold, &err)) << f;
    std::vector<Timex> timexes;
    for (const TimemlTimex& x : gold.timexes) timexes.push_back(ToTimex(x));
    TimemlWriteOptions strip;
    strip.strip_existing_timex = true;
    std::string out;
    size_t skipped = 1;
    ASSERT_TRUE(WriteTimeml(raw, timexes, strip, &out, &err, &skipped)) << f;
    EXPECT_EQ(skipped, 0u) << f;
    TimemlDocument back;
    ASSERT_TRUE(ParseTimeml(out, &back, &err)) << f << ": " << err.ToString();
    EXPECT_EQ(back.text, gold.text) << f;
    EXPECT_EQ(back.dct_value, gold.dct_value);
    ASSERT_EQ(back.timexes.size(), gold.timexes.size()) << f;
    for (size_t i = 0; i < gold.timexes.size(); ++i) {
      const TimemlTimex& g = gold.timexes[i];
      const TimemlTimex& b = back.timexes[i];
      EXPECT_EQ(b.begin, g.begin) << f << " " << g.tid;
      EXPECT_EQ(b.end, g.end) << f << " " << g.tid;
      EXPECT_EQ(b.raw_text, g.raw_text) << f << " " << g.tid;
      EXPECT_EQ(b.value, g.value);
      EXPECT_EQ(b.type, g.type);
      EXPECT_EQ(b.mod, g.mod);
      EXPECT_EQ(b.tid, "t" + std::to_string(i + 1));
    }
    total += back.timexes.size();
  }
  EXPECT_EQ(total, 138u);
}

TEST(TimeMLCorpusTest, WritingIntoTe3InputChangesOnlyInsertedTags) {
  ANNALS_REQUIRE_SHARED();
  const std::string root = SharedDir() + "/data/tempeval3/test-platinum/";
  size_t files = 0;
  for (const std::string& in_path : TmlFiles(root + "input", ".TE3input")) {
    std::string name = fs::path(in_path).filename().string();
    name = name.substr(0, name.size() - std::string(".TE3input").size());
    std::string input = ReadFile(in_path);
    std::string gold_raw = ReadFile(root + "gold/" + name);
    TimemlDocument in_doc, gold;
    TimemlError err;
    ASSERT_TRUE(ParseTimeml(input, &in_doc, &err)) << in_path;
    ASSERT_TRUE(ParseTimeml(gold_raw, &gold, &err)) << name;
    ASSERT_EQ(in_doc.text, gold.text) << name;  // same text, so gold offsets apply
    std::vector<Timex> timexes;
    for (const TimemlTimex& x : gold.timexes) timexes.push_back(ToTimex(x));
    std::string out;
    ASSERT_TRUE(WriteTimeml(input, timexes, {}, &out, &err)) << name;
    TimemlDocument back;
    ASSERT_TRUE(ParseTimeml(out, &back, &err)) << name << ": " << err.ToString();
    ASSERT_EQ(back.timexes.size(), gold.timexes.size()) << name;
    // Deleting exactly the inserted tags gives the input back, byte for byte.
    std::string restored;
    size_t pos = 0;
    for (const TimemlTag& t : back.tags) {
      ASSERT_EQ(t.name, "TIMEX3");
      restored.append(out, pos, t.raw_begin - pos);
      pos = t.raw_end;
    }
    restored.append(out, pos, std::string::npos);
    EXPECT_EQ(restored, input) << name;
    ++files;
  }
  EXPECT_EQ(files, 20u);
}

TEST(TimeMLWriteTest, SkipsTidsOfTimexesOutsideText) {
  // KRAUTS inputs keep an empty TIMEX3 after </TEXT>; its tid is taken.
  const std::string raw =
      "<TimeML>\n<DCT><TIMEX3 tid=\"t0\" type=\"DATE\" value=\"2013-03-22\" "
      "functionInDocument=\"CREATION_TIME\">x</TIMEX3></DCT>\n<TEXT>on Friday</TEXT>\n"
      "<TIMEX3 tid=\"t1\" type=\"DURATION\" value=\"P5Y\" />\n</TimeML>\n";
  TimemlDocument doc;
  TimemlError err;
  ASSERT_TRUE(ParseTimeml(raw, &doc, &err)) << err.ToString();
  Timex fri;
  fri.begin = doc.text.find("Friday");
  fri.end = fri.begin + 6;
  fri.value = "2013-03-22";
  std::string out;
  ASSERT_TRUE(WriteTimeml(raw, {fri}, {}, &out, &err));
  EXPECT_NE(out.find("<TIMEX3 tid=\"t2\" type=\"DATE\" value=\"2013-03-22\">Friday</TIMEX3>"),
            std::string::npos)
      << out;
}

}  // namespace
}  // namespace annals
