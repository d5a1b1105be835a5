// The store round trip on real news: a timeline served from the store
// (FTS5 selection, annotations read back from rows, no re-tagging) equals
// the timeline built directly from the corpus. Needs ../shared (Timeline17).
#include <gtest/gtest.h>
#include <httplib.h>
#include <unistd.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <thread>

#include "annals/tagger.h"
#include "annals/timeline.h"
#include "corpus/collection.h"
#include "server/server.h"
#include "store/ingest.h"
#include "test_util.h"

namespace annals::server {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

TEST(ServeT17Test, ServedTimelineEqualsTheDirectOne) {
  ANNALS_REQUIRE_SHARED();
  const std::string source = testing::SharedDir() + "/data/t17/bpoil_bbc";
  const fs::path dir = fs::temp_directory_path() / ("annals-t17-" + std::to_string(getpid()));
  fs::create_directories(dir);
  const std::string db = (dir / "t17.db").string();
  store::IngestPaths(db, {source});

  // Direct: load, annotate, build.
  Collection c = LoadCorpus(source);
  ASSERT_FALSE(c.documents.empty());
  std::vector<AnnotatedDocument> docs = AnnotateAll(std::move(c.documents), Tagger::Default(), 2);
  TimelineOptions o;
  o.query = "oil well";
  o.sentences_per_date = 2;
  TimelineResult direct = BuildTimeline(docs, o);
  ASSERT_FALSE(direct.entries.empty());

  // Served.
  ServerOptions so;
  so.db = db;
  so.port = 0;
  so.threads = 2;
  Server server(so);
  std::string error;
  ASSERT_TRUE(server.Bind(&error)) << error;
  std::thread t([&] { server.Run(); });
  httplib::Client client("127.0.0.1", server.port());
  client.set_read_timeout(60, 0);
  auto res = client.Get("/api/timeline?q=oil%20well&sentences=2");
  server.Stop();
  t.join();
  fs::remove_all(dir);
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  json served = json::parse(res->body);

  EXPECT_EQ(served["documents"], direct.documents);
  EXPECT_EQ(served["sentences"], direct.sentences);
  ASSERT_EQ(served["dates"].size(), direct.entries.size());
  for (size_t i = 0; i < direct.entries.size(); ++i) {
    const TimelineEntry& e = direct.entries[i];
    const json& s = served["dates"][i];
    EXPECT_EQ(s["date"], e.date.ToString());
    EXPECT_EQ(s["articles"], e.articles);
    EXPECT_EQ(s["mentions"], e.mentions);
    ASSERT_EQ(s["sentences"].size(), e.sentences.size()) << e.date.ToString();
    for (size_t k = 0; k < e.sentences.size(); ++k) {
      EXPECT_EQ(s["sentences"][k]["text"], e.sentences[k].text);
      // Stored ids carry the topic: "bpoil/" + the loader's id.
      EXPECT_EQ(s["sentences"][k]["doc_id"], "bpoil/" + e.sentences[k].doc_id);
    }
  }
}

}  // namespace
}  // namespace annals::server
