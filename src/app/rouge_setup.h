// app/rouge_setup.h — finding the ROUGE data directory and loading the
// scorer for the commands that score timelines, and their JSON shapes.
#ifndef ANNALS_APP_ROUGE_SETUP_H_
#define ANNALS_APP_ROUGE_SETUP_H_

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "eval/rouge.h"
#include "eval/timeline_metrics.h"

namespace annals::app {

// Help text lines describing --rouge-dir, shared by the commands' --help.
extern const char kRougeDirHelp[];

// Loads the scorer from `dir`, or when unset from the default places:
// $ANNALS_ROUGE_DIR, else ../shared/data/rouge from the current directory,
// else shared/data/rouge in a parent of the executable's directory. On
// failure prints "<command>: ..." with the places tried to stderr.
std::optional<eval::RougeScorer> LoadRougeScorer(const std::optional<std::string>& dir,
                                                 const char* command);

nlohmann::json PrfJson(const eval::Prf& p);
nlohmann::json RougeJson(const eval::RougePrf& r);
nlohmann::json ScoresJson(const eval::TimelineScores& s);

}  // namespace annals::app

#endif  // ANNALS_APP_ROUGE_SETUP_H_
