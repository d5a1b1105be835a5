#include "corpus/collection.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <map>
#include <system_error>
#include <thread>
#include <utility>

namespace annals {
namespace {

namespace fs = std::filesystem;

bool InRange(const Date& d, const LoadOptions& options) {
  return (!options.from || d >= *options.from) && (!options.to || d <= *options.to);
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// One file to read. For Timeline17 the date comes from the folder; for
// dated articles from the file's header.
struct FileJob {
  std::string path;
  std::string id;
  std::optional<Date> folder_date;
};

enum class FileKind { kT17, kDated };

struct Slot {
  Document doc;
  ReadError err;
  enum { kPending, kDoc, kSkipped, kOutOfRange } state = kPending;
};

void ReadOne(const FileJob& job, FileKind kind, const LoadOptions& options, Slot* slot) {
  ReadError& err = slot->err;
  if (kind == FileKind::kT17) {
    if (!InRange(*job.folder_date, options)) {
      slot->state = Slot::kOutOfRange;
      return;
    }
    // The file is the text: read it straight into the Document.
    Document& doc = slot->doc;
    if (!ReadWholeFile(job.path, &doc.text, &err, options.max_file_bytes) ||
        !CheckText(doc.text, job.path, &err)) {
      doc.text.clear();
      slot->state = Slot::kSkipped;
      return;
    }
    if (doc.text.find_first_not_of(" \t\r\n") == std::string::npos) {
      err = {job.path, 0, "empty file"};
      doc.text.clear();
      slot->state = Slot::kSkipped;
      return;
    }
    doc.id = job.id;
    doc.dct = job.folder_date;
    slot->state = Slot::kDoc;
    return;
  }
  std::string content;
  if (!ReadWholeFile(job.path, &content, &err, options.max_file_bytes) ||
      !CheckText(content, job.path, &err)) {
    slot->state = Slot::kSkipped;
    return;
  }
  if (content.find_first_not_of(" \t\r\n") == std::string::npos) {
    err = {job.path, 0, "empty file"};
    slot->state = Slot::kSkipped;
    return;
  }
  size_t offset = 0;
  if (!ParseDatedArticle(content, job.path, &slot->doc, &offset, &err)) {
    slot->state = Slot::kSkipped;
    return;
  }
  slot->doc.id = job.id;
  slot->state = InRange(*slot->doc.dct, options) ? Slot::kDoc : Slot::kOutOfRange;
  if (slot->state == Slot::kOutOfRange) slot->doc = Document();
}

// Reads the jobs on options.threads threads (file reading and UTF-8
// checking dominate loading), then collects results in job order so that
// the outcome does not depend on scheduling.
void ReadAll(const std::vector<FileJob>& jobs, FileKind kind, const LoadOptions& options,
             Collection* out) {
  std::vector<Slot> slots(jobs.size());
  // The text budget is spent in job order, before any reading, so that the
  // same files are kept whatever the scheduling.
  size_t budget = options.max_total_bytes - std::min(options.max_total_bytes, options.text_held);
  bool exhausted = false;
  for (size_t i = 0; i < jobs.size(); ++i) {
    std::error_code ec;
    const uintmax_t size = fs::file_size(jobs[i].path, ec);
    if (ec) continue;  // ReadOne reports it
    if (size > budget || exhausted) {
      slots[i].state = Slot::kSkipped;
      slots[i].err = ReadError{jobs[i].path, 0, OverBudget(options.max_total_bytes)};
      exhausted = true;  // later files are skipped too, even empty ones: no holes
      continue;
    }
    budget -= size;
  }
  out->budget_exhausted = out->budget_exhausted || exhausted;
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i = next++; i < jobs.size(); i = next++)
      if (slots[i].state == Slot::kPending) ReadOne(jobs[i], kind, options, &slots[i]);
  };
  const size_t threads =
      std::min<size_t>(static_cast<size_t>(std::max(1, options.threads)), (jobs.size() + 63) / 64);
  std::vector<std::thread> pool;
  for (size_t t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (std::thread& t : pool) t.join();

  size_t docs = 0;
  for (const Slot& s : slots) docs += s.state == Slot::kDoc;
  out->documents.reserve(out->documents.size() + docs);
  for (Slot& s : slots) {
    switch (s.state) {
      case Slot::kDoc:
        out->documents.push_back(std::move(s.doc));
        break;
      case Slot::kSkipped:
        out->skipped.push_back(std::move(s.err));
        break;
      case Slot::kOutOfRange:
        ++out->out_of_range;
        break;
      case Slot::kPending:
        break;
    }
  }
}

void SortDocuments(Collection* c) {
  std::sort(c->documents.begin(), c->documents.end(), [](const Document& a, const Document& b) {
    if (a.dct != b.dct) return a.dct < b.dct;
    return a.id < b.id;
  });
}

// Sorted entries of a directory; an unreadable directory is a skipped entry.
std::vector<fs::directory_entry> ListDir(const fs::path& dir, Collection* out) {
  std::vector<fs::directory_entry> entries;
  std::error_code ec;
  fs::directory_iterator it(dir, ec);
  for (; !ec && it != fs::directory_iterator(); it.increment(ec)) entries.push_back(*it);
  if (ec) out->skipped.push_back({dir.string(), 0, "cannot list directory: " + ec.message()});
  std::sort(entries.begin(), entries.end(),
            [](const fs::directory_entry& a, const fs::directory_entry& b) {
              return a.path().filename() < b.path().filename();
            });
  return entries;
}

bool IsDir(const fs::directory_entry& e) {
  std::error_code ec;
  return e.is_directory(ec);
}

bool IsDirPath(const fs::path& p) {
  std::error_code ec;
  return fs::is_directory(p, ec);
}

// "bpoil_washingtonpost" -> ("bpoil", "washingtonpost"); topic names have
// no '_', source names neither, so the last '_' separates them.
std::pair<std::string, std::string> SplitTopicFolder(const std::string& folder) {
  const size_t us = folder.rfind('_');
  if (us == std::string::npos || us == 0 || us + 1 == folder.size()) return {folder, folder};
  return {folder.substr(0, us), folder.substr(us + 1)};
}

// "t17/bpoil_bbc/" -> "t17/bpoil_bbc"; keeps "." and "/" meaningful.
fs::path Normalize(const std::string& path) {
  fs::path p = fs::path(path).lexically_normal();
  if (p.filename().empty() && p.has_parent_path() && p != p.root_path()) p = p.parent_path();
  return p;
}

std::string FolderName(const fs::path& p) {
  std::error_code ec;
  fs::path name = p.filename();
  if (name.empty() || name == "." || name == "..")
    name = fs::absolute(p, ec).lexically_normal().filename();
  if (name.empty()) name = fs::absolute(p, ec).lexically_normal().parent_path().filename();
  return name.string();
}

}  // namespace

bool ListT17Topics(const std::string& path, std::vector<T17Topic>* topics, ReadError* err) {
  topics->clear();
  const fs::path root = Normalize(path);
  if (!IsDirPath(root)) {
    *err = {path, 0, "not a directory"};
    return false;
  }
  // folder name -> folder, for every <Topic>_<source> folder found.
  std::map<std::string, fs::path> folders;
  if (IsDirPath(root / "InputDocs")) {
    folders[FolderName(root)] = root;
  } else {
    Collection scratch;
    for (const fs::directory_entry& e : ListDir(root, &scratch)) {
      if (IsDir(e) && IsDirPath(e.path() / "InputDocs")) {
        folders[e.path().filename().string()] = e.path();
      }
    }
    if (!scratch.skipped.empty()) {
      *err = scratch.skipped.front();
      return false;
    }
  }
  if (folders.empty()) {
    *err = {path, 0, "no Timeline17 folders (<Topic>_<source>/InputDocs) here"};
    return false;
  }
  std::map<std::string, T17Topic> by_name;
  for (const auto& [folder, dir] : folders) {
    auto [topic_name, source] = SplitTopicFolder(folder);
    T17Topic& topic = by_name[topic_name];
    topic.name = topic_name;
    topic.sources.push_back(source);
    topic.source_dirs.push_back(dir.string());
  }
  for (auto& entry : by_name) {
    // A plain reference, not a structured binding: clang 14 cannot capture
    // bindings in the lambda below.
    T17Topic& topic = entry.second;
    // Sources in name order (the folder map is ordered by "<Topic>_<source>").
    std::vector<size_t> order(topic.sources.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(),
              [&](size_t a, size_t b) { return topic.sources[a] < topic.sources[b]; });
    T17Topic sorted;
    sorted.name = topic.name;
    for (size_t i : order) {
      sorted.sources.push_back(topic.sources[i]);
      sorted.source_dirs.push_back(topic.source_dirs[i]);
      Collection scratch;
      const fs::path tl_dir = fs::path(topic.source_dirs[i]) / "timelines";
      if (!IsDirPath(tl_dir)) continue;
      for (const fs::directory_entry& e : ListDir(tl_dir, &scratch)) {
        if (!IsDir(e) && e.path().extension() == ".txt")
          sorted.timelines.push_back(e.path().string());
      }
    }
    topics->push_back(std::move(sorted));
  }
  return true;
}

Collection LoadT17Topic(const T17Topic& topic, const LoadOptions& options) {
  Collection out;
  out.name = topic.name;
  std::vector<FileJob> jobs;
  for (size_t s = 0; s < topic.source_dirs.size(); ++s) {
    const fs::path input = fs::path(topic.source_dirs[s]) / "InputDocs";
    if (!IsDirPath(input)) {
      out.skipped.push_back({input.string(), 0, "missing InputDocs folder"});
      continue;
    }
    for (const fs::directory_entry& day : ListDir(input, &out)) {
      const std::string day_name = day.path().filename().string();
      if (!IsDir(day)) {
        // E.g. a stray .DS_Store: a file, but not an article.
        out.skipped.push_back({day.path().string(), 0, "not in a YYYY-MM-DD folder"});
        continue;
      }
      const std::optional<Date> date = day_name.size() == 10 ? Date::Parse(day_name) : std::nullopt;
      for (const fs::directory_entry& file : ListDir(day.path(), &out)) {
        if (IsDir(file)) continue;
        if (!date) {
          out.skipped.push_back(
              {file.path().string(), 0, "bad date: folder \"" + day_name + "\" is not YYYY-MM-DD"});
          continue;
        }
        const std::string name = file.path().filename().string();
        if (!name.empty() && name[0] == '.') {
          out.skipped.push_back({file.path().string(), 0, "hidden file"});
          continue;
        }
        jobs.push_back(
            {file.path().string(), topic.sources[s] + "/" + day_name + "/" + name, date});
      }
    }
  }
  ReadAll(jobs, FileKind::kT17, options, &out);
  SortDocuments(&out);
  return out;
}

Collection LoadJsonlCollection(const std::string& path, const LoadOptions& options) {
  Collection out;
  out.name = path;
  ReadError err;
  std::unique_ptr<JsonlReader> reader = JsonlReader::Open(path, &err);
  if (reader == nullptr) {
    out.skipped.push_back(std::move(err));
    return out;
  }
  // A stream can be far larger than memory: what is skipped is reported in
  // bounded space. The articles past the budget share one record, and past
  // kMaxLineErrors unreadable lines the rest are counted, not listed.
  constexpr size_t kMaxLineErrors = 1000;
  const std::string& name = path;  // "-" for stdin, as the reader names it
  size_t over_budget = 0, over_budget_record = 0;
  size_t unlisted = 0, first_unlisted = 0, unlisted_at = 0;
  Document doc;
  bool ok = false;
  size_t budget = options.max_total_bytes - std::min(options.max_total_bytes, options.text_held);
  while (reader->Next(&doc, &ok, &err)) {
    if (options.progress && reader->line() % 10000 == 0) options.progress(reader->line());
    if (!ok) {
      if (out.skipped.size() - (over_budget > 0) < kMaxLineErrors) {
        out.skipped.push_back(std::move(err));
      } else if (unlisted++ == 0) {
        first_unlisted = reader->line();
        unlisted_at = out.skipped.size();
      }
      err = ReadError();
    } else if (!InRange(*doc.dct, options)) {
      ++out.out_of_range;
    } else if (over_budget > 0 || doc.text.size() > budget) {
      // Past the budget every later article is skipped, even an empty one:
      // what is kept is a prefix of the input.
      if (over_budget++ == 0) {
        over_budget_record = out.skipped.size();
        out.skipped.push_back(ReadError{name, reader->line(), OverBudget(options.max_total_bytes)});
      }
    } else {
      budget -= doc.text.size();
      out.documents.push_back(std::move(doc));
      doc = Document();
    }
  }
  out.budget_exhausted = over_budget > 0;
  if (over_budget > 1) {
    out.skipped[over_budget_record].message +=
        ", with the " + std::to_string(over_budget - 1) + " later articles";
  }
  if (unlisted > 0) {  // where the first of them was, to keep input order
    out.skipped.insert(
        out.skipped.begin() + static_cast<std::ptrdiff_t>(unlisted_at),
        ReadError{name, first_unlisted,
                  std::to_string(unlisted) + " more unreadable lines from here on, not listed"});
  }
  SortDocuments(&out);
  return out;
}

Collection LoadDatedFolder(const std::string& dir, const LoadOptions& options) {
  Collection out;
  out.name = dir;
  const fs::path root = Normalize(dir);
  if (!IsDirPath(root)) {
    out.skipped.push_back({dir, 0, "not a directory"});
    return out;
  }
  std::vector<FileJob> jobs;
  for (const fs::directory_entry& e : ListDir(root, &out)) {
    if (IsDir(e)) continue;
    const std::string name = e.path().filename().string();
    if (!EndsWith(name, ".txt")) {
      out.skipped.push_back({e.path().string(), 0, "not a .txt file"});
      continue;
    }
    jobs.push_back({e.path().string(), name, std::nullopt});
  }
  ReadAll(jobs, FileKind::kDated, options, &out);
  SortDocuments(&out);
  return out;
}

std::string OverBudget(size_t max_total_bytes) {
  return "over the corpus text budget of " + std::to_string(max_total_bytes >> 20) + " MiB";
}

size_t DefaultTextBudget() {
  constexpr size_t kFloor = size_t{256} << 20;
  const long pages = sysconf(_SC_PHYS_PAGES);
  const long page_size = sysconf(_SC_PAGESIZE);
  if (pages <= 0 || page_size <= 0) return kFloor;
  return std::max(kFloor, static_cast<size_t>(pages) * static_cast<size_t>(page_size) / 8);
}

Collection LoadCorpus(const std::string& path, const LoadOptions& options) {
  if (path == "-" || EndsWith(path, ".jsonl") || EndsWith(path, ".jsonl.gz")) {
    return LoadJsonlCollection(path, options);
  }
  const fs::path p = Normalize(path);
  if (!IsDirPath(p)) {
    std::error_code ec;
    Collection out;
    out.name = path;
    if (!fs::exists(p, ec)) {
      out.skipped.push_back({path, 0, "no such file or directory"});
      return out;
    }
    // A single file: JSONL, or one dated article.
    std::string content;
    ReadError err;
    if (!ReadWholeFile(path, &content, &err, options.max_file_bytes)) {
      out.skipped.push_back(std::move(err));
      return out;
    }
    const InputFormat format = DetectFormat(path, std::string_view(content).substr(0, 4096));
    if (format == InputFormat::kJsonl) return LoadJsonlCollection(path, options);
    if (format != InputFormat::kDated) {
      out.skipped.push_back({path, 0, "neither JSONL nor a dated article (`date YYYY-MM-DD`)"});
      return out;
    }
    ReadAll({FileJob{path, fs::path(path).filename().string(), std::nullopt}}, FileKind::kDated,
            options, &out);
    return out;
  }
  if (IsDirPath(p / "InputDocs")) {
    std::vector<T17Topic> topics;
    ReadError err;
    if (ListT17Topics(path, &topics, &err)) return LoadT17Topic(topics.front(), options);
  }
  std::vector<T17Topic> topics;
  ReadError err;
  if (ListT17Topics(path, &topics, &err)) {
    Collection out;
    out.name = path;
    out.skipped.push_back({path, 0,
                           "a Timeline17 root with " + std::to_string(topics.size()) +
                               " topics; load one <Topic>_<source> folder or topic"});
    return out;
  }
  return LoadDatedFolder(path, options);
}

}  // namespace annals
