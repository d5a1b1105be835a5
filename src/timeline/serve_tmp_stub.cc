// TEMPORARY stub of annals/timeline.h for the serve branch until the real
// implementation lands on main. Delete before the last commit.
#include <map>
#include <set>

#include "annals/timeline.h"
#include "text/sentences.h"

namespace annals {

AnnotatedDocument Annotate(Document doc, const Tagger& tagger) {
  AnnotatedDocument out;
  TagOptions o;
  o.dct = *doc.dct;
  std::vector<Timex> tx = tagger.Tag(doc.text, o);
  size_t k = 0;
  for (const SentenceSpan& s : SplitSentences(doc.text)) {
    AnnotatedSentence as{s.begin, s.end, {}};
    while (k < tx.size() && tx[k].begin < s.begin) ++k;
    while (k < tx.size() && tx[k].begin < s.end) as.timexes.push_back(tx[k++]);
    out.sentences.push_back(std::move(as));
  }
  out.doc = std::move(doc);
  return out;
}

std::vector<AnnotatedDocument> AnnotateAll(std::vector<Document> docs, const Tagger& tagger,
                                           int, const std::function<void(size_t, size_t)>&) {
  std::vector<AnnotatedDocument> out;
  for (auto& d : docs) out.push_back(Annotate(std::move(d), tagger));
  return out;
}

TimelineResult BuildTimeline(std::span<const AnnotatedDocument> docs,
                             const TimelineOptions& options) {
  std::map<Date, TimelineEntry> by;
  TimelineResult r;
  for (const auto& d : docs) {
    if (!options.query.empty() && d.doc.text.find(options.query) == std::string::npos) continue;
    ++r.documents;
    for (const auto& s : d.sentences) {
      ++r.sentences;
      for (const auto& t : s.timexes) {
        if (!t.interval || t.interval->first != t.interval->last) continue;
        Date day = t.interval->first;
        if ((options.from && day < *options.from) || (options.to && day > *options.to)) continue;
        auto& e = by[day];
        e.date = day;
        e.mentions++;
        e.score += 1;
        if ((int)e.sentences.size() < std::max(1, options.sentences_per_date))
          e.sentences.push_back({d.doc.text.substr(s.begin, s.end - s.begin), d.doc.id, *d.doc.dct, 1});
      }
    }
  }
  std::vector<TimelineEntry> all;
  for (auto& [k, v] : by) all.push_back(v);
  std::stable_sort(all.begin(), all.end(), [](auto& a, auto& b) { return a.score > b.score; });
  size_t L = options.max_dates > 0 ? options.max_dates : 10;
  if (all.size() > L) all.resize(L);
  std::sort(all.begin(), all.end(), [](auto& a, auto& b) { return a.date < b.date; });
  r.entries = std::move(all);
  return r;
}

}  // namespace annals
