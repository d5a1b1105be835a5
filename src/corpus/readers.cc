#include "corpus/readers.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <utility>

#include "text/ascii.h"
#include "text/utf8.h"

namespace annals {
namespace {

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// A UTF-8 byte order mark is tolerated at the very start of a file: editors
// on some systems add it, and it carries no text.
size_t SkipBom(std::string_view s) { return s.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0; }

size_t LineOf(std::string_view text, size_t pos) {
  return 1 + static_cast<size_t>(std::count(text.begin(), text.begin() + pos, '\n'));
}

void SetError(ReadError* err, const std::string& file, size_t line, std::string message) {
  if (err == nullptr) return;
  err->file = file;
  err->line = line;
  err->message = std::move(message);
}

// Printable rendering of one byte for error messages (never copies invalid
// UTF-8 into a message).
std::string ByteName(unsigned char c) {
  if (c >= 0x21 && c < 0x7F) return std::string("'") + static_cast<char>(c) + "'";
  static const char kHex[] = "0123456789ABCDEF";
  return std::string("byte 0x") + kHex[c >> 4] + kHex[c & 15];
}

// At most `limit` bytes of `s`, cut on a character boundary, for messages.
std::string Excerpt(std::string_view s, size_t limit = 40) {
  if (s.size() <= limit) return std::string(s);
  size_t cut = limit;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return std::string(s.substr(0, cut)) + "...";
}

// ---------------------------------------------------------------------------
// A strict JSON (RFC 8259) parser for one JSONL line. It is hand-written
// rather than nlohmann::json because a line may hold a 1 GiB "text": the
// string is decoded once, straight into the Document, and nothing else of
// that size is allocated (nlohmann's lexer keeps two extra copies of every
// token). Nesting is bounded so that "[[[[..." cannot exhaust the stack.
class JsonLineParser {
 public:
  explicit JsonLineParser(std::string_view s) : s_(s) {}

  struct Field {
    bool present = false;
    char kind = 0;  // 's' string, 'n' number, 'o' object, 'a' array, 'b' bool, 'z' null
    std::string* out = nullptr;  // where a string value is decoded to
  };

  // Parses the line. On success *is_object tells whether the top-level value
  // was an object; the fields named "id", "time", "text" at its top level are
  // recorded (and decoded when they are strings; a number "id" is kept as its
  // literal text). On failure returns false with a message.
  bool Parse(Field* id, Field* time, Field* text, Field* lang, bool* is_object,
             std::string* error) {
    lang_ = lang;
    id_ = id;
    time_ = time;
    text_ = text;
    SkipWs();
    *is_object = pos_ < s_.size() && s_[pos_] == '{';
    char kind = 0;
    if (!ParseValue(0, /*top=*/true, nullptr, &kind)) {
      *error = error_;
      return false;
    }
    SkipWs();
    if (pos_ != s_.size()) {
      *error = "not valid JSON: unexpected " + ByteName(s_[pos_]) + " after the value at column " +
               std::to_string(pos_ + 1);
      return false;
    }
    return true;
  }

 private:
  static constexpr int kMaxDepth = 256;

  bool Fail(const std::string& what) {
    if (pos_ >= s_.size()) {
      error_ =
          "not valid JSON: " + what + " (line ends at column " + std::to_string(pos_ + 1) + ")";
    } else {
      error_ = "not valid JSON: " + what + " at column " + std::to_string(pos_ + 1);
    }
    return false;
  }

