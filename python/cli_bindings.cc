// python/cli_bindings.cc — the input side of `annals tag` and `annals
// timeline` for `python -m annals` (python/annals/__main__.py): the same
// readers, format detection, error wording and text budget as the CLI, so
// that the Python commands read the same inputs to the same documents and
// report the same errors. Private (underscore) names: the public API is
// tag(), load_corpus(), Timeline.
#include <pybind11/stl.h>

#include <memory>
#include <string>
#include <utility>

#include "convert.h"
#include "corpus/collection.h"
#include "corpus/readers.h"
#include "corpus/timeml.h"

namespace annals::python {
namespace {

InputFormat ToInputFormat(const std::string& s) {
  if (s == "auto") return InputFormat::kAuto;
  if (s == "dated") return InputFormat::kDated;
  if (s == "plain") return InputFormat::kPlain;
  if (s == "timeml") return InputFormat::kTimeML;
  if (s == "jsonl") return InputFormat::kJsonl;
  throw py::value_error("input must be auto, dated, plain, timeml or jsonl, not '" + s + "'");
}

// One article of `annals tag` (RunFile / RunTimeml): (id, dct, text,
// offset), where offset is the byte offset of text in the file (the dated
// header's length), or ValueError with the CLI's "file:line: message".
// `dct` (None or a date) overrides the file's own, as --dct does.
py::tuple ReadArticle(const std::string& name, const std::string& path, py::bytes content_obj,
                      const std::string& input, py::handle dct_arg) {
  std::string content(content_obj);
  const std::optional<Date> dct_override = ToOptionalDate(dct_arg, "dct");
  const InputFormat asked = ToInputFormat(input);
  const InputFormat fmt = asked == InputFormat::kAuto ? DetectFormat(path, content) : asked;
  ReadError err;
  auto fail = [](const ReadError& e) { throw py::value_error(e.ToString()); };
  if (fmt == InputFormat::kTimeML) {
    TimemlDocument doc;
    TimemlError terr;
    if (!ParseTimeml(content, &doc, &terr)) fail(ReadError{name, terr.line, terr.message});
    std::optional<Date> dct = dct_override ? dct_override : Date::Parse(doc.dct_value);
    if (!dct) fail(ReadError{name, 0, "DCT value `" + doc.dct_value + "` is not a date"});
    return py::make_tuple(DecodeUtf8(doc.docid.empty() ? name : doc.docid), dct->ToString(),
                          DecodeUtf8(doc.text), 0);
  }
  if (!CheckText(content, name, &err)) fail(err);
  if (content.empty()) fail(ReadError{name, 0, "empty input"});
  Document doc;
  size_t offset = 0;
  if (fmt == InputFormat::kDated) {
    if (!ParseDatedArticleInPlace(std::move(content), name, &doc, &offset, &err)) fail(err);
  } else {
    doc.id = name;
    doc.text = std::move(content);
  }
  if (dct_override) doc.dct = dct_override;
  if (!doc.dct)
    fail(ReadError{name, 0, "no document date: give --dct YYYY-MM-DD or a `date` header"});
  return py::make_tuple(DecodeUtf8(doc.id), doc.dct->ToString(), DecodeUtf8(doc.text), offset);
}

bool IsJsonlPath(const std::string& path) {
  return path != "-" && DetectFormat(path, "") == InputFormat::kJsonl;
}

// Streams a JSONL input line by line: (line, id, dct, text, lang) for a
// good line (lang "" when the line names none), (line, None, message,
// "file:line: message", "") for a bad one.
class PyJsonl {
 public:
  explicit PyJsonl(const std::string& path) {
    ReadError err;
    reader_ = JsonlReader::Open(path, &err);
    if (!reader_) throw py::value_error(err.ToString());
  }
  py::tuple Next() {
    Document doc;
    bool ok = false;
    ReadError err;
    bool more;
    {
      py::gil_scoped_release release;  // may block on a pipe
      more = reader_->Next(&doc, &ok, &err);
    }
    if (!more) throw py::stop_iteration();
    if (!ok)
      return py::make_tuple(reader_->line(), py::none(), DecodeUtf8(err.message),
                            DecodeUtf8(err.ToString()), "");
    return py::make_tuple(reader_->line(), DecodeUtf8(doc.id), doc.dct->ToString(),
                          DecodeUtf8(doc.text), DecodeUtf8(doc.lang));
  }

 private:
  std::unique_ptr<JsonlReader> reader_;
};

// The corpus of `annals timeline PATH...`: every path loaded in order into
// one collection sharing one text budget of max_mb MiB, named as the CLI
// names it. Returns (name, [(id, date, text)], [(file, line, reason)],
// out_of_range).
py::tuple LoadInputs(const std::vector<std::string>& paths, py::handle from_date,
                     py::handle to_date, size_t max_mb) {
  LoadOptions load;
  ToDateRange(from_date, to_date, &load.from, &load.to);
  load.max_total_bytes = max_mb << 20;
  Collection corpus;
  {
    py::gil_scoped_release release;
    bool budget_exhausted = false;
    for (const std::string& path : paths) {
      if (budget_exhausted) {
        corpus.skipped.push_back({path, 0, "not read: " + OverBudget(load.max_total_bytes)});
        continue;
      }
      Collection part = LoadCorpus(path, load);
      budget_exhausted = part.budget_exhausted;
      for (const Document& d : part.documents) load.text_held += d.text.size();
      if (corpus.name.empty()) {
        corpus.name = part.name;
      } else if (corpus.name != part.name) {
        corpus.name = "several inputs";
      }
      for (Document& d : part.documents) corpus.documents.push_back(std::move(d));
      for (ReadError& e : part.skipped) corpus.skipped.push_back(std::move(e));
      corpus.out_of_range += part.out_of_range;
    }
  }
  py::list docs, skipped;
  for (const Document& d : corpus.documents)
    docs.append(py::make_tuple(DecodeUtf8(d.id), FromDate(*d.dct), DecodeUtf8(d.text)));
  for (const ReadError& e : corpus.skipped)
    skipped.append(py::make_tuple(DecodeUtf8(e.file), e.line, DecodeUtf8(e.message)));
  return py::make_tuple(DecodeUtf8(corpus.name), docs, skipped, corpus.out_of_range);
}

}  // namespace

void BindCli(py::module_& m) {
  m.def("_read_article", &ReadArticle, py::arg("name"), py::arg("path"), py::arg("content"),
        py::arg("input"), py::arg("dct"));
  m.def("_is_jsonl_path", &IsJsonlPath, py::arg("path"));
  py::class_<PyJsonl>(m, "_Jsonl")
      .def(py::init<const std::string&>(), py::arg("path"))
      .def("__iter__", [](py::object self) { return self; })
      .def("__next__", &PyJsonl::Next);
  m.def("_load_inputs", &LoadInputs, py::arg("paths"), py::arg("from_date"), py::arg("to_date"),
        py::arg("max_mb"));
  m.def("_default_text_budget_mb", [] { return DefaultTextBudget() >> 20; });
}

}  // namespace annals::python
