// Fuzzes the timeline pipeline (annotate -> index -> score -> pick) on a
// small corpus cut from the input: records separated by 0x1E, the first
// byte of each choosing its publication day in January 2013, and a header
// byte choosing L, K and a range. Texts that the readers would reject (not
// UTF-8, NUL bytes) are skipped, as the readers skip them.
//
// The timeline must keep its contract whatever the text: at most L dates,
// ascending and distinct, inside the range; at most K sentences a date,
// each from an article of the corpus published in the range; the index
// built once gives exactly what BuildTimeline gives; and every event of an
// article points at one of its sentences.
#include <cstdint>
#include <cstdlib>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "annals/tagger.h"
#include "annals/timeline.h"
#include "corpus/readers.h"

namespace {

constexpr size_t kMaxDocuments = 16;

annals::Date Day(uint8_t b) { return annals::Date{2013, 1, 1 + b % 31}; }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 2) return 0;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const uint8_t header = data[0];
  annals::TimelineOptions options;
  options.max_dates = 1 + header % 8;
  options.sentences_per_date = 1 + (header >> 3) % 3;
  if (header & 0x20) options.from = Day(data[1]);
  if (header & 0x40) options.to = Day(data[1] + 10);
  if (options.from && options.to && *options.to < *options.from) options.to.reset();
  if (header & 0x80) options.query = "talks";

  std::vector<annals::Document> docs;
  size_t start = 2;
  while (start <= size && docs.size() < kMaxDocuments) {
    size_t end = input.find('\x1e', start);
    if (end == std::string_view::npos) end = size;
    const std::string_view record = input.substr(start, end - start);
    annals::ReadError err;
    if (!record.empty() && annals::CheckText(record.substr(1), "fuzz", &err)) {
      annals::Document doc;
      doc.id = "doc" + std::to_string(docs.size());
      doc.dct = Day(static_cast<uint8_t>(record[0]));
      doc.text.assign(record.substr(1));
      docs.push_back(std::move(doc));
    }
    start = end + 1;
  }
  if (docs.empty()) return 0;

  const std::vector<annals::AnnotatedDocument> annotated =
      annals::AnnotateAll(docs, annals::Tagger::Default(), /*threads=*/1);
  if (annotated.size() != docs.size()) std::abort();
  std::set<std::string> ids;
  for (const annals::AnnotatedDocument& d : annotated) {
    ids.insert(d.doc.id);
    for (const annals::ArticleEvent& e : annals::ArticleEvents(d))
      if (e.sentence_index >= d.sentences.size()) std::abort();
  }

  // Restated here, not taken from the library: the harness checks it.
  auto in_range = [&](annals::Date d) {
    return (!options.from || d >= *options.from) && (!options.to || d <= *options.to);
  };
  const annals::TimelineResult result = annals::BuildTimeline(annotated, options);
  if (result.entries.size() > static_cast<size_t>(options.max_dates)) std::abort();
  if (result.documents > docs.size()) std::abort();
  for (size_t i = 0; i < result.entries.size(); ++i) {
    const annals::TimelineEntry& e = result.entries[i];
    if (i > 0 && !(result.entries[i - 1].date < e.date)) std::abort();
    if (!in_range(e.date)) std::abort();
    if (e.sentences.size() > static_cast<size_t>(options.sentences_per_date)) std::abort();
    for (const annals::TimelineSentence& s : e.sentences) {
      if (!ids.contains(s.doc_id) || !in_range(s.published)) std::abort();
    }
  }

  const annals::TimelineIndex index(annotated);
  const annals::TimelineResult again = index.Build(options);
  if (again.entries.size() != result.entries.size()) std::abort();
  for (size_t i = 0; i < again.entries.size(); ++i) {
    if (again.entries[i].date != result.entries[i].date) std::abort();
    if (again.entries[i].sentences.size() != result.entries[i].sentences.size()) std::abort();
  }
  return 0;
}