  void SkipWs() {
    while (pos_ < s_.size() &&
           (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\r' || s_[pos_] == '\n')) {
      ++pos_;
    }
  }

  bool Unexpected() {
    if (pos_ >= s_.size()) return Fail("unexpected end of line");
    return Fail("unexpected " + ByteName(static_cast<unsigned char>(s_[pos_])));
  }

  bool ParseValue(int depth, bool top, std::string* out, char* kind) {
    SkipWs();
    if (pos_ >= s_.size()) return Unexpected();
    const char c = s_[pos_];
    switch (c) {
      case '{':
        *kind = 'o';
        return ParseObject(depth + 1, top);
      case '[':
        *kind = 'a';
        return ParseArray(depth + 1);
      case '"':
        *kind = 's';
        return ParseString(out);
      case 't':
        *kind = 'b';
        return Literal("true");
      case 'f':
        *kind = 'b';
        return Literal("false");
      case 'n':
        *kind = 'z';
        return Literal("null");
      default:
        if (c == '-' || IsAsciiDigit(c)) {
          *kind = 'n';
          return ParseNumber(out);
        }
        return Unexpected();
    }
  }

  bool Literal(std::string_view word) {
    if (s_.substr(pos_, word.size()) != word) return Fail("invalid literal");
    pos_ += word.size();
    return true;
  }

  bool ParseNumber(std::string* out) {
    const size_t start = pos_;
    if (s_[pos_] == '-') ++pos_;
    if (pos_ >= s_.size() || !IsAsciiDigit(s_[pos_])) return Fail("invalid number");
    if (s_[pos_] == '0') {
      ++pos_;
    } else {
      while (pos_ < s_.size() && IsAsciiDigit(s_[pos_])) ++pos_;
    }
    if (pos_ < s_.size() && s_[pos_] == '.') {
      ++pos_;
      if (pos_ >= s_.size() || !IsAsciiDigit(s_[pos_])) return Fail("invalid number");
      while (pos_ < s_.size() && IsAsciiDigit(s_[pos_])) ++pos_;
    }
    if (pos_ < s_.size() && (s_[pos_] == 'e' || s_[pos_] == 'E')) {
      ++pos_;
      if (pos_ < s_.size() && (s_[pos_] == '+' || s_[pos_] == '-')) ++pos_;
      if (pos_ >= s_.size() || !IsAsciiDigit(s_[pos_])) return Fail("invalid number");
      while (pos_ < s_.size() && IsAsciiDigit(s_[pos_])) ++pos_;
    }
    if (out != nullptr) out->assign(s_.substr(start, pos_ - start));
    return true;
  }

  bool ParseObject(int depth, bool top) {
    if (depth > kMaxDepth) return Fail("nesting deeper than " + std::to_string(kMaxDepth));
    ++pos_;  // '{'
    SkipWs();
    if (pos_ < s_.size() && s_[pos_] == '}') {
      ++pos_;
      return true;
    }
    std::string key;
    while (true) {
      SkipWs();
      if (pos_ >= s_.size() || s_[pos_] != '"') return Fail("expected a string key");
      key.clear();
      if (!ParseString(&key)) return false;
      SkipWs();
      if (pos_ >= s_.size() || s_[pos_] != ':') return Fail("expected ':'");
      ++pos_;
      Field* field = nullptr;
      if (top) {
        if (key == "id") field = id_;
        if (key == "time") field = time_;
        if (key == "text") field = text_;
        if (key == "lang") field = lang_;
      }
      char kind = 0;
      if (field != nullptr) {
        // A repeated key: the last one wins, as in most JSON libraries.
        field->out->clear();
        // The text is most of its line, and the rest of the line bounds
        // it (escapes only shrink). Sizing it once avoids growing it by
        // doubling, which leaves a third of a corpus's text memory unused
        // on average and briefly doubles a 1 GiB text; Next() trims what
        // the text did not use.
        if (field == text_) field->out->reserve(s_.size() - pos_);
        if (!ParseValue(depth, false, field->out, &kind)) return false;
        field->present = true;
        field->kind = kind;
      } else if (!ParseValue(depth, false, nullptr, &kind)) {
        return false;
      }
      SkipWs();
      if (pos_ < s_.size() && s_[pos_] == ',') {
        ++pos_;
        continue;
      }
      if (pos_ < s_.size() && s_[pos_] == '}') {
        ++pos_;
        return true;
      }
      return Fail("expected ',' or '}'");
    }
  }

  bool ParseArray(int depth) {
    if (depth > kMaxDepth) return Fail("nesting deeper than " + std::to_string(kMaxDepth));
    ++pos_;  // '['
    SkipWs();
    if (pos_ < s_.size() && s_[pos_] == ']') {
      ++pos_;
      return true;
    }
    while (true) {
      char kind = 0;
      if (!ParseValue(depth, false, nullptr, &kind)) return false;
      SkipWs();
      if (pos_ < s_.size() && s_[pos_] == ',') {
        ++pos_;
        continue;
      }
      if (pos_ < s_.size() && s_[pos_] == ']') {
        ++pos_;
        return true;
      }
      return Fail("expected ',' or ']'");
    }
  }

  bool Hex4(uint32_t* v) {
    if (pos_ + 4 > s_.size()) return Fail("truncated \\u escape");
    uint32_t x = 0;
    for (int i = 0; i < 4; ++i) {
      const char c = s_[pos_ + i];
      x <<= 4;
      if (IsAsciiDigit(c)) {
        x |= c - '0';
      } else if (c >= 'a' && c <= 'f') {
        x |= c - 'a' + 10;
      } else if (c >= 'A' && c <= 'F') {
        x |= c - 'A' + 10;
      } else {
        return Fail("invalid \\u escape");
      }
    }
    pos_ += 4;
    *v = x;
    return true;
  }

  // Decodes a string into *out (when non-null), validating UTF-8. Runs of
  // plain bytes are appended in one go so that a huge text costs one pass.
  bool ParseString(std::string* out) {
    ++pos_;  // '"'
    const unsigned char* p = reinterpret_cast<const unsigned char*>(s_.data());
    const size_t n = s_.size();
    while (true) {
      const size_t start = pos_;
      while (pos_ < n) {
        const unsigned char c = p[pos_];
        if (c == '"' || c == '\\' || c < 0x20 || c >= 0x80) break;
        ++pos_;
      }
      if (out != nullptr) out->append(s_.data() + start, pos_ - start);
      if (pos_ >= n) return Fail("unterminated string");
      const unsigned char c = p[pos_];
      if (c == '"') {
        ++pos_;
        return true;
      }
      if (c < 0x20) return Fail("control character " + ByteName(c) + " in string");
      if (c >= 0x80) {
        char32_t cp;
        const size_t len = DecodeUtf8(s_, pos_, &cp);
        if (len == 0) return Fail("invalid UTF-8 (" + ByteName(c) + ") in string");
        if (out != nullptr) out->append(s_.data() + pos_, len);
        pos_ += len;
        continue;
      }
      // Backslash escape.
      ++pos_;
      if (pos_ >= n) return Fail("unterminated string");
      const char e = s_[pos_++];
      // JSON's one-letter escapes, as (letter, meaning) pairs.
      static constexpr std::string_view kEscapes = "\"\"\\\\//b\bf\fn\nr\rt\t";
      char plain = 0;
      if (e != 'u') {
        size_t k = 0;
        while (k < kEscapes.size() && kEscapes[k] != e) k += 2;
        if (k >= kEscapes.size()) {
          --pos_;
          return Fail("invalid escape '\\" + std::string(1, e) + "'");
        }
        plain = kEscapes[k + 1];
      }
      if (plain != 0) {
        if (out != nullptr) out->push_back(plain);
        continue;
      }
      uint32_t cp = 0;
      if (!Hex4(&cp)) return false;
      if (cp >= 0xDC00 && cp <= 0xDFFF) return Fail("unpaired low surrogate");
      if (cp >= 0xD800 && cp <= 0xDBFF) {
        uint32_t lo = 0;
        if (s_.substr(pos_, 2) != "\\u") return Fail("unpaired high surrogate");
        pos_ += 2;
        if (!Hex4(&lo)) return false;
        if (lo < 0xDC00 || lo > 0xDFFF) return Fail("unpaired high surrogate");
        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
      }
      // Documents never hold NUL (CheckText rejects it in files too).
      if (cp == 0 && out != nullptr) return Fail("\\u0000 in a document field");
      if (out != nullptr) AppendUtf8(cp, out);
    }
  }

  std::string_view s_;
  size_t pos_ = 0;
  std::string error_;
  Field* id_ = nullptr;
  Field* lang_ = nullptr;
  Field* time_ = nullptr;
  Field* text_ = nullptr;
};

const char* KindName(char kind) {
  if (kind == 's') return "a string";
  if (kind == 'n') return "a number";
  if (kind == 'o') return "an object";
  if (kind == 'a') return "an array";
  if (kind == 'b') return "a boolean";
  return "null";
}

// Lines longer than this are skipped with an error, which keeps memory
// bounded whatever the input; 1 GiB lines (the documented maximum) fit.
constexpr size_t kMaxLineBytes = size_t{1} << 31;
// Above this, the line buffer is released after use, so that one huge line
// does not pin its memory for the rest of the stream.
constexpr size_t kKeepLineCapacity = size_t{64} << 20;
constexpr unsigned kChunkBytes = 1u << 18;

class GzJsonlReader : public JsonlReader {
 public:
  GzJsonlReader(gzFile gz, std::string path)
      : gz_(gz), path_(std::move(path)), buf_(new char[kChunkBytes]) {}
  ~GzJsonlReader() override { gzclose(gz_); }
  GzJsonlReader(const GzJsonlReader&) = delete;
  GzJsonlReader& operator=(const GzJsonlReader&) = delete;

