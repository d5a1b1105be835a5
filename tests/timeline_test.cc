// Tests of the timeline pipeline (include/annals/timeline.h and the stages
// in src/timeline/stages.h), each stage on small hand-made corpora, plus the
// seed article and, when ../shared is present, a Timeline17 topic.
#include "annals/timeline.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "annals/tagger.h"
#include "corpus/collection.h"
#include "corpus/readers.h"
#include "test_util.h"
#include "timeline/stages.h"
#include "timeline/terms.h"

namespace annals {
namespace {

using timeline::CollectedSentences;
using timeline::DateEvidence;

Date D(const char* s) { return *Date::Parse(s); }

std::vector<const AnnotatedDocument*> Pointers(const std::vector<AnnotatedDocument>& docs) {
  std::vector<const AnnotatedDocument*> out;
  for (const AnnotatedDocument& d : docs) out.push_back(&d);
  return out;
}

// CollectSentences over a fresh index of `docs`; the index and the
// numbering stay alive in the result for the later stages.
struct Collected {
  std::vector<const AnnotatedDocument*> docs;
  timeline::SentenceIndex index;
  TermNumbering terms;
  CollectedSentences c;
  Collected(const std::vector<AnnotatedDocument>& all, const TimelineOptions& options)
      : docs(Pointers(all)),
        index(timeline::IndexSentences(docs)),
        terms(index.vocabulary),
        c(timeline::CollectSentences(index, options, &terms)) {}
};

Document Doc(std::string id, const char* date, std::string text) {
  return Document{std::move(id), D(date), std::move(text), ""};
}

AnnotatedDocument SeedArticle() {
  const std::string path =
      testing::SourceDir() + "/examples/reuters-2013-01-30-syria-opposition-talks.txt";
  Document doc;
  size_t offset = 0;
  ReadError err;
  EXPECT_TRUE(ParseDatedArticle(testing::ReadFile(path), path, &doc, &offset, &err))
      << err.ToString();
  return Annotate(std::move(doc), Tagger::Default());
}

// A small story: an explosion on April 20 that later articles keep naming,
// and an off-topic article about football.
std::vector<AnnotatedDocument> SpillStory() {
  std::vector<Document> docs = {
      Doc("a1", "2010-04-21",
          "An oil rig exploded on Tuesday in the Gulf of Mexico, and oil is leaking. "
          "The oil company said the rig sank."),
      Doc("a2", "2010-04-25",
          "Oil from the well that blew out on April 20 has reached the coast. "
          "Oil booms were laid on Sunday."),
      Doc("a3", "2010-05-02",
          "Since the oil rig explosion on April 20, oil has leaked into the Gulf. "
          "Oil engineers will try a dome next week."),
      Doc("a4", "2010-05-10",
          "The oil well has leaked oil since April 20. On May 8 a dome failed to stop the oil."),
      Doc("f1", "2010-04-24",
          "The football club won the final on Saturday. Fans celebrated all night."),
  };
  return AnnotateAll(std::move(docs), Tagger::Default(), 2);
}

TEST(AnnotateTest, SplitsSentencesAndPlacesEachTimexInItsSentence) {
  AnnotatedDocument a =
      Annotate(Doc("x", "2013-01-30", "He spoke on Monday. They met in March 2011. Nothing here."),
               Tagger::Default());
  ASSERT_EQ(a.sentences.size(), 3u);
  ASSERT_EQ(a.sentences[0].timexes.size(), 1u);
  EXPECT_EQ(a.sentences[0].timexes[0].value, "2013-01-28");
  ASSERT_EQ(a.sentences[1].timexes.size(), 1u);
  EXPECT_EQ(a.sentences[1].timexes[0].value, "2011-03");
  EXPECT_TRUE(a.sentences[2].timexes.empty());
  for (const AnnotatedSentence& s : a.sentences)
    for (const Timex& t : s.timexes) {
      EXPECT_GE(t.begin, s.begin);
      EXPECT_LE(t.end, s.end);
    }
}

TEST(AnnotateTest, RequiresADate) {
  EXPECT_THROW(Annotate(Document{"x", std::nullopt, "text", ""}, Tagger::Default()),
               std::invalid_argument);
}

TEST(AnnotateTest, SameResultOnOneAndTwoThreadsInInputOrder) {
  std::vector<Document> docs;
  for (int i = 0; i < 40; ++i)
    docs.push_back(Doc("d" + std::to_string(i), "2013-01-30",
                       "Talks began on Monday. Item " + std::to_string(i) + "."));
  std::vector<AnnotatedDocument> one = AnnotateAll(docs, Tagger::Default(), 1);
  size_t calls = 0, last_done = 0;
  std::vector<AnnotatedDocument> two =
      AnnotateAll(docs, Tagger::Default(), 2, [&](size_t done, size_t total) {
        ++calls;
        EXPECT_EQ(total, docs.size());
        EXPECT_GE(done, last_done);
        last_done = done;
      });
  ASSERT_EQ(one.size(), two.size());
  for (size_t i = 0; i < one.size(); ++i) {
    EXPECT_EQ(one[i].doc.id, docs[i].id);
    EXPECT_EQ(two[i].doc.id, docs[i].id);
    ASSERT_EQ(one[i].sentences.size(), two[i].sentences.size());
  }
  EXPECT_GE(calls, 1u);
  EXPECT_EQ(last_done, docs.size());
}

TEST(ArticleEventsTest, SeedArticleInEventTimeOrder) {
  std::vector<ArticleEvent> events = ArticleEvents(SeedArticle());
  std::vector<std::string> values;
  for (const ArticleEvent& e : events) values.push_back(e.timex.value);
  auto pos = [&](const std::string& v) {
    return std::find(values.begin(), values.end(), v) - values.begin();
  };
  // The uprising (March 2011), the Elysee meeting (November 17, 2012),
  // Assad's speech three weeks back and his early-January plans, and the
  // day of the article, when Alkhatib said he was ready for talks.
  ASSERT_LT(pos("2011-03"), pos("2012-11-17"));
  ASSERT_LT(pos("2012-11-17"), pos("2013-W02"));
  ASSERT_LT(pos("2012-11-17"), pos("2013-01"));
  ASSERT_LT(pos("2013-W02"), pos("2013-01-30"));
  ASSERT_LT(pos("2013-01"), pos("2013-01-30"));
  ASSERT_LT(pos("2013-01-30"), static_cast<long>(values.size()));
  // Durations have no calendar place.
  EXPECT_EQ(pos("P22M"), static_cast<long>(values.size()));
  EXPECT_NE(events[pos("2011-03")].sentence.find("uprising which began in March 2011"),
            std::string::npos);
  EXPECT_NE(events[pos("2013-01-30")].sentence.find("ready to hold talks"), std::string::npos);
  EXPECT_NE(events[pos("2012-11-17")].sentence.find("Elysee"), std::string::npos);
}

TEST(ArticleEventsTest, LateModMovesAnEventAfterAnEarlierPartOfThePeriod) {
  AnnotatedDocument a =
      Annotate(Doc("x", "2013-06-01", "The deal came in late 2012. The talks began in March 2012."),
               Tagger::Default());
  std::vector<ArticleEvent> events = ArticleEvents(a);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].timex.value, "2012-03");
  EXPECT_EQ(events[1].timex.value, "2012");
  EXPECT_EQ(events[1].timex.mod, "END");
}

