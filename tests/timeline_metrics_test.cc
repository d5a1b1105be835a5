// Timeline file format and the tilse timeline metrics.
#include "eval/timeline_metrics.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "test_util.h"

namespace annals::eval {
namespace {

Date D(int y, int m, int d) { return Date{y, m, d}; }

// --- File format -----------------------------------------------------------

TEST(TimelineFormatTest, ParsesBlocksAndRoundTrips) {
  const std::string text =
      "2011-03-16\n"
      "- Security forces break up a gathering .\n"
      "  Witnesses say 30 people are arrested .  \n"
      "--------------------------------\n"
      "\n"
      "2011-03-24\n"
      "Another day .\n"
      "--------------------------------\n";
  std::string error;
  auto tl = ParseTimeline(text, "t.txt", &error);
  ASSERT_TRUE(tl) << error;
  ASSERT_EQ(tl->size(), 2u);
  EXPECT_EQ(tl->at(D(2011, 3, 16)),
            (std::vector<std::string>{"- Security forces break up a gathering .",
                                      "Witnesses say 30 people are arrested ."}));
  EXPECT_EQ(tl->at(D(2011, 3, 24)), (std::vector<std::string>{"Another day ."}));
  auto again = ParseTimeline(FormatTimeline(*tl), "again", &error);
  ASSERT_TRUE(again) << error;
  EXPECT_EQ(*again, *tl);
}

TEST(TimelineFormatTest, LastBlockWithoutDashesIsKept) {
  std::string error;
  auto tl = ParseTimeline("2010-01-01\nA .\n", "t", &error);
  ASSERT_TRUE(tl) << error;
  EXPECT_EQ(tl->at(D(2010, 1, 1)).size(), 1u);
}

TEST(TimelineFormatTest, DuplicateDatesKeepLaterBlockUnlessMerging) {
  const std::string text =
      "2010-01-01\nFirst .\n--------------------------------\n"
      "2010-01-01\nSecond .\n--------------------------------\n";
  std::string error;
  auto tilse_like = ParseTimeline(text, "t", &error);
  ASSERT_TRUE(tilse_like);
  EXPECT_EQ(tilse_like->at(D(2010, 1, 1)), (std::vector<std::string>{"Second ."}));
  TimelineReadOptions merge;
  merge.merge_duplicate_dates = true;
  auto merged = ParseTimeline(text, "t", &error, merge);
  ASSERT_TRUE(merged);
  EXPECT_EQ(merged->at(D(2010, 1, 1)), (std::vector<std::string>{"First .", "Second ."}));
}

TEST(TimelineFormatTest, ErrorsNameFileAndLine) {
  std::string error;
  EXPECT_FALSE(ParseTimeline("Text first .\n", "a.txt", &error));
  EXPECT_EQ(error.rfind("a.txt:1:", 0), 0u) << error;
  // The MJ_bbc typo of the distributed T17 copy.
  EXPECT_FALSE(ParseTimeline("2011-04-01\nx\n--------------------------------\n2011-04-0\n",
                             "b.txt", &error));
  EXPECT_EQ(error.rfind("b.txt:4:", 0), 0u) << error;
  EXPECT_FALSE(ParseTimeline("2011-02-30\nx\n", "c.txt", &error));
  EXPECT_EQ(error.rfind("c.txt:1:", 0), 0u) << error;
  EXPECT_FALSE(ParseTimeline("2011-02-01\nx\n2011-02-02\ny\n", "d.txt", &error));
  EXPECT_EQ(error.rfind("d.txt:3:", 0), 0u) << error;
  // A binary file says so, at the line of its first NUL byte.
  EXPECT_FALSE(ParseTimeline(std::string("2011-02-01\nx\n\x89PNG\0\x01", 19), "e.png", &error));
  EXPECT_EQ(error, "e.png:3: not a timeline: binary data (NUL byte)");
  // Bytes of a legacy encoding are not refused: ROUGE compares bytes.
  auto latin1 = ParseTimeline("2011-02-01\nCaf\xE9 opens .\n", "f.txt", &error);
  ASSERT_TRUE(latin1) << error;
  EXPECT_EQ(latin1->begin()->second.at(0), "Caf\xE9 opens .");
  EXPECT_FALSE(ReadTimelineFile("/nonexistent/tl.txt", &error));
  EXPECT_NE(error.find("/nonexistent/tl.txt"), std::string::npos);
}

TEST(TimelineFormatTest, WritesFiles) {
  const std::string path =
      (std::filesystem::temp_directory_path() / "annals_timeline_metrics_test.txt").string();
  Timeline tl = {{D(2010, 1, 2), {"B ."}}, {D(2010, 1, 1), {"A .", "A2 ."}}};
  std::string error;
  ASSERT_TRUE(WriteTimelineFile(path, tl, &error)) << error;
  EXPECT_EQ(testing::ReadFile(path),
            "2010-01-01\nA .\nA2 .\n--------------------------------\n"
            "2010-01-02\nB .\n--------------------------------\n");
  auto back = ReadTimelineFile(path, &error);
  ASSERT_TRUE(back) << error;
  EXPECT_EQ(*back, tl);
  std::filesystem::remove(path);
}

// --- Metrics on hand-computed cases ---------------------------------------

// The stopwords the cases below need; everything else as in ROUGE.
RougeScorer CaseScorer() {
  return RougeScorer({"is", "are", "too", "really", "doing", "some", "for"}, {});
}

// Two references: A = {01-01: "timeline summarization ."; 01-02:
// "timeline summarization is awesome .", "coreference resolution is , too .";
// 01-04: "alignments are really nice"}, B = {01-02: "metrics are complicated ."}.
// ROUGE tokens per date (stemmed, stopwords out):
//   A 01-01: timelin summar (2)   A 01-02: timelin summar awesom corefer
//   resolut (5)   A 01-04: align nice (2)   B 01-02: metric complic (2).
// M over everything = 11.
std::vector<Timeline> CaseReferences() {
  return {
      {{D(2010, 1, 1), {"timeline summarization ."}},
       {D(2010, 1, 2),
        {"timeline summarization is awesome .", "coreference resolution is , too ."}},
       {D(2010, 1, 4), {"alignments are really nice"}}},
      {{D(2010, 1, 2), {"metrics are complicated ."}}},
  };
}

// 01-02: timelin summar; 01-03: metric check; 01-05: check align.
Timeline CasePrediction() {
  return {{D(2010, 1, 2), {"timeline summarization ."}},
          {D(2010, 1, 3), {"doing some metric checks ."}},
          {D(2010, 1, 5), {"checks for alignments ."}}};
}

TEST(TimelineMetricsTest, ConcatOnHandComputedCase) {
  const RougeScorer s = CaseScorer();
  // Peer: 6 unigrams x 2 refs = 12. H: A gives timelin, summar, align (3),
  // B gives metric (1): 4. P = 4/12, R = 4/11.
  const RougePrf r = EvaluateConcat(s, CasePrediction(), CaseReferences());
  EXPECT_DOUBLE_EQ(r.rouge1.precision, 4.0 / 12);
  EXPECT_DOUBLE_EQ(r.rouge1.recall, 4.0 / 11);
  EXPECT_DOUBLE_EQ(r.rouge1.f1, F1(4.0 / 12, 4.0 / 11));
}

TEST(TimelineMetricsTest, AgreementOnHandComputedCase) {
  const RougeScorer s = CaseScorer();
  // Dates 01-01..01-05. Only 01-02 is shared: H = 2 (timelin summar vs A).
  // P sums over predicted dates: 3 dates x 2 tokens x 2 refs = 12.
  // M sums over reference dates: 2 + (5 + 2) + 2 = 11.
  RougePrf r = EvaluateAgreement(s, CasePrediction(), CaseReferences());
  EXPECT_DOUBLE_EQ(r.rouge1.precision, 2.0 / 12);
  EXPECT_DOUBLE_EQ(r.rouge1.recall, 2.0 / 11);
  // ROUGE-2: predicted bigrams 1 per date x 2 refs = 6; H = 1
  // ("timelin summar"); reference bigrams 1 + (4 + 1) + 1 = 7.
  EXPECT_DOUBLE_EQ(r.rouge2.precision, 1.0 / 6);
  EXPECT_DOUBLE_EQ(r.rouge2.recall, 1.0 / 7);
}

TEST(TimelineMetricsTest, AlignManyToOneOnHandComputedCase) {
  const RougeScorer s = CaseScorer();
  // Costs (1 - 1/(d+1)) x (1 - rough F1); the rough F1 splits on spaces,
  // keeps stopwords and case, drops "." and ",".
  // Precision side, each predicted date to its cheapest reference date:
  //   01-02 -> 01-02 (d=0, cost 0): H=2, weight 1.
  //   01-03 -> 01-01: 2/3 x 1; 01-02: 1/2 x 1; 01-04: 1/2 x 1 (no overlap
  //            anywhere) -> first minimum, 01-02. Real ROUGE: "metric" of B
  //            matches, H=1, weight 1/2.
  //   01-05 -> 01-04: rough P = 1/(2x3), R = 1/4, F = 0.2, cost 1/2 x 0.8 =
  //            0.4 beats 0.75 and 0.8. H=1 ("align"), weight 1/2.
  //   P = (2 + 0.5 + 0.5) / 12.
  // Recall side, each reference date to its cheapest predicted date:
  //   01-01 -> 01-02 (d=1, rough F = 2/3, cost 1/6): H=2, weight 1/2.
  //   01-02 -> 01-02: H=2, weight 1.
  //   01-04 -> 01-05 (cost 0.4): H=1, weight 1/2.
  //   R = (1 + 2 + 0.5) / 11.
  RougePrf r = EvaluateAlignM1(s, CasePrediction(), CaseReferences());
  EXPECT_DOUBLE_EQ(r.rouge1.precision, 3.0 / 12);
  EXPECT_DOUBLE_EQ(r.rouge1.recall, 3.5 / 11);
  EXPECT_DOUBLE_EQ(r.rouge1.f1, F1(3.0 / 12, 3.5 / 11));

  // Without 01-05: precision (2 + 0.5) / 8; on the recall side 01-04 now
  // goes to 01-03 (cost 1/2 < 2/3), which shares nothing: R = (1 + 2) / 11.
  Timeline fewer = CasePrediction();
  fewer.erase(D(2010, 1, 5));
  r = EvaluateAlignM1(s, fewer, CaseReferences());
  EXPECT_DOUBLE_EQ(r.rouge1.precision, 2.5 / 8);
  EXPECT_DOUBLE_EQ(r.rouge1.recall, 3.0 / 11);

  // An extra unmatched-content date 01-06 ("asdf") only adds to P's
  // denominator: 2 x 1 more -> 3 / 14; recall unchanged.
  Timeline more = CasePrediction();
  more[D(2010, 1, 6)] = {"asdf"};
  r = EvaluateAlignM1(s, more, CaseReferences());
  EXPECT_DOUBLE_EQ(r.rouge1.precision, 3.0 / 14);
  EXPECT_DOUBLE_EQ(r.rouge1.recall, 3.5 / 11);
}

TEST(TimelineMetricsTest, RoughRouge1DropsPunctuationSubstrings) {
  // "()" is a substring of the punctuation string and dropped; "--" is not.
  // Pred tokens: A b -- (3); ref: A -- x (3). Match 2 -> F = 2/3.
  const std::vector<std::string> pred = {"A ( b () --"};
  const std::vector<std::vector<std::string>> refs = {{"A . -- x"}};
  EXPECT_DOUBLE_EQ(RoughRouge1F(pred, refs), 2.0 / 3.0);
  // Case is kept: "a" does not match "A".
  EXPECT_DOUBLE_EQ(RoughRouge1F(std::vector<std::string>{"a"}, refs), 0.0);
}

TEST(TimelineMetricsTest, DateF1AndEmptyInputs) {
  const RougeScorer s = CaseScorer();
  // Predicted {01-02, 01-03, 01-05} vs reference union {01-01, 01-02,
  // 01-04}: one in common, P = R = 1/3.
  Prf d = EvaluateDates(CasePrediction(), CaseReferences());
  EXPECT_DOUBLE_EQ(d.precision, 1.0 / 3);
  EXPECT_DOUBLE_EQ(d.recall, 1.0 / 3);
  EXPECT_DOUBLE_EQ(d.f1, 1.0 / 3);
  // An empty prediction scores 0 and does not crash any metric.
  const TimelineScores e = EvaluateTimeline(s, Timeline{}, CaseReferences());
  EXPECT_EQ(e.date.f1, 0.0);
  EXPECT_EQ(e.concat.rouge1.f1, 0.0);
  EXPECT_EQ(e.agreement.rouge1.recall, 0.0);
  EXPECT_EQ(e.align_m1.rouge1.recall, 0.0);
}

TEST(TimelineMetricsTest, AveragingComputesF1FromAveragedPrecisionAndRecall) {
  TimelineScores a, b;
  a.date = {1.0, 0.0, 0.0};
  b.date = {0.0, 1.0, 0.0};
  a.align_m1.rouge1 = {0.2, 0.4, F1(0.2, 0.4)};
  b.align_m1.rouge1 = {0.4, 0.2, F1(0.4, 0.2)};
  const std::vector<TimelineScores> tasks = {a, b};
  const TimelineScores avg = AverageScores(tasks);
  // Averaged F1s would give 0; F1 of the averages (0.5, 0.5) is 0.5.
  EXPECT_DOUBLE_EQ(avg.date.precision, 0.5);
  EXPECT_DOUBLE_EQ(avg.date.f1, 0.5);
  EXPECT_DOUBLE_EQ(avg.align_m1.rouge1.f1, 0.3);
}

TEST(TimelineMetricsTest, NewsTlsSizeRoundsHalfToEven) {
  Timeline t = {{D(2010, 1, 1), {"a", "b"}}, {D(2010, 1, 2), {"a", "b", "c"}}};
  // Mean 2.5 -> 2 (Python's round), not 3.
  EXPECT_EQ(NewsTlsSize(t).num_dates, 2);
  EXPECT_EQ(NewsTlsSize(t).sentences_per_date, 2);
  t[D(2010, 1, 3)] = {"a", "b", "c", "d", "e", "f", "g"};  // 12 / 3 = 4
  EXPECT_EQ(NewsTlsSize(t).sentences_per_date, 4);
  Timeline u = {{D(2010, 1, 1), {"a"}}, {D(2010, 1, 2), {"a", "b"}}};  // 1.5 -> 2
  EXPECT_EQ(NewsTlsSize(u).sentences_per_date, 2);
  EXPECT_EQ(NewsTlsSize(Timeline{}).num_dates, 0);
}

// --- With ../shared --------------------------------------------------------

TEST(TimelineMetricsSharedTest, TilseDocumentationUnitCheck) {
  ANNALS_REQUIRE_SHARED();
  std::string error;
  auto s = RougeScorer::Load(testing::SharedDir() + "/data/rouge", &error);
  ASSERT_TRUE(s) << error;
  const Timeline pred = {{D(2010, 1, 1), {"Just a test .", "Another sentence ."}},
                         {D(2010, 1, 3), {"Some more content .", "Even more !"}}};
  const std::vector<Timeline> refs = {
      {{D(2010, 1, 2), {"Just a test ."}}, {D(2010, 1, 4), {"This one does not match ."}}},
      {{D(2010, 1, 5), {"Another timeline !"}}}};
  const RougePrf r = EvaluateConcat(*s, pred, refs);
  EXPECT_NEAR(r.rouge1.precision, 0.1667, 5e-5);
  EXPECT_NEAR(r.rouge1.recall, 0.3333, 5e-5);
  EXPECT_NEAR(r.rouge1.f1, 0.2222, 5e-5);
  EXPECT_EQ(r.rouge2.precision, 0.0);
  EXPECT_EQ(r.rouge2.recall, 0.0);
}

struct T17File {
  const char* path;  // under data/t17/
  size_t dates;      // distinct dates
  int k;             // news-tls sentences per date
};

const T17File kT17[] = {
    {"EgyptianProtest_cnn/timelines/tl8.txt", 20, 3},
    {"Finan_washingtonpost/timelines/financial_crisis_wallstreet_washingtonpost.txt", 65, 7},
    {"IraqWar_guardian/timelines/tl7.txt", 155, 3},
    {"LibyaWar_cnn/timelines/tl6.txt", 38, 2},
    {"LibyaWar_reuters/timelines/tl5.txt", 28, 1},
    {"MJ_bbc/timelines/bbc.co.uk.txt", 38, 2},
    {"SyrianCrisis_bbc/timelines/tl1.txt", 13, 2},
    {"SyrianCrisis_reuters/timelines/tl2.1.txt", 32, 2},
    {"SyrianCrisis_reuters/timelines/tl2.2.txt", 34, 2},
    {"SyrianCrisis_reuters/timelines/tl2.3.txt", 33, 1},
    {"bpoil_bbc/timelines/bbc.txt", 48, 2},
    {"bpoil_foxnews/timelines/foxnews.txt", 13, 4},
    {"bpoil_guardian/timelines/guardian.txt", 102, 3},
    {"bpoil_reuters/timelines/rbpoil.txt", 16, 2},
    {"bpoil_washingtonpost/timelines/washingtonpost.txt", 12, 2},
};

TEST(TimelineMetricsSharedTest, T17ReferenceTimelinesParseWithDateCounts) {
  ANNALS_REQUIRE_SHARED();
  for (const T17File& f : kT17) {
    std::string error;
    auto tl = ReadTimelineFile(testing::SharedDir() + "/data/t17/" + f.path, &error);
    ASSERT_TRUE(tl) << error;
    EXPECT_EQ(tl->size(), f.dates) << f.path;
    const TimelineSize size = NewsTlsSize(*tl);
    EXPECT_EQ(size.num_dates, static_cast<int>(f.dates)) << f.path;
    EXPECT_EQ(size.sentences_per_date, f.k) << f.path;
  }
}

TEST(TimelineMetricsSharedTest, T17ReferencesScoredAgainstThemselves) {
  ANNALS_REQUIRE_SHARED();
  std::string error;
  auto s = RougeScorer::Load(testing::SharedDir() + "/data/rouge", &error);
  ASSERT_TRUE(s) << error;
  const auto start = std::chrono::steady_clock::now();
  std::vector<TimelineScores> all;
  for (const T17File& f : kT17) {
    auto tl = ReadTimelineFile(testing::SharedDir() + "/data/t17/" + f.path, &error);
    ASSERT_TRUE(tl) << error;
    const std::vector<Timeline> refs = {*tl};
    const TimelineScores r = EvaluateTimeline(*s, *tl, refs);
    EXPECT_DOUBLE_EQ(r.concat.rouge1.recall, 1.0) << f.path;
    EXPECT_DOUBLE_EQ(r.concat.rouge2.recall, 1.0) << f.path;
    EXPECT_DOUBLE_EQ(r.agreement.rouge1.recall, 1.0) << f.path;
    EXPECT_DOUBLE_EQ(r.agreement.rouge1.precision, 1.0) << f.path;
    EXPECT_DOUBLE_EQ(r.align_m1.rouge1.recall, 1.0) << f.path;
    EXPECT_DOUBLE_EQ(r.date.f1, 1.0) << f.path;
    all.push_back(r);
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  // Reported, not asserted: speed is measured by benchmarks, and sanitizer
  // builds run many times slower.
  std::printf("[ timing ] 15 references through all metrics in %.3f s\n", seconds);
  const TimelineScores avg = AverageScores(all);
  EXPECT_DOUBLE_EQ(avg.concat.rouge1.f1, 1.0);
  EXPECT_DOUBLE_EQ(avg.date.f1, 1.0);

  // A timeline shifted by one day keeps only the dates that followed another
  // reference date, and agreement compares mostly different texts. In
  // align+ m:1 every predicted date d+1 finds its own text at
  // reference date d first (cost 0, dates in order), so precision is exactly
  // the weight 1/2.
  auto ref = ReadTimelineFile(testing::SharedDir() + "/data/t17/" + kT17[0].path, &error);
  ASSERT_TRUE(ref) << error;
  Timeline shifted;
  for (const auto& [d, sents] : *ref) shifted[d.AddDays(1)] = sents;
  const std::vector<Timeline> refs = {*ref};
  const TimelineScores r = EvaluateTimeline(*s, shifted, refs);
  size_t kept = 0;
  for (const auto& [d, sents] : *ref) kept += ref->count(d.AddDays(-1));
  EXPECT_DOUBLE_EQ(r.date.precision, double(kept) / double(ref->size()));
  EXPECT_LT(r.agreement.rouge1.f1, 0.5);
  EXPECT_DOUBLE_EQ(r.concat.rouge1.f1, 1.0);
  EXPECT_DOUBLE_EQ(r.align_m1.rouge1.precision, 0.5);
  EXPECT_GT(r.align_m1.rouge1.recall, 0.0);
  EXPECT_LT(r.align_m1.rouge1.recall, 1.0);
}

}  // namespace
}  // namespace annals::eval
