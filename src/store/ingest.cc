#include "store/ingest.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <exception>
#include <filesystem>
#include <map>
#include <mutex>
#include <thread>
#include <unordered_map>

#include "annals/timeline.h"
#include "corpus/collection.h"
#include "corpus/timeml.h"
#include "store/store.h"

namespace annals::store {
namespace {

// Tagger threads annotate batches in any order; the writer commits them in
// input order, so that a killed ingest leaves a prefix of the input and
// article numbers do not depend on thread timing. At most `kWindow`
// batches are in memory ahead of the writer.
constexpr size_t kWindow = 4;

class Pipeline {
 public:
  Pipeline(StoreWriter* writer, std::vector<Document> docs, std::vector<std::string> hashes,
           const IngestOptions& options, IngestStats* stats, size_t done_before, size_t total)
      : writer_(writer),
        docs_(std::move(docs)),
        hashes_(std::move(hashes)),
        options_(options),
        stats_(stats),
        done_(done_before),
        total_(total) {
    const size_t batch = std::max<size_t>(1, options.batch);
    batches_ = (docs_.size() + batch - 1) / batch;
    batch_size_ = batch;
  }

  void Run() {
    int n = options_.threads > 0
                ? options_.threads
                : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    n = static_cast<int>(std::min<size_t>(n, std::max<size_t>(1, batches_)));
    std::vector<std::thread> workers;
    for (int i = 0; i < n; ++i) workers.emplace_back([this] { Tag(); });
    try {
      Write();
    } catch (...) {
      Abort(std::current_exception());
    }
    for (auto& t : workers) t.join();
    if (error_) std::rethrow_exception(error_);
  }

 private:
  void Abort(std::exception_ptr e) {
    std::lock_guard<std::mutex> lock(mu_);
    if (!error_) error_ = e;
    cv_.notify_all();
  }

  void Tag() {
    for (;;) {
      size_t b;
      {
        std::unique_lock<std::mutex> lock(mu_);
        cv_.wait(lock, [&] { return error_ || next_ >= batches_ || next_ < written_ + kWindow; });
        if (error_ || next_ >= batches_) return;
        b = next_++;
      }
      std::vector<AnnotatedDocument> out;
      try {
        const size_t lo = b * batch_size_, hi = std::min(docs_.size(), lo + batch_size_);
        out.reserve(hi - lo);
        for (size_t i = lo; i < hi; ++i)
          out.push_back(Annotate(std::move(docs_[i]), options_.lang));
      } catch (...) {
        Abort(std::current_exception());
        return;
      }
      std::lock_guard<std::mutex> lock(mu_);
      ready_.emplace(b, std::move(out));
      cv_.notify_all();
    }
  }

  void Write() {
    for (size_t b = 0; b < batches_; ++b) {
      std::vector<AnnotatedDocument> batch;
      const size_t first = b * batch_size_;
      {
        std::unique_lock<std::mutex> lock(mu_);
        cv_.wait(lock, [&] { return error_ || ready_.count(b); });
        if (error_) return;
        batch = std::move(ready_[b]);
        ready_.erase(b);
      }
      writer_->Begin();
      try {
        for (size_t i = 0; i < batch.size(); ++i) {
          const AnnotatedDocument& a = batch[i];
          switch (writer_->Put(a, hashes_[first + i])) {
            case PutResult::kAdded:
              ++stats_->added;
              break;
            case PutResult::kUpdated:
              ++stats_->updated;
              break;
            case PutResult::kUnchanged:
              ++stats_->unchanged;
              break;
          }
          stats_->sentences += a.sentences.size();
          for (const AnnotatedSentence& s : a.sentences) stats_->timexes += s.timexes.size();
        }
        writer_->Commit();
      } catch (...) {
        writer_->Rollback();
        throw;
      }
      done_ += batch.size();
      {
        std::lock_guard<std::mutex> lock(mu_);
        written_ = b + 1;
        cv_.notify_all();
      }
      // Free the texts now rather than at the end.
      std::vector<AnnotatedDocument>().swap(batch);
      if (options_.progress) options_.progress(done_, total_);
    }
  }

  StoreWriter* writer_;
  std::vector<Document> docs_;
  std::vector<std::string> hashes_;  // parallel to docs_
  const IngestOptions& options_;
  IngestStats* stats_;
  size_t done_, total_;
  size_t batches_ = 0, batch_size_ = 1;

