// `annals ingest`: read corpora into the SQLite store that `annals serve`
// shows.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <string>

#include "app/args.h"
#include "app/commands.h"
#include "app/taggers.h"
#include "store/ingest.h"
#include "store/store.h"

namespace annals::app {
namespace {

const char kHelp[] =
    "Usage: annals ingest --db FILE [options] PATH...\n"
    "\n"
    "Stores articles into an SQLite database (created when absent): their text,\n"
    "sentences, time expressions with resolved dates, and a full-text index.\n"
    "`annals serve --db FILE` then shows it.\n"
    "\n"
    "PATH is a JSONL file (.jsonl, .jsonl.gz, '-' for stdin) of {\"id\", \"time\",\n"
    "\"text\"} objects, a Timeline17 root or <Topic>_<source> folder, a folder of\n"
    "dated .txt articles, one dated article (' date YYYY-MM-DD <article>'), or\n"
    "TimeML (a .tml or .tml.TE3input file, or a folder of them).\n"
    "\n"
    "An article is identified by its id: one already stored with the same\n"
    "content is skipped (so rerunning an ingest, also after it was killed,\n"
    "stores only what is missing); one with new content replaces the old.\n"
    "Articles are committed in batches, one transaction each. One run loads at\n"
    "most a quarter of physical memory of article text; articles past it are\n"
    "reported and later PATHs are not read (split such input over runs).\n"
    "\n"
    "Options:\n"
    "  --db FILE       the database (required)\n"
    "  --lang auto|en|es|fr|de|it|pt|und the articles' language (default auto:\n"
    "                   detected per article; a JSONL \"lang\" field names it)\n"
    "  --threads N     tagging threads (default: one per core)\n"
    "  --batch N       articles per transaction (default 256)\n"
    "  -q, --quiet     no progress bar or summary\n"
    "  -h, --help      this text\n"
    "\n"
    "Exit status: 0 when every input was stored, 1 when an input could not be\n"
    "read (each reported as FILE:LINE: message; the rest is stored) or the\n"
    "database failed, 2 on a usage error.\n";

}  // namespace

int RunIngest(const Args& args) {
  std::string db;
  std::vector<std::string> paths;
  store::IngestOptions options;
  bool quiet = false;
  ArgReader r(args);
  try {
    while (r.Next()) {
      if (r.Is("-h", "--help")) {
        std::fputs(kHelp, stdout);
        return 0;
      } else if (r.Is("--db")) {
        db = r.Value("a file");
      } else if (r.Is("--lang")) {
        options.lang = LangValue(r);
      } else if (r.Is("--threads")) {
        options.threads = r.Int(1, 256);
      } else if (r.Is("--batch")) {
        options.batch = r.Int(1, 1000000);
      } else if (r.Is("-q", "--quiet")) {
        quiet = true;
      } else if (r.IsOption()) {
        r.Unknown();
      } else {
        paths.push_back(r.arg());
      }
    }
  } catch (const UsageError& e) {
    std::fprintf(stderr, "annals ingest: %s (see annals ingest --help)\n", e.what());
    return 2;
  }
  if (db.empty() || paths.empty()) {
    std::fprintf(stderr, "annals ingest: --db FILE and a PATH are required (see --help)\n");
    return 2;
  }

  const auto start = std::chrono::steady_clock::now();
  auto seconds = [&] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  };
  // A bar redrawn in place on a terminal; a pipe or file gets only the
  // summary line.
  const bool tty = !quiet && isatty(STDERR_FILENO);
  bool bar_shown = false;
  // A long read (a JSONL stream of gigabytes) says how far it got, at most
  // every 5 s.
  auto last_said = start;
  if (!quiet) {
    options.reading = [&](const std::string& path, size_t lines) {
      const auto now = std::chrono::steady_clock::now();
      if (now - last_said < std::chrono::seconds(5)) return;
      last_said = now;
      std::fprintf(stderr, "annals ingest: reading %s: %zu lines\n", path.c_str(), lines);
    };
  }
  options.on_skip = [&](const ReadError& e) {
    if (bar_shown) std::fputs("\r\033[K", stderr);
    std::fprintf(stderr, "annals ingest: skipped %s\n", e.ToString().c_str());
  };
  if (tty) {
    options.progress = [&](size_t done, size_t total) {
      const int width = 30;
      const int fill = total ? static_cast<int>(width * done / total) : width;
      std::fprintf(stderr, "\r[%s%s] %zu/%zu articles, %.1f s", std::string(fill, '#').c_str(),
                   std::string(width - fill, '.').c_str(), done, total, seconds());
      std::fflush(stderr);
      bar_shown = true;
    };
  }
  store::IngestStats stats;
  try {
    stats = store::IngestPaths(db, paths, options);
  } catch (const store::StoreError& e) {
    if (bar_shown) std::fputs("\n", stderr);
    std::fprintf(stderr, "annals ingest: %s\n", e.what());
    return 1;
  }
  if (bar_shown) std::fputs("\n", stderr);
  const double secs = seconds();
  if (!quiet) {
    std::fprintf(stderr,
                 "annals ingest: %zu articles (%zu added, %zu updated, %zu unchanged), %zu "
                 "inputs skipped, %zu sentences, %zu time expressions stored in %.2f s (%.0f "
                 "articles/s) into %s\n",
                 stats.articles(), stats.added, stats.updated, stats.unchanged, stats.skipped,
                 stats.sentences, stats.timexes, secs, secs > 0 ? stats.articles() / secs : 0.0,
                 db.c_str());
  }
  return stats.skipped > 0 ? 1 : 0;
}

}  // namespace annals::app
