// annals/tagger.h — finds and resolves time expressions in text of one language.
//
// A Tagger is immutable after construction and safe to share between
// threads. Tagging runs in time linear in the input length: the text is
// tokenized once and every rule is a bounded-length token pattern.
#ifndef ANNALS_TAGGER_H_
#define ANNALS_TAGGER_H_

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "annals/date.h"
#include "annals/timex.h"

namespace annals {

enum class DocType {
  kNews,       // relative expressions are anchored to the document date
  kNarrative,  // ... to the most recently mentioned date
};

struct TagOptions {
  Date dct;  // document creation time; required for resolution
  DocType type = DocType::kNews;
};

class Tagger {
 public:
  // The English tagger compiled into the library: ForLanguage("en").
  static const Tagger& Default();

  // The tagger of a language, built on first use from the vocabularies and
  // rules compiled into the library: data/<lang>/{lexicon,rules} with the
  // language-independent data/common/. `lang` is an ISO 639-1 code of
  // the covered languages (en es fr de it pt) or "und" for text in any
  // other language: numeric dates only. Throws std::invalid_argument for
  // any other code. Thread-safe; the tagger lives as long as the program.
  static const Tagger& ForLanguage(std::string_view lang);

  // Builds the tagger of `lang` from a data directory laid out like data/
  // in the source tree (<dir>/common and <dir>/<lang>, each with lexicon/
  // and rules/). Throws std::runtime_error naming the file and line of the
  // first malformed entry, or the missing directory.
  static std::unique_ptr<Tagger> FromDirectory(const std::string& dir,
                                               std::string_view lang = "en");

  // The language this tagger reads ("en", ..., or "und").
  const std::string& language() const;

  // Runs every example and counter-example written beside this tagger's
  // rules (data/<lang>/rules, data/common/rules) through Tag, as Duckling
  // runs its corpus. Each failure is one message "file:line: ...".
  struct ExampleReport {
    int rules = 0, examples = 0, rejects = 0;
    std::vector<std::string> failures;
  };
  ExampleReport CheckExamples() const;

  ~Tagger();
  Tagger(const Tagger&) = delete;
  Tagger& operator=(const Tagger&) = delete;

  // Finds every time expression in `text` (UTF-8; invalid bytes are
  // treated as separators, never read past) and resolves it against
  // `options`. Results are ordered by offset and do not overlap.
  std::vector<Timex> Tag(std::string_view text, const TagOptions& options) const;

  // The same expressions, handed over as they are found. A long text is
  // tagged a window (about 1 MiB, cut where no expression can span) at a
  // time; after each window `sink` is called with the offset where the
  // window ends and the window's expressions (offsets into `text`, in
  // order; the sink may move them out). A caller that writes them out then
  // holds one window's expressions, not the text's, however dense it is.
  using WindowSink = std::function<void(size_t window_end, std::vector<Timex>& timexes)>;
  void TagWindows(std::string_view text, const TagOptions& options, const WindowSink& sink) const;

  struct Impl;

 private:
  explicit Tagger(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// The language of `text` for choosing its tagger: "en", "es", "fr", "de",
// "it" or "pt"; "und" for text in another script (Russian, Arabic).
// Latin-script text that names none of them clearly (a headline, a tweet,
// Dutch) reads as English.
// Detected from the frequent function words in a sample of at most 2 KiB
// (docs/languages.md), so it costs the same on any length of text.
std::string_view LanguageOf(std::string_view text);

// True for the codes ForLanguage takes ("en" ... "pt", "und").
bool IsTaggerLanguage(std::string_view lang);

// The codes of the languages with their own rules, English first, joined
// by ", " (for messages: "en, es, fr, de, it, pt").
std::string TaggerLanguageList();

}  // namespace annals

#endif  // ANNALS_TAGGER_H_
