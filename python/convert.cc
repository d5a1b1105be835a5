// python/convert.cc — see convert.h.
#include "convert.h"

#include <cstring>

namespace annals::python {

void InitDates() {
  PyDateTime_IMPORT;
  if (PyDateTimeAPI == nullptr) throw py::error_already_set();
}

Utf8Text BorrowUtf8(py::handle s, const std::string& what) {
  if (!PyUnicode_Check(s.ptr())) {
    std::string hint =
        PyBytes_Check(s.ptr()) ? " (decode bytes first, e.g. b.decode('utf-8'))" : "";
    throw py::type_error(what + " must be str, not " + TypeName(s) + hint);
  }
  Py_ssize_t n = 0;
  const char* p = PyUnicode_AsUTF8AndSize(s.ptr(), &n);
  // Lone surrogates cannot be UTF-8: UnicodeEncodeError, a ValueError.
  if (p == nullptr) throw py::error_already_set();
  return {std::string_view(p, static_cast<size_t>(n)), PyUnicode_IS_ASCII(s.ptr()) != 0};
}

Date ToDate(py::handle o, const std::string& what) {
  if (PyUnicode_Check(o.ptr())) {
    std::string_view s = BorrowUtf8(o, what).bytes;
    std::optional<Date> d = Date::Parse(s);
    if (!d) throw py::value_error(what + ": '" + std::string(s) + "' is not a date YYYY-MM-DD");
    return *d;
  }
  if (PyDate_Check(o.ptr()))  // datetime.datetime is a subclass: its date
    return Date{PyDateTime_GET_YEAR(o.ptr()), PyDateTime_GET_MONTH(o.ptr()),
                PyDateTime_GET_DAY(o.ptr())};
  throw py::type_error(what + " must be a datetime.date or a 'YYYY-MM-DD' str, not " + TypeName(o));
}

std::optional<Date> ToOptionalDate(py::handle o, const std::string& what) {
  if (o.is_none()) return std::nullopt;
  return ToDate(o, what);
}

void ToDateRange(py::handle from_date, py::handle to_date, std::optional<Date>* from,
                 std::optional<Date>* to) {
  *from = ToOptionalDate(from_date, "from_date");
  *to = ToOptionalDate(to_date, "to_date");
  if (*from && *to && **to < **from)
    throw py::value_error("from_date " + (*from)->ToString() + " is after to_date " +
                          (*to)->ToString());
}

py::object FromDate(Date d) {
  // datetime.date covers years 1..9999; the library's calendar is wider,
  // and such a day raises ValueError here rather than wrapping.
  PyObject* r = PyDate_FromDate(d.year, d.month, d.day);
  if (r == nullptr) throw py::error_already_set();
  return py::reinterpret_steal<py::object>(r);
}

DocType ToDocType(py::handle o) {
  if (!PyUnicode_Check(o.ptr())) throw py::type_error("type must be str, not " + TypeName(o));
  std::string_view s = BorrowUtf8(o, "type").bytes;
  if (s == "news") return DocType::kNews;
  if (s == "narrative") return DocType::kNarrative;
  throw py::value_error("type must be 'news' or 'narrative', not '" + std::string(s) + "'");
}

int ToCount(py::handle o, const std::string& what) {
  if (PyBool_Check(o.ptr()) || !PyLong_Check(o.ptr()))
    throw py::type_error(what + " must be int, not " + TypeName(o));
  int overflow = 0;
  long long v = PyLong_AsLongLongAndOverflow(o.ptr(), &overflow);
  if (overflow != 0 || v < 0 || v > 1'000'000'000)
    throw py::value_error(what + " must be between 0 and 1000000000, not " +
                          py::str(o).cast<std::string>());
  return static_cast<int>(v);
}

size_t CodePointCounter::At(size_t byte) {
  if (byte > text_.size()) byte = text_.size();
  if (ascii_) return byte;
  if (byte < pos_) pos_ = cps_ = 0;  // out of order: start again (not expected)
  for (; pos_ < byte; ++pos_) cps_ += (static_cast<unsigned char>(text_[pos_]) & 0xC0) != 0x80;
  return cps_;
}

std::vector<PyTimex> WithCodePoints(std::vector<Timex> timexes, const Utf8Text& text) {
  std::vector<PyTimex> out;
  out.reserve(timexes.size());
  CodePointCounter cp(text.bytes, text.ascii);
  for (Timex& t : timexes) {
    PyTimex p;
    p.begin = cp.At(t.begin);
    p.end = cp.At(t.end);
    p.t = std::move(t);
    out.push_back(std::move(p));
  }
  return out;
}

py::str DecodeUtf8(std::string_view s) {
  PyObject* r = PyUnicode_DecodeUTF8(s.data(), static_cast<Py_ssize_t>(s.size()), "replace");
  if (r == nullptr) throw py::error_already_set();
  return py::reinterpret_steal<py::str>(r);
}

py::dict TimexDict(const PyTimex& p) {
  py::dict d;
  d["begin"] = p.begin;
  d["end"] = p.end;
  d["text"] = DecodeUtf8(p.t.text);
  d["type"] = py::str(std::string(TimexTypeName(p.t.type)));
  d["value"] = DecodeUtf8(p.t.value);
  d["mod"] = p.t.mod.empty() ? py::object(py::none()) : py::object(DecodeUtf8(p.t.mod));
  if (p.t.interval) {
    d["first"] = py::str(p.t.interval->first.ToString());
    d["last"] = py::str(p.t.interval->last.ToString());
  } else {
    d["first"] = py::none();
    d["last"] = py::none();
  }
  return d;
}

// --- pickling ---

void Writer::U64(uint64_t v) {
  for (int i = 0; i < 8; ++i) out_.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}
void Writer::F64(double v) {
  uint64_t bits;
  std::memcpy(&bits, &v, sizeof bits);
  U64(bits);
}
void Writer::Str(std::string_view s) {
  U64(s.size());
  out_.append(s);
}
void Writer::Day(Date d) { U64(static_cast<uint64_t>(d.ToDays())); }
void Writer::OptDay(const std::optional<Date>& d) {
  U64(d ? 1 : 0);
  if (d) Day(*d);
}
void Writer::WriteTimex(const Timex& t) {
  U64(t.begin);
  U64(t.end);
  Str(t.text);
  U64(static_cast<uint64_t>(t.type));
  Str(t.value);
  Str(t.mod);
  U64(t.interval ? 1 : 0);
  if (t.interval) {
    Day(t.interval->first);
    Day(t.interval->last);
  }
}

void Reader::Need(size_t n) const {
  if (n > in_.size() - pos_) throw py::value_error("annals: damaged pickle state (truncated)");
}
uint64_t Reader::U64() {
  Need(8);
  uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v |= uint64_t{static_cast<unsigned char>(in_[pos_ + i])} << (8 * i);
  pos_ += 8;
  return v;
}
double Reader::F64() {
  uint64_t bits = U64();
  double v;
  std::memcpy(&v, &bits, sizeof v);
  return v;
}
std::string Reader::Str() {
  uint64_t n = U64();
  Need(n);
  std::string s(in_.substr(pos_, n));
  pos_ += n;
  return s;
}
Date Reader::Day() {
  int64_t days = static_cast<int64_t>(U64());
  // The library's calendar spans years -9999..9999 (about ±4.4 million days).
  if (days < -4'400'000 || days > 3'000'000)
    throw py::value_error("annals: damaged pickle state (date)");
  return Date::FromDays(days);
}
std::optional<Date> Reader::OptDay() {
  if (U64() == 0) return std::nullopt;
  return Day();
}
Timex Reader::ReadTimex() {
  Timex t;
  t.begin = U64();
  t.end = U64();
  t.text = Str();
  uint64_t type = U64();
  if (type > static_cast<uint64_t>(TimexType::kSet))
    throw py::value_error("annals: damaged pickle state (type)");
  t.type = static_cast<TimexType>(type);
  t.value = Str();
  t.mod = Str();
  if (U64() != 0) t.interval = Interval{Day(), Day()};
  return t;
}
size_t Reader::Count(size_t min_bytes_each) {
  uint64_t n = U64();
  if (n > (in_.size() - pos_) / std::max<size_t>(1, min_bytes_each))
    throw py::value_error("annals: damaged pickle state (count)");
  return static_cast<size_t>(n);
}
void Reader::ExpectEnd() const {
  if (pos_ != in_.size()) throw py::value_error("annals: damaged pickle state (trailing bytes)");
}

}  // namespace annals::python
