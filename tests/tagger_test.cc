// The tagger through its public API: what the rule examples cannot say,
// because they tag one sentence as news: narrative anchoring, anaphors
// that count from an earlier mention, and the tokenizer and lexicon paths
// the matcher relies on.
#include "annals/tagger.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tagger/lexicon.h"
#include "text/tokenizer.h"

namespace annals {
namespace {

std::vector<Timex> TagAs(std::string_view text, DocType type, std::string_view dct = "2013-01-30") {
  TagOptions o;
  o.dct = *Date::Parse(dct);
  o.type = type;
  return Tagger::Default().Tag(text, o);
}

// "text=VALUE" for each expression, in order.
std::vector<std::string> Values(const std::vector<Timex>& ts) {
  std::vector<std::string> out;
  for (const Timex& t : ts) out.push_back(t.text + "=" + t.value);
  return out;
}

constexpr std::string_view kStory =
    "He was arrested on March 3, 2011. Three days later he was freed. "
    "On Friday he left.";

TEST(Narrative, RelativeExpressionsCountFromTheLastDate) {
  EXPECT_EQ(Values(TagAs(kStory, DocType::kNarrative)),
            (std::vector<std::string>{"March 3, 2011=2011-03-03", "Three days later=2011-03-06",
                                      "Friday=2011-03-04"}));
}

TEST(Narrative, NewsCountsFromTheDocumentDate) {
  // "Three days later" counts from an event, not from the document date:
  // news keeps the amount, a duration, as TimeML does.
  EXPECT_EQ(Values(TagAs(kStory, DocType::kNews)),
            (std::vector<std::string>{"March 3, 2011=2011-03-03", "Three days=P3D",
                                      "Friday=2013-01-25"}));
}

TEST(Narrative, ABareYearMovesTheStoryOn) {
  // A month without a year takes the year the story stands in, which a
  // bare year sets as much as a full date ("May 24" after "In 1958" is
  // 1958, not the year of the last full date).
  EXPECT_EQ(Values(TagAs("The war began on March 3, 1956. In 1958, the army rebelled. On May 24 "
                         "it took the capital. By the end of the previous year it had lost "
                         "Oran.",
                         DocType::kNarrative, "2009-12-19")),
            (std::vector<std::string>{"March 3, 1956=1956-03-03", "1958=1958", "May 24=1958-05-24",
                                      "the end of the previous year=1957"}));
}

TEST(Narrative, AYearCountedOnMovesTheStoryOn) {
  // "The following year" moves the story to it; "the previous year" looks
  // back without moving it.
  EXPECT_EQ(Values(TagAs("On December 7, 1941, Japan attacked. The following year the tide "
                         "turned. On 23 October the battle began. The previous year had been "
                         "grim. In November the Allies landed.",
                         DocType::kNarrative, "2009-12-19")),
            (std::vector<std::string>{"December 7, 1941=1941-12-07", "The following year=1942",
                                      "23 October=1942-10-23", "The previous year=1941",
                                      "November=1942-11"}));
}

TEST(Narrative, AMonthEarlierInTheYearStaysInIt) {
  // Histories step back within a year far more often than they cross into
  // the next without naming it; only from December does "January" cross.
  EXPECT_EQ(Values(TagAs("In June 1918 the offensive stalled; the Czar had fallen in February. "
                         "By December 1941 Moscow held. In January the Allies signed a pact.",
                         DocType::kNarrative, "2009-12-19")),
            (std::vector<std::string>{"June 1918=1918-06", "February=1918-02",
                                      "December 1941=1941-12", "January=1942-01"}));
}

TEST(Narrative, BackReferencesAndPlansDoNotMoveTheStory) {
  // "Two years earlier" looks back and "planned for 1976" looks ahead;
  // the story stays in 1974 and "March" after them is March 1974.
  EXPECT_EQ(Values(TagAs("In January 1974 the offensive began, two years earlier than planned. "
                         "The big push would come in 1976. In March the town fell.",
                         DocType::kNarrative, "2009-12-19")),
            (std::vector<std::string>{"January 1974=1974-01", "two years earlier=1972", "1976=1976",
                                      "March=1974-03"}));
}

TEST(Narrative, ADayAloneIsTheOneNearestTheStory) {
  // A history tells all in the past: "on the 3rd" after 1 September is 3
  // September, not 3 August; news keeps the tense ("said on the 3rd").
  EXPECT_EQ(Values(TagAs("The attack began on 1 September 1939. On the 3rd, Britain declared war.",
                         DocType::kNarrative, "2009-12-19")),
            (std::vector<std::string>{"1 September 1939=1939-09-01", "the 3rd=1939-09-03"}));
  EXPECT_EQ(Values(TagAs("He said on the 3rd that he would go.", DocType::kNews, "2011-03-02")),
            (std::vector<std::string>{"the 3rd=2011-02-03"}));
}

TEST(Narrative, YearsBeforeChristCountOnBackwards) {
  EXPECT_EQ(Values(TagAs("The revolt broke out in 499 BC. The following year the fleet sailed. "
                         "In 480 BC Xerxes crossed; in August he reached Thermopylae.",
                         DocType::kNarrative, "2009-12-19")),
            (std::vector<std::string>{"499 BC=BC0499", "The following year=BC0498", "480 BC=BC0480",
                                      "August=BC0480-08"}));
}

TEST(Narrative, APartOfDayOfADateIsOneExpression) {
  constexpr std::string_view kText =
      "On the night of May 13, 1958 the army rose. The early morning hours of 30 April saw the "
      "end.";
  EXPECT_EQ(Values(TagAs(kText, DocType::kNarrative, "2009-12-19")),
            (std::vector<std::string>{"the night of May 13, 1958=1958-05-13TNI",
                                      "The early morning hours of 30 April=1958-04-30TMO"}));
  // News keeps the day alone, as TempEval-3 annotates it.
  EXPECT_EQ(Values(TagAs(kText, DocType::kNews, "2009-12-19")),
            (std::vector<std::string>{"May 13, 1958=1958-05-13", "30 April=2009-04-30"}));
}

TEST(Episode, DaysToldAfterADatedPastDayContinueIt) {
  // A 2014 article retelling 2011: each day told in the past moves the
  // episode on, so that the next may lie four months after it.
  EXPECT_EQ(Values(TagAs("The arrests came on March 6, 2011. On March 16 prisoners began a "
                         "strike. On May 20 they ended it. On July 29 officers defected.",
                         DocType::kNews, "2014-03-15")),
            (std::vector<std::string>{"March 6, 2011=2011-03-06", "March 16=2011-03-16",
                                      "May 20=2011-05-20", "July 29=2011-07-29"}));
}

TEST(Episode, ATimeNearTheDocumentDateEndsIt) {
  // "Yesterday" brings the text back to the present: the day after it is
  // the document date's (last year's, in the past tense).
  EXPECT_EQ(Values(TagAs("The arrests came on March 6, 2011. Yesterday police returned. On "
                         "March 16 prisoners began a strike.",
                         DocType::kNews, "2014-03-15")),
            (std::vector<std::string>{"March 6, 2011=2011-03-06", "Yesterday=2014-03-14",
                                      "March 16=2014-03-16"}));
}

TEST(Episode, OnlyADayWithItsYearOpensIt) {
  // "since March 2011" is where a count starts, not a day the text tells.
  EXPECT_EQ(Values(TagAs("The revolt has raged since March 2011. On March 16 prisoners began a "
                         "strike.",
                         DocType::kNews, "2014-03-15")),
            (std::vector<std::string>{"March 2011=2011-03", "March 16=2014-03-16"}));
}

TEST(Episode, AnotherPastYearEndsIt) {
  EXPECT_EQ(
      Values(TagAs("The arrests came on March 6, 2011. In 1982 the army had shelled Hama. "
                   "On March 16 prisoners began a strike.",
                   DocType::kNews, "2014-03-15")),
      (std::vector<std::string>{"March 6, 2011=2011-03-06", "1982=1982", "March 16=2014-03-16"}));
}

TEST(Anaphors, CountFromTheLastMentionInNewsToo) {
  EXPECT_EQ(Values(TagAs("It was founded in 1996. The following year it failed, and that year "
                         "it was sold.",
                         DocType::kNews)),
            (std::vector<std::string>{"1996=1996", "The following year=1997", "that year=1997"}));
}

TEST(Anaphors, WithoutAnEarlierMentionCountFromTheDocumentDate) {
  EXPECT_EQ(Values(TagAs("The following day he left.", DocType::kNews)),
            (std::vector<std::string>{"The following day=2013-01-31"}));
}

TEST(Anaphors, DoNotInventAPrecisionTheTextDidNotGive) {
  // The year the text gave stays; the month and day it did not are X, as
  // TempEval-3 writes "that same day" after "October" (1998-10-XX).
  EXPECT_EQ(Values(TagAs("In 1987 sales fell. That day he quit.", DocType::kNews)),
            (std::vector<std::string>{"1987=1987", "That day=1987-XX-XX"}));
}

TEST(Tense, AQuotationKeepsItsOwnTense) {
  // Outside the quotation "said" is past; inside, "will" decides.
  EXPECT_EQ(Values(TagAs("\"We will meet on Thursday,\" he said.", DocType::kNews)),
            (std::vector<std::string>{"Thursday=2013-01-31"}));
  EXPECT_EQ(Values(TagAs("``We will meet on Thursday,'' he said.", DocType::kNews)),
            (std::vector<std::string>{"Thursday=2013-01-31"}));
  EXPECT_EQ(Values(TagAs("He said we met on Thursday.", DocType::kNews)),
            (std::vector<std::string>{"Thursday=2013-01-24"}));
}

TEST(Chronology, EntriesLookBackOnlyAtTheStartOfALine) {
  // Entries of a list published in November: February is the past one.
  // The same words inside a sentence keep the nearest February (three
  // months ahead, within the reach of a day named with no tense cue).
  EXPECT_EQ(Values(TagAs("Timeline of the war:\nFebruary 24 - Militias take Misrata .\n"
                         "March 19 - Air strikes begin .\n",
                         DocType::kNews, "2011-11-20")),
            (std::vector<std::string>{"February 24=2011-02-24", "March 19=2011-03-19"}));
  EXPECT_EQ(Values(TagAs("Militias take Misrata on February 24 - a start.", DocType::kNews,
                         "2011-11-20")),
            (std::vector<std::string>{"February 24=2012-02-24"}));
}

TEST(Chronology, LaterEntriesFollowTheList) {
  // A list of deaths published in May 2005 reaches back a year: its May
  // entry follows the April one before it, not the document date.
  EXPECT_EQ(Values(TagAs("April 28, 2004: A soldier died.\nMay 6: A soldier was killed.\n",
                         DocType::kNews, "2005-05-02")),
            (std::vector<std::string>{"April 28, 2004=2004-04-28", "May 6=2004-05-06"}));
  // Newest first, across a year's end.
  EXPECT_EQ(
      Values(TagAs("Jan. 5 - Talks end .\nDec. 28 - Talks begin .\nNov. 30 - A report .\n",
                   DocType::kNews, "2011-01-11")),
      (std::vector<std::string>{"Jan. 5=2011-01-05", "Dec. 28=2010-12-28", "Nov. 30=2010-11-30"}));
  // A year's review, bulleted, runs forward past half a year.
  EXPECT_EQ(Values(TagAs("In review:\n- March 11: A tsunami hits .\n- Sept. 24: A ban .\n"
                         "* Dec. 2: A vote .\n",
                         DocType::kNews, "2011-12-22")),
            (std::vector<std::string>{"March 11=2011-03-11", "Sept. 24=2011-09-24",
                                      "Dec. 2=2011-12-02"}));
  // An entry's day anchors "today" and "yesterday" on its own line only.
  EXPECT_EQ(
      Values(TagAs("Updates:\nFeb. 8, 2015 - Talks today ; yesterday a call .\nTalks today .\n",
                   DocType::kNews, "2014-04-07")),
      (std::vector<std::string>{"Feb. 8, 2015=2015-02-08", "today=2015-02-08",
                                "yesterday=2015-02-07", "today=2014-04-07"}));
  // A dash inside a line is no bullet: the date keeps its reading in prose.
  EXPECT_EQ(Values(TagAs("Talks - March 11: more to come.", DocType::kNews, "2011-12-22")),
            (std::vector<std::string>{"March 11=2012-03-11"}));
}

TEST(Homonyms, AloneTheyNeedAContextTheirRuleNames) {
  // The same word as a name, a verb and a month, in one text: only the
  // month has a preposition before it.
  EXPECT_EQ(Values(TagAs("Theresa May spoke. May God help us. Talks resume in May. Prices "
                         "could fall further until fall.",
                         DocType::kNews)),
            (std::vector<std::string>{"May=2013-05", "fall=2013-FA"}));
  // A day, a year or a determiner in the expression is context enough.
  EXPECT_EQ(
      Values(TagAs("May 5, fall 2010 and the fall.", DocType::kNews)),
      (std::vector<std::string>{"May 5=2013-05-05", "fall 2010=2010-FA", "the fall=2012-FA"}));
}

TEST(Homonyms, ShortCapitalsAreAcronymsUnlessTheirContextIsInCapitalsToo) {
  // An acronym after "the", a shouted verb; a headline in capitals keeps
  // its month.
  EXPECT_EQ(Values(TagAs("The DEC said funds for the DEC appeal rose in DEC. SOME MAY THINK SO.",
                         DocType::kNews, "2010-01-20")),
            std::vector<std::string>{});
  EXPECT_EQ(Values(TagAs("TALKS TO RESUME IN MAY", DocType::kNews, "2010-01-20")),
            (std::vector<std::string>{"MAY=2010-05"}));
  EXPECT_EQ(Values(TagAs("The DEC appeal closed on DEC 25 .", DocType::kNews, "2010-01-20")),
            (std::vector<std::string>{"DEC 25=2009-12-25"}));
}

TEST(Weekdays, AFuturePlanForTheDocumentsOwnWeekdayIsTheNextOne) {
  // 2013-01-28 is a Monday.
  EXPECT_EQ(Values(TagAs("The bridge will close on Monday.", DocType::kNews, "2013-01-28")),
            (std::vector<std::string>{"Monday=2013-02-04"}));
  // Weaker cues, a part of the day or the past leave it the day itself.
  EXPECT_EQ(
      Values(TagAs("The bridge is expected to close on Monday.", DocType::kNews, "2013-01-28")),
      (std::vector<std::string>{"Monday=2013-01-28"}));
  EXPECT_EQ(Values(TagAs("He will speak on Monday night.", DocType::kNews, "2013-01-28")),
            (std::vector<std::string>{"Monday night=2013-01-28TNI"}));
  EXPECT_EQ(Values(TagAs("The bridge closed on Monday.", DocType::kNews, "2013-01-28")),
            (std::vector<std::string>{"Monday=2013-01-28"}));
  // Another weekday in the future is the next of its name, as before.
  EXPECT_EQ(Values(TagAs("The bridge will close on Tuesday.", DocType::kNews, "2013-01-28")),
            (std::vector<std::string>{"Tuesday=2013-01-29"}));
}

TEST(Tagger, SameInputSameOutput) {
  const std::string text = std::string(kStory) + " Talks resume next week.";
  const auto a = TagAs(text, DocType::kNews);
  const auto b = TagAs(text, DocType::kNews);
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].begin, b[i].begin);
    EXPECT_EQ(a[i].value, b[i].value);
  }
}

