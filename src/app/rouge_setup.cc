#include "app/rouge_setup.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <system_error>
#include <vector>

namespace annals::app {
namespace {

namespace fs = std::filesystem;

bool IsRougeDir(const fs::path& dir) {
  std::error_code ec;
  return fs::is_regular_file(dir / "smart_common_words.txt", ec);
}

// The default ROUGE data directory, or nullopt; `tried` lists the places
// looked at, for the error message.
std::optional<fs::path> FindRougeDir(std::vector<std::string>* tried) {
  if (const char* env = std::getenv("ANNALS_ROUGE_DIR"); env && *env) {
    // An explicit setting is not second-guessed by the fallbacks.
    tried->push_back(std::string(env) + " ($ANNALS_ROUGE_DIR)");
    if (IsRougeDir(env)) return fs::path(env);
    return std::nullopt;
  }
  const fs::path from_cwd = fs::path("..") / "shared" / "data" / "rouge";
  tried->push_back(from_cwd.string());
  if (IsRougeDir(from_cwd)) return from_cwd;
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    for (fs::path dir = exe.parent_path(); !dir.empty(); dir = dir.parent_path()) {
      const fs::path candidate = dir / "shared" / "data" / "rouge";
      tried->push_back(candidate.string());
      if (IsRougeDir(candidate)) return candidate;
      if (dir == dir.root_path()) break;
    }
  }
  return std::nullopt;
}

}  // namespace

nlohmann::json PrfJson(const eval::Prf& p) {
  return {{"precision", p.precision}, {"recall", p.recall}, {"f1", p.f1}};
}

nlohmann::json RougeJson(const eval::RougePrf& r) {
  return {{"rouge1", PrfJson(r.rouge1)}, {"rouge2", PrfJson(r.rouge2)}};
}

nlohmann::json ScoresJson(const eval::TimelineScores& s) {
  return {{"concat", RougeJson(s.concat)},
          {"agreement", RougeJson(s.agreement)},
          {"align_m1", RougeJson(s.align_m1)},
          {"date", PrfJson(s.date)}};
}

const char kRougeDirHelp[] =
    "  --rouge-dir DIR  ROUGE data directory (smart_common_words.txt and\n"
    "                   WordNet-2.0-Exceptions/). Default: $ANNALS_ROUGE_DIR,\n"
    "                   else ../shared/data/rouge from the current directory,\n"
    "                   else shared/data/rouge in a parent of the executable's\n"
    "                   directory.\n";

std::optional<eval::RougeScorer> LoadRougeScorer(const std::optional<std::string>& rouge_dir,
                                                 const char* command) {
  std::string dir;
  if (rouge_dir) {
    dir = *rouge_dir;
  } else {
    std::vector<std::string> tried;
    std::optional<fs::path> found = FindRougeDir(&tried);
    if (!found) {
      std::string list;
      for (const std::string& t : tried) list += "\n  " + t;
      std::fprintf(stderr,
                   "%s: ROUGE data directory not found; tried:%s\n"
                   "pass --rouge-dir DIR or set ANNALS_ROUGE_DIR\n",
                   command, list.c_str());
      return std::nullopt;
    }
    dir = found->string();
  }
  std::string error;
  std::optional<eval::RougeScorer> scorer = eval::RougeScorer::Load(dir, &error);
  if (!scorer) std::fprintf(stderr, "%s: ROUGE data: %s\n", command, error.c_str());
  return scorer;
}

}  // namespace annals::app
