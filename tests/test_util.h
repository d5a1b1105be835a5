// Shared helpers for tests: where the source tree and ../shared are, and
// scratch directories.
#ifndef ANNALS_TESTS_TEST_UTIL_H_
#define ANNALS_TESTS_TEST_UTIL_H_

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <system_error>

namespace annals::testing {

inline std::string SourceDir() { return ANNALS_SOURCE_DIR; }
inline std::string SharedDir() { return ANNALS_SHARED_DIR; }
inline bool HaveShared() { return std::filesystem::exists(SharedDir() + "/README.md"); }

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A fresh scratch directory under the system's temporary directory, removed
// with everything in it when the object goes (tests run in parallel
// processes: the name holds the process id and a per-process counter).
class TempDir {
 public:
  TempDir() {
    path_ = std::filesystem::temp_directory_path() /
            ("annals_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter_++));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  // Writes `content` to `rel` (folders created as needed); returns its path.
  std::string Write(const std::string& rel, const std::string& content) const {
    const std::filesystem::path p = path_ / rel;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << content;
    return p.string();
  }
  // The path of `name` inside the directory (nothing is created).
  std::string operator/(const std::string& name) const { return (path_ / name).string(); }
  std::string path() const { return path_.string(); }

 private:
  static inline int counter_ = 0;
  std::filesystem::path path_;
};

}  // namespace annals::testing

// Skips the current test when ../shared is not beside the checkout.
#define ANNALS_REQUIRE_SHARED()                                               \
  do {                                                                        \
    if (!::annals::testing::HaveShared()) GTEST_SKIP() << "../shared absent"; \
  } while (0)

#endif  // ANNALS_TESTS_TEST_UTIL_H_