TEST(Tokenizer, AsciiRunsAndOtherLettersMakeTheSameTokens) {
  // The ASCII fast path and the code point path must agree where they
  // meet: a word continues across both, case is folded in both.
  const auto t = Tokenize("Caf\xc3\xa9S 2013x \xc3\x89t\xc3\xa9 ABC");
  ASSERT_EQ(t.size(), 5u);
  EXPECT_EQ(t[0].norm, "caf\xc3\xa9s");
  EXPECT_TRUE(t[0].capitalized);
  EXPECT_EQ(t[1].norm, "2013");
  EXPECT_EQ(t[1].kind, TokenKind::kNumber);
  EXPECT_EQ(t[2].norm, "x");
  EXPECT_FALSE(t[2].space_before);
  EXPECT_EQ(t[3].norm, "\xc3\xa9t\xc3\xa9");  // non-ASCII letters are case-folded too
  EXPECT_EQ(t[4].norm, "abc");
  EXPECT_EQ(t[4].begin, 19u);
  EXPECT_EQ(t[4].end, 22u);
}

TEST(Lexicon, MatchAllAtAgreesWithMatchAtForEveryClass) {
  Lexicon lex;
  lex.AddClass("dir", "last\t-1\nthe last\t-1\nthe\t0\n", "dir.tsv");
  lex.AddClass("mod", "the end of\tEND\nthe\tX\n", "mod.tsv");
  const auto tokens = Tokenize("the end of the last week");
  for (size_t i = 0; i < tokens.size(); ++i) {
    std::vector<Lexicon::ClassMatch> all;
    auto it = lex.starts().find(tokens[i].norm);
    if (it != lex.starts().end()) lex.MatchAllAt(it->second, tokens, i, &all);
    std::vector<std::pair<int, size_t>> from_all, from_each;
    for (const auto& m : all) from_all.emplace_back(m.cls, m.length);
    for (int c = 0; c < 2; ++c) {
      std::vector<Lexicon::Match> each;
      lex.MatchAt(c, tokens, i, &each);
      for (const auto& m : each) from_each.emplace_back(c, m.length);
    }
    EXPECT_EQ(from_all, from_each) << "token " << i;
  }
}

