// timeline/stages.h — the stages of a timeline build (timeline.cc), each
// a plain function over plain data so that it can be tested alone:
//
//   IndexSentences    what no option changes: every sentence's content
//                     words and the days it names (once per collection,
//                     TimelineIndex)
//   CollectSentences  which articles and sentences take part; the days each
//                     sentence names within the range; its terms
//   WeightTerms       tf-idf sentence vectors
//   ScoreDates        evidence and a rank score for every named day
//   PickDates         the L best days
//   PickSentences     the K sentences that best say what happened on a day
//
// Everything from CollectSentences on depends on the options: the range
// decides which articles take part, and so the terms' ids, the story's
// keyword, the tf-idf weights and the articles' relevance.
#ifndef ANNALS_TIMELINE_STAGES_H_
#define ANNALS_TIMELINE_STAGES_H_

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "annals/timeline.h"
#include "timeline/terms.h"

namespace annals::timeline {

// A sentence as IndexSentences records it, before any option applies.
struct IndexedSentence {
  std::vector<WordId> content;  // content words in text order
  // A calendar day the sentence names at day precision, in text order.
  struct Day {
    Date day;
    // The expression opens the sentence and has a digit ("March 19 - ..."),
    // as the entries of a chronology do.
    bool heading = false;
  };
  std::vector<Day> days;
  int words = 0;                // whitespace-separated words
  bool has_clock_time = false;  // names a time of day ("5:29 p.m. ET")
  bool looks_noisy = false;     // a '|' or '@' or web address: page furniture
};

// A collection read once for all its timelines.
struct SentenceIndex {
  std::vector<const AnnotatedDocument*> docs;  // not owned
  Vocabulary vocabulary;                       // of all the sentences
  std::vector<IndexedSentence> sentences;      // by document, then position
  // Sentences of docs[d]: [first[d], first[d + 1]); none for an article
  // without a date, which never takes part.
  std::vector<size_t> first;
};

// Reads the sentences of `docs` (not null; they must outlive the index)
// into index.vocabulary, in document order.
SentenceIndex IndexSentences(std::span<const AnnotatedDocument* const> docs);

// One sentence of the collection, as the later stages see it.
struct SentenceRecord {
  uint32_t doc = 0;    // index into SentenceIndex::docs
  uint32_t index = 0;  // sentence index within its document
  Date published;      // the article's date
  // Distinct calendar days the sentence names at day precision
  // ("Wednesday", "March 3, 2011", "yesterday"), ascending, within the
  // date range of the options.
  std::vector<Date> days;
  std::vector<TermId> terms;  // content terms in text order
  TermVector vector;          // tf-idf, unit length (WeightTerms)
  int words = 0;              // whitespace-separated words
  bool query_match = false;   // holds a query term
  // The sentence opens with an explicit date naming this day, as entries
  // of the chronologies news sites publish do ("March 19 - Air strikes
  // begin ..."); 0 days otherwise.
  std::optional<Date> heading_day;
  bool has_clock_time = false;  // names a time of day ("5:29 p.m. ET")
  bool looks_noisy = false;     // a '|' or '@' or web address: page furniture
};

struct CollectedSentences {
  std::vector<SentenceRecord> sentences;  // by document, then position
  std::vector<uint32_t> documents;        // indexes of the documents used
  std::vector<TermId> query;              // the story's terms, sorted
  size_t query_terms = 0;                 // query.size()
  bool automatic_query = false;           // chosen by StoryKeywords
  // Sentences (indexes into `sentences`) naming each day, ascending.
  std::map<Date, std::vector<uint32_t>> naming;
  // The opening sentences of the articles published on each day.
  std::map<Date, std::vector<uint32_t>> openings;
  // The range the timeline covers: options.from and options.to, or where
  // one is not given, the first or last publication day of the documents
  // used.
  Date first_day;
  Date last_day;
  // Per document (indexed like SentenceIndex::docs): how close the article
  // is to the collection as a whole, in [0, 1] (WeighDocuments); 0 when
  // not used.
  std::vector<float> relevance;
};

// Whether `d` lies within [options.from, options.to]; an end not given is
// open.
bool InRange(Date d, const TimelineOptions& options);

// The story's keyword when the user gave none: the term with the highest
// mean over articles of log(1 + its count in the article). Collections
// gathered by keyword search ("oil spill") use the search word several
// times in nearly every article; words any article uses (people,
// government) score lower. Empty for an empty collection.
std::vector<TermId> StoryKeywords(const std::vector<SentenceRecord>& sentences, size_t num_terms);

// How the story's terms read to a user: for each term of c.query, in
// order, the word the collected sentences write most often for it
// ("financial", where the first word met for its stem may have been
// "financiers"); ties go to the word met first. A term no collected
// sentence uses keeps terms.Word's word (a query word no article has).
std::vector<std::string> KeywordWords(const SentenceIndex& index, const CollectedSentences& c,
                                      const TermNumbering& terms);

// Keeps the documents published within [options.from, options.to] that
// hold at least one term of options.query or, when that is empty, the
// StoryKeywords of those documents; records their sentences. `terms`,
// fresh over index.vocabulary, numbers the terms of the sentences of every
// document in the range, in order, then of the query.
CollectedSentences CollectSentences(const SentenceIndex& index, const TimelineOptions& options,
                                    TermNumbering* terms);

// Sets every sentence's vector: term counts × log(N / sentence frequency),
// unit length.
void WeightTerms(std::vector<SentenceRecord>* sentences, size_t num_terms);

// Sets collected->relevance: the cosine of each article's vector (the sum
// of its sentence vectors) with the collection's centroid. Off-topic
// articles, which keyword-gathered collections are full of, score low.
void WeighDocuments(CollectedSentences* collected, size_t num_docs);

// The chronologies among the articles used: an article that opens
// sentences with at least three distinct days of the range ("March 19 -
// Air strikes begin ..."), a list of the story's key days as its editors
// saw them. For every day such a list names, the largest share of the
// range [first_day, last_day] spanned by a list naming it (its first to
// its last day in the range, over the range's length), in (0, 1]. Once
// WeighDocuments has run, a list less relevant than three in four of the
// articles is another story's and does not count.
std::map<Date, double> ChronologyCoverage(const CollectedSentences& collected);

// Evidence about one day.
struct DateEvidence {
  Date date;
  double score = 0;
  int articles = 0;   // distinct articles naming the day or published on it
  int mentions = 0;   // sentences naming the day
  int published = 0;  // articles published on the day
  // The widest chronology listing the day: the share of the range it
  // spans (ChronologyCoverage), 0 when no chronology lists the day.
  double chronology = 0;
};

// Evidence for every day that is named by a sentence or has an article
// published on it, ascending by date. The score rewards days that many
// articles name, most of all articles written later (a day the story keeps
// returning to), days with many articles published, and days that a
// chronology spanning most of the range lists.
std::vector<DateEvidence> ScoreDates(const CollectedSentences& collected,
                                     std::span<const AnnotatedDocument* const> docs);

// The `count` best-scored days (ties: the earlier day), ascending by date.
std::vector<DateEvidence> PickDates(std::vector<DateEvidence> scored, size_t count);

// The sentences that may summarize `day`: those that name it, and the
// opening sentences of articles published on it that name no other day
// (all its openings when that leaves none).
std::vector<uint32_t> CandidateSentences(const CollectedSentences& collected, Date day);

// Up to `count` of `candidates` as the summary of `day`: each step takes
// the candidate closest to the candidates' centroid, weighted by its
// article's relevance, typical length, chronology form ("March 19 - ..."),
// and an explicit query, that is not a near-duplicate of one taken before,
// here or for another day (`taken` holds the texts already used and is
// updated).
// Returns indexes into collected.sentences with their scores.
std::vector<std::pair<uint32_t, double>> PickSentences(
    const CollectedSentences& collected, std::span<const AnnotatedDocument* const> docs,
    const std::vector<uint32_t>& candidates, size_t count, std::unordered_set<std::string>* taken,
    Date day);

// The bytes of sentence `r` in its article.
std::string_view SentenceText(std::span<const AnnotatedDocument* const> docs,
                              const SentenceRecord& r);

// `text` with every run of whitespace folded to one space, trimmed.
std::string FoldSpaces(std::string_view text);

// `text` (sentence s) without a leading date heading, as chronologies
// open their entries ("April 22 - The rig sinks ..." -> "The rig sinks
// ..."): in a timeline the entry's date says it already.
std::string_view WithoutDateHeading(const AnnotatedSentence& s, std::string_view text);

// `text` without a leading dateline, the agency's mark and a dash
// ("Tripoli , Libya (CNN) -- Libyan aircraft ..." -> "Libyan aircraft ..."):
// page furniture, not what happened.
std::string_view WithoutDateline(std::string_view text);

}  // namespace annals::timeline

#endif  // ANNALS_TIMELINE_STAGES_H_
