// annals/tagger.h — finds and resolves time expressions in English text.
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
  // The tagger built from the vocabularies and rules compiled into the
  // library (data/lexicon, data/rules).
  static const Tagger& Default();

  // Builds a tagger from a data directory laid out like data/ in the
  // source tree. Throws std::runtime_error naming the file and line of the
  // first malformed entry.
  static std::unique_ptr<Tagger> FromDirectory(const std::string& dir);

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

}  // namespace annals

#endif  // ANNALS_TAGGER_H_
