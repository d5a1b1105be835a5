// Tests of the timeline exports (src/timeline/export.h): TimelineJS 3 JSON
// and RFC 4180 CSV, on hand-made timelines with hostile text, on the events
// of the seed article, and empty.
#include "timeline/export.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "annals/tagger.h"
#include "corpus/readers.h"
#include "test_util.h"

namespace annals {
namespace {

using json = nlohmann::json;

Date D(const char* s) { return *Date::Parse(s); }

// A strict RFC 4180 reader, independent of the writer: rows of fields.
// Fails the test on a stray quote or a missing CRLF at the end.
std::vector<std::vector<std::string>> ParseCsv(const std::string& csv) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  size_t i = 0;
  bool quoted = false, field_started = false;
  while (i < csv.size()) {
    const char c = csv[i];
    if (quoted) {
      if (c == '"' && i + 1 < csv.size() && csv[i + 1] == '"') {
        field += '"';
        i += 2;
      } else if (c == '"') {
        quoted = false;
        ++i;
        EXPECT_TRUE(i == csv.size() || csv[i] == ',' || csv[i] == '\r') << "after quote at " << i;
      } else {
        field += c;
        ++i;
      }
      continue;
    }
    if (c == '"') {
      EXPECT_FALSE(field_started) << "quote inside an unquoted field at " << i;
      quoted = field_started = true;
      ++i;
    } else if (c == ',') {
      row.push_back(std::move(field));
      field.clear();
      field_started = false;
      ++i;
    } else if (c == '\r') {
      EXPECT_TRUE(i + 1 < csv.size() && csv[i + 1] == '\n') << "CR without LF at " << i;
      row.push_back(std::move(field));
      field.clear();
      field_started = false;
      rows.push_back(std::move(row));
      row.clear();
      i += 2;
    } else {
      EXPECT_NE(c, '\n') << "bare LF outside quotes at " << i;
      field += c;
      field_started = true;
      ++i;
    }
  }
  EXPECT_FALSE(quoted) << "unterminated quote";
  EXPECT_TRUE(row.empty() && field.empty()) << "last row without CRLF";
  return rows;
}

// The text of an HTML fragment made of HtmlEscape output: entities undone.
std::string Unescape(std::string s) {
  const std::pair<const char*, const char*> refs[] = {
      {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}, {"&amp;", "&"}};
  std::string out;
  for (size_t i = 0; i < s.size();) {
    bool done = false;
    for (const auto& [ref, ch] : refs) {
      if (s.compare(i, std::string(ref).size(), ref) == 0) {
        out += ch;
        i += std::string(ref).size();
        done = true;
        break;
      }
    }
    if (!done) out += s[i++];
  }
  return out;
}

// The sentences of a TimelineJS event text: what is inside each
// <p>...<br><cite>, unescaped.
std::vector<std::string> SlideSentences(const std::string& html) {
  std::vector<std::string> out;
  for (size_t p = html.find("<p>"); p != std::string::npos; p = html.find("<p>", p + 1)) {
    const size_t end = html.find("<br><cite>", p);
    if (end == std::string::npos) break;
    out.push_back(Unescape(html.substr(p + 3, end - p - 3)));
  }
  return out;
}

const std::string kHostile =
    "He said \"stop, now\", then\nleft;\r\nCafé ñ 東京 — <b>bold</b> & 'quoted' ,,";

ExportTimeline Hostile() {
  ExportTimeline t;
  t.story = "oil <spill>";
  t.collection = "gulf, \"2010\"";
  t.articles = 3;
  t.dates.push_back(
      {{D("2010-04-20"), D("2010-04-20")},
       {{kHostile, "a,1.txt", D("2010-04-21")}, {"Plain.", "b.txt", D("2010-04-22")}}});
  t.dates.push_back({{D("2010-05-01"), D("2010-05-31")}, {{"In May.", "c.txt", D("2010-06-01")}}});
  return t;
}

TEST(PeriodLabelTest, GivesThePrecisionTheDatesHave) {
  EXPECT_EQ(PeriodLabel({D("2010-04-20"), D("2010-04-20")}), "2010-04-20");
  EXPECT_EQ(PeriodLabel({D("2011-03-01"), D("2011-03-31")}), "2011-03");
  EXPECT_EQ(PeriodLabel({D("2012-02-01"), D("2012-02-29")}), "2012-02");  // leap year
  EXPECT_EQ(PeriodLabel({D("2012-02-01"), D("2012-02-28")}), "2012-02-01/2012-02-28");
  EXPECT_EQ(PeriodLabel({D("2013-01-01"), D("2013-12-31")}), "2013");
  EXPECT_EQ(PeriodLabel({D("2013-01-01"), D("2013-03-31")}), "2013-01/2013-03");        // a quarter
  EXPECT_EQ(PeriodLabel({D("2013-01-07"), D("2013-01-13")}), "2013-01-07/2013-01-13");  // a week
  EXPECT_EQ(PeriodLabel({D("2010-01-01"), D("2019-12-31")}), "2010/2019");              // a decade
  EXPECT_EQ(PeriodLabel({D("2012-11-01"), D("2013-02-28")}), "2012-11/2013-02");
}

TEST(CsvTest, FieldsAreQuotedOnlyWhenNeeded) {
  EXPECT_EQ(CsvField("plain text"), "plain text");
  EXPECT_EQ(CsvField("a,b"), "\"a,b\"");
  EXPECT_EQ(CsvField("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(CsvField("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(CsvField("cr\r"), "\"cr\r\"");
  EXPECT_EQ(CsvField(""), "");
  EXPECT_EQ(CsvField("東京"), "東京");
}

TEST(CsvTest, EveryFieldComesBackExactly) {
  const ExportTimeline t = Hostile();
  const std::vector<std::vector<std::string>> rows = ParseCsv(TimelineCsv(t));
  ASSERT_EQ(rows.size(), 4u);  // header and one row per sentence
  EXPECT_EQ(rows[0], (std::vector<std::string>{"date", "rank", "sentence", "article_id",
                                               "published", "collection"}));
  EXPECT_EQ(rows[1], (std::vector<std::string>{"2010-04-20", "1", kHostile, "a,1.txt", "2010-04-21",
                                               t.collection}));
  EXPECT_EQ(rows[2], (std::vector<std::string>{"2010-04-20", "2", "Plain.", "b.txt", "2010-04-22",
                                               t.collection}));
  EXPECT_EQ(rows[3], (std::vector<std::string>{"2010-05", "1", "In May.", "c.txt", "2010-06-01",
                                               t.collection}));
}

TEST(CsvTest, NoDatesGivesTheHeader) {
  ExportTimeline t;
  t.collection = "nothing";
  EXPECT_EQ(TimelineCsv(t), std::string(kCsvHeader) + "\r\n");
  EXPECT_EQ(ParseCsv(TimelineCsv(t)).size(), 1u);
}

TEST(HtmlEscapeTest, EscapesMarkupAndQuotes) {
  EXPECT_EQ(HtmlEscape("<a href=\"x\">Tom & 'Jerry'</a>"),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;");
  EXPECT_EQ(HtmlEscape("Café 東京"), "Café 東京");
  EXPECT_EQ(Unescape(HtmlEscape(kHostile)), kHostile);
}

TEST(TimelineJsTest, TitleSlideAndOneEventPerDate) {
  const ExportTimeline t = Hostile();
  const json j = json::parse(TimelineJsJson(t));
  // The title slide names the story and the collection, as text.
  EXPECT_EQ(j["title"]["text"]["headline"], "oil &lt;spill&gt;");
  const std::string about = j["title"]["text"]["text"];
  EXPECT_NE(about.find("gulf, &quot;2010&quot;"), std::string::npos) << about;
  EXPECT_NE(about.find("2 dates from 3 articles"), std::string::npos) << about;
  EXPECT_FALSE(j["title"].contains("start_date"));
  ASSERT_EQ(j["events"].size(), 2u);

  const json& day = j["events"][0];
  EXPECT_EQ(day["start_date"], (json{{"year", 2010}, {"month", 4}, {"day", 20}}));
  EXPECT_FALSE(day.contains("end_date"));
  const std::string html = day["text"]["text"];
  EXPECT_EQ(html.find("<b>"), std::string::npos) << "article markup must stay text";
  EXPECT_EQ(SlideSentences(html), (std::vector<std::string>{kHostile, "Plain."}));
  // Each sentence names its source.
  EXPECT_NE(html.find("<cite>a,1.txt, published 2010-04-21</cite>"), std::string::npos) << html;
  EXPECT_NE(html.find("<cite>b.txt, published 2010-04-22</cite>"), std::string::npos) << html;
  EXPECT_EQ(day["autolink"], false);

  // A whole month: year and month only.
  const json& month = j["events"][1];
  EXPECT_EQ(month["start_date"], (json{{"year", 2010}, {"month", 5}}));
  EXPECT_FALSE(month.contains("end_date"));
  EXPECT_NE(j["events"][0]["unique_id"], j["events"][1]["unique_id"]);
}

TEST(TimelineJsTest, SpansGetAnEndDateAtTheirPrecision) {
  ExportTimeline t;
  t.dates.push_back({{D("2013-01-07"), D("2013-01-13")}, {{"A week.", "w", D("2013-01-30")}}});
  t.dates.push_back({{D("2013-01-01"), D("2013-03-31")}, {{"A quarter.", "q", D("2013-01-30")}}});
  t.dates.push_back({{D("2012-01-01"), D("2012-12-31")}, {{"A year.", "y", D("2013-01-30")}}});
  const json j = json::parse(TimelineJsJson(t));
  ASSERT_EQ(j["events"].size(), 3u);
  EXPECT_EQ(j["events"][0]["start_date"], (json{{"year", 2013}, {"month", 1}, {"day", 7}}));
  EXPECT_EQ(j["events"][0]["end_date"], (json{{"year", 2013}, {"month", 1}, {"day", 13}}));
  EXPECT_EQ(j["events"][1]["start_date"], (json{{"year", 2013}, {"month", 1}}));
  EXPECT_EQ(j["events"][1]["end_date"], (json{{"year", 2013}, {"month", 3}}));
  EXPECT_EQ(j["events"][2]["start_date"], (json{{"year", 2012}}));
  EXPECT_FALSE(j["events"][2].contains("end_date"));
  // Ids TimelineJS keeps as they are: [a-z0-9-] only, distinct.
  EXPECT_EQ(j["events"][0]["unique_id"], "annals-2013-01-07-to-2013-01-13");
  std::set<std::string> ids;
  for (const json& e : j["events"]) {
    const std::string id = e["unique_id"];
    EXPECT_EQ(id.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-"), std::string::npos);
    ids.insert(id);
  }
  EXPECT_EQ(ids.size(), 3u);
}

TEST(TimelineJsTest, NoDatesGivesTheTitleSlideOnly) {
  ExportTimeline t;
  t.collection = "an empty folder";
  const json j = json::parse(TimelineJsJson(t));
  EXPECT_TRUE(j["events"].is_array());
  EXPECT_TRUE(j["events"].empty());
  EXPECT_EQ(j["title"]["text"]["headline"], "an empty folder");  // no story: the collection
  EXPECT_NE(j["title"]["text"]["text"].get<std::string>().find("0 dates from 0 articles"),
            std::string::npos);
}

TEST(TimelineJsTest, LongHeadlinesAreCutAtAWordOrACharacter) {
  ExportTimeline t;
  const std::string words =
      "One two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen.";
  std::string no_space;
  for (int i = 0; i < 40; ++i) no_space += "東";
  t.dates.push_back({{D("2010-01-01"), D("2010-01-01")}, {{words, "a", D("2010-01-01")}}});
  t.dates.push_back({{D("2010-01-02"), D("2010-01-02")}, {{no_space, "b", D("2010-01-02")}}});
  const json j = json::parse(TimelineJsJson(t));
  const std::string h0 = j["events"][0]["text"]["headline"];
  EXPECT_EQ(h0,
            "One two three four five six seven eight nine ten eleven twelve thirteen fourteen…");
  const std::string h1 = j["events"][1]["text"]["headline"];
  EXPECT_EQ(h1, no_space.substr(0, 78) + "…");  // 26 whole characters of 3 bytes
  // The full sentence is in the text.
  EXPECT_EQ(SlideSentences(j["events"][1]["text"]["text"]), std::vector<std::string>{no_space});
}

TEST(ExportOfTest, ACorpusTimelineNamesItsStory) {
  TimelineResult r;
  r.keywords = {"oil", "spill"};
  r.documents = 5;
  TimelineEntry e;
  e.date = D("2010-04-20");
  e.sentences = {{"It exploded.", "a.txt", D("2010-04-21"), 1.0},
                 {"Oil leaked.", "b.txt", D("2010-04-22"), 0.5}};
  r.entries = {e};
  ExportTimeline t = ExportOf(r, "", "gulf");
  EXPECT_EQ(t.story, "oil, spill");
  EXPECT_EQ(t.collection, "gulf");
  EXPECT_EQ(t.articles, 5u);
  ASSERT_EQ(t.dates.size(), 1u);
  EXPECT_EQ(t.dates[0].days.first, D("2010-04-20"));
  EXPECT_EQ(t.dates[0].days.last, D("2010-04-20"));
  ASSERT_EQ(t.dates[0].sentences.size(), 2u);
  EXPECT_EQ(t.dates[0].sentences[1].doc_id, "b.txt");
  EXPECT_EQ(ExportOf(r, "bp oil", "gulf").story, "bp oil");
}

// An article naming one year in every sentence, several times each: one
// date, each sentence once (in about n log n: 40,000 events).
TEST(ExportOfTest, ManyMentionsOfOnePeriodGiveEachSentenceOnce) {
  AnnotatedDocument doc;
  doc.doc = Document{"many", D("2011-01-01"), "", ""};
  std::vector<ArticleEvent> events;
  for (size_t i = 0; i < 40000; ++i) {
    ArticleEvent e;
    e.timex.value = "2010";
    e.timex.interval = Interval{D("2010-01-01"), D("2010-12-31")};
    e.sentence_index = i % 10000;
    e.sentence = "In 2010, sentence " + std::to_string(e.sentence_index) + ".";
    events.push_back(std::move(e));
  }
  const ExportTimeline t = ExportOf(doc, events, "c");
  ASSERT_EQ(t.dates.size(), 1u);
  EXPECT_EQ(PeriodLabel(t.dates[0].days), "2010");
  ASSERT_EQ(t.dates[0].sentences.size(), 10000u);
  EXPECT_EQ(t.dates[0].sentences[9999].text, "In 2010, sentence 9999.");
  EXPECT_EQ(ParseCsv(TimelineCsv(t)).size(), 10001u);
}

TEST(ExportOfTest, TheEventsOfAnArticleKeepTheirPrecision) {
  const std::string path =
      testing::SourceDir() + "/examples/reuters-2013-01-30-syria-opposition-talks.txt";
  Document doc;
  size_t offset = 0;
  ReadError err;
  ASSERT_TRUE(ParseDatedArticle(testing::ReadFile(path), path, &doc, &offset, &err));
  const AnnotatedDocument a = Annotate(std::move(doc), Tagger::Default());
  const std::vector<ArticleEvent> events = ArticleEvents(a);
  const ExportTimeline t = ExportOf(a, events, "examples");
  std::set<std::string> labels;
  size_t sentences = 0;
  for (const ExportDate& d : t.dates) {
    EXPECT_TRUE(labels.insert(PeriodLabel(d.days)).second) << "one date per interval";
    std::set<std::string> distinct;
    for (const ExportSentence& s : d.sentences) {
      EXPECT_TRUE(distinct.insert(s.text).second) << "a sentence once per date";
      EXPECT_EQ(s.published, D("2013-01-30"));
    }
    sentences += d.sentences.size();
  }
  EXPECT_TRUE(labels.count("2011-03")) << "March 2011 is a month";
  EXPECT_TRUE(labels.count("2013-01-30")) << "Wednesday is a day";
  EXPECT_LE(t.dates.size(), events.size());
  EXPECT_GE(sentences, t.dates.size());
  // CSV: a row per sentence; TimelineJS: an event per date.
  EXPECT_EQ(ParseCsv(TimelineCsv(t)).size(), sentences + 1);
  EXPECT_EQ(json::parse(TimelineJsJson(t))["events"].size(), t.dates.size());
}

}  // namespace
}  // namespace annals
