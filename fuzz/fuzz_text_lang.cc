// Fuzzes the text layer's language pieces: identification, case folding,
// sentence splitting in every language, stemming.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "text/casefold.h"
#include "text/language.h"
#include "text/sentences.h"
#include "text/stemmer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  const annals::LanguageGuess g = annals::DetectLanguage(text);
  if (g.lang != annals::kUndetermined && !annals::IsSupportedLanguage(g.lang)) std::abort();
  if (!(g.confidence >= 0 && g.confidence <= 1) || g.hits > g.words) std::abort();
  const std::string folded = annals::FoldCase(text);
  if (annals::FoldCase(folded) != folded) std::abort();  // folding is idempotent
  for (std::string_view lang : annals::kLanguages) {
    size_t last = 0;
    for (const annals::SentenceSpan& s : annals::SplitSentences(text, lang)) {
      if (s.begin < last || s.end <= s.begin || s.end > size) std::abort();
      if (s.end - s.begin > annals::kMaxSentenceBytes) std::abort();
      last = s.end;
    }
  }
  const std::string_view word = text.substr(0, text.find(' '));
  annals::StemWord(g.lang == annals::kUndetermined ? "de" : g.lang, annals::FoldCase(word));
  return 0;
}
