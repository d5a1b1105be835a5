#include "eval/tempeval.h"

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "eval/te3_normalizer.h"
#include "test_util.h"

namespace annals {
namespace {

namespace fs = std::filesystem;
using ::annals::testing::SharedDir;

std::string Doc(const std::string& text) {
  return "<?xml version=\"1.0\" ?>\n<TimeML>\n<DOCID>D1</DOCID>\n"
         "<DCT><TIMEX3 tid=\"t0\" type=\"DATE\" value=\"2013-03-22\" "
         "functionInDocument=\"CREATION_TIME\">March 22, 2013</TIMEX3></DCT>\n"
         "<TEXT>" +
         text + "</TEXT>\n</TimeML>\n";
}

// <TIMEX3> with the given tid, type DATE unless given.
std::string T(const std::string& tid, const std::string& text, const std::string& value = "X",
              const std::string& type = "DATE") {
  return "<TIMEX3 tid=\"" + tid + "\" type=\"" + type + "\" value=\"" + value + "\">" + text +
         "</TIMEX3>";
}

TempevalFileResult Score(const std::string& gold_text, const std::string& system_text,
                         std::vector<std::string>* warnings = nullptr) {
  TempevalFileResult r;
  r.name = "doc.tml";
  ScoreTempevalPair(Doc(gold_text), Doc(system_text), &r, warnings);
  return r;
}

std::vector<std::string> Tokens(std::string_view text) {
  std::vector<std::string> out;
  for (const std::u32string& t : te3::Tokenize(te3::Decode(text))) out.push_back(te3::Encode(t));
  return out;
}

TEST(TempevalTokenizeTest, FollowsTheToolkitTokenizer) {
  // tokenize.pl: quotes, brackets, clitics, final dots and U.S.A.-style
  // abbreviations; then the Java filter splits a token with one inner
  // hyphen ("2009-2010", "mid-March") but not one with two.
  EXPECT_EQ(
      Tokens("He said: \"Friday's (2009-2010) U.S.A. deal, 1,000 ... ok.\""),
      (std::vector<std::string>{"He", "said", ":", "\"", "Friday", "'s", "(", "2009", "-", "2010",
                                ")", "U.S.A.", "deal", ",", "1,000", "...", "ok", ".", "\""}));
  EXPECT_EQ(Tokens("a/b;c don't end.Then mid-March 1-2-3"),
            (std::vector<std::string>{"a/", "b", ";", "c", "do", "n't", "end", ".", "Then", "mid",
                                      "-", "March", "1-2-3"}));
  // The -a english-abbreviations list keeps "Jan." and "Gen." whole.
  EXPECT_EQ(Tokens("On Jan., Gen. Lee 5."),
            (std::vector<std::string>{"On", "Jan.", ",", "Gen.", "Lee", "5", "."}));
  // Perl splits on Unicode spaces (no-break space); '|' becomes '-'.
  EXPECT_EQ(Tokens("a\xc2\xa0"
                   "b |x"),
            (std::vector<std::string>{"a", "b", "-x"}));
  EXPECT_TRUE(Tokens(" \n\t ").empty());
}

TEST(TempevalTokenizeTest, ParsesAttributesAsTheNormalizer) {
  auto a = te3::ParseAttrs(U"tid=\"t3\" type=\"DATE\" value=\"2013\"");
  EXPECT_EQ(a[U"tid"], U"t3");
  EXPECT_EQ(a[U"value"], U"2013");
  // Single quotes are not its XML form: no tid, so the timex gets no id.
  EXPECT_EQ(te3::ParseAttrs(U"tid='t3' type='DATE'").count(U"tid"), 0u);
}

TEST(TempevalScoreTest, ExactMatch) {
  TempevalFileResult r = Score("on " + T("t1", "Friday", "2013-03-22") + ".",
                               "on " + T("t9", "Friday", "2013-03-22") + ".");
  const TempevalCounts& c = r.counts;
  EXPECT_TRUE(r.counted);
  EXPECT_EQ(c.gold, 1u);
  EXPECT_EQ(c.system, 1u);
  EXPECT_EQ(c.strict_recall, 1u);
  EXPECT_EQ(c.strict_precision, 1u);
  EXPECT_EQ(c.relaxed_recall, 1u);
  EXPECT_EQ(c.value_match, 1u);
  EXPECT_EQ(c.type_match, 1u);
  EXPECT_FALSE(r.text_mismatch);
}

TEST(TempevalScoreTest, PartialOverlapIsRelaxedNotStrict) {
  TempevalCounts c =
      Score(T("t1", "Sunday morning") + " x", T("t1", "Sunday") + " morning x").counts;
  EXPECT_EQ(c.relaxed_recall, 1u);
  EXPECT_EQ(c.relaxed_precision, 1u);
  EXPECT_EQ(c.strict_recall, 0u);
  EXPECT_EQ(c.strict_precision, 0u);
  // System starts earlier: the gold timex begins inside the open system one.
  c = Score("Sunday " + T("t1", "morning"), T("t1", "Sunday morning")).counts;
  EXPECT_EQ(c.relaxed_recall, 1u);
  EXPECT_EQ(c.strict_recall, 0u);
}

TEST(TempevalScoreTest, OneGoldSplitInTwoGivesOneMatch) {
  TempevalCounts c =
      Score(T("t1", "Sunday morning"), T("t1", "Sunday") + " " + T("t2", "morning")).counts;
  EXPECT_EQ(c.gold, 1u);
  EXPECT_EQ(c.system, 2u);
  EXPECT_EQ(c.relaxed_recall, 1u);
  EXPECT_EQ(c.relaxed_precision, 1u);
  TempevalScores s = ComputeTempevalScores(c);
  EXPECT_DOUBLE_EQ(s.relaxed_precision, 0.5);
  EXPECT_DOUBLE_EQ(s.relaxed_recall, 1.0);
  EXPECT_NEAR(s.relaxed_f1, 2.0 / 3.0, 1e-12);
  EXPECT_DOUBLE_EQ(s.strict_f1, 0.0);
}

TEST(TempevalScoreTest, WrongValueAndType) {
  TempevalCounts c = Score(T("t1", "Friday", "2013-03-22", "DATE") + " and " +
                               T("t2", "two days", "P2D", "DURATION"),
                           T("t1", "Friday", "2013-03-21", "TIME") + " and " +
                               T("t2", "two days", "P2D", "DURATION"))
                         .counts;
  EXPECT_EQ(c.relaxed_recall, 2u);
  EXPECT_EQ(c.strict_recall, 2u);
  EXPECT_EQ(c.value_match, 1u);
  EXPECT_EQ(c.type_match, 1u);
  TempevalScores s = ComputeTempevalScores(c);
  EXPECT_DOUBLE_EQ(s.value_accuracy, 0.5);
  EXPECT_DOUBLE_EQ(s.value_f1, 0.5);
  EXPECT_DOUBLE_EQ(s.type_f1, 0.5);
}

TEST(TempevalScoreTest, DisjointSpansDoNotMatch) {
  TempevalCounts c =
      Score(T("t1", "Friday") + " and Monday", "Friday and " + T("t1", "Monday")).counts;
  EXPECT_EQ(c.gold, 1u);
  EXPECT_EQ(c.system, 1u);
  EXPECT_EQ(c.relaxed_recall, 0u);
  EXPECT_EQ(c.relaxed_precision, 0u);
}

TEST(TempevalScoreTest, AlteredSystemTextScoresNoSystemTimexes) {
  std::vector<std::string> warnings;
  TempevalFileResult r =
      Score("on " + T("t1", "Friday") + ".", "on " + T("t1", "Friday") + " .", &warnings);
  EXPECT_TRUE(r.text_mismatch);
  EXPECT_EQ(r.counts.gold, 1u);
  EXPECT_EQ(r.counts.system, 0u);
  EXPECT_EQ(r.counts.relaxed_recall, 0u);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_NE(warnings[0].find("doc.tml"), std::string::npos);
}

TEST(TempevalScoreTest, HyphenatedRangesAreTwoTimexes) {
  // The Java filter splits "2009-2010" into three tokens, so both halves
  // get an id.
  TempevalCounts c =
      Score(T("t1", "2009") + "-" + T("t2", "2010"), T("t1", "2009") + "-" + T("t2", "2010"))
          .counts;
  EXPECT_EQ(c.gold, 2u);
  EXPECT_EQ(c.strict_recall, 2u);
  c = Score(T("t1", "2009") + "-" + T("t2", "2010"), T("t1", "2009-2010")).counts;
  EXPECT_EQ(c.gold, 2u);
  EXPECT_EQ(c.system, 1u);
  EXPECT_EQ(c.relaxed_recall, 1u);
  EXPECT_EQ(c.strict_recall, 0u);
}

TEST(TempevalScoreTest, TwoTimexesInOneTokenCountOnce) {
  // "2009:2010" is one token: only the last timex opened in it gets a B
  // label and an id; the normalizer deletes the other's tags.
  TempevalCounts c =
      Score(T("t1", "2009") + ":" + T("t2", "2010"), T("t1", "2009") + ":" + T("t2", "2010"))
          .counts;
  EXPECT_EQ(c.gold, 1u);
  EXPECT_EQ(c.system, 1u);
  EXPECT_EQ(c.strict_recall, 1u);
}

TEST(TempevalScoreTest, ToolkitQuirksAreReproduced) {
  // A TIMEX3 with markup inside is invisible to the toolkit.
  TempevalCounts c =
      Score(T("t1", "the day <SIGNAL sid=\"s1\">before</SIGNAL>") + " " + T("t2", "today"),
            "the day before " + T("t1", "today"))
          .counts;
  EXPECT_EQ(c.gold, 1u);
  EXPECT_EQ(c.strict_recall, 1u);
  // An EVENT token right after a gold timex keeps that timex "open": a
  // system timex starting there is paired with it.
  c = Score(T("t1", "Friday") + " <EVENT eid=\"e1\" class=\"OCCURRENCE\">said</EVENT> x",
            "Friday " + T("t1", "said") + " x")
          .counts;
  EXPECT_EQ(c.relaxed_recall, 1u);
  EXPECT_EQ(c.strict_recall, 0u);
  // A timex ending before "'s" (a separate token) matches exactly.
  c = Score(T("t1", "Friday") + "'s talks", T("t4", "Friday") + "'s talks").counts;
  EXPECT_EQ(c.strict_recall, 1u);
  // A closing tag inside a later token closes before it: "1990s" is O for
  // the gold "May 1990", so a system "1990s" is not paired with it.
  c = Score(T("t1", "May 1990") + "s x", "May " + T("t1", "1990s") + " x").counts;
  EXPECT_EQ(c.relaxed_recall, 0u);
  EXPECT_EQ(c.system, 1u);
}

TEST(TempevalScoreTest, DctIsNotCountedUnlessWrittenApart) {
  // The DCT is renamed t0 (and skipped) only when written `<DCT><TIMEX3`.
  std::string apart =
      "<?xml version=\"1.0\" ?>\n<TimeML>\n<DCT>\n<TIMEX3 tid=\"t9\" type=\"DATE\" "
      "value=\"2013-03-22\" functionInDocument=\"CREATION_TIME\">March 22</TIMEX3>\n</DCT>\n"
      "<TEXT>on " +
      T("t1", "Friday") + ".</TEXT>\n</TimeML>\n";
  TempevalFileResult r;
  ScoreTempevalPair(apart, apart, &r, nullptr);
  EXPECT_EQ(r.counts.gold, 2u);
  EXPECT_EQ(Score(T("t1", "Friday"), T("t1", "Friday")).counts.gold, 1u);
}

TEST(TempevalScoreTest, NormalizerFailuresAreNotCounted) {
  // '|' (made '-' by its tokenizer filter), &quot; and a no-break space
  // cannot be aligned with the XML: the normalizer throws.
  for (const std::string& text : {std::string("a | b "), std::string("&quot;hi&quot; "),
                                  std::string("a\xc2\xa0"
                                              "b ")}) {
    std::vector<std::string> warnings;
    TempevalFileResult r = Score(text + T("t1", "Friday"), text + T("t1", "Friday"), &warnings);
    EXPECT_FALSE(r.counted) << text;
    EXPECT_FALSE(r.normalizer_error.empty()) << text;
    EXPECT_EQ(r.counts.gold, 0u) << text;
    ASSERT_EQ(warnings.size(), 1u);
  }
  // &amp; is the one entity it aligns.
  EXPECT_TRUE(Score("R&amp;D " + T("t1", "Friday"), "R&amp;D " + T("t1", "Friday")).counted);
}

TEST(TempevalScoreTest, ScoresFromCounts) {
  TempevalCounts c;
  c.gold = 10;
  c.system = 8;
  c.strict_recall = c.strict_precision = 6;
  c.relaxed_recall = c.relaxed_precision = 7;
  c.value_match = 5;
  c.type_match = 7;
  TempevalScores s = ComputeTempevalScores(c);
  EXPECT_DOUBLE_EQ(s.strict_precision, 0.75);
  EXPECT_DOUBLE_EQ(s.strict_recall, 0.6);
  EXPECT_NEAR(s.strict_f1, 2 * 0.75 * 0.6 / 1.35, 1e-12);
  EXPECT_NEAR(s.relaxed_f1, 2 * 0.875 * 0.7 / 1.575, 1e-12);
  EXPECT_NEAR(s.value_f1, 5.0 / 7.0 * s.relaxed_f1, 1e-12);
  EXPECT_NEAR(s.type_f1, s.relaxed_f1, 1e-12);
  // Printed as Python 2 round(x * 100, 2): exact ties go away from zero.
  EXPECT_DOUBLE_EQ(ToolkitPercent(97.0 / 800.0), 12.13);  // 12.125
  EXPECT_DOUBLE_EQ(ToolkitPercent(2.0 / 3.0), 66.67);
  EXPECT_DOUBLE_EQ(ToolkitPercent(1.0), 100.0);
  // Nothing at all scores 1, as in the toolkit.
  EXPECT_DOUBLE_EQ(ComputeTempevalScores(TempevalCounts()).relaxed_f1, 1.0);
}

// ---- Directories -------------------------------------------------------------

class TempevalDirTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() /
            ("annals_tempeval_test_" + std::to_string(::getpid()) + "_" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    fs::create_directories(root_ / "gold");
    fs::create_directories(root_ / "sys");
  }
  void TearDown() override { fs::remove_all(root_); }
  void Write(const std::string& rel, const std::string& content) {
    std::ofstream(root_ / rel, std::ios::binary) << content;
  }
  fs::path root_;
};

const TempevalFileResult* Find(const TempevalReport& r, const std::string& name) {
  for (const TempevalFileResult& f : r.files) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

bool Mentions(const std::vector<std::string>& lines, const std::string& what) {
  for (const std::string& l : lines) {
    if (l.find(what) != std::string::npos) return true;
  }
  return false;
}

TEST_F(TempevalDirTest, PairsFilesAndWarnsAboutMissingOrAlteredOnes) {
  Write("gold/a.tml", Doc(T("t1", "Friday", "2013-03-22") + " x"));
  Write("gold/b.tml", Doc(T("t1", "Monday") + " y"));
  Write("gold/c.tml", Doc(T("t1", "Tuesday") + " z"));
  Write("gold/d.tml", Doc(T("t1", "today", "2013-03-22") + " w"));
  Write("sys/a.tml", Doc(T("t1", "Friday", "2013-03-22") + " x"));
  Write("sys/b.tml", Doc(T("t1", "Monday") + " y!"));                        // text altered
  Write("sys/d.tml.TE3input", Doc(T("t1", "today", "PRESENT_REF") + " w"));  // naming variant
  TempevalReport report;
  std::string error;
  ASSERT_TRUE(
      ScoreTempevalDirs((root_ / "gold").string(), (root_ / "sys").string(), &report, &error))
      << error;
  ASSERT_EQ(report.files.size(), 4u);
  EXPECT_EQ(report.counted_files, 4u);
  EXPECT_TRUE(Find(report, "b.tml")->text_mismatch);
  EXPECT_TRUE(Find(report, "c.tml")->system_missing);
  EXPECT_EQ(report.total.gold, 4u);
  EXPECT_EQ(report.total.system, 2u);
  EXPECT_EQ(report.total.strict_recall, 2u);
  EXPECT_EQ(report.total.value_match, 1u);
  EXPECT_TRUE(Mentions(report.warnings, "b.tml"));
  EXPECT_TRUE(Mentions(report.warnings, "c.tml"));
  // The official scorer prints nothing for such a run: annals says so.
  EXPECT_TRUE(Mentions(report.refusals, "b.tml"));
  EXPECT_TRUE(Mentions(report.refusals, "c.tml"));
  EXPECT_DOUBLE_EQ(report.scores.strict_precision, 1.0);
  EXPECT_DOUBLE_EQ(report.scores.strict_recall, 0.5);
}

TEST_F(TempevalDirTest, NormalizerFailureStopsCountingLikeTheToolkit) {
  for (const char* n : {"a", "b", "c", "d", "e"}) {
    std::string text = std::string(n) == "c" ? "x | y " : "x ";
    Write(std::string("gold/") + n + ".tml", Doc(text + T("t1", "Friday")));
    Write(std::string("sys/") + n + ".tml", Doc(text + T("t1", "Friday")));
  }
  // The toolkit takes the files in directory order; so do we.
  std::vector<std::string> order;
  for (const auto& e : fs::directory_iterator(root_ / "gold")) {
    order.push_back(e.path().filename().string());
  }
  size_t failing =
      static_cast<size_t>(std::find(order.begin(), order.end(), "c.tml") - order.begin());
  TempevalReport report;
  std::string error;
  ASSERT_TRUE(
      ScoreTempevalDirs((root_ / "gold").string(), (root_ / "sys").string(), &report, &error));
  ASSERT_EQ(report.files.size(), 5u);
  EXPECT_EQ(report.counted_files, failing);
  EXPECT_EQ(report.total.gold, failing);
  for (size_t i = 0; i < order.size(); ++i) {
    EXPECT_EQ(report.files[i].name, order[i]);
    EXPECT_EQ(report.files[i].counted, i < failing) << order[i];
    if (i >= failing) {
      EXPECT_TRUE(Mentions(report.warnings, order[i])) << order[i];
    }
  }
  EXPECT_TRUE(report.refusals.empty());
  // --all-files skips only the failing file.
  TempevalOptions all;
  all.all_files = true;
  ASSERT_TRUE(
      ScoreTempevalDirs((root_ / "gold").string(), (root_ / "sys").string(), all, &report, &error));
  EXPECT_EQ(report.counted_files, 4u);
  EXPECT_FALSE(Find(report, "c.tml")->counted);
  EXPECT_EQ(report.total.strict_recall, 4u);
}

TEST_F(TempevalDirTest, DuplicateTidIsARefusal) {
  // The toolkit's schema wants tids unique over the whole file: a TIMEX3
  // after </TEXT> that shares a TEXT timex's tid makes it refuse the run.
  Write("gold/a.tml", Doc(T("t1", "Friday") + " x"));
  std::string sys = Doc(T("t1", "Friday") + " x");
  sys.insert(sys.find("</TimeML>"), "<TIMEX3 tid=\"t1\" type=\"DATE\" value=\"X\" />\n");
  Write("sys/a.tml", sys);
  TempevalReport report;
  std::string error;
  ASSERT_TRUE(
      ScoreTempevalDirs((root_ / "gold").string(), (root_ / "sys").string(), &report, &error));
  EXPECT_TRUE(Mentions(report.refusals, "used twice"));
}

TEST_F(TempevalDirTest, MalformedSystemFileIsAnErrorNotACrash) {
  Write("gold/a.tml", Doc(T("t1", "Friday") + " x"));
  Write("sys/a.tml", Doc("<TIMEX3 tid=\"t1\">Friday x"));
  TempevalReport report;
  std::string error;
  ASSERT_TRUE(
      ScoreTempevalDirs((root_ / "gold").string(), (root_ / "sys").string(), &report, &error));
  ASSERT_EQ(report.files.size(), 1u);
  EXPECT_TRUE(report.files[0].system_unreadable);
  EXPECT_EQ(report.total.gold, 1u);
  EXPECT_EQ(report.total.system, 0u);
  EXPECT_TRUE(Mentions(report.warnings, "line"));
  EXPECT_FALSE(report.refusals.empty());
  // Unreadable directories fail.
  EXPECT_FALSE(
      ScoreTempevalDirs((root_ / "nope").string(), (root_ / "sys").string(), &report, &error));
  EXPECT_NE(error.find("nope"), std::string::npos);
}

TEST(TempevalCorpusTest, PlatinumGoldAgainstItselfScores100) {
  ANNALS_REQUIRE_SHARED();
  const std::string gold = SharedDir() + "/data/tempeval3/test-platinum/gold";
  TempevalReport report;
  std::string error;
  ASSERT_TRUE(ScoreTempevalDirs(gold, gold, &report, &error)) << error;
  EXPECT_TRUE(report.warnings.empty());
  EXPECT_EQ(report.files.size(), 20u);
  EXPECT_TRUE(report.refusals.empty());
  EXPECT_EQ(report.counted_files, 20u);
  // The 138 TIMEX3s of TEXT: the hyphen split gives "2009-2010" two tokens.
  EXPECT_EQ(report.total.gold, 138u);
  EXPECT_EQ(report.total.system, report.total.gold);
  const TempevalScores& s = report.scores;
  for (double v :
       {s.strict_precision, s.strict_recall, s.strict_f1, s.relaxed_precision, s.relaxed_recall,
        s.relaxed_f1, s.value_f1, s.type_f1, s.value_accuracy, s.type_accuracy}) {
    EXPECT_DOUBLE_EQ(v, 1.0);
  }
}

TEST(TempevalCorpusTest, TrainingGoldAgainstItselfScores100) {
  ANNALS_REQUIRE_SHARED();
  for (const char* dir : {"train/TimeBank", "train/AQUAINT"}) {
    const std::string gold = SharedDir() + "/data/tempeval3/" + dir;
    TempevalReport report;
    std::string error;
    ASSERT_TRUE(ScoreTempevalDirs(gold, gold, &report, &error)) << error;
    EXPECT_TRUE(report.warnings.empty()) << dir;
    EXPECT_GT(report.total.gold, 500u);
    EXPECT_DOUBLE_EQ(report.scores.strict_f1, 1.0) << dir;
    EXPECT_DOUBLE_EQ(report.scores.value_f1, 1.0) << dir;
  }
}

TEST(TempevalCorpusTest, UnannotatedInputScoresZero) {
  ANNALS_REQUIRE_SHARED();
  const std::string root = SharedDir() + "/data/tempeval3/test-platinum/";
  TempevalReport report;
  std::string error;
  ASSERT_TRUE(ScoreTempevalDirs(root + "gold", root + "input", &report, &error)) << error;
  EXPECT_TRUE(report.warnings.empty());  // found as X.tml.TE3input, same text
  EXPECT_EQ(report.total.system, 0u);
  EXPECT_EQ(report.total.gold, 138u);
  EXPECT_DOUBLE_EQ(report.scores.relaxed_f1, 0.0);
  EXPECT_DOUBLE_EQ(report.scores.relaxed_recall, 0.0);
}

#ifdef ANNALS_BINARY
int RunEvalCli(const std::string& args) {
  int status = std::system(
      (std::string(ANNALS_BINARY) + " eval tempeval " + args + " >/dev/null 2>&1").c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

TEST(TempevalCliTest, ExitCodes) {
  EXPECT_EQ(RunEvalCli("--help"), 0);
  EXPECT_EQ(RunEvalCli(""), 2);
  EXPECT_EQ(RunEvalCli("a"), 2);
  EXPECT_EQ(RunEvalCli("a b --bogus"), 2);
  EXPECT_EQ(RunEvalCli("/nonexistent-gold /nonexistent-sys"), 1);
  if (::annals::testing::HaveShared()) {
    const std::string gold = SharedDir() + "/data/tempeval3/test-platinum/gold";
    EXPECT_EQ(RunEvalCli(gold + " " + gold + " --json --per-file"), 0);
  }
}
#endif

}  // namespace
}  // namespace annals
