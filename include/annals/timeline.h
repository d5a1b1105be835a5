// annals/timeline.h — timelines from dated news.
//
// The pipeline has the stages of the task, each a plain function over plain
// data: load (corpus/collection.h) → segment + tag (Annotate) → index the
// sentences (TimelineIndex) → score dates → pick dates → pick sentences
// (TimelineIndex::Build) → write. BuildTimeline does the last four at once.
// For one article, ArticleEvents lists what the article itself mentions in
// event-time order.
//
// Everything here is deterministic: the same input and options give the same
// timeline, whatever the number of threads.
#ifndef ANNALS_TIMELINE_H_
#define ANNALS_TIMELINE_H_

#include <cstddef>
#include <functional>
#include <memory>
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
// apart automatically, with the abbreviations of its language) and tags it
// with its dct as a news article. Requires doc.dct. doc.lang becomes the
// tagger's language.
AnnotatedDocument Annotate(Document doc, const Tagger& tagger);

// The same with the tagger of the document's language: doc.lang when it is
// a code Tagger::ForLanguage takes, else the language detected from the
// text (LanguageOf), which doc.lang becomes.
AnnotatedDocument Annotate(Document doc);

// Annotate with the tagger of `lang`: a code Tagger::ForLanguage takes, or
// "auto" for the document's own choice (as Annotate(Document) makes it).
AnnotatedDocument Annotate(Document doc, std::string_view lang);

// The tagger a document is read with (TaggerFor in AnnotateAll below).
using TaggerChoice = std::function<const Tagger&(const Document&)>;

// Annotate over many documents on `threads` threads (0 = all cores), in
// input order. `progress`, when set, is called from the calling thread with
// (done, total) now and then.
std::vector<AnnotatedDocument> AnnotateAll(
    std::vector<Document> docs, const Tagger& tagger, int threads = 0,
    const std::function<void(size_t, size_t)>& progress = nullptr);

// AnnotateAll with each document's own language: `lang` "auto" (the
// Annotate(Document) choice per document) or one code for all.
std::vector<AnnotatedDocument> AnnotateAll(
    std::vector<Document> docs, std::string_view lang, int threads = 0,
    const std::function<void(size_t, size_t)>& progress = nullptr);

// AnnotateAll with the tagger `tagger_for` gives each document (taggers
// read from a directory, for one). It is called on the worker threads, so
// it must be thread-safe; what it returns must outlive the call.
std::vector<AnnotatedDocument> AnnotateAll(
    std::vector<Document> docs, const TaggerChoice& tagger_for, int threads = 0,
    const std::function<void(size_t, size_t)>& progress = nullptr);

struct TimelineOptions {
  // Keywords naming the story ("bp oil spill"). When set, only articles
  // that contain a keyword take part, and sentences that contain one are
  // preferred. Empty: the story is the collection's dominant word (the one
  // articles use most, several times each: "oil", "syria"), and articles
  // that never use it are left out.
  std::string query;
  // L; 0 picks a length from the collection: a date for about every three
  // days that have articles, between 5 and 50.
  int max_dates = 0;
  int sentences_per_date = 0;  // K; 0 means 2
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
  double score = 0;   // the date's rank score
  int articles = 0;   // distinct articles referring to the date
  int mentions = 0;   // sentences that name the date (day precision)
  int published = 0;  // articles published on the date
  // The share of the range spanned by the widest chronology among the
  // articles ("March 19 - Air strikes begin ...") that lists the date; 0
  // when none does.
  double chronology = 0;
  std::vector<TimelineSentence> sentences;
};

struct TimelineResult {
  std::vector<TimelineEntry> entries;  // ascending by date
  std::vector<std::string> keywords;   // the story's words (query or automatic)
  bool automatic_keywords = false;     // chosen from the collection
  size_t documents = 0;                // articles that took part
  size_t sentences = 0;                // their sentences
};

// A collection read for timelines: the part of building one that no option
// changes (each sentence split into stemmed content words, the days it
// names), done once so that several timelines of the collection — other
// ranges, lengths or queries, like the tasks of a Timeline17 topic — share
// it. Build(options) gives exactly what BuildTimeline(docs, options) gives.
//
// The index refers to the documents: they must stay alive and unchanged
// while it is used. Build is const and may run on many threads at once.
// Movable; a moved-from index may only be assigned to or destroyed.
class TimelineIndex {
 public:
  explicit TimelineIndex(std::span<const AnnotatedDocument> docs);
  // The same over documents that need not be contiguous (a server's cached
  // articles): nothing is copied. The pointers must not be null.
  explicit TimelineIndex(std::span<const AnnotatedDocument* const> docs);
  TimelineIndex(TimelineIndex&&) noexcept;
  TimelineIndex& operator=(TimelineIndex&&) noexcept;
  ~TimelineIndex();

  size_t size() const;  // documents indexed

  TimelineResult Build(const TimelineOptions& options) const;

 private:
  struct Impl;
  std::unique_ptr<const Impl> impl_;
};

// The timeline of `docs` in one call. Only the articles published within
// [options.from, options.to] are indexed: one build costs no more than that.
TimelineResult BuildTimeline(std::span<const AnnotatedDocument> docs,
                             const TimelineOptions& options);
TimelineResult BuildTimeline(std::span<const AnnotatedDocument* const> docs,
                             const TimelineOptions& options);

// One time an article refers to, with the sentence that does.
struct ArticleEvent {
  Timex timex;           // the expression (value, interval, mod)
  std::string sentence;  // whitespace runs folded to one space
  size_t sentence_index = 0;
};

// The dated events of one article ordered by event time: by the start of
// the expression's interval, where a MID or END/LATE mod moves the start to
// the middle or last third of the interval ("late 2012" after "March 2012")
// and, at equal starts, START/EARLY comes before MID before END; then by
// position in the text. Expressions without a calendar interval
// (durations, sets, "recently") are left out; an article's own publication
// date counts like any other date.
std::vector<ArticleEvent> ArticleEvents(const AnnotatedDocument& doc);

}  // namespace annals

#endif  // ANNALS_TIMELINE_H_
