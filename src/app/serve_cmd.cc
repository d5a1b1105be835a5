// `annals serve`: the JSON API and web timeline over a store.
#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <cstdio>
#include <string>
#include <thread>

#include "app/args.h"
#include "app/commands.h"
#include "server/server.h"
#include "store/store.h"

namespace annals::app {
namespace {

const char kHelp[] =
    "Usage: annals serve [--db FILE] [--host 127.0.0.1] [--port 8080] [options]\n"
    "\n"
    "Serves a store made by `annals ingest` (opened read-only): a web timeline\n"
    "at http://HOST:PORT/ and a JSON API:\n"
    "  GET  /api/timeline?q=&from=&to=&dates=&sentences=\n"
    "  GET  /api/search?q=&on=YYYY[-MM[-DD]]&limit=&offset=\n"
    "  GET  /api/articles/N\n"
    "  POST /api/tag   {\"text\": \"...\", \"dct\": \"YYYY-MM-DD\"}\n"
    "  GET  /healthz\n"
    "With no --db it serves the articles bundled with annals (examples/).\n"
    "\n"
    "Options:\n"
    "  --db FILE          the store (default: the bundled examples, in memory)\n"
    "  --host ADDR        address to listen on (default 127.0.0.1: this machine only)\n"
    "  --port N           port (default 8080; 0 picks a free one)\n"
    "  --threads N        request threads, i.e. connections served at once (default 128)\n"
    "  --timeout-ms N     per-request time limit (default 10000)\n"
    "  --max-body N       largest request body in bytes (default 1048576)\n"
    "  -h, --help         this text\n"
    "\n"
    "Prints `annals serve: listening on http://HOST:PORT/ ...` on stdout once it\n"
    "accepts connections; stops on SIGINT or SIGTERM.\n"
    "Exit status: 0 after a stop, 1 when the store cannot be opened or the port\n"
    "cannot be bound, 2 on a usage error.\n";

}  // namespace

int RunServe(const Args& args) {
  server::ServerOptions o;
  ArgReader r(args);
  try {
    while (r.Next()) {
      if (r.Is("-h", "--help")) {
        std::fputs(kHelp, stdout);
        return 0;
      } else if (r.Is("--db")) {
        o.db = r.Value("a file");
      } else if (r.Is("--host")) {
        o.host = r.Value("an address");
      } else if (r.Is("--port")) {
        o.port = r.Int(0, 65535);
      } else if (r.Is("--threads")) {
        o.threads = r.Int(1, 1024);
      } else if (r.Is("--timeout-ms")) {
        o.timeout = std::chrono::milliseconds(r.Int(1, 600000));
      } else if (r.Is("--max-body")) {
        o.max_body_bytes = r.Int(1, 1 << 30);
      } else {
        r.Unknown();
      }
    }
  } catch (const UsageError& e) {
    std::fprintf(stderr, "annals serve: %s (see annals serve --help)\n", e.what());
    return 2;
  }

  // SIGINT/SIGTERM are taken by a thread of their own (blocked everywhere
  // else, inherited by the server's threads), which stops the server.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  signal(SIGPIPE, SIG_IGN);

  std::unique_ptr<server::Server> srv;
  try {
    srv = std::make_unique<server::Server>(o);
  } catch (const store::StoreError& e) {
    std::fprintf(stderr, "annals serve: %s\n", e.what());
    return 1;
  }
  std::string error;
  if (!srv->Bind(&error)) {
    std::fprintf(stderr, "annals serve: %s\n", error.c_str());
    return 1;
  }
  std::atomic<bool> stopping{false};
  std::thread stopper([&] {
    int sig = 0;
    sigwait(&stop_signals, &sig);
    stopping = true;
    srv->Stop();
  });
  std::printf("annals serve: listening on http://%s:%d/ (%s)\n", o.host.c_str(), srv->port(),
              srv->Describe().c_str());
  std::fflush(stdout);
  srv->Run();
  // Run() returns after Stop(), or on a failure of the listening socket:
  // then wake the stopper thread so it can be joined.
  if (!stopping) pthread_kill(stopper.native_handle(), SIGTERM);
  stopper.join();
  std::fprintf(stderr, "annals serve: stopped\n");
  return 0;
}

}  // namespace annals::app