TEST(Lexicon, LengthEndingAtReadsLeftwardLongestFirst) {
  Lexicon lex;
  lex.AddClass("lead", "the\tx\nthe early\tx\n", "lead.tsv");
  const int id = lex.ClassId("lead");
  const auto t = Tokenize("in the early morning hours");  // in the early morning
  EXPECT_EQ(lex.LengthEndingAt(id, t, 3), 2u);            // "the early"
  EXPECT_EQ(lex.LengthEndingAt(id, t, 2), 1u);            // "the"
  EXPECT_EQ(lex.LengthEndingAt(id, t, 1), 0u);            // "in": none
  EXPECT_EQ(lex.LengthEndingAt(id, t, 0), 0u);
  EXPECT_EQ(lex.LengthEndingAt(id, t, 3, 2), 0u);  // may not start before token 2
  EXPECT_EQ(lex.LengthEndingAt(-1, t, 3), 0u);     // a class the language lacks
}

// A clock time alone is on the day named just before it in its clause.
TEST(Tagger, ClockTimeTakesTheDayNamedBeforeItInTheClause) {
  TagOptions o;
  o.dct = *Date::Parse("2013-03-06");
  auto value_of = [&](std::string_view text, std::string_view expr) {
    for (const Timex& t : Tagger::Default().Tag(text, o))
      if (t.text == expr) return t.value;
    return std::string("(none)");
  };
  EXPECT_EQ(value_of("He arrived on March 3 and left at 10 a.m.", "10 a.m."), "2013-03-03T10:00");
  EXPECT_EQ(value_of("He arrived on March 3. He left at 10 a.m.", "10 a.m."), "2013-03-06T10:00");
  EXPECT_EQ(value_of("He arrived on March 3;\nhe left at 10 a.m.", "10 a.m."), "2013-03-06T10:00");
  EXPECT_EQ(value_of("On March 3 the talks, which many had expected to fail, ended at 10 a.m.",
                     "10 a.m."),
            "2013-03-06T10:00");  // more than eight tokens away
}