  bool Next(Document* doc, bool* ok, ReadError* err) override {
    if (done_) return false;
    if (line_buf_.capacity() > kKeepLineCapacity) std::string().swap(line_buf_);
    bool too_long = false;
    std::string io_error;
    const int r = ReadLine(&too_long, &io_error);
    if (r == 0) {
      done_ = true;
      return false;
    }
    ++line_;
    *ok = false;
    if (r < 0) {
      // A damaged stream cannot be resynchronised: report once and stop.
      done_ = true;
      SetError(err, path_, line_, io_error);
      return true;
    }
    if (too_long) {
      SetError(err, path_, line_,
               "line longer than " + std::to_string(kMaxLineBytes >> 20) + " MiB, skipped");
      return true;
    }
    std::string_view line = line_buf_;
    if (line_ == 1) line.remove_prefix(SkipBom(line));
    if (std::all_of(line.begin(), line.end(), IsAsciiSpace)) {
      SetError(err, path_, line_, "blank line (expected a JSON object)");
      return true;
    }
    std::string id, time;
    doc->text.clear();
    std::string lang;
    JsonLineParser::Field fid, ftime, ftext, flang;
    flang.out = &lang;
    fid.out = &id;
    ftime.out = &time;
    ftext.out = &doc->text;
    bool is_object = false;
    std::string error;
    auto fail = [&](std::string message) {
      // Do not leave a large partial text (or reservation) in *doc.
      if (doc->text.capacity() > kKeepLineCapacity) {
        std::string().swap(doc->text);
      } else {
        doc->text.clear();
      }
      SetError(err, path_, line_, std::move(message));
      return true;
    };
    if (!JsonLineParser(line).Parse(&fid, &ftime, &ftext, &flang, &is_object, &error)) {
      return fail(std::move(error));
    }
    if (!is_object) return fail("not a JSON object");
    if (!ftime.present) return fail("missing \"time\"");
    if (ftime.kind != 's')
      return fail(std::string("\"time\" is ") + KindName(ftime.kind) + ", not a string");
    if (!ftext.present) return fail("missing \"text\"");
    if (ftext.kind != 's')
      return fail(std::string("\"text\" is ") + KindName(ftext.kind) + ", not a string");
    if (fid.present && fid.kind != 's' && fid.kind != 'n') {
      return fail(std::string("\"id\" is ") + KindName(fid.kind) + ", not a string");
    }
    std::optional<Date> date = Date::Parse(time);
    if (!date)
      return fail("\"time\" is not a valid date (YYYY-MM-DD...): \"" + Excerpt(time) + "\"");
    doc->dct = date;
    // Fields after "text" are what the text's reservation holds unused.
    if (doc->text.capacity() - doc->text.size() > doc->text.size() / 8 + 4096)
      doc->text.shrink_to_fit();
    if (flang.present && flang.kind != 's' && flang.kind != 'z')
      return fail(std::string("\"lang\" is ") + KindName(flang.kind) + ", not a string");
    // Checked by the caller, who knows the languages: an unknown code is
    // reported there and the text's own language used, not the line lost.
    doc->lang = flang.present && flang.kind == 's' ? std::move(lang) : std::string();
    doc->id = fid.present ? std::move(id) : path_ + ":" + std::to_string(line_);
    *ok = true;
    return true;
  }

