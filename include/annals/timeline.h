// annals/timeline.h — timelines from dated news.
//
// The pipeline has the stages of the task, each a plain function over plain
// data: load (corpus/collection.h) → segment + tag (Annotate) → score dates
// → pick dates → pick sentences (BuildTimeline) → write. For one article,
// ArticleEvents lists what the article itself mentions in event-time order.
//
// Everything here is deterministic: the same input and options give the same
// timeline, whatever the number of threads.
#ifndef ANNALS_TIMELINE_H_
#define ANNALS_TIMELINE_H_

#include <cstddef>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "annals/date.h"
#include "annals/document.h"
#include "annals/tagger.h"
#include "annals/timex.h"

namespace annals {

// A sentence of an article with the time expressions inside it.
struct AnnotatedSentence {
  size_t begin = 0;  // byte span in the article text
  size_t end = 0;
  std::vector<Timex> timexes;  // offsets into the article text
};

// An article split into sentences and tagged against its publication date.
struct AnnotatedDocument {
  Document doc;  // doc.dct is set
  std::vector<AnnotatedSentence> sentences;
};

// Segments `doc` into sentences (raw or one-per-line tokenized text, told
// apart automatically) and tags it with its dct as a news article. Requires
// doc.dct.
AnnotatedDocument Annotate(Document doc, const Tagger& tagger);

// Annotate over many documents on `threads` threads (0 = all cores), in
// input order. `progress`, when set, is called from the calling thread with
// (done, total) now and then.
std::vector<AnnotatedDocument> AnnotateAll(
    std::vector<Document> docs, const Tagger& tagger, int threads = 0,
    const std::function<void(size_t, size_t)>& progress = nullptr);

struct TimelineOptions {
  // Keywords naming the story ("bp oil spill"). When set, only sentences of
  // articles that contain a keyword take part, and sentences that contain
  // one are preferred. Empty: the whole collection is the story.
  std::string query;
  int max_dates = 0;           // L; 0 picks a length from the collection
  int sentences_per_date = 0;  // K; 0 means 1
  // Only dates (and articles published) within [from, to] take part.
  std::optional<Date> from;
  std::optional<Date> to;
};

struct TimelineSentence {
  std::string text;  // the sentence, whitespace runs folded to one space
  std::string doc_id;
  Date published;
  double score = 0;  // relevance within the date's candidates
};

// One date of the timeline and the evidence that chose it.
struct TimelineEntry {
  Date date;
  double score = 0;      // the date's rank score
  int articles = 0;      // distinct articles referring to the date
  int mentions = 0;      // sentences that name the date (day precision)
  int published = 0;     // articles published on the date
  std::vector<TimelineSentence> sentences;
};

struct TimelineResult {
  std::vector<TimelineEntry> entries;  // ascending by date
  size_t documents = 0;                // articles that took part
  size_t sentences = 0;                // their sentences
};

TimelineResult BuildTimeline(std::span<const AnnotatedDocument> docs,
                             const TimelineOptions& options);

// One time an article refers to, with the sentence that does.
struct ArticleEvent {
  Timex timex;        // the expression (value, interval, mod)
  std::string sentence;  // whitespace runs folded to one space
  size_t sentence_index = 0;
};

// The dated events of one article ordered by event time: by the start of
// the expression's interval (a START/EARLY mod before MID before END at the
// same start), then by position. Expressions without a calendar interval
// (durations, sets, "recently") are left out; an article's own publication
// date counts like any other date.
std::vector<ArticleEvent> ArticleEvents(const AnnotatedDocument& doc);

}  // namespace annals

#endif  // ANNALS_TIMELINE_H_
