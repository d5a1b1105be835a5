// The HTTP API against a server on an ephemeral port: answers, client
// errors (400/404/413/414 with JSON bodies), static files without path
// traversal, and the bundled example store.
#include "server/server.h"

#include <gtest/gtest.h>
#include <httplib.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <future>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <thread>

#include "store/ingest.h"
#include "test_util.h"

namespace annals::server {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

// The fixture corpus ingested into a fresh store in a directory of its
// own, removed with it.
struct FixtureStore {
  explicit FixtureStore(const std::string& name)
      : dir(fs::temp_directory_path() / ("annals-" + name + "-" + std::to_string(getpid()))),
        db((dir / "s.db").string()) {
    fs::create_directories(dir);
    store::IngestPaths(db, {testing::SourceDir() + "/tests/data/serve_corpus.jsonl"});
  }
  ~FixtureStore() { fs::remove_all(dir); }
  const fs::path dir;
  const std::string db;
};

// A server with `options` on an ephemeral port, run on a thread of its
// own until Stop() (or destruction). Throws when it cannot bind.
class RunningServer {
 public:
  explicit RunningServer(ServerOptions options) : server_(WithEphemeralPort(std::move(options))) {
    std::string error;
    if (!server_.Bind(&error)) throw std::runtime_error("bind: " + error);
    thread_ = std::thread([this] { server_.Run(); });
  }
  ~RunningServer() { Stop(); }
  int port() const { return server_.port(); }
  void Stop() {
    if (!thread_.joinable()) return;
    server_.Stop();
    thread_.join();
  }

 private:
  static ServerOptions WithEphemeralPort(ServerOptions o) {
    o.port = 0;
    return o;
  }
  Server server_;
  std::thread thread_;
};

// A server over the fixture corpus, shared by the tests of this file.
class ServerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    store_ = new FixtureStore("server-test");
    ServerOptions o;
    o.db = store_->db;
    o.threads = 4;
    o.max_body_bytes = 4096;
    server_ = new RunningServer(o);
  }
  static void TearDownTestSuite() {
    delete server_;
    delete store_;
  }

  static httplib::Client Client() {
    httplib::Client c("127.0.0.1", server_->port());
    c.set_read_timeout(10, 0);
    return c;
  }
  // GET and parse; fails the test when the body is not JSON.
  static json GetJson(const std::string& path, int expect_status) {
    auto c = Client();
    auto res = c.Get(path.c_str());
    if (!res) {
      ADD_FAILURE() << path << ": no answer";
      return {};
    }
    EXPECT_EQ(res->status, expect_status) << path << " -> " << res->body;
    EXPECT_NE(res->get_header_value("Content-Type").find("application/json"), std::string::npos)
        << path;
    try {
      return json::parse(res->body);
    } catch (const json::exception&) {
      ADD_FAILURE() << path << ": not JSON: " << res->body;
      return {};
    }
  }
  static void ExpectError(const std::string& path, int status) {
    json j = GetJson(path, status);
    EXPECT_TRUE(j.contains("error") && j["error"].is_string()) << path << " -> " << j.dump();
  }

  static inline FixtureStore* store_ = nullptr;
  static inline RunningServer* server_ = nullptr;
};

TEST_F(ServerTest, Health) {
  json j = GetJson("/healthz", 200);
  EXPECT_EQ(j["status"], "ok");
  EXPECT_EQ(j["articles"], 7);
}

TEST_F(ServerTest, Timeline) {
  json j = GetJson("/api/timeline?q=bridge&sentences=2", 200);
  ASSERT_TRUE(j["dates"].is_array());
  ASSERT_FALSE(j["dates"].empty());
  bool closure = false;
  for (const json& e : j["dates"]) {
    EXPECT_LE(e["sentences"].size(), 2u);
    for (const json& s : e["sentences"]) {
      EXPECT_TRUE(s["article"].is_number_integer()) << s.dump();
      EXPECT_TRUE(s["text"].is_string());
    }
    closure |= e["date"] == "2021-03-08";
  }
  EXPECT_TRUE(closure) << j.dump();
  EXPECT_FALSE(j["coverage"].empty());
  // Limits by date.
  json june = GetJson("/api/timeline?from=2021-06&to=2021-06-30", 200);
  for (const json& e : june["dates"])
    EXPECT_EQ(e["date"].get<std::string>().substr(0, 7), "2021-06");
  // The same request again is answered (from the cache) identically.
  auto c = Client();
  auto a = c.Get("/api/timeline?q=bridge&sentences=2");
  ASSERT_TRUE(a);
  EXPECT_EQ(json::parse(a->body), j);
}

