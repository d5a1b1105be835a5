// text/stemmer.h — Snowball stemmers (libstemmer, libstemmer-dev) for the
// languages of text/language.h, and their stopword lists.
//
// For the timeline stages of every language but English, whose sentence
// selection keeps ROUGE's own Porter stemmer (text/porter.h) so that it
// picks with the words ROUGE counts. Snowball's "english" (Porter2) is
// available here too, but is not ROUGE's.
#ifndef ANNALS_TEXT_STEMMER_H_
#define ANNALS_TEXT_STEMMER_H_

#include <string>
#include <string_view>
#include <unordered_set>

struct sb_stemmer;

namespace annals {

// One Snowball stemmer. libstemmer's sb_stemmer keeps its working buffer
// inside the object, so a Stemmer must not be used by two threads at once:
// give each thread its own, or call StemWord(), which keeps one per thread
// and language.
class Stemmer {
 public:
  // `lang` is a code of kLanguages; for any other the stemmer is a no-op
  // (ok() false, Stem returns the word).
  explicit Stemmer(std::string_view lang);
  ~Stemmer();
  Stemmer(const Stemmer&) = delete;
  Stemmer& operator=(const Stemmer&) = delete;

  bool ok() const { return stemmer_ != nullptr; }

  // The stem of one word, which should already be case-folded (FoldCase):
  // Snowball's tables are lower case. Ill-formed UTF-8 and words of more
  // than kMaxStemBytes come back unchanged.
  std::string Stem(std::string_view folded_word);

 private:
  sb_stemmer* stemmer_ = nullptr;
};

inline constexpr size_t kMaxStemBytes = 256;

// Stem() with a stemmer of this thread for `lang`, created on first use.
std::string StemWord(std::string_view lang, std::string_view folded_word);

// The stopwords of `lang`, case-folded: data/<lang>/text/stopwords.txt, and
// for English data/text/stopwords.txt (the timeline's list). Empty for a
// code not in kLanguages. Built once; thread-safe.
const std::unordered_set<std::string>& Stopwords(std::string_view lang);

}  // namespace annals

#endif  // ANNALS_TEXT_STEMMER_H_
