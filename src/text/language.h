// text/language.h — the languages annals knows, and which one a document
// is written in.
//
// Detection counts the frequent function words of each language
// (data/<lang>/text/function_words.txt), and with a quarter of the weight
// its typical letters (data/<lang>/text/letters.txt: ñ, ß, ã), in a bounded
// sample of the text, so that it costs the same on a 1 MB document as on a
// 2 KiB one and stays a small fraction of tagging time (docs/languages.md has the measurements
// against CLD2 and libexttextcat that chose it).
#ifndef ANNALS_TEXT_LANGUAGE_H_
#define ANNALS_TEXT_LANGUAGE_H_

#include <array>
#include <cstddef>
#include <string_view>

namespace annals {

// ISO 639-1 codes of the languages annals covers, English first. Adding a
// language is adding its data files and its code here.
inline constexpr std::array<std::string_view, 6> kLanguages = {"en", "es", "fr", "de", "it", "pt"};

// The code for "not one of kLanguages" (another language, another script,
// too little text to tell).
inline constexpr std::string_view kUndetermined = "und";

// True for the codes in kLanguages.
bool IsSupportedLanguage(std::string_view code);

struct LanguageGuess {
  std::string_view lang = kUndetermined;  // a code of kLanguages, or kUndetermined
  // 0..1: for a language, how far its score leads the runner-up's (1: no
  // other language scored); for kUndetermined in another script, the share
  // of letters in other scripts; 0 when there was too little to go on.
  double confidence = 0;
  size_t words = 0;  // words looked at
  size_t hits = 0;   // of them, function words of the answer
};

// The language of `text` (UTF-8; invalid bytes and control characters are
// skipped as word breaks, so Latin-1 text is judged by its ASCII words).
// Looks at at most kLanguageSampleBytes: the whole text when it is that
// short, else four windows of a quarter of that, spread from start to end
// (a document that changes language is judged by most of its windows).
// Answers kUndetermined when most letters are not Latin (Russian, Arabic,
// Chinese), when fewer than kMinLanguageHits function words were seen, or
// when the winner's function words make up less than kMinLanguageCoverage
// of the words (a Latin-script language not covered, such as Dutch).
// Thread-safe; time bounded by the sample size.
LanguageGuess DetectLanguage(std::string_view text);

inline constexpr size_t kLanguageSampleBytes = 2048;

// The same with another sample size (for measuring the trade-off: bench/).
LanguageGuess DetectLanguage(std::string_view text, size_t sample_bytes);
inline constexpr size_t kMinLanguageHits = 2;
inline constexpr double kMinLanguageCoverage = 0.12;

}  // namespace annals

#endif  // ANNALS_TEXT_LANGUAGE_H_
