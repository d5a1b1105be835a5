// store/store.h — the persistent news store: an embedded SQLite database of
// articles, their sentences, their time expressions with resolved intervals,
// and a full-text index (FTS5) over the sentences.
//
// Contract:
// - An article is identified by its document id. Storing an id again with
//   the same content (publication date + text, compared by hash) changes
//   nothing; with different content it replaces the old version.
// - Writes happen in explicit transactions (Begin/Commit), one per batch.
//   The database is in WAL mode, so a process killed at any point leaves
//   every committed batch and nothing of the batch in progress.
// - A StoreReader never writes (the file is opened read-only) and is used
//   by one thread at a time; the server keeps one per worker. Each commit
//   increments the store's generation, which readers can poll to notice
//   an ingest that ran meanwhile.
// Errors are thrown as StoreError with SQLite's message and the file name.
#ifndef ANNALS_STORE_STORE_H_
#define ANNALS_STORE_STORE_H_

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "annals/date.h"
#include "annals/timeline.h"

struct sqlite3;
struct sqlite3_stmt;

namespace annals::store {

class StoreError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Thrown by a StoreReader query that ran past its deadline.
class StoreTimeout : public StoreError {
 public:
  using StoreError::StoreError;
};

// Content hash of an article (publication date + text), as stored.
std::string ContentHash(const Document& doc);

// Turns free text typed by a person into a safe FTS5 query: the words
// (letters and digits; other bytes separate) each quoted, joined with `op`
// ("OR" or "AND"). At most `max_terms` words are used. Empty when the text
// has no word.
std::string FtsQuery(std::string_view text, std::string_view op, size_t max_terms = 16);

// An owned SQLite connection with prepared-statement helpers.
class Db {
 public:
  // Flags are SQLite open flags; `path` may be a "file:" URI.
  Db(const std::string& path, int flags);
  ~Db();
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;
  sqlite3* get() const { return db_; }
  const std::string& path() const { return path_; }
  void Exec(const char* sql);
  // Throws StoreError("<path>: <context>: <sqlite message>").
  [[noreturn]] void Fail(std::string_view context) const;

 private:
  sqlite3* db_ = nullptr;
  std::string path_;
};

// A prepared statement, reset on destruction and on each Step() == false.
class Stmt {
 public:
  Stmt(Db& db, const char* sql);
  ~Stmt();
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  Stmt& Bind(int i, int64_t v);
  Stmt& Bind(int i, std::string_view v);
  Stmt& BindNull(int i);
  // True while a row is available.
  bool Step();
  void Run() {
    while (Step()) {
    }
  }
  void Reset();
  int64_t Int(int col) const;
  std::string_view Text(int col) const;
  std::string_view Blob(int col) const;
  Stmt& BindBlob(int i, std::string_view v);
  bool IsNull(int col) const;

 private:
  Db& db_;
  sqlite3_stmt* stmt_ = nullptr;
};

enum class PutResult { kAdded, kUpdated, kUnchanged };

// Writes articles. Creates the database and schema when absent.
class StoreWriter {
 public:
  // `path` may be a "file:" URI (used for the in-memory example store).
  explicit StoreWriter(const std::string& path);
  ~StoreWriter();

  // Document id -> content hash of every stored article (to skip unchanged
  // articles before tagging them).
  std::unordered_map<std::string, std::string> StoredHashes();

  void Begin();
  void Commit();
  void Rollback();
  // Stores one annotated article (inside Begin/Commit).
  PutResult Put(const AnnotatedDocument& doc, const std::string& hash);
  // Folds the WAL into the database file (after an ingest).
  void Checkpoint();

 private:
  struct Statements;
  std::unique_ptr<Db> db_;
  std::unique_ptr<Statements> st_;
};

struct ArticleRow {
  int64_t id = 0;  // the store's own number (stable, used in URLs)
  AnnotatedDocument doc;
};

// A sentence of a stored article: its number and its index in the article.
struct SentenceRef {
  int64_t article = 0;
  size_t sentence = 0;
};

struct StoreCounts {
  int64_t articles = 0, timexes = 0;
  std::optional<Date> first, last;  // publication date range
};

// Reads the store. One thread at a time.
class StoreReader {
 public:
  // Opens `path` read-only (a "file:" URI is passed through).
  explicit StoreReader(const std::string& path);
  ~StoreReader();

  // Queries give up with StoreTimeout once `deadline` has passed.
  void SetDeadline(std::optional<std::chrono::steady_clock::time_point> deadline) {
    deadline_ = deadline;
  }
  bool TimedOut() const;

  StoreCounts Counts();
  // Grows with every committed ingest batch: a change means new content.
  int64_t Generation();
  // Ids of articles published within [from, to] (either end optional) that
  // have a sentence matching the FTS5 query `fts` (any article when empty),
  // in id order; at most `limit` (the caller detects overflow with limit+1).
  std::vector<int64_t> MatchArticles(const std::string& fts, std::optional<Date> from,
                                     std::optional<Date> to, size_t limit);
  // The article with its sentences and time expressions, as it was
  // annotated at ingest (no re-tagging). nullopt when there is no such id.
  std::optional<ArticleRow> LoadArticle(int64_t id);
  // Sentences with a time expression whose interval lies inside
  // [first, last] (event time); ordered by the earliest such expression,
  // then publication date. When `fts` is not empty, only sentences that
  // match it (or, with `whole_article`, sentences of articles with a
  // sentence that matches it).
  std::vector<SentenceRef> SentencesAbout(Date first, Date last, const std::string& fts,
                                          bool whole_article, size_t offset, size_t limit);
  // Sentences matching `fts`, in publication order.
  std::vector<SentenceRef> SentencesMatching(const std::string& fts, size_t offset, size_t limit);

 private:
  bool has_lang_ = true;  // schema 2 (a version 1 store reads as English)
  std::unique_ptr<Db> db_;
  std::optional<std::chrono::steady_clock::time_point> deadline_;
};

}  // namespace annals::store

#endif  // ANNALS_STORE_STORE_H_
