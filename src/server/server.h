// server/server.h — `annals serve`: the JSON API and the web UI over a store.
//
// Routes (all answers are JSON except the UI's static files and CSV exports):
//   GET  /api/timeline?q=&from=&to=&dates=&sentences=&format=   timeline of a
//        story; format=timelinejs or csv (timeline/export.h) or json gives a
//        download (Content-Disposition: attachment), no format the page's JSON
//   GET  /api/search?q=&on=YYYY[-MM[-DD]]&limit=&offset=  sentences about a
//        date or period (event time, not publication time)
//   GET  /api/articles/{n}   an article with its time expressions
//   POST /api/tag            {"text", "dct"} -> time expressions
//   GET  /healthz
//   GET  /, /app.js, /style.css   the UI, embedded in the binary
// Contract: the store is opened read-only; a malformed parameter is a 400,
// an unknown route a 404, a body over the limit a 413, a request past its
// deadline a 503, each with {"error": "..."}; nothing a client sends makes
// the server fail. Requests are served by a fixed pool of threads. Answers
// are cached until the store changes (an ingest into it, noticed within
// ServerOptions::refresh_interval).
#ifndef ANNALS_SERVER_SERVER_H_
#define ANNALS_SERVER_SERVER_H_

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>

namespace annals::server {

struct ServerOptions {
  // The store to serve. Empty: the articles bundled with the binary
  // (examples/), ingested into an in-memory database at start-up.
  std::string db;
  std::string host = "127.0.0.1";
  int port = 8080;  // 0: any free port (see Server::port())
  // Request threads. A keep-alive connection holds its thread between
  // requests, so this bounds the connections served at once; more wait.
  int threads = 128;
  size_t max_body_bytes = size_t{1} << 20;
  std::chrono::milliseconds timeout{10000};    // per request
  size_t cache_entries = 1024;                 // cached API answers
  size_t doc_cache_bytes = size_t{512} << 20;  // articles kept in memory
  // How often the store is checked for new ingests (its generation); the
  // caches are dropped when it changed.
  std::chrono::milliseconds refresh_interval{1000};
  // Timelines built at once. A build is single-threaded, and one over the
  // 50,000 articles a request may select would hold over 2 GB (929 MB
  // measured for 19,745), so more builds than cores only add memory; a
  // request waits for a free one until its deadline, then gets a 503.
  // 0: one per core.
  int timeline_builds = 0;
  // For tests: called while a timeline build holds its slot.
  std::function<void()> on_timeline_build;
};

class Server {
 public:
  // Opens the store (or builds the example store); throws
  // store::StoreError when it cannot.
  explicit Server(ServerOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds the listening socket; false (with *error set) when it cannot.
  bool Bind(std::string* error);
  int port() const;
  // Serves until Stop() (from another thread or a signal thread).
  void Run();
  void Stop();
  // "N articles from FILE" for the start-up line.
  std::string Describe() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace annals::server

#endif  // ANNALS_SERVER_SERVER_H_
