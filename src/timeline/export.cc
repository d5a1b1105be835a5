#include "timeline/export.h"

#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <utility>

#include "text/escape.h"

namespace annals {
namespace {

// Keys in the order written: the title slide first, then the events.
using json = nlohmann::ordered_json;

enum class Precision { kDay, kMonth, kYear };

bool StartsMonth(const Date& d) { return d.day == 1; }
bool EndsMonth(const Date& d) { return d.day == DaysInMonth(d.year, d.month); }

// The coarsest precision at which `days` is whole: both ends at month
// boundaries make months, at year boundaries years.
Precision PrecisionOf(const Interval& days) {
  if (days.first == days.last) return Precision::kDay;
  if (!StartsMonth(days.first) || !EndsMonth(days.last)) return Precision::kDay;
  if (days.first.month == 1 && days.last.month == 12) return Precision::kYear;
  return Precision::kMonth;
}

std::string Label(const Date& d, Precision p) {
  const std::string s = d.ToString();  // the year, then "-MM-DD"
  const size_t year_end = s.size() - 6;
  switch (p) {
    case Precision::kYear:
      return s.substr(0, year_end);
    case Precision::kMonth:
      return s.substr(0, year_end + 3);
    case Precision::kDay:
      break;
  }
  return s;
}

bool SameAt(const Date& a, const Date& b, Precision p) {
  switch (p) {
    case Precision::kYear:
      return a.year == b.year;
    case Precision::kMonth:
      return a.year == b.year && a.month == b.month;
    case Precision::kDay:
      break;
  }
  return a == b;
}

// A TimelineJS date object: year, and month and day when the precision
// has them.
json DateJson(const Date& d, Precision p) {
  json j{{"year", d.year}};
  if (p != Precision::kYear) j["month"] = d.month;
  if (p == Precision::kDay) j["day"] = d.day;
  return j;
}

// The start of the date's first sentence as a slide headline (TimelineJS
// shows it on the time axis): whole words up to ~80 bytes, "…" when cut.
// Cuts only at a space, or else before a UTF-8 lead byte, so the headline
// stays valid UTF-8.
std::string Headline(std::string_view sentence) {
  constexpr size_t kMax = 80;
  if (sentence.size() <= kMax) return std::string(sentence);
  size_t cut = sentence.rfind(' ', kMax);
  if (cut == std::string_view::npos || cut < kMax / 2) {
    cut = kMax;
    while (cut > 0 && (static_cast<unsigned char>(sentence[cut]) & 0xC0) == 0x80) --cut;
  }
  return std::string(sentence.substr(0, cut)) + "…";
}

std::string Plural(size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

}  // namespace

const char kCsvHeader[] = "date,rank,sentence,article_id,published,collection";

ExportTimeline ExportOf(const TimelineResult& timeline, const std::string& query,
                        const std::string& collection) {
  ExportTimeline out;
  if (!query.empty()) {
    out.story = query;
  } else {
    for (const std::string& k : timeline.keywords) out.story += (out.story.empty() ? "" : ", ") + k;
  }
  out.collection = collection;
  out.articles = timeline.documents;
  out.dates.reserve(timeline.entries.size());
  for (const TimelineEntry& e : timeline.entries) {
    ExportDate d{{e.date, e.date}, {}};
    for (const TimelineSentence& s : e.sentences)
      d.sentences.push_back({s.text, s.doc_id, s.published});
    out.dates.push_back(std::move(d));
  }
  return out;
}

ExportTimeline ExportOf(const AnnotatedDocument& doc, const std::vector<ArticleEvent>& events,
                        const std::string& collection) {
  ExportTimeline out;
  out.story = doc.doc.id;
  out.collection = collection;
  out.articles = 1;
  // Events come in event-time order; one date per distinct interval, where
  // it first appears, and a sentence once per date (by its index: an
  // article naming one year a thousand times costs n log n, not n²).
  std::map<std::pair<int64_t, int64_t>, size_t> index;
  std::set<std::pair<size_t, size_t>> placed;  // (date, sentence index)
  for (const ArticleEvent& e : events) {
    if (!e.timex.interval) continue;  // ArticleEvents keeps none such
    const Interval& days = *e.timex.interval;
    auto [it, fresh] =
        index.try_emplace({days.first.ToDays(), days.last.ToDays()}, out.dates.size());
    if (fresh) out.dates.push_back({days, {}});
    if (placed.insert({it->second, e.sentence_index}).second)
      out.dates[it->second].sentences.push_back({e.sentence, doc.doc.id, *doc.doc.dct});
  }
  return out;
}

std::string PeriodLabel(const Interval& days) {
  const Precision p = PrecisionOf(days);
  std::string label = Label(days.first, p);
  if (!SameAt(days.first, days.last, p)) label += "/" + Label(days.last, p);
  return label;
}

std::string HtmlEscape(std::string_view s) { return EscapeMarkup(s, true); }

std::string TimelineJsJson(const ExportTimeline& t) {
  std::string about = "<p>Timeline of " + HtmlEscape(t.collection) + ": " +
                      Plural(t.dates.size(), "date", "dates") + " from " +
                      Plural(t.articles, "article", "articles") + ".</p>" +
                      "<p>Dates are event times found in the articles' text by annals, each with "
                      "the sentences that say what happened then and their sources.</p>";
  json out;
  const std::string& headline = t.story.empty() ? t.collection : t.story;
  out["title"] = {{"text", {{"headline", HtmlEscape(headline)}, {"text", std::move(about)}}},
                  {"unique_id", "annals-title"}};
  json& events = out["events"] = json::array();
  for (const ExportDate& d : t.dates) {
    const Precision p = PrecisionOf(d.days);
    std::string text;
    for (const ExportSentence& s : d.sentences)
      text += "<p>" + HtmlEscape(s.text) + "<br><cite>" + HtmlEscape(s.doc_id) + ", published " +
              s.published.ToString() + "</cite></p>";
    // An id TimelineJS keeps as it is (its slugify leaves [a-z0-9-]).
    std::string id = "annals-" + PeriodLabel(d.days);
    if (size_t slash = id.find('/'); slash != std::string::npos) id.replace(slash, 1, "-to-");
    json e{{"start_date", DateJson(d.days.first, p)},
           {"text",
            {{"headline", HtmlEscape(d.sentences.empty() ? "" : Headline(d.sentences[0].text))},
             {"text", std::move(text)}}},
           {"unique_id", std::move(id)},
           // Links in article text stay text: the sentences are quoted, not
           // authored.
           {"autolink", false}};
    if (!SameAt(d.days.first, d.days.last, p)) e["end_date"] = DateJson(d.days.last, p);
    events.push_back(std::move(e));
  }
  return out.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

std::string CsvField(std::string_view s) {
  if (s.find_first_of("\",\r\n") == std::string_view::npos) return std::string(s);
  std::string out = "\"";
  out.reserve(s.size() + 2);
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string TimelineCsv(const ExportTimeline& t) {
  std::string out = std::string(kCsvHeader) + "\r\n";
  const std::string collection = CsvField(t.collection);
  for (const ExportDate& d : t.dates) {
    const std::string date = CsvField(PeriodLabel(d.days));
    for (size_t i = 0; i < d.sentences.size(); ++i) {
      const ExportSentence& s = d.sentences[i];
      out += date + "," + std::to_string(i + 1) + "," + CsvField(s.text) + "," +
             CsvField(s.doc_id) + "," + s.published.ToString() + "," + collection + "\r\n";
    }
  }
  return out;
}

}  // namespace annals