TEST(TermsTest, StemsFoldsCaseAndDropsStopwords) {
  Vocabulary vocabulary;
  std::vector<WordId> a, b;
  vocabulary.Words("The Protesters were protesting -LRB- loudly -RRB- .", &a);
  vocabulary.Words("protesters protest", &b);
  ASSERT_EQ(a.size(), 3u);  // protesters, protesting, loudly
  EXPECT_EQ(a[0], b[0]);
  EXPECT_NE(a[1], b[1]);
  EXPECT_EQ(vocabulary.Stem(a[1]), vocabulary.Stem(b[1]));  // protesting, protest: "protest"
  EXPECT_EQ(vocabulary.Word(a[0]), "protesters");
  EXPECT_EQ(vocabulary.size(), 4u);
}

TEST(TermsTest, NumberingDependsOnlyOnTheWordsUsed) {
  Vocabulary vocabulary;
  std::vector<WordId> other, used;
  vocabulary.Words("Spills of oil", &other);
  vocabulary.Words("The oil spill", &used);
  // A build that uses only the second text numbers its terms as if the
  // first had never been read, and names them by the words it used.
  TermNumbering terms(vocabulary);
  std::vector<TermId> ids;
  for (WordId w : used) ids.push_back(terms.Term(w));
  EXPECT_EQ(ids, (std::vector<TermId>{0, 1}));
  EXPECT_EQ(terms.Word(1), "spill");
  // The query: known stems keep their terms; a stem the build has not
  // used is named by the query's word; unknown words get new terms.
  std::vector<TermId> query;
  terms.Terms("Spilled the OIL, spills, zebra zebras", &query);
  EXPECT_EQ(query, (std::vector<TermId>{1, 0, 1, 2, 2}));
  EXPECT_EQ(terms.size(), 3u);
  EXPECT_EQ(terms.Word(2), "zebra");
  TermNumbering fresh(vocabulary);
  std::vector<TermId> q2;
  fresh.Terms("spilling", &q2);
  EXPECT_EQ(q2, std::vector<TermId>{0});
  EXPECT_EQ(fresh.Word(0), "spilling");  // not the vocabulary's "spills"
}

