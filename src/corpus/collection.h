// corpus/collection.h — loading a whole corpus of dated articles for
// timeline summarization: the Timeline17 folders, a news-tls style JSONL
// file, or a folder of dated-article .txt files.
//
// Nothing is dropped silently: every input file (or JSONL line) either
// becomes a Document or is listed in Collection::skipped with the reason
// (empty file, invalid UTF-8 or NUL, unreadable, bad date, ...), except
// well-formed inputs outside the requested date range, which are counted in
// Collection::out_of_range.
#ifndef ANNALS_CORPUS_COLLECTION_H_
#define ANNALS_CORPUS_COLLECTION_H_

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "annals/date.h"
#include "annals/document.h"
#include "corpus/readers.h"

namespace annals {

// The default budget of article text held in memory: an eighth of the
// machine's physical memory (3 GiB on a 24 GB machine), at least 256 MiB.
// Tagging a corpus and building its timeline take 5.4 to 6.1 times its
// text in peak RSS (tags, the sentence index, a build's sentence records;
// Timeline17 as JSONL, once and five times over), so a full budget stays
// within about three quarters of memory.
size_t DefaultTextBudget();

// The reason given for an article or file skipped because the budget ran
// out: "over the corpus text budget of N MiB".
std::string OverBudget(size_t max_total_bytes);

struct LoadOptions {
  // Keep only documents dated within [from, to] (each end optional,
  // inclusive). Timeline17 files outside the range are not even read.
  std::optional<Date> from;
  std::optional<Date> to;
  // Files are read by this many threads (at least 1).
  int threads = 2;
  // Larger files are skipped as unreadable.
  size_t max_file_bytes = size_t{256} << 20;
  // At most this much article text is held in memory: files (in path
  // order) or JSONL lines past the budget are skipped, each with the reason,
  // rather than the process running out of memory.
  size_t max_total_bytes = DefaultTextBudget();
  // Text already held from earlier loads that share the budget (the other
  // paths of one command); it counts against max_total_bytes.
  size_t text_held = 0;
  // Called with the number of lines read so far every 10,000 lines of a
  // JSONL input, whose length is not known ahead: a stream of many
  // gigabytes takes minutes to read, even past the budget, where its
  // articles are still counted. May be empty.
  std::function<void(size_t lines)> progress;
};

struct Collection {
  std::string name;                 // topic name, or the path loaded
  std::vector<Document> documents;  // sorted by (dct, id); every dct is set
  // In input order. A JSONL input's articles past the text budget share
  // one record, whose message counts them, and past 1,000 unreadable lines
  // one record counts the rest: a stream larger than memory is reported in
  // bounded space.
  std::vector<ReadError> skipped;
  size_t out_of_range = 0;  // left out by LoadOptions::from/to
  // The text budget ran out: this input was cut, and inputs after it that
  // share the budget must not be read (what is kept is a prefix).
  bool budget_exhausted = false;
};

// One Timeline17 topic: the source folders `<root>/<Topic>_<source>` that
// share the topic name (the part before the last '_').
struct T17Topic {
  std::string name;                      // "bpoil"
  std::vector<std::string> sources;      // "bbc", "foxnews", ... (sorted)
  std::vector<std::string> source_dirs;  // the folders, parallel to `sources`
  // Reference timelines `<source_dir>/timelines/*.txt` of all sources, by
  // source then file name. Each is a separate task on the merged collection.
  std::vector<std::string> timelines;
};

// Lists the topics at `path`, which is either a Timeline17 root (folders
// `<Topic>_<source>/InputDocs`) or one `<Topic>_<source>` folder (then the
// single topic holds just that source). Topics are sorted by name. Returns
// false when `path` is neither.
bool ListT17Topics(const std::string& path, std::vector<T17Topic>* topics, ReadError* err);

// Loads every source of a topic into one collection. Each file
// `<source_dir>/InputDocs/YYYY-MM-DD/<file>` becomes a Document with dct =
// the folder's date, text = the file (kept verbatim: tokenized, one sentence
// a line) and id `<source>/<YYYY-MM-DD>/<file>`, so that two sources using
// the same file name both stay. Files outside a valid date folder, empty or
// invalid ones are skipped.
Collection LoadT17Topic(const T17Topic& topic, const LoadOptions& options = {});

// Loads a JSONL file ("-" for stdin, ".gz" transparently) of
// {"id", "time", "text"} objects; each bad line is one skipped entry.
Collection LoadJsonlCollection(const std::string& path, const LoadOptions& options = {});

// Loads every regular file directly inside `dir`: each *.txt file in the
// dated-article format (`date YYYY-MM-DD` + article); other files are
// skipped with a reason. Ids are file names.
Collection LoadDatedFolder(const std::string& dir, const LoadOptions& options = {});

// Picks the loader from the path: a .jsonl/.jsonl.gz file or "-" (JSONL), a
// Timeline17 `<Topic>_<source>` folder, or a folder of dated articles. A
// Timeline17 root holds several topics and is refused (use ListT17Topics).
// Problems with `path` itself are reported as a skipped entry with line 0.
Collection LoadCorpus(const std::string& path, const LoadOptions& options = {});

}  // namespace annals

#endif  // ANNALS_CORPUS_COLLECTION_H_
