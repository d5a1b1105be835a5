#include "corpus/collection.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include "test_util.h"

namespace annals {
namespace {

using testing::TempDir;

size_t CountReason(const Collection& c, const std::string& reason) {
  size_t n = 0;
  for (const ReadError& e : c.skipped) n += e.message.find(reason) != std::string::npos;
  return n;
}

const Document* FindId(const Collection& c, const std::string& id) {
  for (const Document& d : c.documents) {
    if (d.id == id) return &d;
  }
  return nullptr;
}

std::string T17Root() { return testing::SharedDir() + "/data/t17"; }

TEST(T17Collection, ListsTopicsSourcesAndTimelines) {
  ANNALS_REQUIRE_SHARED();
  std::vector<T17Topic> topics;
  ReadError err;
  ASSERT_TRUE(ListT17Topics(T17Root(), &topics, &err)) << err.ToString();
  ASSERT_EQ(topics.size(), 7u);
  size_t sources = 0;
  size_t timelines = 0;
  std::set<std::string> names;
  for (const T17Topic& t : topics) {
    names.insert(t.name);
    sources += t.sources.size();
    timelines += t.timelines.size();
    EXPECT_EQ(t.sources.size(), t.source_dirs.size());
  }
  EXPECT_EQ(sources, 13u);
  EXPECT_EQ(timelines, 15u);
  EXPECT_EQ(names, (std::set<std::string>{"EgyptianProtest", "Finan", "IraqWar", "LibyaWar", "MJ",
                                          "SyrianCrisis", "bpoil"}));
  const T17Topic& bpoil = topics.back();
  ASSERT_EQ(bpoil.name, "bpoil");
  EXPECT_EQ(bpoil.sources,
            (std::vector<std::string>{"bbc", "foxnews", "guardian", "reuters", "washingtonpost"}));
  EXPECT_EQ(bpoil.timelines.size(), 5u);
  for (const T17Topic& t : topics) {
    if (t.name == "SyrianCrisis") {
      ASSERT_EQ(t.timelines.size(), 4u);
      EXPECT_TRUE(t.timelines[0].ends_with("SyrianCrisis_bbc/timelines/tl1.txt"));
      EXPECT_TRUE(t.timelines[3].ends_with("SyrianCrisis_reuters/timelines/tl2.3.txt"));
    }
  }
}

TEST(T17Collection, LoadsEveryFileOrReportsIt) {
  ANNALS_REQUIRE_SHARED();
  std::vector<T17Topic> topics;
  ReadError err;
  ASSERT_TRUE(ListT17Topics(T17Root(), &topics, &err));
  const auto t0 = std::chrono::steady_clock::now();
  size_t docs = 0;
  size_t skipped = 0;
  size_t empty = 0;
  size_t stray = 0;
  std::vector<Collection> loaded;
  for (const T17Topic& t : topics) loaded.push_back(LoadT17Topic(t));
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf("[ T17 load ] 7 topics in %.3f s\n", seconds);
  for (const Collection& c : loaded) {
    docs += c.documents.size();
    skipped += c.skipped.size();
    empty += CountReason(c, "empty file");
    stray += CountReason(c, "not in a YYYY-MM-DD folder");
    EXPECT_EQ(c.out_of_range, 0u);
    for (size_t i = 1; i < c.documents.size(); ++i) {
      ASSERT_LE(c.documents[i - 1].dct, c.documents[i].dct);  // sorted by date
    }
    for (const Document& d : c.documents) {
      ASSERT_TRUE(d.dct.has_value());
      ASSERT_FALSE(d.text.empty());
      ASSERT_EQ(d.id.find(d.dct->ToString()), d.id.find('/') + 1) << d.id;
    }
  }
  // 3,950 files: 3,949 articles (12 of them empty) and one .DS_Store.
  EXPECT_EQ(docs + skipped, 3950u);
  EXPECT_EQ(empty, 12u);
  EXPECT_EQ(stray, 1u);
  EXPECT_EQ(skipped, 13u);
  EXPECT_EQ(docs, 3937u);
  // Generous: the point is "no quadratic work", not a benchmark (this also
  // runs under sanitizers and on cold caches).
  EXPECT_LT(seconds, 10.0);
}

TEST(T17Collection, DuplicateFileNamesAcrossSourcesAreBothKept) {
  ANNALS_REQUIRE_SHARED();
  std::vector<T17Topic> topics;
  ReadError err;
  ASSERT_TRUE(ListT17Topics(T17Root(), &topics, &err));
  for (const T17Topic& t : topics) {
    if (t.name != "LibyaWar") continue;
    const Collection c = LoadT17Topic(t);
    EXPECT_EQ(c.name, "LibyaWar");
    const Document* cnn = FindId(c, "cnn/2011-03-03/95.htm.txt");
    const Document* reuters = FindId(c, "reuters/2011-03-03/95.htm.txt");
    ASSERT_NE(cnn, nullptr);
    ASSERT_NE(reuters, nullptr);
    EXPECT_NE(cnn->text, reuters->text);
    std::set<std::string> ids;
    for (const Document& d : c.documents) ids.insert(d.id);
    EXPECT_EQ(ids.size(), c.documents.size());
    EXPECT_EQ(c.documents.size() + c.skipped.size(), 398u + 379u);
  }
}

TEST(T17Collection, TopicFolderAndDateRange) {
  ANNALS_REQUIRE_SHARED();
  std::vector<T17Topic> topics;
  ReadError err;
  ASSERT_TRUE(ListT17Topics(T17Root() + "/MJ_bbc/", &topics, &err)) << err.ToString();
  ASSERT_EQ(topics.size(), 1u);
  EXPECT_EQ(topics[0].name, "MJ");
  EXPECT_EQ(topics[0].sources, (std::vector<std::string>{"bbc"}));
  ASSERT_EQ(topics[0].timelines.size(), 1u);
  const Collection all = LoadT17Topic(topics[0]);
  EXPECT_EQ(all.documents.size() + all.skipped.size(), 142u);

  LoadOptions options;
  options.from = Date{2011, 9, 27};
  options.to = Date{2011, 11, 2};
  const Collection some = LoadT17Topic(topics[0], options);
  EXPECT_GT(some.documents.size(), 0u);
  EXPECT_LT(some.documents.size(), all.documents.size());
  for (const Document& d : some.documents) {
    EXPECT_GE(*d.dct, *options.from);
    EXPECT_LE(*d.dct, *options.to);
  }
  EXPECT_EQ(some.documents.size() + some.skipped.size() + some.out_of_range, 142u);

  // LoadCorpus recognises a topic folder and refuses a root.
  EXPECT_EQ(LoadCorpus(T17Root() + "/MJ_bbc").documents.size(), all.documents.size());
  const Collection root = LoadCorpus(T17Root());
  EXPECT_TRUE(root.documents.empty());
  ASSERT_EQ(root.skipped.size(), 1u);
  EXPECT_NE(root.skipped[0].message.find("7 topics"), std::string::npos);
}

TEST(Collection, SyntheticT17Layout) {
  TempDir dir;
  dir.Write("Quake_aaa/InputDocs/2010-01-02/1.htm.txt", "First line .\nSecond line .\n");
  dir.Write("Quake_aaa/InputDocs/2010-01-03/2.htm.txt", "");
  dir.Write("Quake_aaa/InputDocs/2010-02-30/3.htm.txt", "Bad folder .\n");
  dir.Write("Quake_aaa/InputDocs/notes.txt", "stray");
  dir.Write("Quake_aaa/timelines/tl.txt", "2010-01-02\n- x .\n");
  dir.Write("Quake_bbb/InputDocs/2010-01-02/1.htm.txt", "Other source .\n");
  dir.Write("Quake_bbb/InputDocs/2010-01-01/4.htm.txt", "ok\nbad \xC3 byte\n");
  dir.Write("Other_ccc/InputDocs/2011-01-01/1.htm.txt", "Elsewhere .\n");
  std::vector<T17Topic> topics;
  ReadError err;
  ASSERT_TRUE(ListT17Topics(dir.path(), &topics, &err)) << err.ToString();
  ASSERT_EQ(topics.size(), 2u);
  EXPECT_EQ(topics[0].name, "Other");
  ASSERT_EQ(topics[1].name, "Quake");
  EXPECT_EQ(topics[1].timelines.size(), 1u);
  for (int threads : {1, 2, 4}) {
    LoadOptions options;
    options.threads = threads;
    const Collection c = LoadT17Topic(topics[1], options);
    ASSERT_EQ(c.documents.size(), 2u);
    EXPECT_EQ(c.documents[0].id, "aaa/2010-01-02/1.htm.txt");
    EXPECT_EQ(c.documents[1].id, "bbb/2010-01-02/1.htm.txt");
    EXPECT_EQ(c.documents[0].text, "First line .\nSecond line .\n");
    ASSERT_EQ(c.skipped.size(), 4u);
    EXPECT_EQ(CountReason(c, "empty file"), 1u);
    EXPECT_EQ(CountReason(c, "bad date"), 1u);
    EXPECT_EQ(CountReason(c, "not in a YYYY-MM-DD folder"), 1u);
    EXPECT_EQ(CountReason(c, "UTF-8"), 1u);
    for (const ReadError& e : c.skipped) {
      if (e.message.find("UTF-8") != std::string::npos) {
        EXPECT_EQ(e.line, 2u);
        EXPECT_TRUE(e.file.ends_with("4.htm.txt"));
      }
    }
  }
  EXPECT_FALSE(ListT17Topics(dir.path() + "/nope", &topics, &err));
  EXPECT_FALSE(ListT17Topics(dir.path() + "/Quake_aaa/InputDocs", &topics, &err));
}

TEST(Collection, DatedFolder) {
  TempDir dir;
  dir.Write("a.txt", "date 2013-01-30 Syria talks. More text.");
  dir.Write("b.txt", " date 2013-02-01\n\nLater article.");
  dir.Write("c.txt", "date 2013-13-45 Bad header.");
  dir.Write("y.txt", "date 0000-01-05 No year 0: nothing it names could be placed.");
  dir.Write("d.txt", "");
  dir.Write("e.txt", "date 2013-01-30 bad \xFF");
  dir.Write("notes.md", "not an article");
  const Collection c = LoadDatedFolder(dir.path());
  ASSERT_EQ(c.documents.size(), 2u);
  EXPECT_EQ(c.documents[0].id, "a.txt");
  EXPECT_EQ(c.documents[0].dct->ToString(), "2013-01-30");
  EXPECT_EQ(c.documents[0].text, "Syria talks. More text.");
  EXPECT_EQ(c.documents[1].text, "Later article.");
  ASSERT_EQ(c.skipped.size(), 5u);
  EXPECT_EQ(CountReason(c, "malformed header"), 2u);
  EXPECT_EQ(CountReason(c, "empty file"), 1u);
  EXPECT_EQ(CountReason(c, "UTF-8"), 1u);
  EXPECT_EQ(CountReason(c, "not a .txt file"), 1u);
  for (const ReadError& e : c.skipped) {
    if (e.message.find("malformed") != std::string::npos) {
      EXPECT_EQ(e.line, 1u);
      EXPECT_TRUE(e.file.ends_with("c.txt") || e.file.ends_with("y.txt"));
    }
  }
  LoadOptions options;
  options.from = Date{2013, 1, 31};
  const Collection later = LoadDatedFolder(dir.path(), options);
  ASSERT_EQ(later.documents.size(), 1u);
  EXPECT_EQ(later.out_of_range, 1u);
  EXPECT_EQ(LoadCorpus(dir.path()).documents.size(), 2u);
  // A single dated article is a one-document corpus.
  EXPECT_EQ(LoadCorpus(dir.path() + "/a.txt").documents.size(), 1u);
  EXPECT_EQ(LoadCorpus(dir.path() + "/missing").skipped.size(), 1u);
}

TEST(Collection, JsonlCorpus) {
  TempDir dir;
  const std::string path =
      dir.Write("news.jsonl",
                "{\"id\": \"2\", \"time\": \"2013-02-01T08:00:00\", \"text\": \"Later.\"}\n"
                "{\"id\": \"1\", \"time\": \"2013-01-30\", \"text\": \"Earlier.\"}\n"
                "{\"id\": \"3\", \"time\": \"2013-02-30\", \"text\": \"Bad.\"}\n"
                "not json\n"
                "{\"id\": \"5\", \"time\": \"0000-01-05\", \"text\": \"No year 0.\"}\n");
  const Collection c = LoadCorpus(path);
  ASSERT_EQ(c.documents.size(), 2u);
  EXPECT_EQ(c.documents[0].id, "1");  // sorted by date
  EXPECT_EQ(c.documents[1].id, "2");
  ASSERT_EQ(c.skipped.size(), 3u);
  EXPECT_EQ(c.skipped[0].line, 3u);
  EXPECT_EQ(c.skipped[1].line, 4u);
  EXPECT_EQ(c.skipped[2].line, 5u);
  LoadOptions options;
  options.to = Date{2013, 1, 31};
  const Collection early = LoadJsonlCollection(path, options);
  EXPECT_EQ(early.documents.size(), 1u);
  EXPECT_EQ(early.out_of_range, 1u);
  const Collection missing = LoadJsonlCollection(dir.path() + "/none.jsonl");
  ASSERT_EQ(missing.skipped.size(), 1u);
  EXPECT_EQ(missing.skipped[0].line, 0u);
}

// The default budget leaves room for tagging and building a timeline,
// which take about 6 times the text: an eighth of physical memory.
TEST(Collection, DefaultTextBudgetIsAnEighthOfMemory) {
  const size_t memory =
      static_cast<size_t>(sysconf(_SC_PHYS_PAGES)) * static_cast<size_t>(sysconf(_SC_PAGESIZE));
  EXPECT_EQ(LoadOptions{}.max_total_bytes, DefaultTextBudget());
  EXPECT_GE(DefaultTextBudget(), size_t{256} << 20);
  EXPECT_LE(DefaultTextBudget(), std::max(size_t{256} << 20, memory / 8));
  EXPECT_GE(DefaultTextBudget() + 4096, std::max(size_t{256} << 20, memory / 8));
}

TEST(Collection, TextBudgetSkipsTheRestInPathOrder) {
  TempDir dir;
  dir.Write("a.txt", "date 2013-01-30 " + std::string(40, 'a'));
  dir.Write("b.txt", "date 2013-01-31 " + std::string(40, 'b'));
  dir.Write("c.txt", "date 2013-02-01 c");
  LoadOptions options;
  options.max_total_bytes = 100;  // a.txt fits, b.txt does not
  const Collection c = LoadDatedFolder(dir.path(), options);
  ASSERT_EQ(c.documents.size(), 1u);
  EXPECT_EQ(c.documents[0].id, "a.txt");
  // Nothing silently dropped: b and c are reported, c too although it is
  // small, so that what is kept is a prefix of the input.
  EXPECT_EQ(CountReason(c, "text budget"), 2u);

  const std::string jsonl = dir.Write(
      "n.jsonl", "{\"id\": \"1\", \"time\": \"2013-01-30\", \"text\": \"" + std::string(60, 'x') +
                     "\"}\n"
                     "{\"id\": \"2\", \"time\": \"2013-01-30\", \"text\": \"" +
                     std::string(60, 'y') + "\"}\n");
  const Collection j = LoadJsonlCollection(jsonl, options);
  ASSERT_EQ(j.documents.size(), 1u);
  ASSERT_EQ(j.skipped.size(), 1u);
  EXPECT_EQ(j.skipped[0].line, 2u);

  // Many articles past the budget: one record, counting them.
  std::string lines;
  for (int i = 0; i < 5; ++i)
    lines += "{\"time\": \"2013-01-30\", \"text\": \"" + std::string(60, 'z') + "\"}\n";
  // An empty text after the cut would fit, but what is kept is a prefix.
  lines += "{\"time\": \"2013-01-30\", \"text\": \"\"}\n";
  const Collection many = LoadJsonlCollection(dir.Write("m.jsonl", lines), options);
  ASSERT_EQ(many.documents.size(), 1u);
  ASSERT_EQ(many.skipped.size(), 1u);
  EXPECT_EQ(many.skipped[0].line, 2u);
  EXPECT_NE(many.skipped[0].message.find("with the 4 later articles"), std::string::npos)
      << many.skipped[0].message;
  EXPECT_TRUE(many.budget_exhausted);
  EXPECT_TRUE(c.budget_exhausted);
  EXPECT_TRUE(j.budget_exhausted);
  EXPECT_FALSE(LoadJsonlCollection(jsonl).budget_exhausted);  // the default budget
}

TEST(Collection, JsonlProgressCountsLines) {
  TempDir dir;
  std::string lines;
  for (int i = 0; i < 25000; ++i) lines += "{\"time\": \"2013-01-30\", \"text\": \"x\"}\n";
  LoadOptions options;
  std::vector<size_t> seen;
  options.progress = [&](size_t n) { seen.push_back(n); };
  const Collection c = LoadJsonlCollection(dir.Write("p.jsonl", lines), options);
  EXPECT_EQ(c.documents.size(), 25000u);
  EXPECT_EQ(seen, (std::vector<size_t>{10000, 20000}));
}

TEST(Collection, JsonlErrorsAreReportedInBoundedSpace) {
  TempDir dir;
  std::string lines;
  for (int i = 0; i < 1005; ++i) lines += "not json\n";
  lines += "{\"time\": \"2013-01-30\", \"text\": \"kept on Monday\"}\n";
  lines += "{\"time\": \"2013-02-30\", \"text\": \"bad date\"}\n";
  const Collection c = LoadJsonlCollection(dir.Write("bad.jsonl", lines));
  ASSERT_EQ(c.documents.size(), 1u);
  EXPECT_EQ(c.documents[0].text, "kept on Monday");
  // 1,000 listed with their lines, then one record for the other 6.
  ASSERT_EQ(c.skipped.size(), 1001u);
  EXPECT_EQ(c.skipped[999].line, 1000u);
  EXPECT_EQ(c.skipped[1000].line, 1001u);
  EXPECT_NE(c.skipped[1000].message.find("6 more unreadable lines"), std::string::npos)
      << c.skipped[1000].message;
}

}  // namespace
}  // namespace annals
