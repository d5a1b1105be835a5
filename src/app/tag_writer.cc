#include "app/tag_writer.h"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <nlohmann/json.hpp>

#include "corpus/readers.h"

namespace annals::app {

void OutBuffer::Flush() {
  if (buf_.empty()) return;
  if (std::fwrite(buf_.data(), 1, buf_.size(), file_) != buf_.size()) failed_ = true;
  buf_.clear();
}

void AppendJsonString(std::string* out, std::string_view s) {
  // FindBadTextByte rejects what the UTF-8 decoder of nlohmann::json
  // rejects (and NUL): such a string goes through nlohmann itself, so that
  // even its replacement of bad bytes stays as it was.
  if (FindBadTextByte(s) != std::string_view::npos) {
    *out += nlohmann::json(std::string(s))
                .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return;
  }
  static const char kHex[] = "0123456789abcdef";
  out->push_back('"');
  size_t run = 0;  // start of the bytes not yet copied
  for (size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out->append(s.data() + run, i - run);
    run = i + 1;
    out->push_back('\\');
    switch (c) {
      case '"':
        out->push_back('"');
        break;
      case '\\':
        out->push_back('\\');
        break;
      case '\b':
        out->push_back('b');
        break;
      case '\f':
        out->push_back('f');
        break;
      case '\n':
        out->push_back('n');
        break;
      case '\r':
        out->push_back('r');
        break;
      case '\t':
        out->push_back('t');
        break;
      default:
        out->append("u00");
        out->push_back(kHex[c >> 4]);
        out->push_back(kHex[c & 15]);
    }
  }
  out->append(s.data() + run, s.size() - run);
  out->push_back('"');
}

namespace {

void AppendNumber(std::string* out, size_t n) {
  char buf[24];
  const auto r = std::to_chars(buf, buf + sizeof buf, n);
  out->append(buf, r.ptr);
}

// `s` padded with spaces to `width` on the right (left-aligned) or left.
void AppendPadded(std::string* out, std::string_view s, size_t width, bool left) {
  const size_t pad = s.size() < width ? width - s.size() : 0;
  if (!left) out->append(pad, ' ');
  out->append(s);
  if (left) out->append(pad, ' ');
}

void AppendNumberPadded(std::string* out, size_t n, size_t width, bool left) {
  char buf[24];
  const auto r = std::to_chars(buf, buf + sizeof buf, n);
  AppendPadded(out, std::string_view(buf, static_cast<size_t>(r.ptr - buf)), width, left);
}

// As XmlEscape (corpus/timeml.h), into `out`.
void AppendXml(std::string* out, std::string_view s) {
  size_t run = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    const char* rep;
    switch (s[i]) {
      case '&':
        rep = "&amp;";
        break;
      case '<':
        rep = "&lt;";
        break;
      case '>':
        rep = "&gt;";
        break;
      case '"':
        rep = "&quot;";
        break;
      default:
        continue;
    }
    out->append(s.data() + run, i - run);
    out->append(rep);
    run = i + 1;
  }
  out->append(s.data() + run, s.size() - run);
}

// {"dct":...,"id":...,"timexes":[{...},...]}: keys in the order
// nlohmann::json (a std::map) wrote them.
class JsonWriter : public TagWriter {
 public:
  explicit JsonWriter(OutBuffer* out) : out_(out) {}

  void Begin(const std::string& id, Date dct, std::string_view lang, std::string_view,
             size_t offset) override {
    offset_ = offset;
    first_ = true;
    std::string& b = out_->buf();
    b += "{\"dct\":\"";
    b += dct.ToString();
    b += "\",\"id\":";
    AppendJsonString(&b, id);
    b += ",\"lang\":";
    AppendJsonString(&b, lang);
    b += ",\"timexes\":[";
  }

  void Window(size_t, const std::vector<Timex>& timexes) override {
    std::string& b = out_->buf();
    for (const Timex& t : timexes) {
      b += first_ ? "{\"begin\":" : ",{\"begin\":";
      first_ = false;
      AppendNumber(&b, t.begin + offset_);
      b += ",\"end\":";
      AppendNumber(&b, t.end + offset_);
      if (t.interval) {
        b += ",\"first\":\"";
        b += t.interval->first.ToString();
        b += "\",\"last\":\"";
        b += t.interval->last.ToString();
        b += '"';
      }
      if (!t.mod.empty()) {
        b += ",\"mod\":";
        AppendJsonString(&b, t.mod);
      }
      b += ",\"text\":";
      AppendJsonString(&b, t.text);
      b += ",\"type\":\"";
      b += TimexTypeName(t.type);
      b += "\",\"value\":";
      AppendJsonString(&b, t.value);
      b += '}';
      out_->Written();
    }
  }

  void End() override {
    out_->buf() += "]}\n";
    out_->Written();
  }

 private:
  OutBuffer* out_;
  size_t offset_ = 0;
  bool first_ = true;
};

// The readable listing. Its header counts the expressions, which a text of
// one window knows before it lists them; a longer text lists them as they
// come and gives the count at the end.
class TextWriter : public TagWriter {
 public:
  explicit TextWriter(OutBuffer* out) : out_(out) {}

