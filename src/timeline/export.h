// timeline/export.h — a timeline in the formats newsrooms publish and hand
// around: TimelineJS 3 JSON (Knight Lab) and CSV.
//
// Both writers take one plain model, ExportTimeline, which a corpus
// timeline (TimelineResult) and the events of one article (ArticleEvents)
// both convert to, so that `annals timeline` (either mode) and the server's
// /api/timeline?format= share one implementation.
//
// Contract:
//  - TimelineJS: a title slide naming the story and the collection, then one
//    event per date with its sentences and their sources (article id and
//    publication date) as HTML-escaped paragraphs; start_date/end_date carry
//    the precision the date has (a day; a month or a year; or a span of
//    them). A timeline without dates gives the title slide and "events": [].
//  - CSV: RFC 4180 (CRLF line ends; a field with a quote, comma, CR or LF is
//    quoted, quotes doubled), one row per sentence, the header always, even
//    with no rows. Text is written byte for byte: quotes, commas, newlines
//    and non-ASCII come back exactly from any RFC 4180 reader.
//  - Output is valid UTF-8 for valid UTF-8 input; an invalid byte (which the
//    readers do not let in) becomes U+FFFD in JSON instead of an exception.
//  - Linear in the size of the timeline.
#ifndef ANNALS_TIMELINE_EXPORT_H_
#define ANNALS_TIMELINE_EXPORT_H_

#include <string>
#include <string_view>
#include <vector>

#include "annals/date.h"
#include "annals/timeline.h"
#include "annals/timex.h"

namespace annals {

struct ExportSentence {
  std::string text;
  std::string doc_id;  // the article's id in its collection
  Date published;
};

// One date (or period) of a timeline and what was said about it, the most
// relevant sentence first.
struct ExportDate {
  Interval days;  // first == last for a day
  std::vector<ExportSentence> sentences;
};

struct ExportTimeline {
  std::string story;       // what the timeline is about: the query or its keywords
  std::string collection;  // where the articles come from (a topic, a path, a store)
  size_t articles = 0;     // articles that took part
  std::vector<ExportDate> dates;
};

// A corpus timeline. `story` names it: the query when one was given, else
// the result's keywords joined by ", ".
ExportTimeline ExportOf(const TimelineResult& timeline, const std::string& query,
                        const std::string& collection);

// The events of one article: one date per distinct interval (in the events'
// order), each with its distinct sentences.
ExportTimeline ExportOf(const AnnotatedDocument& doc, const std::vector<ArticleEvent>& events,
                        const std::string& collection);

// The period at its precision: "2010-04-20" (a day), "2010-04" (a whole
// month), "2010" (a whole year), else ISO 8601 "first/last" at the coarsest
// precision both ends have ("2013-01/2013-03" for a quarter,
// "2013-01-07/2013-01-13" for a week).
std::string PeriodLabel(const Interval& days);

// TimelineJS 3 JSON (https://timeline.knightlab.com/docs/json-format.html).
std::string TimelineJsJson(const ExportTimeline& timeline);

// The CSV header row, without its line end.
extern const char kCsvHeader[];

// CSV, one row per sentence: date (PeriodLabel), rank (the sentence's rank
// within its date, from 1), sentence, article_id, published (YYYY-MM-DD),
// collection.
std::string TimelineCsv(const ExportTimeline& timeline);

// `s` with & < > " ' as HTML character references.
std::string HtmlEscape(std::string_view s);

// One RFC 4180 field: as is, or quoted with inner quotes doubled when it
// holds a quote, comma, CR or LF.
std::string CsvField(std::string_view s);

}  // namespace annals

#endif  // ANNALS_TIMELINE_EXPORT_H_
