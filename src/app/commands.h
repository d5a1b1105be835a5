// app/commands.h — the `annals` subcommands. Each takes the arguments after
// its own name and returns the process exit status:
//   0 success, 1 some input could not be processed, 2 usage error.
#ifndef ANNALS_APP_COMMANDS_H_
#define ANNALS_APP_COMMANDS_H_

#include <string>
#include <vector>

namespace annals::app {

using Args = std::vector<std::string>;

int RunTag(const Args& args);           // app/tag_cmd.cc
int RunEvalTempeval(const Args& args);  // app/eval_tempeval_cmd.cc
int RunEvalTimeline(const Args& args);  // app/eval_timeline_cmd.cc
int RunTimeline(const Args& args);      // app/timeline_cmd.cc
int RunBench(const Args& args);         // app/bench_cmd.cc
int RunReview(const Args& args);        // app/review_cmd.cc
int RunIngest(const Args& args);        // app/ingest_cmd.cc
int RunServe(const Args& args);         // app/serve_cmd.cc
int RunRules(const Args& args);         // app/rules_cmd.cc

}  // namespace annals::app

#endif  // ANNALS_APP_COMMANDS_H_