// format=timelinejs|csv|json: the exports of timeline/export.h as
// downloads, the same dates as the page's JSON.
TEST_F(ServerTest, TimelineDownloads) {
  json page = GetJson("/api/timeline?q=bridge", 200);
  ASSERT_FALSE(page["dates"].empty());
  auto c = Client();

  auto tjs = c.Get("/api/timeline?q=bridge&format=timelinejs");
  ASSERT_TRUE(tjs);
  EXPECT_EQ(tjs->status, 200);
  EXPECT_NE(tjs->get_header_value("Content-Type").find("application/json"), std::string::npos);
  EXPECT_NE(tjs->get_header_value("Content-Disposition").find("attachment"), std::string::npos);
  json j = json::parse(tjs->body);
  EXPECT_EQ(j["title"]["text"]["headline"], "bridge");
  ASSERT_EQ(j["events"].size(), page["dates"].size());
  for (size_t i = 0; i < j["events"].size(); ++i) {
    const json& d = j["events"][i]["start_date"];
    char iso[16];
    std::snprintf(iso, sizeof iso, "%04d-%02d-%02d", d["year"].get<int>(), d["month"].get<int>(),
                  d["day"].get<int>());
    EXPECT_EQ(iso, page["dates"][i]["date"].get<std::string>());
  }

  auto csv = c.Get("/api/timeline?q=bridge&format=csv");
  ASSERT_TRUE(csv);
  EXPECT_EQ(csv->status, 200);
  EXPECT_NE(csv->get_header_value("Content-Type").find("text/csv"), std::string::npos);
  EXPECT_EQ(csv->get_header_value("Content-Disposition"),
            "attachment; filename=\"annals-bridge.csv\"");
  EXPECT_EQ(csv->body.rfind("date,rank,sentence,article_id,published,collection\r\n", 0), 0u);
  size_t sentences = 0;
  for (const json& e : page["dates"]) sentences += e["sentences"].size();
  size_t lines = 0;
  for (char ch : csv->body) lines += ch == '\n';
  EXPECT_EQ(lines, sentences + 1);  // the fixture's sentences hold no newline

  // format=json: the page's JSON, as a download.
  auto dl = c.Get("/api/timeline?q=bridge&format=json");
  ASSERT_TRUE(dl);
  EXPECT_EQ(json::parse(dl->body), page);
  EXPECT_NE(dl->get_header_value("Content-Disposition").find("attachment"), std::string::npos);
  auto plain = c.Get("/api/timeline?q=bridge");
  ASSERT_TRUE(plain);
  EXPECT_FALSE(plain->has_header("Content-Disposition"));

  // No dates: the title slide and the header.
  auto none = c.Get("/api/timeline?q=bridge&from=1990&to=1990&format=timelinejs");
  ASSERT_TRUE(none);
  EXPECT_EQ(none->status, 200);
  EXPECT_TRUE(json::parse(none->body)["events"].empty());
  auto none_csv = c.Get("/api/timeline?q=bridge&from=1990&to=1990&format=csv");
  ASSERT_TRUE(none_csv);
  EXPECT_EQ(none_csv->body, "date,rank,sentence,article_id,published,collection\r\n");

  // The file is named after the query, in [a-z0-9-].
  auto named = c.Get("/api/timeline?q=Harbor%20Bridge%3B%20%22x%22%20%C3%89t%C3%A9&format=csv");
  ASSERT_TRUE(named);
  EXPECT_EQ(named->get_header_value("Content-Disposition"),
            "attachment; filename=\"annals-harbor-bridge-x-t.csv\"");
  ExpectError("/api/timeline?q=bridge&format=xml", 400);
  ExpectError("/api/timeline?q=bridge&format=csv&format=json", 400);
}