// A weekday right after a date, only punctuation between, is the one nearest
// that date; further on, or after a clock time, it keeps its own reading.
TEST(Tagger, WeekdayRightAfterADateIsNearIt) {
  EXPECT_EQ(Values(TagAs("Course May 5 - 6 (Tues-Wed).", DocType::kNews, "2015-04-14")),
            (std::vector<std::string>{"May 5=2015-05-05", "6=2015-05-06", "Tues=2015-05-05",
                                      "Wed=2015-05-06"}));
  EXPECT_EQ(Values(TagAs("He came on May 5 and left on Tuesday.", DocType::kNews, "2015-04-16")),
            (std::vector<std::string>{"May 5=2015-05-05", "Tuesday=2015-04-14"}));
}

// A weekday that is not the day's in the year chosen picks the nearest year
// where it is; a year written out is kept whatever the weekday.
TEST(Tagger, WeekdayAndDayPickTheYearTheyAgreeIn) {
  TagOptions o;
  o.dct = *Date::Parse("2013-03-10");
  auto ts = Tagger::Default().Tag("on Thursday, March 3 and on Thursday, March 3, 2013", o);
  ASSERT_EQ(ts.size(), 2u);
  EXPECT_EQ(ts[0].value, "2011-03-03");
  EXPECT_EQ(ts[1].value, "2013-03-03");
}

}  // namespace
}  // namespace annals

