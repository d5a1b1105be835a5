// python/convert.h — conversions between Python objects and annals values,
// shared by the binding sources of the `annals` module.
//
// Conventions, held everywhere in the module:
//  * text is a Python str; the library sees its UTF-8 form without a copy
//    (CPython caches it in the object) and offsets handed back to Python
//    are code points of that str, computed in one linear pass;
//  * dates are accepted as datetime.date or "YYYY-MM-DD" and returned as
//    datetime.date;
//  * wrong types raise TypeError and bad values ValueError, each naming the
//    argument, before any work starts.
#ifndef ANNALS_PYTHON_CONVERT_H_
#define ANNALS_PYTHON_CONVERT_H_

#include <pybind11/pybind11.h>
// After pybind11 (which includes Python.h first, as CPython requires).
#include <datetime.h>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "annals/date.h"
#include "annals/tagger.h"
#include "annals/timex.h"

namespace annals::python {

namespace py = pybind11;

// Must run once (module init) before any date conversion: PyDateTime_IMPORT
// fills a per-translation-unit pointer, so every source calls it.
void InitDates();

inline std::string TypeName(py::handle o) { return Py_TYPE(o.ptr())->tp_name; }

// A lang= argument: "auto" or a code Tagger::ForLanguage takes.
inline std::string ToLang(py::handle lang) {
  if (!PyUnicode_Check(lang.ptr()))
    throw py::type_error("lang must be a str, not " + TypeName(lang));
  std::string l = lang.cast<std::string>();
  if (l != "auto" && !IsTaggerLanguage(l))
    throw py::value_error("unknown lang '" + l + "' (one of: auto, " + TaggerLanguageList() +
                          ", und)");
  return l;
}

// The UTF-8 bytes of a str, borrowed from the object: valid while `s` lives
// (a str is immutable, so also while the GIL is released).
struct Utf8Text {
  std::string_view bytes;
  bool ascii = false;  // then code-point offsets equal byte offsets
};
Utf8Text BorrowUtf8(py::handle s, const std::string& what);

// Date from a datetime.date (a datetime counts by its date) or an ISO
// "YYYY-MM-DD" str.
Date ToDate(py::handle o, const std::string& what);
py::object FromDate(Date d);
// None -> nullopt, otherwise ToDate.
std::optional<Date> ToOptionalDate(py::handle o, const std::string& what);
// The from_date/to_date pair of load_corpus() and Timeline(): each
// ToOptionalDate; ValueError when from_date is after to_date.
void ToDateRange(py::handle from_date, py::handle to_date, std::optional<Date>* from,
                 std::optional<Date>* to);

DocType ToDocType(py::handle o);

// A non-negative int argument (bool refused: True is not a count).
int ToCount(py::handle o, const std::string& what);

// Maps ascending byte offsets of one UTF-8 text to code-point offsets; the
// whole sequence of calls walks the text once. An offset inside a multi-byte
// character maps to that character's index.
class CodePointCounter {
 public:
  explicit CodePointCounter(std::string_view text, bool ascii = false)
      : text_(text), ascii_(ascii) {}
  size_t At(size_t byte);

 private:
  std::string_view text_;
  bool ascii_;
  size_t pos_ = 0;  // bytes consumed
  size_t cps_ = 0;  // code points started before pos_
};

// A time expression as Python sees it: the library's Timex (byte offsets)
// plus its code-point offsets in the str it came from.
struct PyTimex {
  Timex t;
  size_t begin = 0;
  size_t end = 0;
};

// Timexes of `text` (ascending, as the tagger returns them) with code-point
// offsets filled in.
std::vector<PyTimex> WithCodePoints(std::vector<Timex> timexes, const Utf8Text& text);

py::dict TimexDict(const PyTimex& t);
// Decodes bytes the library produced; never fails (bad bytes become U+FFFD).
py::str DecodeUtf8(std::string_view s);

// A compact byte encoding used for pickling (Dask ships results between
// processes): little-endian integers and length-prefixed strings. Reading
// checks every bound and throws ValueError on a damaged state.
class Writer {
 public:
  void U64(uint64_t v);
  void F64(double v);
  void Str(std::string_view s);
  void Day(Date d);
  void OptDay(const std::optional<Date>& d);
  void WriteTimex(const Timex& t);
  std::string& out() { return out_; }

 private:
  std::string out_;
};

class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  uint64_t U64();
  double F64();
  std::string Str();
  Date Day();
  std::optional<Date> OptDay();
  Timex ReadTimex();
  // Element counts are bounded by the remaining bytes, so a damaged count
  // cannot make a reader reserve gigabytes.
  size_t Count(size_t min_bytes_each);
  void ExpectEnd() const;

 private:
  void Need(size_t n) const;
  std::string_view in_;
  size_t pos_ = 0;
};

}  // namespace annals::python

#endif  // ANNALS_PYTHON_CONVERT_H_
