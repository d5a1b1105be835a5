#include "store/store.h"

#include <sqlite3.h>

#include <cctype>
#include <cstdio>
#include <map>

#include "text/utf8.h"

namespace annals::store {
namespace {

// Bumped when the layout changes; a store of another version is refused
// rather than misread.
// 2 added articles.lang; a store of version 1 is upgraded when it is next
// written to (its articles were English: annals read no other language).
constexpr int kSchemaVersion = 2;

// Layout, chosen for ingest speed (every row and index entry costs) and
// for the queries of the server:
// - dates are days since 1970-01-01, so range queries compare integers;
// - an article's sentence spans are one blob (uint32 begin, end pairs) in
//   its row rather than a row each;
// - the full-text index is contentless with rowid = article << 20 |
//   sentence index: a match names its sentence, and the text is read from
//   the article. detail=none (no phrase queries; FtsQuery makes none) keeps
//   it small and quick to build;
// - time expressions are clustered by (article, begin), with an index on
//   their interval for "sentences about a period".
const char kSchema[] = R"sql(
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles(
  id INTEGER PRIMARY KEY,
  doc_id TEXT NOT NULL UNIQUE,
  dct INTEGER NOT NULL,
  hash TEXT NOT NULL,
  text TEXT NOT NULL,
  spans BLOB NOT NULL,
  lang TEXT NOT NULL DEFAULT 'en');
CREATE INDEX IF NOT EXISTS articles_dct ON articles(dct);
CREATE TABLE IF NOT EXISTS timexes(
  article INTEGER NOT NULL,
  begin INTEGER NOT NULL,
  end INTEGER NOT NULL,
  sentence INTEGER NOT NULL,
  type INTEGER NOT NULL,
  value TEXT NOT NULL,
  mod TEXT NOT NULL,
  first INTEGER,
  last INTEGER,
  PRIMARY KEY(article, begin)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS timexes_event ON timexes(first, last) WHERE first IS NOT NULL;
CREATE VIRTUAL TABLE IF NOT EXISTS sentence_fts USING fts5(
  text, content='', columnsize=0, detail=none,
  tokenize='porter unicode61 remove_diacritics 2');
)sql";

constexpr int kSentenceBits = 20;
constexpr size_t kMaxIndexedSentences = size_t{1} << kSentenceBits;

std::string EncodeSpans(const std::vector<AnnotatedSentence>& sentences) {
  std::string out;
  out.reserve(sentences.size() * 8);
  auto put = [&out](size_t v) {
    const uint32_t x = static_cast<uint32_t>(v);
    for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((x >> (8 * i)) & 0xff));
  };
  for (const AnnotatedSentence& s : sentences) {
    put(s.begin);
    put(s.end);
  }
  return out;
}

// Spans that do not fit the text (a damaged row) are dropped.
std::vector<AnnotatedSentence> DecodeSpans(std::string_view blob, size_t text_size) {
  std::vector<AnnotatedSentence> out;
  auto get = [&blob](size_t at) {
    uint32_t x = 0;
    for (int i = 0; i < 4; ++i) x |= uint32_t{static_cast<unsigned char>(blob[at + i])} << (8 * i);
    return static_cast<size_t>(x);
  };
  for (size_t at = 0; at + 8 <= blob.size(); at += 8) {
    const size_t b = get(at), e = get(at + 4);
    if (b <= e && e <= text_size) out.push_back({b, e, {}});
  }
  return out;
}

int ProgressHandler(void* self) { return static_cast<const StoreReader*>(self)->TimedOut(); }

// The code point at text[i] (advancing i); U+FFFD for an ill-formed
// sequence, of which one byte is consumed.
char32_t NextCodePoint(std::string_view text, size_t* i) {
  char32_t cp = 0;
  const size_t len = DecodeUtf8(text, *i, &cp);
  *i += len == 0 ? 1 : len;
  return len == 0 ? 0xFFFD : cp;
}

// Characters that the index's tokenizer (unicode61) keeps inside a word:
// ASCII letters and digits, and the letters of the Latin, Greek, Cyrillic,
// ... and CJK blocks. Everything else separates words, so that a query
// word is always a single index token (the index keeps no positions, so a
// query may hold no phrase).
bool IsWordChar(char32_t c) {
  if (c < 0x80) return std::isalnum(static_cast<int>(c));
  if (c >= 0xC0 && c < 0x2000) return c != 0xD7 && c != 0xF7 && !(c >= 0x300 && c < 0x370);
  return c >= 0x3040 && c < 0xD800;
}

}  // namespace