  std::mutex mu_;
  std::condition_variable cv_;
  size_t next_ = 0;     // next batch to tag
  size_t written_ = 0;  // batches committed
  std::map<size_t, std::vector<AnnotatedDocument>> ready_;
  std::exception_ptr error_;
};

// Documents whose id is stored (or seen earlier in this run) with the same
// content are dropped and counted as unchanged.
std::vector<Document> DropUnchanged(std::vector<Document> docs,
                                    std::unordered_map<std::string, std::string>* stored,
                                    IngestStats* stats, std::vector<std::string>* hashes) {
  std::vector<Document> keep;
  keep.reserve(docs.size());
  for (Document& d : docs) {
    std::string hash = ContentHash(d);
    auto [it, inserted] = stored->try_emplace(d.id, hash);
    if (!inserted && it->second == hash) {
      ++stats->unchanged;
      continue;
    }
    it->second = hash;
    hashes->push_back(std::move(hash));
    keep.push_back(std::move(d));
  }
  return keep;
}

IngestStats Store(const std::string& db, std::vector<Document> docs, IngestStats stats,
                  const IngestOptions& options) {
  StoreWriter writer(db);
  auto stored = writer.StoredHashes();
  const size_t total = docs.size();
  std::vector<std::string> hashes;
  docs = DropUnchanged(std::move(docs), &stored, &stats, &hashes);
  const size_t done_before = total - docs.size();
  if (options.progress) options.progress(done_before, total);
  Pipeline(&writer, std::move(docs), std::move(hashes), options, &stats, done_before, total).Run();
  writer.Checkpoint();
  return stats;
}

bool IsTimemlName(const std::string& name) {
  auto ends = [&](std::string_view suffix) {
    return name.size() >= suffix.size() &&
           name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  return ends(".tml") || ends(".TE3input");
}

// TimeML files (.tml, .tml.TE3input): the TEXT content with its DCT. The
// corpus loaders do not read TimeML, the `tag` command does; so does ingest.
Collection LoadTimeml(const std::vector<std::string>& files, const std::string& name) {
  Collection out;
  out.name = name;
  for (const std::string& path : files) {
    std::string raw;
    ReadError err;
    if (!ReadWholeFile(path, &raw, &err)) {
      out.skipped.push_back(err);
      continue;
    }
    TimemlDocument doc;
    TimemlError terr;
    if (!ParseTimeml(raw, &doc, &terr)) {
      out.skipped.push_back({path, terr.line, terr.message});
      continue;
    }
    std::optional<Date> dct = Date::Parse(doc.dct_value);
    if (!dct) {
      out.skipped.push_back({path, 0, "DCT value `" + doc.dct_value + "` is not a date"});
      continue;
    }
    if (FindBadTextByte(doc.text) != std::string_view::npos) {
      out.skipped.push_back({path, 0, "TEXT is not valid UTF-8 or holds NUL"});
      continue;
    }
    std::string id =
        doc.docid.empty() ? std::filesystem::path(path).filename().string() : doc.docid;
    out.documents.push_back(Document{std::move(id), dct, std::move(doc.text), ""});
  }
  return out;
}

// The TimeML files of `path`: the file itself, or every file of a folder
// when all its files are TimeML. Empty otherwise.
std::vector<std::string> TimemlFiles(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::is_regular_file(path, ec))
    return IsTimemlName(path) ? std::vector{path} : std::vector<std::string>{};
  if (!fs::is_directory(path, ec)) return {};
  std::vector<std::string> files;
  for (const fs::directory_entry& e : fs::directory_iterator(path, ec)) {
    if (!e.is_regular_file(ec)) continue;
    if (!IsTimemlName(e.path().filename().string())) return {};
    files.push_back(e.path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

IngestStats IngestDocuments(const std::string& db, std::vector<Document> docs,
                            const IngestOptions& options) {
  return Store(db, std::move(docs), IngestStats{}, options);
}

IngestStats IngestPaths(const std::string& db, const std::vector<std::string>& paths,
                        const IngestOptions& options) {
  IngestStats stats;
  std::vector<Document> all;
  LoadOptions load;
  load.max_total_bytes = options.max_total_bytes;
  bool exhausted = false;  // the budget ran out: later inputs are not read
  auto skip = [&](const ReadError& e) {
    ++stats.skipped;
    if (options.on_skip) options.on_skip(e);
  };
  const std::string over = "not read: " + OverBudget(options.max_total_bytes);
  auto take = [&](Collection c, const std::string& prefix) {
    exhausted = exhausted || c.budget_exhausted;
    for (const ReadError& e : c.skipped) skip(e);
    for (Document& d : c.documents) {
      if (!prefix.empty()) d.id = prefix + "/" + d.id;
      load.text_held += d.text.size();  // one text budget for all PATHs
      all.push_back(std::move(d));
    }
  };
  std::string current;  // the path being read, for options.reading
  if (options.reading) load.progress = [&](size_t lines) { options.reading(current, lines); };
  load.threads =
      std::max(1, options.threads > 0 ? options.threads
                                      : static_cast<int>(std::thread::hardware_concurrency()));
  for (const std::string& path : paths) {
    current = path;
    std::vector<T17Topic> topics;
    ReadError err;
    std::vector<std::string> timeml = path == "-" ? std::vector<std::string>{} : TimemlFiles(path);
    if (exhausted) {
      skip(ReadError{path, 0, over});
    } else if (!timeml.empty()) {
      take(LoadTimeml(timeml, path), "");
    } else if (path != "-" && ListT17Topics(path, &topics, &err)) {
      for (const T17Topic& topic : topics) {
        if (exhausted) {
          skip(ReadError{topic.source_dirs.empty() ? path : topic.source_dirs.front(), 0, over});
        } else {
          take(LoadT17Topic(topic, load), topic.name);
        }
      }
    } else {
      take(LoadCorpus(path, load), "");
    }
  }
  return Store(db, std::move(all), stats, options);
}

}  // namespace annals::store