namespace annals {
namespace {

// Texts over 1 MiB are tagged a window at a time: the result must be the
// one a single pass would give.
TEST(LongText, WindowsLoseNothingAndKeepAnchors) {
  std::string text;
  const std::string story = "He was arrested on March 3, 2011. The following day he was freed. ";
  while (text.size() < (size_t{5} << 20) / 2) text += story;  // 2.5 MiB, 3 windows
  const auto ts = TagAs(text, DocType::kNews);
  const size_t repeats = text.size() / story.size();
  ASSERT_EQ(ts.size(), 2 * repeats);
  for (size_t i = 0; i < ts.size(); ++i) {
    EXPECT_EQ(text.substr(ts[i].begin, ts[i].end - ts[i].begin), ts[i].text);
    EXPECT_EQ(ts[i].value, i % 2 == 0 ? "2011-03-03" : "2011-03-04") << i;
  }
}

TEST(LongText, AWindowIsNotCutAtAnAbbreviation) {
  // The last ". " before the 1 MiB mark is the one of "Jan. 5": the cut
  // must fall at the sure sentence end before it, leaving the date whole.
  std::string text = "The talks went on and on. ";
  while (text.size() < (size_t{1} << 20) - (size_t{100} << 10)) text += "the talks went on ";
  text += "They stopped entirely. ";
  while (text.size() < (size_t{1} << 20) - 20) text += "x ";
  text += "on Jan. 5, 2011 they ended ";
  while (text.size() < (size_t{3} << 20) / 2) text += "y ";
  EXPECT_EQ(Values(TagAs(text, DocType::kNews)),
            (std::vector<std::string>{"Jan. 5, 2011=2011-01-05"}));
}

TEST(LongText, NoSentenceEndsOrSpacesAtAll) {
  // 3 MiB without a place to cut: windows end at character boundaries
  // ("é" is two bytes), the text is read, nothing is found.
  std::string text;
  while (text.size() < (size_t{3} << 20)) text += "\xc3\xa9x";
  EXPECT_TRUE(TagAs(text, DocType::kNews).empty());
}

}  // namespace
}  // namespace annals