std::string ContentHash(const Document& doc) {
  // FNV-1a, 64 bits: a change detector, not a security boundary.
  uint64_t h = 1469598103934665603ull;
  auto mix = [&h](std::string_view s) {
    for (unsigned char c : s) {
      h ^= c;
      h *= 1099511628211ull;
    }
  };
  mix(doc.dct ? doc.dct->ToString() : "");
  mix("\n");
  mix(doc.text);
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

std::string FtsQuery(std::string_view text, std::string_view op, size_t max_terms) {
  std::string out;
  size_t terms = 0;
  for (size_t i = 0; i < text.size() && terms < max_terms;) {
    size_t begin = i;
    if (!IsWordChar(NextCodePoint(text, &i))) continue;
    size_t end = i;
    while (end < text.size()) {
      size_t next = end;
      if (!IsWordChar(NextCodePoint(text, &next))) break;
      end = next;
    }
    if (!out.empty()) out.append(" ").append(op).append(" ");
    // A word holds no quote character, so quoted it is a plain term:
    // nothing a person types is read as FTS5 syntax.
    out.append("\"").append(text.substr(begin, end - begin)).append("\"");
    ++terms;
    i = end;
  }
  return out;
}

Db::Db(const std::string& path, int flags) : path_(path) {
  int rc = sqlite3_open_v2(path.c_str(), &db_, flags | SQLITE_OPEN_URI, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
    sqlite3_close(db_);
    db_ = nullptr;
    throw StoreError(path + ": cannot open database: " + msg);
  }
  sqlite3_extended_result_codes(db_, 1);
  sqlite3_busy_timeout(db_, 10000);
}

Db::~Db() { sqlite3_close(db_); }

void Db::Exec(const char* sql) {
  char* err = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : "error";
    sqlite3_free(err);
    throw StoreError(path_ + ": " + msg);
  }
}

void Db::Fail(std::string_view context) const {
  throw StoreError(path_ + ": " + std::string(context) + ": " + sqlite3_errmsg(db_));
}

Stmt::Stmt(Db& db, const char* sql) : db_(db) {
  if (sqlite3_prepare_v2(db.get(), sql, -1, &stmt_, nullptr) != SQLITE_OK) db.Fail("prepare");
}

Stmt::~Stmt() { sqlite3_finalize(stmt_); }

Stmt& Stmt::Bind(int i, int64_t v) {
  if (sqlite3_bind_int64(stmt_, i, v) != SQLITE_OK) db_.Fail("bind");
  return *this;
}

Stmt& Stmt::Bind(int i, std::string_view v) {
  if (sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT) !=
      SQLITE_OK)
    db_.Fail("bind");
  return *this;
}

Stmt& Stmt::BindNull(int i) {
  if (sqlite3_bind_null(stmt_, i) != SQLITE_OK) db_.Fail("bind");
  return *this;
}

bool Stmt::Step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  sqlite3_reset(stmt_);
  if (rc == SQLITE_DONE) return false;
  if ((rc & 0xff) == SQLITE_INTERRUPT) throw StoreTimeout(db_.path() + ": query timed out");
  db_.Fail("step");
}

void Stmt::Reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

int64_t Stmt::Int(int col) const { return sqlite3_column_int64(stmt_, col); }

