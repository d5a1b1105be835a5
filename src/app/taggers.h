// app/taggers.h — the tagger each document of a command is read with.
//
// `--lang auto` (the default) detects each document's language from its
// text; a JSONL line's "lang" field names it; `--lang CODE` fixes it for
// all. `--data DIR` reads the vocabularies and rules from DIR (laid out
// like data/ in the source tree) instead of those compiled in, so that a
// rule can be tried without a rebuild.
#ifndef ANNALS_APP_TAGGERS_H_
#define ANNALS_APP_TAGGERS_H_

#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "annals/document.h"
#include "annals/tagger.h"
#include "annals/timeline.h"
#include "app/args.h"

namespace annals::app {

class Taggers {
 public:
  // `lang` is "auto" or a code IsTaggerLanguage accepts (the caller checks
  // it: CheckLangOption).
  explicit Taggers(std::string lang = "auto", std::string data_dir = "");

  // The language `doc` is read in: --lang when fixed, else the document's
  // own `lang` when it is a known code, else the one detected from the
  // text. *warning is set (else cleared) when the document named a code
  // that is not known.
  std::string Choose(const Document& doc, std::string* warning = nullptr) const;
  std::string Choose(std::string_view text) const;

  // The tagger of `lang` (a code Choose returned). Thread-safe. With
  // --data, the first call per language reads the directory and throws
  // std::runtime_error naming a malformed file.
  const Tagger& For(const std::string& lang) const;

  const std::string& lang_option() const { return lang_; }

  // AnnotateAll of `docs` with these taggers: Choose, then For, per
  // document. With --data, every language the documents need is read
  // before the threads start, so a malformed file throws here.
  std::vector<AnnotatedDocument> AnnotateAll(
      std::vector<Document> docs, int threads,
      const std::function<void(size_t, size_t)>& progress = nullptr) const;

 private:
  std::string lang_;
  std::string data_dir_;
  mutable std::mutex mu_;
  mutable std::unordered_map<std::string, std::unique_ptr<Tagger>> loaded_;
};

// Empty when `value` is a valid --lang value ("auto" or a language code),
// else the usage message that lists the valid ones.
std::string CheckLangOption(std::string_view value);

inline constexpr char kLangHelp[] =
    "  --lang auto|en|es|fr|de|it|pt|und\n"
    "                          the articles' language: auto (default) detects\n"
    "                          each one's from its text, a JSONL \"lang\" field\n"
    "                          names it; und reads numeric dates only (for text\n"
    "                          in other languages)\n"
    "  --data DIR              read vocabularies and rules from DIR (laid out\n"
    "                          like the source tree's data/) instead of the\n"
    "                          compiled-in ones\n";

// The value of a --lang option just read by `r`: "auto" or a language
// code; else throws UsageError with CheckLangOption's message.
std::string LangValue(ArgReader& r);

// `help` with its "@LANG@" line replaced by kLangHelp.
std::string WithLangHelp(std::string help);

}  // namespace annals::app

#endif  // ANNALS_APP_TAGGERS_H_
