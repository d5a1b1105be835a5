// Tagging throughput over the raw Timeline17 articles (../shared/data/t17):
// MB/s and documents/s on one thread and on all cores, and peak RSS.
//
// Usage: tag_throughput [T17_DIR] [--repeat N] [--threads N] [--lang L|auto]
// Files are read into memory first, so the figures measure tagging only.
// By default it runs on one thread and then on all cores; --threads N runs
// on N threads only (bench/cli_throughput.sh compares --threads 1 with the
// CLI). --lang (default en) tags every article as L; auto detects each
// one's language inside the timed loop, as the CLI does, and reports what
// detection alone costs. ML-Crisis folders (<topic>_<lang>/InputDocs) work
// the same way.
#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "annals/tagger.h"

namespace fs = std::filesystem;

struct Doc {
  std::string text;
  annals::Date dct;
};

static std::string g_lang = "en";

static double Run(const std::vector<Doc>& docs, unsigned threads, size_t* timexes) {
  std::atomic<size_t> next{0}, found{0};
  auto work = [&] {
    size_t local = 0;
    for (size_t i; (i = next.fetch_add(1)) < docs.size();) {
      annals::TagOptions opt;
      opt.dct = docs[i].dct;
      const std::string_view lang =
          g_lang == "auto" ? annals::LanguageOf(docs[i].text) : std::string_view(g_lang);
      local += annals::Tagger::ForLanguage(lang).Tag(docs[i].text, opt).size();
    }
    found += local;
  };
  auto t0 = std::chrono::steady_clock::now();
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < threads; ++t) pool.emplace_back(work);
  for (auto& t : pool) t.join();
  *timexes = found;
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

int main(int argc, char** argv) {
  std::string dir = "../shared/data/t17";
  int repeat = 3;
  unsigned only_threads = 0;  // 0: one thread, then all cores
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--repeat" && i + 1 < argc)
      repeat = std::max(1, std::atoi(argv[++i]));
    else if (a == "--threads" && i + 1 < argc)
      only_threads = static_cast<unsigned>(std::max(1, std::atoi(argv[++i])));
    else if (a == "--lang" && i + 1 < argc)
      g_lang = argv[++i];
    else if (a == "-h" || a == "--help") {
      std::puts("Usage: tag_throughput [T17_DIR] [--repeat N] [--threads N] [--lang L|auto]");
      return 0;
    } else
      dir = a;
  }
  if (!fs::is_directory(dir)) {
    std::fprintf(stderr, "tag_throughput: %s: not a directory (Timeline17 root)\n", dir.c_str());
    return 1;
  }
  std::vector<Doc> docs;
  size_t bytes = 0;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (!e.is_regular_file()) continue;
    fs::path p = e.path();
    if (p.parent_path().parent_path().filename() != "InputDocs") continue;
    auto dct = annals::Date::Parse(p.parent_path().filename().string());
    if (!dct) continue;
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    docs.push_back({ss.str(), *dct});
    bytes += docs.back().text.size();
  }
  std::sort(docs.begin(), docs.end(), [](const Doc& a, const Doc& b) { return a.text < b.text; });
  if (g_lang != "auto" && !annals::IsTaggerLanguage(g_lang)) {
    std::fprintf(stderr, "tag_throughput: unknown --lang %s\n", g_lang.c_str());
    return 2;
  }
  // Load the rules outside the timing.
  for (std::string_view l : {"en", "es", "fr", "de", "it", "pt", "und"})
    annals::Tagger::ForLanguage(l);
  if (g_lang == "auto") {
    double best = 1e30;
    size_t en = 0;
    for (int r = 0; r < repeat; ++r) {
      auto t0 = std::chrono::steady_clock::now();
      en = 0;
      for (const Doc& d : docs) en += annals::LanguageOf(d.text) == "en";
      best = std::min(best,
                      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    }
    std::printf("detection alone: %.3f s on one thread (%zu of %zu documents English)\n", best, en,
                docs.size());
  }
  unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  std::printf("%zu documents, %.1f MB, best of %d runs, --lang %s\n", docs.size(), bytes / 1e6,
              repeat, g_lang.c_str());
  std::printf("%-8s %10s %10s %12s %10s\n", "threads", "seconds", "MB/s", "docs/s", "timexes");
  std::vector<unsigned> runs = {1u, cores};
  if (only_threads) runs = {only_threads};
  for (unsigned threads : runs) {
    double best = 1e30;
    size_t n = 0;
    for (int r = 0; r < repeat; ++r) best = std::min(best, Run(docs, threads, &n));
    std::printf("%-8u %10.3f %10.1f %12.0f %10zu\n", threads, best, bytes / 1e6 / best,
                docs.size() / best, n);
    if (cores == 1 && !only_threads) break;
  }
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  std::printf("peak RSS %.1f MB (includes the %.1f MB of text held in memory)\n",
              ru.ru_maxrss / 1024.0, bytes / 1e6);
  return 0;
}