std::string_view Stmt::Text(int col) const {
  const unsigned char* p = sqlite3_column_text(stmt_, col);
  int n = sqlite3_column_bytes(stmt_, col);
  return p ? std::string_view(reinterpret_cast<const char*>(p), n) : std::string_view();
}

std::string_view Stmt::Blob(int col) const {
  const void* p = sqlite3_column_blob(stmt_, col);
  int n = sqlite3_column_bytes(stmt_, col);
  return p ? std::string_view(static_cast<const char*>(p), n) : std::string_view();
}

Stmt& Stmt::BindBlob(int i, std::string_view v) {
  if (sqlite3_bind_blob(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT) !=
      SQLITE_OK)
    db_.Fail("bind");
  return *this;
}

bool Stmt::IsNull(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }

// ---------------------------------------------------------------- writer

struct StoreWriter::Statements {
  explicit Statements(Db& db)
      : find(db, "SELECT id, hash, text, spans FROM articles WHERE doc_id = ?1"),
        insert_article(db,
                       "INSERT INTO articles(doc_id, dct, hash, text, spans, lang) "
                       "VALUES(?1, ?2, ?3, ?4, ?5, ?6)"),
        update_article(db,
                       "UPDATE articles SET dct = ?2, hash = ?3, text = ?4, spans = ?5, lang = ?6 "
                       "WHERE id = ?1"),
        fts_delete(db,
                   "INSERT INTO sentence_fts(sentence_fts, rowid, text) VALUES('delete', ?1, ?2)"),
        delete_timexes(db, "DELETE FROM timexes WHERE article = ?1"),
        fts_insert(db, "INSERT INTO sentence_fts(rowid, text) VALUES(?1, ?2)"),
        insert_timex(db,
                     "INSERT OR IGNORE INTO timexes(article, begin, end, sentence, type, value, "
                     "mod, first, last) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)") {}
  Stmt find, insert_article, update_article, fts_delete, delete_timexes, fts_insert, insert_timex;
};