  void Begin(const std::string& id, Date dct, std::string_view lang, std::string_view text,
             size_t offset) override {
    id_ = id;
    dct_ = dct.ToString();
    lang_ = lang;
    size_ = text.size();
    offset_ = offset;
    count_ = 0;
    started_ = streaming_ = false;
  }

  void Window(size_t window_end, const std::vector<Timex>& timexes) override {
    if (!started_) {
      started_ = true;
      streaming_ = window_end < size_;
      Header(streaming_ ? std::string_view() : Count(timexes.size()));
    }
    count_ += timexes.size();
    for (const Timex& t : timexes) Line(t);
  }

  void End() override {
    if (!started_) Header(Count(0));
    if (streaming_) {
      std::string& b = out_->buf();
      b += id_;
      b += ": ";
      b += Count(count_);
      b += '\n';
    }
    out_->Written();
  }

 private:
  static std::string Count(size_t n) { return std::to_string(n) + " time expressions"; }

  // "ID (document date D, N time expressions)", or without a count yet.
  void Header(std::string_view count) {
    std::string& b = out_->buf();
    b += id_;
    b += " (document date ";
    b += dct_;
    b += ", language ";
    b += lang_;
    b += ", ";
    if (count.empty())
      b += "a long text: time expressions as found, counted at the end";
    else
      b += count;
    b += ")\n";
  }

  // As printf("  %6zu-%-6zu %-8s %-22s \"%s\"") wrote it, with the
  // interval when it is more than one day.
  void Line(const Timex& t) {
    std::string& b = out_->buf();
    b += "  ";
    AppendNumberPadded(&b, t.begin + offset_, 6, false);
    b += '-';
    AppendNumberPadded(&b, t.end + offset_, 6, true);
    b += ' ';
    AppendPadded(&b, TimexTypeName(t.type), 8, true);
    b += ' ';
    const size_t value_start = b.size();
    b += t.value;
    if (!t.mod.empty()) {
      b += " (";
      b += t.mod;
      b += ')';
    }
    const size_t value_size = b.size() - value_start;
    if (value_size < 22) b.append(22 - value_size, ' ');
    b += " \"";
    b += t.text;
    b += '"';
    if (t.interval && t.interval->first != t.interval->last) {
      b += "  [";
      b += t.interval->first.ToString();
      b += " .. ";
      b += t.interval->last.ToString();
      b += ']';
    }
    b += '\n';
    out_->Written();
  }

  OutBuffer* out_;
  std::string id_, dct_, lang_;
  size_t size_ = 0, offset_ = 0, count_ = 0;
  bool started_ = false, streaming_ = false;
};

// TimeML of a plain text: the text, XML-escaped, with TIMEX3 tags, written
// up to the end of each window as it is tagged.
class TimemlWriter : public TagWriter {
 public:
  explicit TimemlWriter(OutBuffer* out) : out_(out) {}

  void Begin(const std::string& id, Date dct, std::string_view, std::string_view text,
             size_t) override {
    text_ = text;
    pos_ = 0;
    tid_ = 1;
    const std::string d = dct.ToString();
    std::string& b = out_->buf();
    b += "<?xml version=\"1.0\" ?>\n<TimeML>\n<DOCID>";
    AppendXml(&b, id);
    b += "</DOCID>\n<DCT><TIMEX3 tid=\"t0\" type=\"DATE\" value=\"";
    b += d;
    b += "\" temporalFunction=\"false\" functionInDocument=\"CREATION_TIME\">";
    b += d;
    b += "</TIMEX3></DCT>\n<TEXT>";
  }

  void Window(size_t window_end, const std::vector<Timex>& timexes) override {
    std::string& b = out_->buf();
    for (const Timex& t : timexes) {
      if (t.begin < pos_ || t.end > text_.size() || t.end < t.begin) continue;  // never: in order
      AppendXml(&b, text_.substr(pos_, t.begin - pos_));
      b += "<TIMEX3 tid=\"t";
      AppendNumber(&b, tid_++);
      b += "\" type=\"";
      b += TimexTypeName(t.type);
      b += "\" value=\"";
      AppendXml(&b, t.value);
      b += '"';
      if (!t.mod.empty()) {
        b += " mod=\"";
        AppendXml(&b, t.mod);
        b += '"';
      }
      b += '>';
      AppendXml(&b, t.text);
      b += "</TIMEX3>";
      pos_ = t.end;
      out_->Written();
    }
    const size_t end = std::min(window_end, text_.size());
    if (end > pos_) {
      AppendXml(&b, text_.substr(pos_, end - pos_));
      pos_ = end;
    }
    out_->Written();
  }

  void End() override {
    std::string& b = out_->buf();
    AppendXml(&b, text_.substr(pos_));
    b += "</TEXT>\n</TimeML>\n";
    out_->Written();
  }

 private:
  OutBuffer* out_;
  std::string_view text_;
  size_t pos_ = 0, tid_ = 1;
};

}  // namespace

std::unique_ptr<TagWriter> MakeTagWriter(const std::string& format, OutBuffer* out) {
  if (format == "json") return std::make_unique<JsonWriter>(out);
  if (format == "timeml") return std::make_unique<TimemlWriter>(out);
  return std::make_unique<TextWriter>(out);
}

}  // namespace annals::app
