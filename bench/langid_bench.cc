// bench/langid_bench — accuracy and speed of language identification
// candidates on documents of known language (docs/languages.md).
//
// Usage: langid_bench LIST...   where each LIST file holds lines
//   <lang> <path>
// (a .txt file is read as plain text; .tml and .TE3input files are TimeML,
// of which the TEXT content is used). Candidates: annals' function-word
// profile (DetectLanguage), and CLD2 and libexttextcat when the build found
// them. Each runs on whole documents, on their first 100 and 300
// characters, on two-language mixes, and on the documents re-encoded as
// Latin-1 (not UTF-8).
#include <time.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "corpus/timeml.h"
#include "text/language.h"
#include "text/utf8.h"

#ifdef ANNALS_BENCH_CLD2
#include <cld2/public/compact_lang_det.h>
#endif
#ifdef ANNALS_BENCH_TEXTCAT
#include <libexttextcat/textcat.h>
#endif

namespace {

struct Doc {
  std::string lang;
  std::string text;
};

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// The first n characters (code points; bytes where not UTF-8).
std::string_view FirstChars(std::string_view s, size_t n) {
  size_t i = 0;
  for (size_t k = 0; k < n && i < s.size(); ++k) {
    char32_t cp;
    const size_t len = annals::DecodeUtf8(s, i, &cp);
    i += len == 0 ? 1 : len;
  }
  return s.substr(0, i);
}

std::string ToLatin1(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size();) {
    char32_t cp;
    const size_t len = annals::DecodeUtf8(s, i, &cp);
    if (len == 0) {
      out += s[i++];
      continue;
    }
    out += cp < 0x100 ? static_cast<char>(cp) : '?';
    i += len;
  }
  return out;
}

// CLD2 reads past the end of ill-formed UTF-8 (it crashes on Latin-1
// text): it is given a copy with every byte of an ill-formed sequence
// replaced by a space, as a caller of it would have to.
[[maybe_unused]] std::string ValidUtf8(std::string_view s) {
  std::string out(s);
  for (size_t i = 0; i < out.size();) {
    char32_t cp;
    const size_t len = annals::DecodeUtf8(out, i, &cp);
    if (len == 0) {
      out[i++] = ' ';
    } else {
      i += len;
    }
  }
  return out;
}

// This thread's CPU time: the machine is shared, and wall time counts the
// waits for a core.
double CpuSeconds() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

using Detector = std::function<std::string(std::string_view)>;

struct Candidate {
  std::string name;
  Detector detect;
};

[[maybe_unused]] std::string Normalize(std::string code) {
  for (std::string_view l : annals::kLanguages) {
    if (code == l) return code;
  }
  return "und";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: langid_bench LIST...\n");
    return 2;
  }
  std::setvbuf(stdout, nullptr, _IOLBF, 0);
  std::vector<Doc> docs;
  for (int a = 1; a < argc; ++a) {
    std::ifstream list(argv[a]);
    std::string lang, path;
    while (list >> lang >> path) {
      std::string raw = ReadAll(path);
      if (EndsWith(path, ".tml") || EndsWith(path, ".TE3input")) {
        annals::TimemlDocument doc;
        annals::TimemlError err;
        annals::TimemlParseOptions opt;
        opt.require_dct = false;
        if (!annals::ParseTimeml(raw, opt, &doc, &err)) {
          std::fprintf(stderr, "skipped %s: not TimeML\n", path.c_str());
          continue;
        }
        raw = doc.text;
      }
      docs.push_back({lang, std::move(raw)});
    }
  }
  std::vector<Candidate> candidates;
  candidates.push_back(
      {"annals", [](std::string_view t) { return std::string(annals::DetectLanguage(t).lang); }});
  candidates.push_back({"annals@4K", [](std::string_view t) {
                          return std::string(annals::DetectLanguage(t, 4096).lang);
                        }});
  candidates.push_back({"annals@1K", [](std::string_view t) {
                          return std::string(annals::DetectLanguage(t, 1024).lang);
                        }});
#ifdef ANNALS_BENCH_CLD2
  candidates.push_back({"cld2", [](std::string_view raw) {
                          const std::string t = ValidUtf8(raw);
                          bool reliable = false;
                          const CLD2::Language l = CLD2::DetectLanguage(
                              t.data(), static_cast<int>(t.size()), true, &reliable);
                          return Normalize(CLD2::LanguageCode(l));
                        }});
  candidates.push_back({"cld2@4K", [](std::string_view raw) {
                          const std::string t =
                              ValidUtf8(raw.substr(0, annals::kLanguageSampleBytes));
                          bool reliable = false;
                          const CLD2::Language l = CLD2::DetectLanguage(
                              t.data(), static_cast<int>(t.size()), true, &reliable);
                          return Normalize(CLD2::LanguageCode(l));
                        }});