  size_t line() const override { return line_; }

 private:
  // Reads one line (without its '\n') into line_buf_. Returns 1 for a line,
  // 0 at end of input, -1 on a read or decompression error.
  int ReadLine(bool* too_long, std::string* io_error) {
    line_buf_.clear();
    bool any = false;
    while (true) {
      if (pos_ == len_) {
        if (eof_) return any ? 1 : 0;
        const int n = gzread(gz_, buf_.get(), kChunkBytes);
        int errnum = Z_OK;
        const char* msg = gzerror(gz_, &errnum);
        if (n < 0 || (errnum != Z_OK && errnum != Z_STREAM_END)) {
          *io_error =
              std::string("read error: ") + (errnum == Z_ERRNO ? std::strerror(errno) : msg);
          return -1;
        }
        if (n == 0) {
          eof_ = true;
          return any ? 1 : 0;
        }
        pos_ = 0;
        len_ = static_cast<size_t>(n);
      }
      any = true;
      const char* start = buf_.get() + pos_;
      const char* nl = static_cast<const char*>(std::memchr(start, '\n', len_ - pos_));
      const size_t take = nl != nullptr ? static_cast<size_t>(nl - start) : len_ - pos_;
      if (!*too_long && line_buf_.size() + take > kMaxLineBytes) {
        *too_long = true;
        std::string().swap(line_buf_);
      }
      if (!*too_long) line_buf_.append(start, take);
      pos_ += take;
      if (nl != nullptr) {
        ++pos_;
        return 1;
      }
    }
  }

