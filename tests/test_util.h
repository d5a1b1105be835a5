// Shared helpers for tests: where the source tree and ../shared are.
#ifndef ANNALS_TESTS_TEST_UTIL_H_
#define ANNALS_TESTS_TEST_UTIL_H_

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

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

}  // namespace annals::testing

// Skips the current test when ../shared is not beside the checkout.
#define ANNALS_REQUIRE_SHARED()                                          \
  do {                                                                   \
    if (!::annals::testing::HaveShared()) GTEST_SKIP() << "../shared absent"; \
  } while (0)

#endif  // ANNALS_TESTS_TEST_UTIL_H_