TEST_F(ServerTest, SearchIsAboutEventTime) {
  json j = GetJson("/api/search?on=2021-03-08", 200);
  ASSERT_GE(j["results"].size(), 4u);
  std::set<std::string> published;
  for (const json& r : j["results"]) {
    published.insert(r["published"]);
    ASSERT_FALSE(r["timexes"].empty());
    for (const json& t : r["timexes"]) EXPECT_EQ(t["first"], "2021-03-08");
  }
  EXPECT_TRUE(published.count("2021-03-01"));
  json month = GetJson("/api/search?on=2021-03&q=reopen&limit=1", 200);
  ASSERT_EQ(month["results"].size(), 1u);
  EXPECT_TRUE(month["more"].get<bool>());
  json text_only = GetJson("/api/search?q=ferry", 200);
  ASSERT_EQ(text_only["results"].size(), 1u);
  EXPECT_EQ(text_only["results"][0]["doc_id"], "bridge-2");
  // Search operators typed by a person are taken as words, not syntax.
  GetJson("/api/search?q=%22bridge%22%20OR%20NEAR(x*&on=2021", 200);
}

TEST_F(ServerTest, Article) {
  json found = GetJson("/api/search?q=security%20note", 200);
  ASSERT_EQ(found["results"].size(), 1u);
  const int id = found["results"][0]["article"];
  json a = GetJson("/api/articles/" + std::to_string(id), 200);
  EXPECT_EQ(a["lang"], "en");  // stored at ingest (schema 2)
  EXPECT_EQ(a["doc_id"], "xss-1");
  // The hostile markup is data: the JSON carries it verbatim, the UI puts
  // it in text nodes (tests/browser proves nothing runs).
  EXPECT_NE(a["text"].get<std::string>().find("<script>"), std::string::npos);
  std::string joined;
  for (const json& p : a["parts"]) joined += p["text"].get<std::string>();
  EXPECT_EQ(joined, a["text"]);
  ASSERT_FALSE(a["timexes"].empty());
  EXPECT_EQ(a["timexes"][0]["value"], "2021-03-08");
  ExpectError("/api/articles/999999", 404);
  ExpectError("/api/articles/abc", 400);
  ExpectError("/api/articles/-1", 400);
  ExpectError("/api/articles/99999999999999999999999", 400);
}

