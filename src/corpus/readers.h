// corpus/readers.h — turning input files into Documents, with errors that
// name the file and line. Nothing is dropped silently: every input either
// yields a Document or a ReadError.
#ifndef ANNALS_CORPUS_READERS_H_
#define ANNALS_CORPUS_READERS_H_

#include <cstddef>
#include <istream>
#include <memory>
#include <string>
#include <string_view>

#include "annals/document.h"

namespace annals {

struct ReadError {
  std::string file;  // path, or "-" for stdin
  size_t line = 0;   // 1-based; 0 when the error concerns the whole file
  std::string message;
  // "file:line: message" (or "file: message" when line is 0).
  std::string ToString() const;
};

enum class InputFormat { kAuto, kDated, kPlain, kTimeML, kJsonl };

// Guesses the format from the path (".tml", ".TE3input", ".jsonl",
// ".jsonl.gz") and, failing that, from the first bytes: a leading
// `date YYYY-MM-DD` means kDated, otherwise kPlain.
// (Also: a leading `date <digit>` counts as kDated, so that a malformed date
// is reported rather than tagged as text; a leading `<?xml` or `<TimeML`
// means kTimeML and a leading `{` means kJsonl.)
InputFormat DetectFormat(const std::string& path, std::string_view head);

// Reads a whole file. Fails (with a ReadError) on a missing or unreadable
// file, or one larger than `max_bytes`. `path` "-" reads standard input.
bool ReadWholeFile(const std::string& path, std::string* out, ReadError* err,
                   size_t max_bytes = size_t{1} << 31);

// Checks that `text` is valid UTF-8 without NUL bytes; on failure names
// the 1-based line of the first bad byte.
bool CheckText(std::string_view text, const std::string& name, ReadError* err);

// Byte offset of the first byte of `text` that is not part of a well-formed
// UTF-8 sequence (overlong forms, surrogates and code points above U+10FFFF
// are ill-formed) or is a NUL; std::string_view::npos when there is none.
size_t FindBadTextByte(std::string_view text);

// The seed's format: optional leading whitespace, `date YYYY-MM-DD`, then
// the article. On success doc->text is the article (after the header and
// the whitespace following it), doc->id is `name`, and *text_offset is the
// byte offset of doc->text inside `content`.
bool ParseDatedArticle(std::string_view content, const std::string& name, Document* doc,
                       size_t* text_offset, ReadError* err);
// The same, taking the file's bytes over: the article is the buffer with
// the header cut off, so a large article is held once, not twice.
bool ParseDatedArticleInPlace(std::string&& content, const std::string& name, Document* doc,
                              size_t* text_offset, ReadError* err);

// Streams JSONL, one {"id", "time", "text"} object a line, in constant
// memory (plain or gzip, detected from the bytes). Each call to Next
// consumes exactly one line: it returns false only at end of input;
// otherwise either fills *doc and sets *ok = true, or fills *err and sets
// *ok = false. Blank lines are reported as errors too, so that
// input line N always corresponds to output line N.
class JsonlReader {
 public:
  // `path` "-" reads standard input.
  static std::unique_ptr<JsonlReader> Open(const std::string& path, ReadError* err);
  virtual ~JsonlReader() = default;
  virtual bool Next(Document* doc, bool* ok, ReadError* err) = 0;
  // 1-based number of the line returned by the last Next().
  virtual size_t line() const = 0;
};

}  // namespace annals

#endif  // ANNALS_CORPUS_READERS_H_