TEST(TermsTest, VectorsAreUnitLengthAndDotIsCosine) {
  TermVector v = CountTerms({3, 1, 3});
  ASSERT_EQ(v.size(), 2u);
  EXPECT_EQ(v[0].first, 1u);
  EXPECT_FLOAT_EQ(v[1].second, 2.0f);
  Normalize(&v);
  EXPECT_NEAR(Dot(v, v), 1.0, 1e-6);
  EXPECT_EQ(Dot(v, CountTerms({7})), 0.0);
}

TEST(CollectSentencesTest, DaysRangeAndAutomaticStoryKeyword) {
  std::vector<AnnotatedDocument> docs = SpillStory();
  TimelineOptions options;
  Collected all(docs, options);
  const CollectedSentences& c = all.c;
  ASSERT_TRUE(c.automatic_query);
  ASSERT_EQ(c.query.size(), 1u);
  EXPECT_EQ(all.terms.Word(c.query[0]), "oil");
  // The football article never says "oil": it is left out.
  EXPECT_EQ(c.documents.size(), 4u);
  for (const auto& s : c.sentences) EXPECT_NE(docs[s.doc].doc.id, "f1");
  ASSERT_TRUE(c.naming.contains(D("2010-04-20")));
  EXPECT_EQ(c.naming.at(D("2010-04-20")).size(), 4u);  // "Tuesday" and 3 × "April 20"

  options.from = D("2010-04-22");
  options.to = D("2010-05-05");
  TermNumbering terms(all.index.vocabulary);
  CollectedSentences r = timeline::CollectSentences(all.index, options, &terms);
  for (const auto& s : r.sentences) {
    EXPECT_GE(s.published, *options.from);
    EXPECT_LE(s.published, *options.to);
    for (Date d : s.days) EXPECT_GE(d, *options.from);
  }
  EXPECT_FALSE(r.naming.contains(D("2010-04-20")));
}

TEST(KeywordWordsTest, EachTermReadsAsItsCommonestWord) {
  std::vector<Document> raw = {
      Doc("b1", "2008-09-20", "Financiers fear the worst. The financial system is frozen."),
      Doc("b2", "2008-09-21", "Financial markets fell on Monday. The financial crisis deepened."),
      Doc("b3", "2008-09-22", "Banks and financial firms lost money. Financiers left."),
  };
  std::vector<AnnotatedDocument> docs = AnnotateAll(std::move(raw), Tagger::Default(), 1);
  Collected automatic(docs, TimelineOptions{});
  ASSERT_TRUE(automatic.c.automatic_query);
  ASSERT_EQ(automatic.c.query.size(), 1u);
  // The stem was met first as "financiers"; the articles mostly write
  // "financial" (5 uses against 2).
  EXPECT_EQ(automatic.terms.Word(automatic.c.query[0]), "financiers");
  EXPECT_EQ(timeline::KeywordWords(automatic.index, automatic.c, automatic.terms),
            std::vector<std::string>{"financial"});

  // A query word no article uses keeps the query's own word; the order is
  // that of c.query.
  TimelineOptions options;
  options.query = "ZEBRA Financiers";
  Collected asked(docs, options);
  ASSERT_EQ(asked.c.query.size(), 2u);
  EXPECT_EQ(timeline::KeywordWords(asked.index, asked.c, asked.terms),
            (std::vector<std::string>{"financial", "zebra"}));
  EXPECT_EQ(BuildTimeline(docs, options).keywords,
            (std::vector<std::string>{"financial", "zebra"}));
}

