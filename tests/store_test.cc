// The SQLite store: idempotent ingest, updates, round trip of annotations,
// event-time search, and that a killed ingest loses no committed batch.
#include "store/store.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "annals/tagger.h"
#include "annals/timeline.h"
#include "store/ingest.h"
#include "test_util.h"

extern char** environ;

namespace annals::store {
namespace {

namespace fs = std::filesystem;

std::string Fixture() { return testing::SourceDir() + "/tests/data/serve_corpus.jsonl"; }

using testing::TempDir;

TEST(FtsQueryTest, QuotesWordsAndDropsSyntax) {
  EXPECT_EQ(FtsQuery("oil spill", "OR"), "\"oil\" OR \"spill\"");
  EXPECT_EQ(FtsQuery("  BP's oil-spill ", "AND"), "\"BP\" AND \"s\" AND \"oil\" AND \"spill\"");
  // FTS5 operators and quotes typed by a person are just separators.
  EXPECT_EQ(FtsQuery("a\" OR x NEAR(y) *", "AND"),
            "\"a\" AND \"OR\" AND \"x\" AND \"NEAR\" AND \"y\"");
  EXPECT_EQ(FtsQuery("\"*():^", "OR"), "");
  EXPECT_EQ(FtsQuery("café—crème", "OR"), "\"café\" OR \"crème\"");
  EXPECT_EQ(FtsQuery("a b c d", "OR", 2), "\"a\" OR \"b\"");
}

TEST(ContentHashTest, DependsOnDateAndText) {
  Document a{"x", Date{2021, 3, 1}, "text", ""};
  Document b = a;
  EXPECT_EQ(ContentHash(a), ContentHash(b));
  b.text = "text.";
  EXPECT_NE(ContentHash(a), ContentHash(b));
  b = a;
  b.dct = Date{2021, 3, 2};
  EXPECT_NE(ContentHash(a), ContentHash(b));
  b = a;
  b.id = "y";  // the id is the key, not part of the content
  EXPECT_EQ(ContentHash(a), ContentHash(b));
}

TEST(StoreTest, IngestIsIdempotent) {
  TempDir dir;
  const std::string db = dir / "s.db";
  IngestStats first = IngestPaths(db, {Fixture()});
  EXPECT_EQ(first.added, 7u);
  EXPECT_EQ(first.skipped, 0u);
  EXPECT_GT(first.timexes, 10u);
  IngestStats again = IngestPaths(db, {Fixture(), Fixture()});
  EXPECT_EQ(again.added, 0u);
  EXPECT_EQ(again.updated, 0u);
  EXPECT_EQ(again.unchanged, 14u);
  StoreReader reader(db);
  StoreCounts c = reader.Counts();
  EXPECT_EQ(c.articles, 7);
  EXPECT_EQ(c.timexes, static_cast<int64_t>(first.timexes));
  ASSERT_TRUE(c.first && c.last);
  EXPECT_EQ(c.first->ToString(), "2021-03-01");
  EXPECT_EQ(c.last->ToString(), "2021-06-10");
}

// One text budget covers all the paths of an ingest: what lies past it is
// skipped and reported, never silently dropped and never loaded.
TEST(StoreTest, OneTextBudgetForAllPaths) {
  TempDir dir;
  const std::string a =
      dir.Write("a.jsonl", "{\"id\": \"a1\", \"time\": \"2021-03-01\", \"text\": \"" +
                               std::string(60, 'a') + " on Monday.\"}\n");
  const std::string b =
      dir.Write("b.jsonl", "{\"id\": \"b1\", \"time\": \"2021-03-02\", \"text\": \"" +
                               std::string(60, 'b') + " on Tuesday.\"}\n");
  // Small enough for what is left of the budget, but after the cut.
  const std::string c =
      dir.Write("c.jsonl", "{\"id\": \"c1\", \"time\": \"2021-03-03\", \"text\": \"x\"}\n");
  IngestOptions options;
  options.max_total_bytes = 100;  // a1 fits; b1 would pass it
  std::vector<ReadError> skipped;
  options.on_skip = [&](const ReadError& e) { skipped.push_back(e); };
  IngestStats stats = IngestPaths(dir / "s.db", {a, b, c}, options);
  EXPECT_EQ(stats.added, 1u);
  EXPECT_EQ(stats.skipped, 2u);
  ASSERT_EQ(skipped.size(), 2u);
  EXPECT_EQ(skipped[0].file, b);
  EXPECT_EQ(skipped[0].line, 1u);
  EXPECT_NE(skipped[0].message.find("text budget"), std::string::npos) << skipped[0].message;
  EXPECT_EQ(skipped[1].file, c);
  EXPECT_NE(skipped[1].message.find("not read"), std::string::npos) << skipped[1].message;
  EXPECT_GE(IngestOptions{}.max_total_bytes, DefaultTextBudget());
}

TEST(StoreTest, ReadingAJsonlStreamReportsLines) {
  TempDir dir;
  std::string lines;
  for (int i = 0; i < 20000; ++i)
    lines += "{\"id\": \"" + std::to_string(i) + "\", \"time\": \"2021-03-01\", \"text\": \"x\"}\n";
  const std::string path = dir.Write("many.jsonl", lines);
  IngestOptions options;
  std::vector<std::pair<std::string, size_t>> seen;
  options.reading = [&](const std::string& p, size_t n) { seen.emplace_back(p, n); };
  IngestStats stats = IngestPaths(dir / "s.db", {path}, options);
  EXPECT_EQ(stats.added, 20000u);
  EXPECT_EQ(seen, (std::vector<std::pair<std::string, size_t>>{{path, 10000}, {path, 20000}}));
}

TEST(StoreTest, NewContentReplacesTheOldVersion) {
  TempDir dir;
  const std::string db = dir / "s.db";
  std::vector<Document> docs = {{"a", Date{2021, 3, 1}, "The zebra escaped on Monday.", ""},
                                {"b", Date{2021, 3, 1}, "Nothing happened.", ""}};
  IngestDocuments(db, docs);
  docs[0].text = "The giraffe escaped on March 2.";
  IngestStats s = IngestDocuments(db, docs);
  EXPECT_EQ(s.updated, 1u);
  EXPECT_EQ(s.unchanged, 1u);
  StoreReader reader(db);
  EXPECT_EQ(reader.Counts().articles, 2);
  // The index forgot the old words and knows the new ones.
  EXPECT_TRUE(reader.MatchArticles(FtsQuery("zebra", "OR"), {}, {}, 10).empty());
  std::vector<int64_t> ids = reader.MatchArticles(FtsQuery("giraffe", "OR"), {}, {}, 10);
  ASSERT_EQ(ids.size(), 1u);
  std::optional<ArticleRow> row = reader.LoadArticle(ids[0]);
  ASSERT_TRUE(row);
  EXPECT_EQ(row->doc.doc.text, "The giraffe escaped on March 2.");
  ASSERT_EQ(row->doc.sentences.size(), 1u);
  ASSERT_EQ(row->doc.sentences[0].timexes.size(), 1u);
  EXPECT_EQ(row->doc.sentences[0].timexes[0].value, "2021-03-02");
}

TEST(StoreTest, ArticlesComeBackAsAnnotated) {
  TempDir dir;
  const std::string db = dir / "s.db";
  Document doc{"seed", Date{2013, 1, 30},
               "The talks began on Wednesday. A 22-month-old uprising began in March 2011.\n"
               "Officials met three weeks ago.",
               ""};
  IngestDocuments(db, {doc});
  AnnotatedDocument expected = Annotate(doc, Tagger::Default());
  StoreReader reader(db);
  std::optional<ArticleRow> row = reader.LoadArticle(1);
  ASSERT_TRUE(row);
  EXPECT_EQ(row->doc.doc.id, "seed");
  EXPECT_EQ(row->doc.doc.dct, doc.dct);
  EXPECT_EQ(row->doc.doc.text, doc.text);
  ASSERT_EQ(row->doc.sentences.size(), expected.sentences.size());
  for (size_t i = 0; i < expected.sentences.size(); ++i) {
    const AnnotatedSentence &got = row->doc.sentences[i], &want = expected.sentences[i];
    EXPECT_EQ(got.begin, want.begin);
    EXPECT_EQ(got.end, want.end);
    ASSERT_EQ(got.timexes.size(), want.timexes.size());
    for (size_t k = 0; k < want.timexes.size(); ++k) {
      EXPECT_EQ(got.timexes[k].begin, want.timexes[k].begin);
      EXPECT_EQ(got.timexes[k].text, want.timexes[k].text);
      EXPECT_EQ(got.timexes[k].type, want.timexes[k].type);
      EXPECT_EQ(got.timexes[k].value, want.timexes[k].value);
      EXPECT_EQ(got.timexes[k].mod, want.timexes[k].mod);
      EXPECT_EQ(got.timexes[k].interval.has_value(), want.timexes[k].interval.has_value());
    }
  }
  EXPECT_FALSE(reader.LoadArticle(2));
}

TEST(StoreTest, SentencesAboutAPeriodUseEventTime) {
  TempDir dir;
  const std::string db = dir / "s.db";
  IngestPaths(db, {Fixture()});
  StoreReader reader(db);
  // Sentences about 8 March 2021, from articles published before and after.
  std::vector<SentenceRef> day =
      reader.SentencesAbout(Date{2021, 3, 8}, Date{2021, 3, 8}, "", false, 0, 100);
  ASSERT_GE(day.size(), 4u);
  std::set<std::string> published;
  for (const SentenceRef& r : day) {
    std::optional<ArticleRow> a = reader.LoadArticle(r.article);
    ASSERT_TRUE(a);
    ASSERT_LT(r.sentence, a->doc.sentences.size());
    published.insert(a->doc.doc.dct->ToString());
    bool names_day = false;
    for (const Timex& t : a->doc.sentences[r.sentence].timexes)
      names_day |= t.interval && t.interval->first == (Date{2021, 3, 8});
    EXPECT_TRUE(names_day);
  }
  EXPECT_TRUE(published.count("2021-03-01"));  // "begins March 8", said a week before
  EXPECT_TRUE(published.count("2021-03-29"));
  // "closed on March 8" holds "closed"; the festival is not about March 2021.
  EXPECT_LT(reader
                .SentencesAbout(Date{2021, 3, 8}, Date{2021, 3, 8}, FtsQuery("closed", "AND"),
                                false, 0, 100)
                .size(),
            day.size());
  EXPECT_TRUE(reader
                  .SentencesAbout(Date{2021, 3, 1}, Date{2021, 3, 31}, FtsQuery("festival", "AND"),
                                  false, 0, 100)
                  .empty());
  // Paging.
  std::vector<SentenceRef> page =
      reader.SentencesAbout(Date{2021, 3, 8}, Date{2021, 3, 8}, "", false, 1, 2);
  ASSERT_EQ(page.size(), 2u);
  EXPECT_EQ(page[0].article, day[1].article);
  EXPECT_EQ(page[0].sentence, day[1].sentence);
}

TEST(StoreTest, IngestsTimeml) {
  TempDir dir;
  const std::string db = dir / "s.db";
  fs::create_directories(dir / "tml");
  std::ofstream(dir / "tml/a.tml")
      << "<?xml version=\"1.0\" ?>\n<TimeML>\n<DOCID>APW1</DOCID>\n<DCT><TIMEX3 tid=\"t0\" "
         "type=\"DATE\" value=\"1998-02-27\" functionInDocument=\"CREATION_TIME\">"
         "1998-02-27</TIMEX3></DCT>\n<TEXT>The vote was held &quot;on Friday&quot;, "
         "officials said.</TEXT>\n</TimeML>\n";
  std::ofstream(dir / "tml/b.tml.TE3input") << "<TimeML><TEXT>no date</TEXT></TimeML>";
  std::vector<ReadError> skipped;
  IngestOptions options;
  options.on_skip = [&](const ReadError& e) { skipped.push_back(e); };
  IngestStats s = IngestPaths(db, {dir / "tml"}, options);
  EXPECT_EQ(s.added, 1u);
  ASSERT_EQ(skipped.size(), 1u);
  EXPECT_NE(skipped[0].file.find("b.tml.TE3input"), std::string::npos);
  StoreReader reader(db);
  std::optional<ArticleRow> row = reader.LoadArticle(1);
  ASSERT_TRUE(row);
  EXPECT_EQ(row->doc.doc.id, "APW1");
  EXPECT_EQ(row->doc.doc.text, "The vote was held \"on Friday\", officials said.");
  ASSERT_EQ(row->doc.sentences.size(), 1u);
  ASSERT_EQ(row->doc.sentences[0].timexes.size(), 1u);
  EXPECT_EQ(row->doc.sentences[0].timexes[0].value, "1998-02-27");
}

TEST(StoreTest, ReaderCannotWrite) {
  TempDir dir;
  const std::string db = dir / "s.db";
  IngestPaths(db, {Fixture()});
  StoreReader reader(db);  // the server's way of opening
  Db ro(db, SQLITE_OPEN_READONLY);
  EXPECT_THROW(ro.Exec("DELETE FROM articles"), StoreError);
  EXPECT_EQ(reader.Counts().articles, 7);
}

TEST(StoreTest, RefusesAFileThatIsNotAStore) {
  TempDir dir;
  std::ofstream(dir / "junk.db") << "not a database at all, just text";
  EXPECT_THROW(StoreReader(dir / "junk.db"), StoreError);
  EXPECT_THROW(StoreWriter(dir / "junk.db"), StoreError);
  EXPECT_THROW(StoreReader(dir / "missing.db"), StoreError);
}

// Runs `annals ingest` as a child process; returns its pid.
pid_t SpawnIngest(const std::vector<std::string>& args, const std::string& log) {
  std::vector<std::string> argv = {ANNALS_BINARY, "ingest"};
  argv.insert(argv.end(), args.begin(), args.end());
  std::vector<char*> cargv;
  for (std::string& a : argv) cargv.push_back(a.data());
  cargv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 2, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  pid_t pid = -1;
  EXPECT_EQ(posix_spawn(&pid, cargv[0], &actions, nullptr, cargv.data(), environ), 0);
  posix_spawn_file_actions_destroy(&actions);
  return pid;
}

int64_t StoredArticles(const std::string& db) {
  try {
    return StoreReader(db).Counts().articles;
  } catch (const StoreError&) {
    return 0;  // not created yet
  }
}

TEST(StoreTest, KilledIngestKeepsCommittedBatchesAndRerunCompletes) {
  TempDir dir;
  const std::string db = dir / "k.db", corpus = dir / "big.jsonl";
  constexpr int kDocs = 3000, kBatch = 25;
  {
    std::ofstream out(corpus);
    for (int i = 0; i < kDocs; ++i) {
      out << "{\"id\":\"doc-" << i << "\",\"time\":\"2020-0" << 1 + i % 9 << "-1" << i % 10
          << "\",\"text\":\"Report " << i << ".";
      for (int k = 0; k < 10; ++k)
        out << " The council met on Monday and will vote next week. The plan began in March "
               "2019, two years ago, and hearing "
            << k << " is set for June 3.";
      out << "\"}\n";
    }
  }
  const pid_t pid = SpawnIngest(
      {"--db", db, "--batch", std::to_string(kBatch), "--threads", "1", corpus}, dir / "first.log");
  // Kill once some batches are committed, before the end.
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  int64_t seen = 0;
  while ((seen = StoredArticles(db)) < 4 * kBatch && std::chrono::steady_clock::now() < give_up)
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  ASSERT_EQ(kill(pid, SIGKILL), 0);
  int status = 0;
  waitpid(pid, &status, 0);
  const int64_t kept = StoredArticles(db);
  if (WIFEXITED(status)) GTEST_SKIP() << "the ingest finished before it could be killed";
  ASSERT_TRUE(WIFSIGNALED(status));
  EXPECT_GE(kept, seen);
  EXPECT_LT(kept, kDocs);
  EXPECT_EQ(kept % kBatch, 0) << "only whole batches are committed";
  {
    Db check(db, SQLITE_OPEN_READONLY);
    Stmt ic(check, "PRAGMA integrity_check");
    ASSERT_TRUE(ic.Step());
    EXPECT_EQ(ic.Text(0), "ok");
    ic.Reset();
    // Every stored article has its expressions (they commit together).
    Stmt orphans(check,
                 "SELECT count(*) FROM articles a WHERE NOT EXISTS "
                 "(SELECT 1 FROM timexes t WHERE t.article = a.id)");
    ASSERT_TRUE(orphans.Step());
    EXPECT_EQ(orphans.Int(0), 0);
    orphans.Reset();
  }
  // The rerun stores exactly the rest.
  const pid_t again = SpawnIngest({"--db", db, corpus}, dir / "second.log");
  waitpid(again, &status, 0);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0) << testing::ReadFile(dir / "second.log");
  EXPECT_EQ(StoredArticles(db), kDocs);
  const std::string summary = testing::ReadFile(dir / "second.log");
  EXPECT_NE(summary.find(std::to_string(kDocs - kept) + " added, 0 updated, " +
                         std::to_string(kept) + " unchanged"),
            std::string::npos)
      << summary;
}

}  // namespace
}  // namespace annals::store
