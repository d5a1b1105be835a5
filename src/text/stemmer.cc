#include "text/stemmer.h"

#include <libstemmer.h>

#include <array>
#include <memory>
#include <mutex>
#include <string>

#include "text/casefold.h"
#include "text/embedded.h"
#include "text/language.h"
#include "text/utf8.h"

namespace annals {
namespace {

// Snowball's algorithm names for the codes of kLanguages.
const char* AlgorithmFor(std::string_view lang) {
  if (lang == "en") return "english";
  if (lang == "es") return "spanish";
  if (lang == "fr") return "french";
  if (lang == "de") return "german";
  if (lang == "it") return "italian";
  if (lang == "pt") return "portuguese";
  return nullptr;
}

bool WellFormed(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    char32_t cp;
    const size_t n = DecodeUtf8(s, i, &cp);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

size_t LanguageIndex(std::string_view lang) {
  for (size_t i = 0; i < kLanguages.size(); ++i) {
    if (kLanguages[i] == lang) return i;
  }
  return kLanguages.size();
}

}  // namespace

Stemmer::Stemmer(std::string_view lang) {
  if (const char* algorithm = AlgorithmFor(lang)) stemmer_ = sb_stemmer_new(algorithm, "UTF_8");
}

Stemmer::~Stemmer() {
  if (stemmer_ != nullptr) sb_stemmer_delete(stemmer_);
}

std::string Stemmer::Stem(std::string_view word) {
  if (stemmer_ == nullptr || word.empty() || word.size() > kMaxStemBytes || !WellFormed(word)) {
    return std::string(word);
  }
  const sb_symbol* out = sb_stemmer_stem(stemmer_, reinterpret_cast<const sb_symbol*>(word.data()),
                                         static_cast<int>(word.size()));
  if (out == nullptr) return std::string(word);  // out of memory inside libstemmer
  return std::string(reinterpret_cast<const char*>(out),
                     static_cast<size_t>(sb_stemmer_length(stemmer_)));
}

std::string StemWord(std::string_view lang, std::string_view folded_word) {
  thread_local std::array<std::unique_ptr<Stemmer>, kLanguages.size()> stemmers;
  const size_t i = LanguageIndex(lang);
  if (i == kLanguages.size()) return std::string(folded_word);
  if (!stemmers[i]) stemmers[i] = std::make_unique<Stemmer>(kLanguages[i]);
  return stemmers[i]->Stem(folded_word);
}

const std::unordered_set<std::string>& Stopwords(std::string_view lang) {
  static const auto* sets = [] {
    auto* s = new std::array<std::unordered_set<std::string>, kLanguages.size() + 1>();
    for (size_t i = 0; i < kLanguages.size(); ++i) {
      const std::string path = kLanguages[i] == "en"
                                   ? std::string("text/stopwords.txt")
                                   : std::string(kLanguages[i]) + "/text/stopwords.txt";
      for (std::string_view w : embedded::DataLines(embedded::File(path))) {
        (*s)[i].insert(FoldCase(w));
      }
    }
    return s;
  }();
  return (*sets)[LanguageIndex(lang)];
}

}  // namespace annals