TEST(CollectSentencesTest, ExplicitQuerySelectsArticles) {
  std::vector<AnnotatedDocument> docs = SpillStory();
  TimelineOptions options;
  options.query = "Football";
  const CollectedSentences c = Collected(docs, options).c;
  EXPECT_FALSE(c.automatic_query);
  ASSERT_EQ(c.documents.size(), 1u);
  EXPECT_EQ(docs[c.documents[0]].doc.id, "f1");
}

TEST(ScoreDatesTest, ADayLaterArticlesKeepNamingOutranksOthers) {
  std::vector<AnnotatedDocument> docs = SpillStory();
  Collected all(docs, {});
  CollectedSentences& c = all.c;
  timeline::WeightTerms(&c.sentences, all.terms.size());
  std::vector<DateEvidence> scored = timeline::ScoreDates(c, all.docs);
  ASSERT_TRUE(std::is_sorted(scored.begin(), scored.end(),
                             [](const auto& a, const auto& b) { return a.date < b.date; }));
  auto it = std::max_element(scored.begin(), scored.end(),
                             [](const auto& a, const auto& b) { return a.score < b.score; });
  EXPECT_EQ(it->date, D("2010-04-20"));
  EXPECT_EQ(it->articles, 4);
  EXPECT_EQ(it->published, 0);
  std::vector<DateEvidence> top = timeline::PickDates(scored, 2);
  ASSERT_EQ(top.size(), 2u);
  EXPECT_LT(top[0].date, top[1].date);
}

// The spill story with a chronology published at its end, listing days
// only it names.
std::vector<AnnotatedDocument> SpillStoryWithChronology(const char* first_entry) {
  std::vector<Document> docs = {
      Doc("a1", "2010-04-21", "An oil rig exploded on Tuesday in the Gulf of Mexico."),
      Doc("a2", "2010-04-25", "Oil from the well that blew out on April 20 reached the coast."),
      Doc("a3", "2010-05-02", "Since the oil rig explosion on April 20, oil has leaked."),
      Doc("a4", "2010-05-10", "The oil well has leaked since April 20. Oil booms failed."),
      Doc("c1", "2010-05-10",
          "A timeline of the oil spill :\n" + std::string(first_entry) +
              " - The rig explodes .\nApril 28 - Oil reaches the coast .\n"
              "May 9 - A dome fails to stop the oil .\n"),
  };
  return AnnotateAll(std::move(docs), Tagger::Default(), 2);
}

TEST(ChronologyCoverageTest, ListsOfThreeOrMoreDaysCountByTheShareOfTheRangeTheySpan) {
  std::vector<AnnotatedDocument> docs = SpillStoryWithChronology("April 20");
  TimelineOptions options;
  options.from = D("2010-04-11");
  options.to = D("2010-05-10");  // 30 days
  Collected all(docs, options);
  const std::map<Date, double> cov = timeline::ChronologyCoverage(all.c);
  // April 20 to May 9: 20 of the range's 30 days.
  ASSERT_EQ(cov.size(), 3u);
  EXPECT_DOUBLE_EQ(cov.at(D("2010-04-28")), 20.0 / 30.0);
  EXPECT_TRUE(cov.contains(D("2010-04-20")));
  EXPECT_TRUE(cov.contains(D("2010-05-09")));

  // Without --from/--to the range is the publication days' span (April 21
  // to May 10, 20 days). Only two of the list's days fall in it: no
  // chronology. Starting on April 22 it spans 18 of the 20 days.
  Collected open(docs, {});
  EXPECT_EQ(open.c.first_day, D("2010-04-21"));
  EXPECT_EQ(open.c.last_day, D("2010-05-10"));
  EXPECT_TRUE(timeline::ChronologyCoverage(open.c).empty());
  std::vector<AnnotatedDocument> later = SpillStoryWithChronology("April 22");
  Collected open_later(later, {});
  EXPECT_DOUBLE_EQ(timeline::ChronologyCoverage(open_later.c).at(D("2010-05-09")), 18.0 / 20.0);

  // Two entries are no chronology.
  Collected short_list(SpillStoryWithChronology("Oil spill"), options);
  EXPECT_TRUE(timeline::ChronologyCoverage(short_list.c).empty());
}