  gzFile gz_;
  std::string path_;
  std::unique_ptr<char[]> buf_;
  size_t pos_ = 0;
  size_t len_ = 0;
  bool eof_ = false;
  bool done_ = false;
  size_t line_ = 0;
  std::string line_buf_;
};

}  // namespace

std::string ReadError::ToString() const {
  if (line == 0) return file + ": " + message;
  return file + ":" + std::to_string(line) + ": " + message;
}

InputFormat DetectFormat(const std::string& path, std::string_view head) {
  if (EndsWith(path, ".tml") || EndsWith(path, ".TE3input")) return InputFormat::kTimeML;
  if (EndsWith(path, ".jsonl") || EndsWith(path, ".jsonl.gz")) return InputFormat::kJsonl;
  // gzip magic: only JSONL is read compressed.
  if (head.size() >= 2 && head[0] == '\x1f' && head[1] == '\x8b') return InputFormat::kJsonl;
  size_t i = SkipBom(head);
  while (i < head.size() && IsAsciiSpace(head[i])) ++i;
  std::string_view rest = head.substr(i);
  if (rest.substr(0, 4) == "date" && rest.size() > 4 && (rest[4] == ' ' || rest[4] == '\t')) {
    size_t j = 5;
    while (j < rest.size() && (rest[j] == ' ' || rest[j] == '\t')) ++j;
    if (j < rest.size() && IsAsciiDigit(rest[j])) return InputFormat::kDated;
  }
  if (rest.substr(0, 5) == "<?xml" || rest.substr(0, 7) == "<TimeML") return InputFormat::kTimeML;
  if (rest.substr(0, 1) == "{") return InputFormat::kJsonl;
  return InputFormat::kPlain;
}

bool ReadWholeFile(const std::string& path, std::string* out, ReadError* err, size_t max_bytes) {
  out->clear();
  const bool is_stdin = path == "-";
  const int fd = is_stdin ? STDIN_FILENO : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    SetError(err, path, 0, std::string("cannot open: ") + std::strerror(errno));
    return false;
  }
  auto fail = [&](std::string message) {
    if (!is_stdin) ::close(fd);
    out->clear();
    SetError(err, path, 0, std::move(message));
    return false;
  };
  struct stat st;
  if (::fstat(fd, &st) != 0) return fail(std::string("cannot stat: ") + std::strerror(errno));
  if (S_ISDIR(st.st_mode)) return fail("is a directory");
  auto too_large = [&](size_t n) {
    return "file too large (" + std::to_string(n) + " bytes; limit " + std::to_string(max_bytes) +
           ")";
  };
  if (S_ISREG(st.st_mode)) {
    // Regular file: one allocation of the right size, then read into it.
    const size_t size = static_cast<size_t>(st.st_size);
    if (size > max_bytes) return fail(too_large(size));
    out->resize(size);
    size_t got = 0;
    while (got < size) {
      const ssize_t n = ::read(fd, out->data() + got, size - got);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) return fail(std::string("read error: ") + std::strerror(errno));
      if (n == 0) break;  // the file shrank while we read it
      got += static_cast<size_t>(n);
    }
    out->resize(got);
    // Pick up anything appended since fstat (bounded by the cap below).
  }
  // Pipes, terminals, or a file that grew: read until end of input.
  char buf[1 << 16];
  while (true) {
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return fail(std::string("read error: ") + std::strerror(errno));
    if (n == 0) break;
    if (out->size() + static_cast<size_t>(n) > max_bytes) {
      return fail(too_large(out->size() + static_cast<size_t>(n)));
    }
    out->append(buf, static_cast<size_t>(n));
  }
  if (!is_stdin) ::close(fd);
  return true;
}