#endif
#ifdef ANNALS_BENCH_TEXTCAT
  static void* tc =
      special_textcat_Init("/usr/share/libexttextcat/fpdb.conf", "/usr/share/libexttextcat/");
  if (tc != nullptr) {
    candidates.push_back({"textcat@4K", [](std::string_view t) {
                            t = t.substr(0, annals::kLanguageSampleBytes);
                            std::string r = textcat_Classify(tc, t.data(), t.size());
                            // "[fr][it]" (ranked) or "UNKNOWN"/"SHORT".
                            if (r.size() < 3 || r[0] != '[') return std::string("und");
                            std::string code = r.substr(1, r.find(']') - 1);
                            return Normalize(code.substr(0, code.find('-')));
                          }});
  }
#endif

  // LANGID_SHOW=<candidate> prints that candidate's errors to stderr.
  const char* show = std::getenv("LANGID_SHOW");
  std::map<std::string, size_t> per_lang;
  size_t total_bytes = 0;
  for (const Doc& d : docs) {
    ++per_lang[d.lang];
    total_bytes += d.text.size();
  }
  std::printf("%zu documents, %.1f MB:", docs.size(), total_bytes / 1e6);
  for (const auto& [l, n] : per_lang) std::printf(" %s %zu", l.c_str(), n);
  std::printf("\n\n");

  struct Mode {
    std::string name;
    std::function<std::string(const Doc&)> view;
  };
  const std::vector<Mode> modes = {
      {"whole", [](const Doc& d) { return d.text; }},
      {"first 300 chars", [](const Doc& d) { return std::string(FirstChars(d.text, 300)); }},
      {"first 100 chars", [](const Doc& d) { return std::string(FirstChars(d.text, 100)); }},
      {"Latin-1 (not UTF-8)", [](const Doc& d) { return ToLatin1(d.text); }},
  };
  // LANGID_ONLY=<prefix> runs only the candidates whose name starts so.
  const char* only = std::getenv("LANGID_ONLY");
  for (const Candidate& c : candidates) {
    if (only != nullptr && c.name.rfind(only, 0) != 0) continue;
    for (const Mode& m : modes) {
      std::vector<std::string> texts;
      texts.reserve(docs.size());
      size_t bytes = 0;
      for (const Doc& d : docs) {
        texts.push_back(m.view(d));
        bytes += texts.back().size();
      }
      std::map<std::string, std::pair<size_t, size_t>> right;  // lang -> (right, n)
      std::map<std::string, std::map<std::string, size_t>> confusion;
      const double t0 = CpuSeconds();
      for (size_t i = 0; i < docs.size(); ++i) {
        const std::string got = c.detect(texts[i]);
        auto& r = right[docs[i].lang];
        ++r.second;
        if (got == docs[i].lang) {
          ++r.first;
        } else {
          ++confusion[docs[i].lang][got];
          if (show != nullptr && c.name == show) {
            std::fprintf(stderr, "[%s %s -> %s] %s\n", m.name.c_str(), docs[i].lang.c_str(),
                         got.c_str(), texts[i].substr(0, 300).c_str());
          }
        }
      }
      const double secs = CpuSeconds() - t0;
      std::printf("%-10s %-20s", c.name.c_str(), m.name.c_str());
      size_t all_right = 0;
      for (const auto& [l, r] : right) {
        std::printf(" %s %5.1f", l.c_str(), 100.0 * r.first / r.second);
        all_right += r.first;
      }
      // Wrong: another language named (worse than "und", which a caller
      // can fall back from).
      size_t wrong = 0;
      for (const auto& [l, errs] : confusion) {
        for (const auto& [g, n] : errs) wrong += g == "und" ? 0 : n;
      }
      std::printf(" | all %5.1f%% wrong %4.1f%% | %8.1f MB/s %7.2f us/doc\n",
                  100.0 * all_right / docs.size(), 100.0 * wrong / docs.size(), bytes / 1e6 / secs,
                  secs * 1e6 / docs.size());
      for (const auto& [l, errs] : confusion) {
        std::printf("%32s %s ->", "", l.c_str());
        for (const auto& [g, n] : errs) std::printf(" %s:%zu", g.c_str(), n);
        std::printf("\n");
      }
    }
    // Mixed: 1,000 characters of one document followed by 1,000 of a
    // document in another language; counts answers naming the first, the
    // second, or neither.
    size_t first = 0, second = 0, neither = 0;
    for (size_t i = 0, j = docs.size() / 2; i < docs.size(); i += 7, j = (j + 13) % docs.size()) {
      if (docs[i].lang == docs[j].lang) continue;
      const std::string text = std::string(FirstChars(docs[i].text, 1000)) + "\n\n" +
                               std::string(FirstChars(docs[j].text, 1000));
      const std::string got = c.detect(text);
      if (got == docs[i].lang) {
        ++first;
      } else if (got == docs[j].lang) {
        ++second;
      } else {
        ++neither;
      }
    }
    std::printf("%-10s %-20s first %zu, second %zu, neither %zu\n\n", c.name.c_str(),
                "mixed 1000+1000", first, second, neither);
  }
#ifdef ANNALS_BENCH_TEXTCAT
  if (tc != nullptr) textcat_Done(tc);
#endif
  return 0;
}
