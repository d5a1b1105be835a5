// The `annals` command-line tool: dispatches to subcommands.
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <exception>
#include <string>

#include "app/commands.h"

namespace {

const char kUsage[] =
    "annals — find and resolve time expressions in dated news, build timelines\n"
    "\n"
    "Usage: annals <command> [options]\n"
    "\n"
    "Commands:\n"
    "  tag            find time expressions in articles (text, JSON, TimeML)\n"
    "  eval tempeval  score TimeML output against TempEval-3 gold (Task A)\n"
    "  timeline       the timeline of a corpus, or the events of one article\n"
    "  eval timeline  score predicted timelines against reference timelines\n"
    "  bench t17      build and score every Timeline17 task (news-tls protocol)\n"
    "  review         list a corpus's expressions by count, with values and contexts\n"
    "  rules          run the examples written beside the rules of each language\n"
    "  ingest         store articles in an SQLite database (for serve)\n"
    "  serve          HTTP API and web timeline over a database\n"
    "\n"
    "Run `annals <command> --help` for the options of a command.\n"
    "Exit status: 0 success, 1 some input failed, 2 usage error.\n";

}  // namespace

int main(int argc, char** argv) {
  using annals::app::Args;
  if (argc < 2 || !std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "-h") ||
      !std::strcmp(argv[1], "help")) {
    std::fputs(kUsage, argc < 2 ? stderr : stdout);
    return argc < 2 ? 2 : 0;
  }
  if (!std::strcmp(argv[1], "--version")) {
    std::puts("annals 0.1.0");
    return 0;
  }
  std::string cmd = argv[1];
  try {
    if (cmd == "tag") return annals::app::RunTag(Args(argv + 2, argv + argc));
    if (cmd == "timeline") return annals::app::RunTimeline(Args(argv + 2, argv + argc));
    if (cmd == "bench") return annals::app::RunBench(Args(argv + 2, argv + argc));
    if (cmd == "review") return annals::app::RunReview(Args(argv + 2, argv + argc));
    if (cmd == "ingest") return annals::app::RunIngest(Args(argv + 2, argv + argc));
    if (cmd == "rules") return annals::app::RunRules(Args(argv + 2, argv + argc));
    if (cmd == "serve") return annals::app::RunServe(Args(argv + 2, argv + argc));
    if (cmd == "eval") {
      std::string what = argc > 2 ? argv[2] : "";
      Args rest(argv + std::min(argc, 3), argv + argc);
      if (what == "tempeval") return annals::app::RunEvalTempeval(rest);
      if (what == "timeline") return annals::app::RunEvalTimeline(rest);
      std::fprintf(stderr, "annals eval: expected `tempeval` or `timeline`\n");
      return 2;
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "annals %s: %s\n", cmd.c_str(), e.what());
    return 1;
  }
  std::fprintf(stderr, "annals: unknown command `%s`\n\n%s", cmd.c_str(), kUsage);
  return 2;
}
