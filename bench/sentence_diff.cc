// bench/sentence_diff — where a language's sentence rules split differently
// from the English ones (docs/languages.md).
//
// Usage: sentence_diff LANG FILE...   (plain text, or .TE3input TimeML)
// Prints the number of sentences under each, and up to 400 boundaries that
// only English has ("joined") and 400 that only LANG has ("split"), with
// 40 bytes of context each side of the boundary.
#include <cstdio>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "corpus/timeml.h"
#include "text/sentences.h"

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: sentence_diff LANG FILE...\n");
    return 2;
  }
  const std::string lang = argv[1];
  size_t en_count = 0, lang_count = 0, joined = 0, split = 0;
  auto show = [](const char* what, const std::string& t, size_t e) {
    const size_t from = e > 40 ? e - 40 : 0;
    std::printf("  %s ...%s|%s...\n", what, t.substr(from, e - from).c_str(),
                t.substr(e, 40).c_str());
  };
  for (int a = 2; a < argc; ++a) {
    std::ifstream in(argv[a], std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    std::string t = ss.str();
    const std::string path = argv[a];
    if (path.size() > 9 && path.substr(path.size() - 9) == ".TE3input") {
      annals::TimemlDocument doc;
      annals::TimemlError err;
      annals::TimemlParseOptions opt;
      opt.require_dct = false;
      if (!annals::ParseTimeml(t, opt, &doc, &err)) continue;
      t = doc.text;
    }
    std::set<size_t> en, other;
    for (auto s : annals::SplitSentences(t, "en", annals::SentenceStyle::kRaw)) en.insert(s.end);
    for (auto s : annals::SplitSentences(t, lang, annals::SentenceStyle::kRaw)) other.insert(s.end);
    en_count += en.size();
    lang_count += other.size();
    for (size_t e : en) {
      if (!other.count(e) && joined++ < 400) show("joined:", t, e);
    }
    for (size_t e : other) {
      if (!en.count(e) && split++ < 400) show("split: ", t, e);
    }
  }
  std::printf("%s: %zu sentences with the English rules, %zu with the %s rules\n", lang.c_str(),
              en_count, lang_count, lang.c_str());
  return 0;
}