TEST_F(ServerTest, Tag) {
  auto c = Client();
  auto res = c.Post("/api/tag", R"({"text": "He left on Friday.", "dct": "2013-01-30"})",
                    "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  json j = json::parse(res->body);
  ASSERT_EQ(j["timexes"].size(), 1u);
  EXPECT_EQ(j["timexes"][0]["value"], "2013-01-25");
  EXPECT_EQ(j["lang"], "en");
  // `lang` picks the rules; the answer names the language used.
  res = c.Post("/api/tag",
               R"({"text": "Il est parti le 3 mars 2011.", "dct": "2013-01-30", "lang": "fr"})",
               "application/json");
  ASSERT_TRUE(res);
  j = json::parse(res->body);
  EXPECT_EQ(j["lang"], "fr");
  ASSERT_EQ(j["timexes"].size(), 1u);
  EXPECT_EQ(j["timexes"][0]["value"], "2011-03-03");
  for (const char* bad : {"not json", "{}", R"({"text": 1, "dct": "2013-01-30"})",
                          R"({"text": "x", "dct": "2013-02-30"})", "[]",
                          R"({"text": "x", "dct": "2013-01-30", "lang": "xx"})",
                          R"({"text": "x", "dct": "2013-01-30", "lang": 3})"}) {
    auto r = c.Post("/api/tag", bad, "application/json");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 400) << bad;
    EXPECT_TRUE(json::parse(r->body).contains("error"));
  }
  // Over the body limit (4096 bytes in this test): 413, still JSON.
  std::string big = R"({"text": ")" + std::string(8000, 'a') + R"(", "dct": "2013-01-30"})";
  auto r = c.Post("/api/tag", big, "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 413);
  EXPECT_TRUE(json::parse(r->body).contains("error"));
}

TEST_F(ServerTest, MalformedParametersAre400) {
  for (const char* path : {"/api/timeline?dates=abc",
                           "/api/timeline?dates=0",
                           "/api/timeline?dates=100000",
                           "/api/timeline?dates=5x",
                           "/api/timeline?sentences=-1",
                           "/api/timeline?from=2021-13",
                           "/api/timeline?from=2021-02-30",
                           "/api/timeline?to=yesterday",
                           "/api/timeline?from=2021-05&to=2021-04",
                           "/api/timeline?bogus=1",
                           "/api/timeline?q=a&q=b",
                           "/api/timeline?q=%FF%FE",
                           "/api/timeline?q=%22%2A%28",
                           "/api/search",
                           "/api/search?on=2021-1-1",
                           "/api/search?on=2021&limit=0",
                           "/api/search?on=2021&offset=-5",
                           "/api/search?on=2021&in=everything",
                           "/api/search?q=%00x",
                           "/healthz?x=1"}) {
    ExpectError(path, 400);
  }
  ExpectError("/api/timeline?q=" + std::string(300, 'a'), 400);
}

TEST_F(ServerTest, UnknownRoutesAndTraversalAre404) {
  for (const char* path :
       {"/api/nope", "/api/articles/", "/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd",
        "/..%2f..%2fetc%2fpasswd", "/web/../CMakeLists.txt", "/index.html/../../CMakeLists.txt",
        "/.git/config", "/%2e%2e"}) {
    auto c = Client();
    auto res = c.Get(path);
    ASSERT_TRUE(res) << path;
    EXPECT_EQ(res->status, 404) << path;
    EXPECT_EQ(res->body.find("root:"), std::string::npos);
    EXPECT_EQ(res->body.find("cmake_minimum_required"), std::string::npos);
    EXPECT_TRUE(json::parse(res->body).contains("error")) << path << ": " << res->body;
  }
  auto c = Client();
  auto res = c.Get(("/api/search?q=" + std::string(20000, 'a')).c_str());
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 414);
  EXPECT_TRUE(json::parse(res->body).contains("error"));
}

TEST_F(ServerTest, StaticFilesAndHeaders) {
  auto c = Client();
  auto page = c.Get("/");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_NE(page->get_header_value("Content-Type").find("text/html"), std::string::npos);
  EXPECT_NE(page->body.find("app.js"), std::string::npos);
  EXPECT_NE(page->get_header_value("Content-Security-Policy").find("script-src 'self'"),
            std::string::npos);
  EXPECT_EQ(page->get_header_value("X-Content-Type-Options"), "nosniff");
  // No resource of the page comes from elsewhere.
  EXPECT_EQ(page->body.find("http"), std::string::npos);
  auto js = c.Get("/app.js");
  ASSERT_TRUE(js);
  EXPECT_EQ(js->status, 200);
  EXPECT_NE(js->get_header_value("Content-Type").find("javascript"), std::string::npos);
  EXPECT_EQ(js->body.find("innerHTML"), std::string::npos) << "text goes in as text";
}

TEST_F(ServerTest, ConcurrentRequests) {
  std::vector<std::thread> clients;
  std::atomic<int> ok{0};
  for (int i = 0; i < 8; ++i) {
    clients.emplace_back([&, i] {
      auto c = Client();
      for (int k = 0; k < 10; ++k) {
        auto res = c.Get(k % 2 ? "/api/timeline?q=bridge"
                               : ("/api/search?on=2021-03&offset=" + std::to_string(i)).c_str());
        if (res && res->status == 200) ++ok;
      }
    });
  }
  for (auto& t : clients) t.join();
  EXPECT_EQ(ok, 80);
}

TEST(ServerExamplesTest, ServesTheBundledArticlesWithoutADatabase) {
  ServerOptions o;
  o.threads = 2;
  RunningServer server(o);
  httplib::Client c("127.0.0.1", server.port());
  auto health = c.Get("/healthz");
  auto tl = c.Get("/api/timeline");
  auto about = c.Get("/api/search?on=2013-01-30");
  server.Stop();
  ASSERT_TRUE(health && tl && about);
  EXPECT_GE(json::parse(health->body)["articles"].get<int>(), 1);
  EXPECT_EQ(tl->status, 200);
  EXPECT_FALSE(json::parse(tl->body)["dates"].empty()) << tl->body;
  EXPECT_FALSE(json::parse(about->body)["results"].empty()) << about->body;
}