TEST(ChronologyCoverageTest, AnotherStorysListDoesNotCount) {
  std::vector<AnnotatedDocument> docs = SpillStoryWithChronology("April 20");
  docs.push_back(Annotate(Doc("f1", "2010-05-10",
                              "The football club of the oil town :\nApril 22 - The club wins the "
                              "cup .\nApril 30 - Fans celebrate the cup .\nMay 8 - The club "
                              "coach resigns .\n"),
                          Tagger::Default()));
  TimelineOptions options;
  options.from = D("2010-04-11");
  options.to = D("2010-05-10");
  Collected all(docs, options);
  ASSERT_EQ(all.c.documents.size(), 6u);
  // Before WeighDocuments every list counts; after it the club's does not.
  EXPECT_TRUE(timeline::ChronologyCoverage(all.c).contains(D("2010-04-30")));
  timeline::WeightTerms(&all.c.sentences, all.terms.size());
  timeline::WeighDocuments(&all.c, all.docs.size());
  const std::map<Date, double> cov = timeline::ChronologyCoverage(all.c);
  EXPECT_FALSE(cov.contains(D("2010-04-30")));
  EXPECT_TRUE(cov.contains(D("2010-04-28")));
}

TEST(ScoreDatesTest, AChronologySpanningTheRangeRaisesTheDaysItLists) {
  std::vector<AnnotatedDocument> docs = SpillStoryWithChronology("April 20");
  docs.push_back(
      Annotate(Doc("a5", "2010-05-10", "Oil booms were laid on April 27 ."), Tagger::Default()));
  TimelineOptions options;
  options.from = D("2010-04-20");
  options.to = D("2010-05-10");
  Collected all(docs, options);
  const std::vector<DateEvidence> scored = timeline::ScoreDates(all.c, all.docs);
  auto day = [&](const char* d) {
    return *std::find_if(scored.begin(), scored.end(),
                         [&](const DateEvidence& e) { return e.date == D(d); });
  };
  // April 27 and 28 are each named by one article written later; only
  // April 28 is a chronology entry, and the chronology spans 20 of the
  // range's 21 days.
  const DateEvidence listed = day("2010-04-28"), named = day("2010-04-27");
  EXPECT_EQ(listed.articles, 1);
  EXPECT_EQ(named.articles, 1);
  EXPECT_NEAR(listed.chronology, 20.0 / 21.0, 1e-9);
  EXPECT_EQ(named.chronology, 0);
  EXPECT_GT(listed.score, named.score);
}

TEST(PickSentencesTest, SkipsTakenAndDuplicateSentences) {
  std::vector<Document> docs = {
      Doc("a", "2010-04-21", "The oil rig exploded on April 20 in the Gulf of Mexico today."),
      Doc("b", "2010-04-21", "The oil rig exploded on April 20 in the Gulf of Mexico today."),
      Doc("c", "2010-04-22", "Crews fought the oil rig fire that started on April 20 offshore."),
  };
  std::vector<AnnotatedDocument> annotated = AnnotateAll(docs, Tagger::Default(), 1);
  Collected all(annotated, {});
  CollectedSentences& c = all.c;
  timeline::WeightTerms(&c.sentences, all.terms.size());
  timeline::WeighDocuments(&c, annotated.size());
  std::vector<uint32_t> candidates = timeline::CandidateSentences(c, D("2010-04-20"));
  EXPECT_EQ(candidates.size(), 3u);
  std::unordered_set<std::string> taken;
  auto picked = timeline::PickSentences(c, all.docs, candidates, 3, &taken, D("2010-04-20"));
  // The two identical sentences count once.
  EXPECT_EQ(picked.size(), 2u);
  EXPECT_EQ(taken.size(), 2u);
  auto again = timeline::PickSentences(c, all.docs, candidates, 3, &taken, D("2010-04-20"));
  EXPECT_TRUE(again.empty());
}

