// app/tag_writer.h — writes `annals tag` results as they are found.
//
// The tagger hands a long text's expressions over a window at a time
// (Tagger::TagWindows); a TagWriter turns each batch into output at once,
// so the command holds one window's expressions, never the document's,
// however dense with expressions the text is. For a text of one window
// (every normal article: a window is about 1 MiB) the output is the same
// as building the document's output whole; in text format a longer text
// gives its count of expressions at the end instead of in the header.
#ifndef ANNALS_APP_TAG_WRITER_H_
#define ANNALS_APP_TAG_WRITER_H_

#include <cstddef>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "annals/date.h"
#include "annals/timex.h"

namespace annals::app {

// Output through one growing buffer, written out in large pieces: the
// listing of a corpus is made of many short strings.
class OutBuffer {
 public:
  explicit OutBuffer(std::FILE* file) : file_(file) {}
  ~OutBuffer() { Flush(); }
  OutBuffer(const OutBuffer&) = delete;
  OutBuffer& operator=(const OutBuffer&) = delete;

  // The buffer to append to; call Written() after appending.
  std::string& buf() { return buf_; }
  void Written() {
    if (buf_.size() >= kFlushBytes) Flush();
  }
  // Hands the buffer to the file (stdio) and switches to `file`. Returns
  // false when a write to the previous file failed (disk full, closed pipe).
  bool Switch(std::FILE* file) {
    Flush();
    const bool ok = !failed_;
    failed_ = false;
    file_ = file;
    return ok;
  }
  void Flush();

 private:
  static constexpr size_t kFlushBytes = size_t{1} << 16;
  std::FILE* file_;
  std::string buf_;
  bool failed_ = false;
};

// Appends `s` as a JSON string, escaped as nlohmann::json::dump (used
// before) escapes it: ", \ and control characters, other bytes as they are;
// invalid UTF-8 is replaced by U+FFFD as dump's `replace` handler does.
void AppendJsonString(std::string* out, std::string_view s);

// One document's output, in three steps.
class TagWriter {
 public:
  virtual ~TagWriter() = default;
  // `text` is the tagged text (it must stay valid until End); expression
  // offsets are into it, and JSON and text listings add `offset` (where
  // the text starts in its file). `lang` is the language the text was
  // tagged as ("en", ..., "und"), which JSON and text listings name.
  virtual void Begin(const std::string& id, Date dct, std::string_view lang, std::string_view text,
                     size_t offset) = 0;
  // The expressions of text[previous window end, window_end), in order.
  virtual void Window(size_t window_end, const std::vector<Timex>& timexes) = 0;
  virtual void End() = 0;
};

// `format` is "text", "json" or "timeml".
std::unique_ptr<TagWriter> MakeTagWriter(const std::string& format, OutBuffer* out);

}  // namespace annals::app

#endif  // ANNALS_APP_TAG_WRITER_H_