TEST(ServerTimeoutTest, RequestsPastTheirDeadlineAre503) {
  const FixtureStore store("timeout");
  ServerOptions o;
  o.db = store.db;
  o.threads = 2;
  o.timeout = std::chrono::milliseconds(0);  // every deadline has passed
  RunningServer server(o);
  httplib::Client c("127.0.0.1", server.port());
  auto tl = c.Get("/api/timeline?q=bridge");
  auto about = c.Get("/api/search?on=2021-03");
  auto health = c.Get("/healthz");
  server.Stop();
  ASSERT_TRUE(tl && about && health);
  EXPECT_EQ(tl->status, 503);
  EXPECT_TRUE(json::parse(tl->body).contains("error"));
  EXPECT_EQ(about->status, 503);
  EXPECT_EQ(health->status, 200);
}

// Timelines are built a bounded number at a time: with one slot, a second
// timeline request waits while a build holds it and gets a 503 when its
// deadline passes; once the slot is free, timelines are answered again.
TEST(ServerBuildSlotsTest, ABusyBuildSlotMakesOthersWaitThen503) {
  const FixtureStore store("slots");
  ServerOptions o;
  o.db = store.db;
  o.threads = 4;
  o.timeline_builds = 1;
  o.timeout = std::chrono::milliseconds(300);
  std::promise<void> entered, release;
  std::shared_future<void> released = release.get_future().share();
  std::atomic<bool> first{true};
  o.on_timeline_build = [&] {
    if (!first.exchange(false)) return;  // only the first build is held
    entered.set_value();
    released.wait();
  };
  RunningServer server(o);
  std::thread holder([&] {
    httplib::Client c("127.0.0.1", server.port());
    c.Get("/api/timeline?q=bridge");
  });
  entered.get_future().wait();
  httplib::Client c("127.0.0.1", server.port());
  const auto start = std::chrono::steady_clock::now();
  auto waited = c.Get("/api/timeline?q=river");
  const auto elapsed = std::chrono::steady_clock::now() - start;
  release.set_value();
  holder.join();
  ASSERT_TRUE(waited);
  EXPECT_EQ(waited->status, 503) << waited->body;
  EXPECT_GE(elapsed, std::chrono::milliseconds(250));
  auto after = c.Get("/api/timeline?q=flood");
  server.Stop();
  ASSERT_TRUE(after);
  EXPECT_EQ(after->status, 200) << after->body;
}

TEST(ServerRefreshTest, AnIngestWhileServingIsSeen) {
  const FixtureStore store("refresh");
  const std::string& db = store.db;
  ServerOptions o;
  o.db = db;
  o.threads = 2;
  o.refresh_interval = std::chrono::milliseconds(0);  // look at every request
  RunningServer server(o);
  httplib::Client c("127.0.0.1", server.port());
  auto before = c.Get("/api/search?q=zeppelin");
  auto health_before = c.Get("/healthz");
  // Another process would do this with `annals ingest`; the server has the
  // file open read-only meanwhile.
  store::IngestDocuments(
      db, {{"late", Date{2021, 3, 9}, "A zeppelin flew over the bridge on March 8.", ""}});
  auto after = c.Get("/api/search?q=zeppelin");
  auto health_after = c.Get("/healthz");
  server.Stop();
  ASSERT_TRUE(before && after && health_before && health_after);
  EXPECT_TRUE(json::parse(before->body)["results"].empty());
  EXPECT_EQ(json::parse(health_before->body)["articles"], 7);
  ASSERT_EQ(json::parse(after->body)["results"].size(), 1u) << after->body;
  EXPECT_EQ(json::parse(health_after->body)["articles"], 8);
}

TEST(ServerOpenTest, MissingDatabaseIsAnError) {
  ServerOptions o;
  o.db = "/nonexistent/annals.db";
  EXPECT_THROW(Server s(o), std::runtime_error);
}

}  // namespace
}  // namespace annals::server