TEST(WithoutDateHeadingTest, DropsAChronologysDateAndItsMarkOnly) {
  const AnnotatedDocument d =
      Annotate(Doc("x", "2010-06-01",
                   "April 22 - The rig sinks. 22 April: The pipe falls. On April 22, the rig sank. "
                   "April 22 -"),
               Tagger::Default());
  ASSERT_EQ(d.sentences.size(), 4u);
  auto shown = [&](size_t i) {
    const AnnotatedSentence& s = d.sentences[i];
    return std::string(timeline::WithoutDateHeading(
        s, std::string_view(d.doc.text).substr(s.begin, s.end - s.begin)));
  };
  EXPECT_EQ(shown(0), "The rig sinks.");
  EXPECT_EQ(shown(1), "The pipe falls.");
  EXPECT_EQ(shown(2), "On April 22, the rig sank.");  // not a heading
  EXPECT_EQ(shown(3), "April 22 -");                  // a heading and nothing else stays
}

TEST(WithoutDatelineTest, DropsTheAgencyMarkAndDashOnly) {
  using timeline::WithoutDateline;
  EXPECT_EQ(WithoutDateline("Tripoli , Libya -LRB- CNN -RRB- -- Libyan aircraft bombed ."),
            "Libyan aircraft bombed .");
  EXPECT_EQ(WithoutDateline("CAIRO (Reuters) - Talks failed."), "Talks failed.");
  EXPECT_EQ(WithoutDateline("BP (the company) said it would pay."),
            "BP (the company) said it would pay.");                      // no dash: not a dateline
  EXPECT_EQ(WithoutDateline("CAIRO (Reuters) -"), "CAIRO (Reuters) -");  // nothing after
}

// Every field, scores bit for bit.
void ExpectSameTimeline(const TimelineResult& a, const TimelineResult& b) {
  EXPECT_EQ(a.keywords, b.keywords);
  EXPECT_EQ(a.automatic_keywords, b.automatic_keywords);
  EXPECT_EQ(a.documents, b.documents);
  EXPECT_EQ(a.sentences, b.sentences);
  ASSERT_EQ(a.entries.size(), b.entries.size());
  for (size_t i = 0; i < a.entries.size(); ++i) {
    const TimelineEntry &x = a.entries[i], &y = b.entries[i];
    EXPECT_EQ(x.date, y.date);
    EXPECT_EQ(x.score, y.score);
    EXPECT_EQ(x.articles, y.articles);
    EXPECT_EQ(x.mentions, y.mentions);
    EXPECT_EQ(x.published, y.published);
    EXPECT_EQ(x.chronology, y.chronology);
    ASSERT_EQ(x.sentences.size(), y.sentences.size());
    for (size_t k = 0; k < x.sentences.size(); ++k) {
      EXPECT_EQ(x.sentences[k].text, y.sentences[k].text);
      EXPECT_EQ(x.sentences[k].doc_id, y.sentences[k].doc_id);
      EXPECT_EQ(x.sentences[k].published, y.sentences[k].published);
      EXPECT_EQ(x.sentences[k].score, y.sentences[k].score);
    }
  }
}

TEST(BuildTimelineTest, SpillStoryEndToEnd) {
  std::vector<AnnotatedDocument> docs = SpillStory();
  TimelineOptions options;
  options.max_dates = 2;
  options.sentences_per_date = 1;
  TimelineResult r = BuildTimeline(docs, options);
  EXPECT_EQ(r.documents, 4u);
  EXPECT_EQ(r.keywords, std::vector<std::string>{"oil"});
  ASSERT_FALSE(r.entries.empty());
  ASSERT_LE(r.entries.size(), 2u);
  EXPECT_EQ(r.entries[0].date, D("2010-04-20"));
  ASSERT_EQ(r.entries[0].sentences.size(), 1u);
  const TimelineSentence& s = r.entries[0].sentences[0];
  EXPECT_NE(s.text.find("April 20"), std::string::npos);
  EXPECT_TRUE(s.doc_id == "a2" || s.doc_id == "a3" || s.doc_id == "a4") << s.doc_id;
  // Deterministic.
  ExpectSameTimeline(BuildTimeline(docs, options), r);
}