size_t FindBadTextByte(std::string_view text) {
  const unsigned char* p = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  size_t i = 0;
  while (i < n) {
    // Fast path: eight ASCII bytes, none of them NUL.
    if (i + 8 <= n) {
      uint64_t v;
      std::memcpy(&v, p + i, 8);
      const uint64_t has_zero = (v - 0x0101010101010101ULL) & ~v & 0x8080808080808080ULL;
      if ((v & 0x8080808080808080ULL) == 0 && has_zero == 0) {
        i += 8;
        continue;
      }
    }
    const unsigned char c = p[i];
    if (c == 0) return i;
    if (c < 0x80) {
      ++i;
      continue;
    }
    char32_t cp;
    const size_t len = DecodeUtf8(text, i, &cp);
    if (len == 0) return i;
    i += len;
  }
  return std::string_view::npos;
}

bool CheckText(std::string_view text, const std::string& name, ReadError* err) {
  const size_t bad = FindBadTextByte(text);
  if (bad == std::string_view::npos) return true;
  const unsigned char c = static_cast<unsigned char>(text[bad]);
  const size_t line = LineOf(text, bad);
  const size_t line_start = text.rfind('\n', bad == 0 ? 0 : bad - 1);
  const size_t column =
      bad - (line_start == std::string_view::npos || bad == 0 ? 0 : line_start + 1) + 1;
  SetError(err, name, line,
           (c == 0 ? std::string("NUL byte") : "invalid UTF-8 (" + ByteName(c) + ")") +
               " at column " + std::to_string(column) + " (byte offset " + std::to_string(bad) +
               ")");
  return false;
}