StoreWriter::StoreWriter(const std::string& path) {
  db_ =
      std::make_unique<Db>(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX);
  // WAL: readers (annals serve) never block the writer, and a crash leaves
  // exactly the committed transactions. synchronous=NORMAL keeps every
  // commit across a process kill (the WAL is in the OS's hands); only a
  // power cut may lose the last commits, never corrupt the file.
  // A checkpoint (copying the WAL into the file, with two fsyncs) every
  // 64 MB of WAL rather than SQLite's 4 MB: an ingest writes in bulk and
  // ends with a checkpoint of its own.
  db_->Exec(
      "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-65536; "
      "PRAGMA wal_autocheckpoint=16384;");
  db_->Exec("BEGIN IMMEDIATE");
  try {
    bool fresh = true;
    {
      Stmt has(*db_, "SELECT count(*) FROM sqlite_master WHERE name = 'meta'");
      if (has.Step()) fresh = has.Int(0) == 0;
    }
    if (!fresh) {
      Stmt v(*db_, "SELECT value FROM meta WHERE key = 'schema'");
      std::string version = v.Step() ? std::string(v.Text(0)) : "";
      v.Reset();
      if (version == "1") {
        db_->Exec("ALTER TABLE articles ADD COLUMN lang TEXT NOT NULL DEFAULT 'en'");
        Stmt put(*db_, "UPDATE meta SET value = ?1 WHERE key = 'schema'");
        put.Bind(1, std::to_string(kSchemaVersion)).Run();
        version = std::to_string(kSchemaVersion);
      }
      if (version != std::to_string(kSchemaVersion))
        throw StoreError(path + ": not an annals store of schema version " +
                         std::to_string(kSchemaVersion) + " (found `" + version + "`)");
    }
    db_->Exec(kSchema);
    if (fresh) {
      Stmt put(*db_, "INSERT OR REPLACE INTO meta(key, value) VALUES('schema', ?1)");
      put.Bind(1, std::to_string(kSchemaVersion)).Run();
    }
    db_->Exec("INSERT OR IGNORE INTO meta(key, value) VALUES('generation', '0')");
    db_->Exec("COMMIT");
  } catch (...) {
    sqlite3_exec(db_->get(), "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
  st_ = std::make_unique<Statements>(*db_);
}

StoreWriter::~StoreWriter() = default;

std::unordered_map<std::string, std::string> StoreWriter::StoredHashes() {
  std::unordered_map<std::string, std::string> out;
  Stmt st(*db_, "SELECT doc_id, hash FROM articles");
  while (st.Step()) out.emplace(st.Text(0), st.Text(1));
  return out;
}

void StoreWriter::Begin() { db_->Exec("BEGIN IMMEDIATE"); }
void StoreWriter::Commit() {
  // Every commit bumps the generation, so that a running server can tell
  // that its cached answers are stale.
  db_->Exec("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'generation'; COMMIT");
}
void StoreWriter::Rollback() { sqlite3_exec(db_->get(), "ROLLBACK", nullptr, nullptr, nullptr); }
void StoreWriter::Checkpoint() { db_->Exec("PRAGMA wal_checkpoint(TRUNCATE)"); }

PutResult StoreWriter::Put(const AnnotatedDocument& a, const std::string& hash) {
  const Document& doc = a.doc;
  if (!doc.dct) throw StoreError(db_->path() + ": article `" + doc.id + "` has no date");
  if (doc.text.size() > UINT32_MAX)
    throw StoreError(db_->path() + ": article `" + doc.id + "` is larger than 4 GiB");
  Statements& s = *st_;
  const std::string spans = EncodeSpans(a.sentences);
  int64_t id = 0;
  PutResult result = PutResult::kAdded;
  if (s.find.Bind(1, doc.id).Step()) {
    id = s.find.Int(0);
    if (s.find.Text(1) == hash) {
      s.find.Reset();
      return PutResult::kUnchanged;
    }
    // A new version: the contentless index forgets a row only when given
    // the text it indexed, which the old row still has.
    const std::string old_text(s.find.Text(2));
    const std::vector<AnnotatedSentence> old = DecodeSpans(s.find.Blob(3), old_text.size());
    s.find.Reset();
    for (size_t i = 0; i < old.size() && i < kMaxIndexedSentences; ++i) {
      s.fts_delete.Bind(1, (id << kSentenceBits) | static_cast<int64_t>(i))
          .Bind(2, std::string_view(old_text).substr(old[i].begin, old[i].end - old[i].begin))
          .Run();
    }
    s.delete_timexes.Bind(1, id).Run();
    s.update_article.Bind(1, id).Bind(2, doc.dct->ToDays()).Bind(3, hash).Bind(4, doc.text);
    s.update_article.BindBlob(5, spans).Bind(6, doc.lang.empty() ? "en" : doc.lang).Run();
    result = PutResult::kUpdated;
  } else {
    s.insert_article.Bind(1, doc.id).Bind(2, doc.dct->ToDays()).Bind(3, hash).Bind(4, doc.text);
    s.insert_article.BindBlob(5, spans).Bind(6, doc.lang.empty() ? "en" : doc.lang).Run();
    id = sqlite3_last_insert_rowid(db_->get());
  }
  for (size_t i = 0; i < a.sentences.size(); ++i) {
    const AnnotatedSentence& sent = a.sentences[i];
    // Sentences past the 2^20th of one article are kept but not indexed.
    if (i < kMaxIndexedSentences) {
      s.fts_insert.Bind(1, (id << kSentenceBits) | static_cast<int64_t>(i))
          .Bind(2, std::string_view(doc.text).substr(sent.begin, sent.end - sent.begin))
          .Run();
    }
    for (const Timex& t : sent.timexes) {
      s.insert_timex.Bind(1, id)
          .Bind(2, static_cast<int64_t>(t.begin))
          .Bind(3, static_cast<int64_t>(t.end))
          .Bind(4, static_cast<int64_t>(i))
          .Bind(5, static_cast<int64_t>(t.type))
          .Bind(6, t.value)
          .Bind(7, t.mod);
      if (t.interval) {
        s.insert_timex.Bind(8, t.interval->first.ToDays()).Bind(9, t.interval->last.ToDays());
      } else {
        s.insert_timex.BindNull(8).BindNull(9);
      }
      s.insert_timex.Run();
    }
  }
  return result;
}

// ---------------------------------------------------------------- reader

StoreReader::StoreReader(const std::string& path) {
  db_ = std::make_unique<Db>(path, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX);
  Stmt v(*db_, "SELECT value FROM meta WHERE key = 'schema'");
  std::string version = v.Step() ? std::string(v.Text(0)) : "";
  v.Reset();
  has_lang_ = version == std::to_string(kSchemaVersion);
  if (!has_lang_ && version != "1")
    throw StoreError(path + ": not an annals store of schema version " +
                     std::to_string(kSchemaVersion));
  sqlite3_progress_handler(db_->get(), 2000, ProgressHandler, this);
}

StoreReader::~StoreReader() = default;

bool StoreReader::TimedOut() const {
  return deadline_ && std::chrono::steady_clock::now() > *deadline_;
}

int64_t StoreReader::Generation() {
  Stmt g(*db_, "SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'generation'");
  const int64_t v = g.Step() ? g.Int(0) : 0;
  g.Reset();
  return v;
}

StoreCounts StoreReader::Counts() {
  StoreCounts c;
  Stmt a(*db_, "SELECT count(*), min(dct), max(dct), (SELECT count(*) FROM timexes) FROM articles");
  if (a.Step()) {
    c.articles = a.Int(0);
    if (!a.IsNull(1)) c.first = Date::FromDays(a.Int(1));
    if (!a.IsNull(2)) c.last = Date::FromDays(a.Int(2));
    c.timexes = a.Int(3);
  }
  a.Reset();
  return c;
}

std::vector<int64_t> StoreReader::MatchArticles(const std::string& fts, std::optional<Date> from,
                                                std::optional<Date> to, size_t limit) {
  const int64_t lo = from ? from->ToDays() : INT64_MIN;
  const int64_t hi = to ? to->ToDays() : INT64_MAX;
  std::vector<int64_t> ids;
  if (fts.empty()) {
    Stmt st(*db_, "SELECT id FROM articles WHERE dct BETWEEN ?1 AND ?2 ORDER BY id LIMIT ?3");
    st.Bind(1, lo).Bind(2, hi).Bind(3, static_cast<int64_t>(limit));
    while (st.Step()) ids.push_back(st.Int(0));
  } else {
    Stmt st(*db_,
            "WITH m AS (SELECT DISTINCT rowid >> 20 AS article FROM sentence_fts "
            "WHERE sentence_fts MATCH ?1) "
            "SELECT a.id FROM m JOIN articles a ON a.id = m.article "
            "WHERE a.dct BETWEEN ?2 AND ?3 ORDER BY a.id LIMIT ?4");
    st.Bind(1, fts).Bind(2, lo).Bind(3, hi).Bind(4, static_cast<int64_t>(limit));
    while (st.Step()) ids.push_back(st.Int(0));
  }
  return ids;
}

std::optional<ArticleRow> StoreReader::LoadArticle(int64_t id) {
  ArticleRow row;
  row.id = id;
  {
    Stmt a(*db_, has_lang_ ? "SELECT doc_id, dct, text, spans, lang FROM articles WHERE id = ?1"
                           : "SELECT doc_id, dct, text, spans, 'en' FROM articles WHERE id = ?1");
    if (!a.Bind(1, id).Step()) return std::nullopt;
    row.doc.doc.lang = a.Text(4);
    row.doc.doc.id = a.Text(0);
    row.doc.doc.dct = Date::FromDays(a.Int(1));
    row.doc.doc.text = a.Text(2);
    row.doc.sentences = DecodeSpans(a.Blob(3), row.doc.doc.text.size());
    a.Reset();
  }
  const std::string& text = row.doc.doc.text;
  Stmt t(*db_,
         "SELECT begin, end, sentence, type, value, mod, first, last FROM timexes "
         "WHERE article = ?1 ORDER BY begin");
  t.Bind(1, id);
  while (t.Step()) {
    const size_t b = static_cast<size_t>(t.Int(0)), e = static_cast<size_t>(t.Int(1));
    const int64_t si = t.Int(2);
    if (si < 0 || static_cast<size_t>(si) >= row.doc.sentences.size() || b > e || e > text.size())
      continue;  // not written by Put
    Timex x;
    x.begin = b;
    x.end = e;
    x.text = text.substr(b, e - b);
    x.type = static_cast<TimexType>(t.Int(3));
    x.value = t.Text(4);
    x.mod = t.Text(5);
    if (!t.IsNull(6)) x.interval = Interval{Date::FromDays(t.Int(6)), Date::FromDays(t.Int(7))};
    row.doc.sentences[si].timexes.push_back(std::move(x));
  }
  return row;
}

std::vector<SentenceRef> StoreReader::SentencesAbout(Date first, Date last, const std::string& fts,
                                                     bool whole_article, size_t offset,
                                                     size_t limit) {
  // A sentence is about the period when one of its expressions names days
  // inside it; it is ranked by the earliest such expression.
  std::string sql =
      "WITH hits AS (SELECT article, sentence, min(first) AS f FROM timexes "
      "WHERE first BETWEEN ?1 AND ?2 AND last <= ?2 GROUP BY article, sentence) "
      "SELECT h.article, h.sentence FROM hits h JOIN articles a ON a.id = h.article ";
  if (!fts.empty() && whole_article) {
    sql +=
        "WHERE h.article IN "
        "(SELECT DISTINCT rowid >> 20 FROM sentence_fts WHERE sentence_fts MATCH ?5) ";
  } else if (!fts.empty()) {
    sql +=
        "WHERE (h.article << 20 | h.sentence) IN "
        "(SELECT rowid FROM sentence_fts WHERE sentence_fts MATCH ?5) ";
  }
  sql += "ORDER BY h.f, a.dct, h.article, h.sentence LIMIT ?3 OFFSET ?4";
  Stmt st(*db_, sql.c_str());
  st.Bind(1, first.ToDays()).Bind(2, last.ToDays());
  st.Bind(3, static_cast<int64_t>(limit)).Bind(4, static_cast<int64_t>(offset));
  if (!fts.empty()) st.Bind(5, fts);
  std::vector<SentenceRef> out;
  while (st.Step()) out.push_back({st.Int(0), static_cast<size_t>(st.Int(1))});
  return out;
}

std::vector<SentenceRef> StoreReader::SentencesMatching(const std::string& fts, size_t offset,
                                                        size_t limit) {
  Stmt st(*db_,
          "SELECT f.rowid FROM sentence_fts f JOIN articles a ON a.id = f.rowid >> 20 "
          "WHERE sentence_fts MATCH ?1 ORDER BY a.dct, f.rowid LIMIT ?2 OFFSET ?3");
  st.Bind(1, fts).Bind(2, static_cast<int64_t>(limit)).Bind(3, static_cast<int64_t>(offset));
  std::vector<SentenceRef> out;
  while (st.Step())
    out.push_back(
        {st.Int(0) >> kSentenceBits, static_cast<size_t>(st.Int(0) & (kMaxIndexedSentences - 1))});
  return out;
}

}  // namespace annals::store
