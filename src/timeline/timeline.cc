// TimelineIndex, BuildTimeline and ArticleEvents: the pipeline of
// timeline/stages.h.
#include "annals/timeline.h"

#include <algorithm>
#include <cmath>
#include <tuple>

#include "timeline/stages.h"

namespace annals {
namespace {

// Without --dates: about one date for every three days that have articles,
// between 5 and 50 — Timeline17's journalists kept about that many.
size_t DefaultDateCount(const std::vector<timeline::DateEvidence>& scored) {
  size_t publication_days = 0;
  for (const auto& e : scored) publication_days += e.published > 0;
  return std::clamp<size_t>((publication_days + 2) / 3, 5, 50);
}

std::vector<const AnnotatedDocument*> Pointers(std::span<const AnnotatedDocument> docs) {
  std::vector<const AnnotatedDocument*> out;
  out.reserve(docs.size());
  for (const AnnotatedDocument& d : docs) out.push_back(&d);
  return out;
}

}  // namespace

struct TimelineIndex::Impl {
  timeline::SentenceIndex index;
};

TimelineIndex::TimelineIndex(std::span<const AnnotatedDocument> docs)
    : TimelineIndex(Pointers(docs)) {}

TimelineIndex::TimelineIndex(std::span<const AnnotatedDocument* const> docs)
    : impl_(std::make_unique<const Impl>(Impl{timeline::IndexSentences(docs)})) {}

TimelineIndex::TimelineIndex(TimelineIndex&&) noexcept = default;
TimelineIndex& TimelineIndex::operator=(TimelineIndex&&) noexcept = default;
TimelineIndex::~TimelineIndex() = default;

size_t TimelineIndex::size() const { return impl_->index.docs.size(); }

TimelineResult TimelineIndex::Build(const TimelineOptions& options) const {
  using namespace timeline;
  const SentenceIndex& index = impl_->index;
  const std::span<const AnnotatedDocument* const> docs = index.docs;
  TermNumbering terms(index.vocabulary);
  CollectedSentences collected = CollectSentences(index, options, &terms);
  WeightTerms(&collected.sentences, terms.size());
  WeighDocuments(&collected, docs.size());
  std::vector<DateEvidence> scored = ScoreDates(collected, docs);
  const size_t num_dates =
      options.max_dates > 0 ? static_cast<size_t>(options.max_dates) : DefaultDateCount(scored);
  const size_t per_date =
      options.sentences_per_date > 0 ? static_cast<size_t>(options.sentences_per_date) : 2;
  std::vector<DateEvidence> picked = PickDates(std::move(scored), num_dates);

  // The best-scored dates choose their sentences first, so that a sentence
  // naming two dates goes to the stronger one.
  std::vector<size_t> order(picked.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return picked[a].score > picked[b].score; });
  std::vector<TimelineEntry> entries(picked.size());
  std::unordered_set<std::string> taken;
  for (size_t i : order) {
    const DateEvidence& e = picked[i];
    TimelineEntry& entry = entries[i];
    entry.date = e.date;
    entry.score = e.score;
    entry.articles = e.articles;
    entry.mentions = e.mentions;
    entry.published = e.published;
    entry.chronology = e.chronology;
    for (const auto& [s, score] : PickSentences(
             collected, docs, CandidateSentences(collected, e.date), per_date, &taken, e.date)) {
      const SentenceRecord& r = collected.sentences[s];
      const AnnotatedDocument& d = *docs[r.doc];
      const std::string_view text =
          WithoutDateline(WithoutDateHeading(d.sentences[r.index], SentenceText(docs, r)));
      entry.sentences.push_back(TimelineSentence{FoldSpaces(text), d.doc.id, r.published, score});
    }
  }
  // A date none of whose sentences survived (all taken by stronger dates)
  // has nothing to show.
  std::erase_if(entries, [](const TimelineEntry& e) { return e.sentences.empty(); });

  TimelineResult result;
  result.entries = std::move(entries);
  result.documents = collected.documents.size();
  result.keywords = KeywordWords(index, collected, terms);
  result.automatic_keywords = collected.automatic_query;
  result.sentences = collected.sentences.size();
  return result;
}

TimelineResult BuildTimeline(std::span<const AnnotatedDocument> docs,
                             const TimelineOptions& options) {
  return BuildTimeline(Pointers(docs), options);
}

TimelineResult BuildTimeline(std::span<const AnnotatedDocument* const> docs,
                             const TimelineOptions& options) {
  // Articles outside the range take no part in any stage, so leaving them
  // out of the index changes nothing but the work (their positions in
  // `docs` shift, and no output depends on positions but through order).
  std::vector<const AnnotatedDocument*> in_range;
  in_range.reserve(docs.size());
  for (const AnnotatedDocument* d : docs)
    if (d->doc.dct && timeline::InRange(*d->doc.dct, options)) in_range.push_back(d);
  return TimelineIndex(in_range).Build(options);
}

std::vector<ArticleEvent> ArticleEvents(const AnnotatedDocument& doc) {
  // Sort key: the start of the interval, narrowed by an early/mid/late mod
  // to its first, middle or last third.
  struct Keyed {
    int64_t start;
    int mod_rank;
    size_t position;
    ArticleEvent event;
  };
  std::vector<Keyed> keyed;
  for (size_t i = 0; i < doc.sentences.size(); ++i) {
    const AnnotatedSentence& s = doc.sentences[i];
    for (const Timex& t : s.timexes) {
      if (!t.interval) continue;
      int64_t first = t.interval->first.ToDays();
      const int64_t length = t.interval->last.ToDays() - first + 1;
      int rank = 1;
      if (t.mod == "START" || t.mod == "EARLY") rank = 0;
      if (t.mod == "MID") {
        first += length / 3;
        rank = 1;
      }
      if (t.mod == "END" || t.mod == "LATE") {
        first += 2 * length / 3;
        rank = 2;
      }
      keyed.push_back(Keyed{
          first, rank, t.begin,
          ArticleEvent{
              t,
              timeline::FoldSpaces(std::string_view(doc.doc.text).substr(s.begin, s.end - s.begin)),
              i}});
    }
  }
  std::stable_sort(keyed.begin(), keyed.end(), [](const Keyed& a, const Keyed& b) {
    return std::tie(a.start, a.mod_rank, a.position) < std::tie(b.start, b.mod_rank, b.position);
  });
  std::vector<ArticleEvent> out;
  out.reserve(keyed.size());
  for (Keyed& k : keyed) out.push_back(std::move(k.event));
  return out;
}

}  // namespace annals
