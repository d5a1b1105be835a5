// store/ingest.h — reading corpora into the store: load (every reader's
// formats) → skip articles already stored unchanged → segment + tag on
// worker threads → write batches in input order, one transaction each.
//
// A rerun after a crash or kill finds the committed batches unchanged and
// tags only the rest. Inputs that cannot be read are reported through
// `on_skip` (file and line) and counted; they do not stop the ingest.
#ifndef ANNALS_STORE_INGEST_H_
#define ANNALS_STORE_INGEST_H_

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "annals/document.h"
#include "corpus/collection.h"
#include "corpus/readers.h"

namespace annals::store {

struct IngestOptions {
  int threads = 0;  // tagging threads; 0 = one per core
  // "auto": each article's own language (JSONL "lang", else detected);
  // or one code for all (Tagger::ForLanguage).
  std::string lang = "auto";
  size_t batch = 256;  // articles per transaction
  // At most this much article text is loaded, over all paths; articles past
  // it are skipped and reported (on_skip). Ingest holds the texts and one
  // batch's tags, about 1.6 times the text, so it may take twice what
  // `annals timeline` takes (a quarter of physical memory).
  size_t max_total_bytes = 2 * DefaultTextBudget();
  // Called with (articles done, articles total) after each batch, from one
  // thread at a time.
  std::function<void(size_t, size_t)> progress;
  std::function<void(const ReadError&)> on_skip;
  // Called every 10,000 lines while a JSONL input is read, with its path
  // and the lines read so far: reading comes before any progress() call.
  std::function<void(const std::string& path, size_t lines)> reading;
};

struct IngestStats {
  size_t added = 0;
  size_t updated = 0;    // stored before with other content: replaced
  size_t unchanged = 0;  // stored before with the same content (or given twice)
  size_t skipped = 0;    // inputs that could not be read (see on_skip)
  size_t sentences = 0;  // of the added and updated articles
  size_t timexes = 0;
  size_t articles() const { return added + updated + unchanged; }
};

// Loads each path — a JSONL file (.jsonl, .jsonl.gz, "-"), a Timeline17
// root or `<Topic>_<source>` folder, a folder of dated .txt articles, one
// dated article, or TimeML (a .tml / .tml.TE3input file, or a folder of
// them: text and DCT, id from DOCID) — and stores it into the database at `db` (created when
// absent). Timeline17 document ids get the topic as a prefix
// ("bpoil/bbc/2010-04-21/x.htm.txt") so that topics sharing a source name
// stay apart. Throws StoreError when the database cannot be written.
IngestStats IngestPaths(const std::string& db, const std::vector<std::string>& paths,
                        const IngestOptions& options = {});

// Stores already-loaded documents (each with a dct).
IngestStats IngestDocuments(const std::string& db, std::vector<Document> docs,
                            const IngestOptions& options = {});

}  // namespace annals::store

#endif  // ANNALS_STORE_INGEST_H_
