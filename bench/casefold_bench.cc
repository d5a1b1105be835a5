// bench/casefold_bench — Unicode case folding: annals' FoldCase (utf8proc)
// against ICU's ucasemap_utf8FoldCase where the build found ICU, on the
// files given (plain UTF-8 text). Prints MB/s (thread CPU time) and whether
// the two agree byte for byte.
//
// Usage: casefold_bench FILE...
#include <time.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "text/casefold.h"

#ifdef ANNALS_BENCH_ICU
#include <unicode/ucasemap.h>
#endif

namespace {

double CpuSeconds() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> texts;
  size_t bytes = 0;
  for (int a = 1; a < argc; ++a) {
    std::ifstream in(argv[a], std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    texts.push_back(ss.str());
    bytes += texts.back().size();
  }
  std::vector<std::string> ours(texts.size());
  double t0 = CpuSeconds();
  for (size_t i = 0; i < texts.size(); ++i) ours[i] = annals::FoldCase(texts[i]);
  double secs = CpuSeconds() - t0;
  std::printf("%zu files, %.1f MB\nutf8proc FoldCase  %8.1f MB/s\n", texts.size(), bytes / 1e6,
              bytes / 1e6 / secs);
#ifdef ANNALS_BENCH_ICU
  UErrorCode err = U_ZERO_ERROR;
  UCaseMap* map = ucasemap_open("", U_FOLD_CASE_DEFAULT, &err);
  std::vector<std::string> icu(texts.size());
  t0 = CpuSeconds();
  for (size_t i = 0; i < texts.size(); ++i) {
    icu[i].resize(texts[i].size() * 3 + 16);
    err = U_ZERO_ERROR;
    const int32_t n =
        ucasemap_utf8FoldCase(map, icu[i].data(), static_cast<int32_t>(icu[i].size()),
                              texts[i].data(), static_cast<int32_t>(texts[i].size()), &err);
    icu[i].resize(U_SUCCESS(err) ? static_cast<size_t>(n) : 0);
  }
  secs = CpuSeconds() - t0;
  size_t same = 0;
  for (size_t i = 0; i < texts.size(); ++i) same += ours[i] == icu[i];
  std::printf("ICU ucasemap       %8.1f MB/s\nidentical output   %zu of %zu files\n",
              bytes / 1e6 / secs, same, texts.size());
  ucasemap_close(map);
#endif
  return 0;
}
