// Segment + tag: the first stage of the timeline pipeline.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "annals/timeline.h"
#include "text/sentences.h"

namespace annals {

AnnotatedDocument Annotate(Document doc, const Tagger& tagger) {
  if (!doc.dct) throw std::invalid_argument("Annotate: document " + doc.id + " has no date");
  AnnotatedDocument out;
  std::vector<Timex> timexes = tagger.Tag(doc.text, TagOptions{*doc.dct, DocType::kNews});
  doc.lang = tagger.language();
  std::vector<SentenceSpan> spans = SplitSentences(doc.text, doc.lang);
  out.sentences.reserve(spans.size());
  // Both lists are in text order: one merge pass. A timex that straddles a
  // sentence boundary (rare: "Jan. | 30") goes to the sentence it starts in.
  size_t t = 0;
  for (size_t s = 0; s < spans.size(); ++s) {
    AnnotatedSentence sentence{spans[s].begin, spans[s].end, {}};
    const size_t limit = s + 1 < spans.size() ? spans[s + 1].begin : doc.text.size();
    while (t < timexes.size() && timexes[t].begin < limit) {
      if (timexes[t].begin >= sentence.begin) sentence.timexes.push_back(std::move(timexes[t]));
      ++t;  // before the first sentence (a dateline): no sentence holds it
    }
    out.sentences.push_back(std::move(sentence));
  }
  out.doc = std::move(doc);
  return out;
}

AnnotatedDocument Annotate(Document doc) {
  const std::string_view lang =
      IsTaggerLanguage(doc.lang) ? std::string_view(doc.lang) : LanguageOf(doc.text);
  return Annotate(std::move(doc), Tagger::ForLanguage(lang));
}

AnnotatedDocument Annotate(Document doc, std::string_view lang) {
  if (lang == "auto") return Annotate(std::move(doc));
  return Annotate(std::move(doc), Tagger::ForLanguage(lang));
}

namespace {

std::vector<AnnotatedDocument> AnnotateEach(
    std::vector<Document> docs, const std::function<AnnotatedDocument(Document)>& annotate,
    int threads, const std::function<void(size_t, size_t)>& progress) {
  const size_t n = docs.size();
  std::vector<AnnotatedDocument> out(n);
  if (threads <= 0) threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  threads =
      static_cast<int>(std::min<size_t>(static_cast<size_t>(threads), std::max<size_t>(n, 1)));
  std::atomic<size_t> next{0};
  std::atomic<size_t> done{0};
  std::mutex mu;
  std::condition_variable cv;
  std::exception_ptr error;
  auto work = [&] {
    for (size_t i; (i = next.fetch_add(1)) < n;) {
      try {
        out[i] = annotate(std::move(docs[i]));
      } catch (...) {
        std::lock_guard<std::mutex> lock(mu);
        if (!error) error = std::current_exception();
      }
      if (done.fetch_add(1) + 1 == n) {
        std::lock_guard<std::mutex> lock(mu);
        cv.notify_all();
      }
    }
  };
  std::vector<std::thread> pool;
  if (threads == 1 && !progress) {
    work();  // no thread to start for one worker (callers annotate one document at a time)
    if (error) std::rethrow_exception(error);
    return out;
  }
  for (int i = 0; i < threads; ++i) pool.emplace_back(work);
  if (progress) {
    std::unique_lock<std::mutex> lock(mu);
    while (done.load() < n) {
      progress(done.load(), n);
      cv.wait_for(lock, std::chrono::milliseconds(200));
    }
  }
  for (auto& th : pool) th.join();
  if (progress) progress(n, n);
  if (error) std::rethrow_exception(error);
  return out;
}

}  // namespace

std::vector<AnnotatedDocument> AnnotateAll(std::vector<Document> docs, const Tagger& tagger,
                                           int threads,
                                           const std::function<void(size_t, size_t)>& progress) {
  return AnnotateEach(
      std::move(docs), [&tagger](Document d) { return Annotate(std::move(d), tagger); }, threads,
      progress);
}

std::vector<AnnotatedDocument> AnnotateAll(std::vector<Document> docs, std::string_view lang,
                                           int threads,
                                           const std::function<void(size_t, size_t)>& progress) {
  if (lang != "auto")
    return AnnotateAll(std::move(docs), Tagger::ForLanguage(lang), threads, progress);
  return AnnotateEach(
      std::move(docs), [](Document d) { return Annotate(std::move(d)); }, threads, progress);
}

std::vector<AnnotatedDocument> AnnotateAll(std::vector<Document> docs,
                                           const TaggerChoice& tagger_for, int threads,
                                           const std::function<void(size_t, size_t)>& progress) {
  return AnnotateEach(
      std::move(docs),
      [&tagger_for](Document d) {
        const Tagger& t = tagger_for(d);
        return Annotate(std::move(d), t);
      },
      threads, progress);
}

}  // namespace annals