namespace {

// ParseDatedArticle without the article: sets doc->id and doc->dct and
// returns where the article starts in *text_offset.
bool ParseDatedHeader(std::string_view content, const std::string& name, Document* doc,
                      size_t* text_offset, ReadError* err) {
  size_t i = SkipBom(content);
  while (i < content.size() && IsAsciiSpace(content[i])) ++i;
  const size_t line = LineOf(content, i);
  if (i == content.size()) {
    SetError(err, name, line, "empty file (expected `date YYYY-MM-DD` and an article)");
    return false;
  }
  auto malformed = [&](const std::string& why) {
    SetError(err, name, line, "malformed header: " + why + " (expected `date YYYY-MM-DD`)");
    return false;
  };
  if (content.substr(i, 4) != "date" || i + 4 >= content.size() ||
      (content[i + 4] != ' ' && content[i + 4] != '\t')) {
    return malformed("no `date` header");
  }
  i += 4;
  while (i < content.size() && (content[i] == ' ' || content[i] == '\t')) ++i;
  size_t end = i;
  while (end < content.size() && !IsAsciiSpace(content[end])) ++end;
  const std::string_view token = content.substr(i, end - i);
  // Exactly YYYY-MM-DD: Date::Parse alone would also take a time suffix.
  const bool shaped =
      token.size() == 10 && token[4] == '-' && token[7] == '-' &&
      std::all_of(token.begin(), token.end(), [](char c) { return IsAsciiDigit(c) || c == '-'; });
  std::optional<Date> date = shaped ? Date::Parse(token) : std::nullopt;
  if (!date) {
    if (!shaped) return malformed("\"" + Excerpt(token) + "\" is not a date");
    return malformed("\"" + std::string(token) + "\" is not a calendar day");
  }
  i = end;
  while (i < content.size() && IsAsciiSpace(content[i])) ++i;
  doc->id = name;
  doc->dct = *date;
  *text_offset = i;
  return true;
}

}  // namespace

bool ParseDatedArticle(std::string_view content, const std::string& name, Document* doc,
                       size_t* text_offset, ReadError* err) {
  size_t offset = 0;
  if (!ParseDatedHeader(content, name, doc, &offset, err)) return false;
  doc->text.assign(content.substr(offset));
  if (text_offset != nullptr) *text_offset = offset;
  return true;
}

bool ParseDatedArticleInPlace(std::string&& content, const std::string& name, Document* doc,
                              size_t* text_offset, ReadError* err) {
  size_t offset = 0;
  if (!ParseDatedHeader(content, name, doc, &offset, err)) return false;
  content.erase(0, offset);
  doc->text = std::move(content);
  if (text_offset != nullptr) *text_offset = offset;
  return true;
}

std::unique_ptr<JsonlReader> JsonlReader::Open(const std::string& path, ReadError* err) {
  gzFile gz = nullptr;
  if (path == "-") {
    // dup, so that closing the reader does not close the process's stdin.
    const int fd = ::dup(STDIN_FILENO);
    if (fd >= 0) gz = gzdopen(fd, "rb");
    if (gz == nullptr) {
      if (fd >= 0) ::close(fd);
      SetError(err, path, 0, std::string("cannot read standard input: ") + std::strerror(errno));
      return nullptr;
    }
  } else {
    struct stat st;
    if (::stat(path.c_str(), &st) != 0) {
      SetError(err, path, 0, std::string("cannot open: ") + std::strerror(errno));
      return nullptr;
    }
    if (S_ISDIR(st.st_mode)) {
      SetError(err, path, 0, "is a directory");
      return nullptr;
    }
    gz = gzopen(path.c_str(), "rb");
    if (gz == nullptr) {
      SetError(err, path, 0, std::string("cannot open: ") + std::strerror(errno));
      return nullptr;
    }
  }
  gzbuffer(gz, 1u << 18);
  return std::make_unique<GzJsonlReader>(gz, path);
}

}  // namespace annals