TEST(TimelineIndexTest, OneIndexGivesWhatBuildTimelineGivesForAnyOptions) {
  std::vector<AnnotatedDocument> docs = SpillStory();
  const TimelineIndex index(docs);
  EXPECT_EQ(index.size(), docs.size());
  std::vector<TimelineOptions> all(6);
  all[1].from = D("2010-04-22");  // leaves out the explosion's day and a1
  all[1].to = D("2010-05-05");
  all[2].query = "Football";
  all[3].query = "dome zebra";  // a word no article uses
  all[4].max_dates = 1;
  all[4].sentences_per_date = 3;
  all[5].from = D("2010-05-01");
  all[5].query = "the";  // no content word: the automatic keyword
  for (size_t i = 0; i < all.size(); ++i) {
    SCOPED_TRACE(i);
    const TimelineResult built = index.Build(all[i]);
    ExpectSameTimeline(built, BuildTimeline(docs, all[i]));
    ExpectSameTimeline(built, BuildTimeline(Pointers(docs), all[i]));
  }
  EXPECT_EQ(index.Build(all[3]).keywords, (std::vector<std::string>{"dome", "zebra"}));
  // The same again (Build leaves the index as it was), and after a move.
  const TimelineIndex moved = TimelineIndex(Pointers(docs));
  ExpectSameTimeline(moved.Build(all[1]), index.Build(all[1]));
}

TEST(BuildTimelineTest, EmptyAndOutOfRangeCorpora) {
  TimelineResult empty = BuildTimeline(std::span<const AnnotatedDocument>(), {});
  EXPECT_TRUE(empty.entries.empty());
  EXPECT_EQ(empty.documents, 0u);
  std::vector<AnnotatedDocument> docs = SpillStory();
  TimelineOptions options;
  options.from = D("2020-01-01");
  TimelineResult none = BuildTimeline(docs, options);
  EXPECT_TRUE(none.entries.empty());
  EXPECT_EQ(none.documents, 0u);
}

TEST(BuildTimelineTest, Timeline17SpillTopicFindsTheExplosion) {
  ANNALS_REQUIRE_SHARED();
  std::vector<T17Topic> topics;
  ReadError err;
  ASSERT_TRUE(ListT17Topics(testing::SharedDir() + "/data/t17", &topics, &err));
  auto it = std::find_if(topics.begin(), topics.end(),
                         [](const T17Topic& t) { return t.name == "bpoil"; });
  ASSERT_NE(it, topics.end());
  LoadOptions load;
  load.from = D("2010-04-20");
  load.to = D("2010-06-30");
  Collection c = LoadT17Topic(*it, load);
  ASSERT_GT(c.documents.size(), 100u);
  std::vector<AnnotatedDocument> docs = AnnotateAll(std::move(c.documents), Tagger::Default());
  TimelineOptions options;
  options.from = load.from;
  options.to = load.to;
  options.max_dates = 10;
  TimelineResult r = BuildTimeline(docs, options);
  EXPECT_EQ(r.entries.size(), 10u);
  std::set<Date> dates;
  for (const TimelineEntry& e : r.entries) {
    dates.insert(e.date);
    EXPECT_GE(e.date, *options.from);
    EXPECT_LE(e.date, *options.to);
    EXPECT_FALSE(e.sentences.empty());
    EXPECT_LE(e.sentences.size(), 2u);
    EXPECT_GT(e.articles, 0);
  }
  // The rig exploded on 2010-04-20; every account of the spill names it.
  EXPECT_TRUE(dates.contains(D("2010-04-20")));
  EXPECT_EQ(r.keywords, std::vector<std::string>{"oil"});
}

}  // namespace
}  // namespace annals
