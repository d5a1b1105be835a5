// python/annals_module.cc — the extension module annals._annals (re-exported
// by the package python/annals/): tag(), Timex,
// load_corpus(), t17_topics(); annotate() and Timeline are in
// timeline_bindings.cc.
//
// Work happens with the GIL released, so Python threads tagging different
// texts run on different cores. Argument checking happens before, with the
// GIL held, and raises TypeError / ValueError naming the argument.
#include <pybind11/stl.h>

#include <utility>

#include "convert.h"
#include "corpus/collection.h"

namespace annals::python {

void BindTimeline(py::module_& m);  // timeline_bindings.cc
void BindCli(py::module_& m);       // cli_bindings.cc

namespace {

const char kModuleDoc[] =
    "Find and resolve time expressions in dated news; build timelines.\n"
    "\n"
    "    >>> import annals\n"
    "    >>> [t.value for t in annals.tag('He left on Friday.', '2013-01-30')]\n"
    "    ['2013-01-25']\n"
    "\n"
    "Offsets (Timex.begin, Timex.end) are code-point indices into the str\n"
    "that was tagged, so text[t.begin:t.end] == t.text; the UTF-8 byte\n"
    "offsets the C++ library and the `annals` CLI report are byte_begin and\n"
    "byte_end. Dates are accepted as datetime.date or 'YYYY-MM-DD' and\n"
    "returned as datetime.date. Functions release the GIL while they work.\n";

const char kTagDoc[] =
    "tag(text: str, dct: datetime.date | str, type: str = 'news', lang: str = 'auto')\n"
    "    -> list[Timex]\n"
    "\n"
    "Finds every time expression in `text` and resolves it against the\n"
    "document creation time `dct`.\n"
    "\n"
    "type: 'news' anchors relative expressions ('on Wednesday', 'three weeks\n"
    "    ago') to dct; 'narrative' to the most recently mentioned date.\n"
    "lang: the text's language: 'auto' (detected: language_of), or one of\n"
    "    'en', 'es', 'fr', 'de', 'it', 'pt', or 'und' (numeric dates only).\n"
    "\n"
    "Returns the expressions in text order, without overlaps. Runs in time\n"
    "linear in len(text) with the GIL released.\n"
    "\n"
    "Raises TypeError when text is not a str or dct neither a date nor a str,\n"
    "ValueError for a malformed dct, an unknown type or lang, or a text with lone\n"
    "surrogates (UnicodeEncodeError).\n";

py::list TimexList(std::vector<PyTimex> timexes) {
  py::list out(timexes.size());
  for (size_t i = 0; i < timexes.size(); ++i)
    out[i] = py::cast(std::move(timexes[i]), py::return_value_policy::move);
  return out;
}

py::list Tag(py::handle text, py::handle dct, py::handle type, py::handle lang_arg) {
  Utf8Text utf8 = BorrowUtf8(text, "text");
  TagOptions options;
  options.dct = ToDate(dct, "dct");
  options.type = ToDocType(type);
  std::string lang = ToLang(lang_arg);
  std::vector<Timex> timexes;
  {
    // `text` is referenced by the caller's frame and immutable, so its
    // UTF-8 buffer stays valid while other threads run.
    py::gil_scoped_release release;
    if (lang == "auto") lang = std::string(LanguageOf(utf8.bytes));
    timexes = Tagger::ForLanguage(lang).Tag(utf8.bytes, options);
  }
  return TimexList(WithCodePoints(std::move(timexes), utf8));
}

std::string TimexRepr(const PyTimex& p) {
  std::string r = "Timex(begin=" + std::to_string(p.begin) + ", end=" + std::to_string(p.end) +
                  ", text=" + py::repr(DecodeUtf8(p.t.text)).cast<std::string>() + ", type='" +
                  std::string(TimexTypeName(p.t.type)) + "'" +
                  ", value=" + py::repr(DecodeUtf8(p.t.value)).cast<std::string>();
  if (!p.t.mod.empty()) r += ", mod=" + py::repr(DecodeUtf8(p.t.mod)).cast<std::string>();
  return r + ")";
}

bool SameTimex(const PyTimex& a, const PyTimex& b) {
  auto key = [](const PyTimex& p) {
    return std::tie(p.begin, p.end, p.t.begin, p.t.end, p.t.text, p.t.type, p.t.value, p.t.mod);
  };
  if (key(a) != key(b) || a.t.interval.has_value() != b.t.interval.has_value()) return false;
  return !a.t.interval ||
         (a.t.interval->first == b.t.interval->first && a.t.interval->last == b.t.interval->last);
}

void BindTimex(py::module_& m) {
  py::class_<PyTimex>(m, "Timex",
                      "A time expression found in a text, resolved to a TimeML TIMEX3 value.\n"
                      "\n"
                      "begin, end: code-point offsets in the tagged str (text[begin:end]).\n"
                      "byte_begin, byte_end: the same span in UTF-8 bytes (as the CLI prints).\n"
                      "type: 'DATE', 'TIME', 'DURATION' or 'SET'.\n"
                      "value: the TimeML value ('2013-01-30', '2013-W02', 'P22M', 'PAST_REF').\n"
                      "mod: the TimeML mod ('START', 'APPROX', ...) or None.\n"
                      "interval: (first, last) calendar days the value covers, both\n"
                      "    inclusive, as datetime.date; None for durations, sets and\n"
                      "    vague values.")
      .def_property_readonly("begin", [](const PyTimex& p) { return p.begin; })
      .def_property_readonly("end", [](const PyTimex& p) { return p.end; })
      .def_property_readonly("byte_begin", [](const PyTimex& p) { return p.t.begin; })
      .def_property_readonly("byte_end", [](const PyTimex& p) { return p.t.end; })
      .def_property_readonly("text", [](const PyTimex& p) { return DecodeUtf8(p.t.text); })
      .def_property_readonly("type",
                             [](const PyTimex& p) { return std::string(TimexTypeName(p.t.type)); })
      .def_property_readonly("value", [](const PyTimex& p) { return DecodeUtf8(p.t.value); })
      .def_property_readonly("mod",
                             [](const PyTimex& p) -> py::object {
                               if (p.t.mod.empty()) return py::none();
                               return DecodeUtf8(p.t.mod);
                             })
      .def_property_readonly("interval",
                             [](const PyTimex& p) -> py::object {
                               if (!p.t.interval) return py::none();
                               return py::make_tuple(FromDate(p.t.interval->first),
                                                     FromDate(p.t.interval->last));
                             })
      .def("to_dict", &TimexDict,
           "to_dict() -> dict\n\nA JSON-ready dict: begin, end (code points), text, type, "
           "value,\nmod (or None), first and last ('YYYY-MM-DD' or None).")
      .def("__repr__", &TimexRepr)
      .def("__eq__",
           [](const PyTimex& a, py::handle b) -> py::object {
             if (!py::isinstance<PyTimex>(b))
               return py::reinterpret_borrow<py::object>(Py_NotImplemented);
             return py::bool_(SameTimex(a, b.cast<const PyTimex&>()));
           })
      .def(py::pickle(
          [](const PyTimex& p) {
            Writer w;
            w.U64(p.begin);
            w.U64(p.end);
            w.WriteTimex(p.t);
            return py::bytes(w.out());
          },
          [](const py::bytes& state) {
            Reader r{std::string_view(state)};
            PyTimex p;
            p.begin = r.U64();
            p.end = r.U64();
            p.t = r.ReadTimex();
            r.ExpectEnd();
            return p;
          }));
  // Timex defines __eq__ and is immutable; no hash keeps it simple (like a
  // list element, not a dict key).
  m.attr("Timex").attr("__hash__") = py::none();
}

// --- corpora ---

struct PyCorpus {
  std::string name;
  py::list documents;  // (id, date, text) tuples
  py::list skipped;    // "file:line: reason"
  std::string lang;    // load_corpus(lang=)
  py::list languages;  // per document: its language code
  size_t out_of_range = 0;
};

PyCorpus ToPyCorpus(Collection c, const std::string& lang) {
  PyCorpus out;
  out.name = c.name;
  out.lang = lang;
  for (Document& d : c.documents) {
    // As the CLI chooses: the lang= given, else a JSONL line's own "lang",
    // else the text's.
    std::string l = lang != "auto"             ? lang
                    : IsTaggerLanguage(d.lang) ? d.lang
                                               : std::string(LanguageOf(d.text));
    out.languages.append(l);
    out.documents.append(py::make_tuple(DecodeUtf8(d.id), FromDate(*d.dct), DecodeUtf8(d.text)));
  }
  for (const ReadError& e : c.skipped) out.skipped.append(DecodeUtf8(e.ToString()));
  out.out_of_range = c.out_of_range;
  return out;
}

LoadOptions MakeLoadOptions(py::handle from_date, py::handle to_date) {
  LoadOptions o;
  ToDateRange(from_date, to_date, &o.from, &o.to);
  return o;
}

// The Timeline17 topics under `path`, listed without the GIL; ValueError
// naming the path when it is no Timeline17 root.
std::vector<T17Topic> ListTopics(const std::string& path) {
  std::vector<T17Topic> topics;
  ReadError err;
  bool listed;
  {
    py::gil_scoped_release release;
    listed = ListT17Topics(path, &topics, &err);
  }
  if (!listed) throw py::value_error(err.ToString());
  return topics;
}

std::string PathArg(py::handle path) {
  // os.PathLike as well as str.
  py::object p = py::module_::import("os").attr("fspath")(path);
  if (!PyUnicode_Check(p.ptr()))
    throw py::type_error("path must be str or os.PathLike of str, not " + TypeName(p));
  return std::string(BorrowUtf8(p, "path").bytes);
}

PyCorpus LoadCorpusPy(py::handle path, py::handle topic, py::handle from_date, py::handle to_date,
                      py::handle lang_arg) {
  std::string p = PathArg(path);
  const std::string lang = ToLang(lang_arg);
  LoadOptions options = MakeLoadOptions(from_date, to_date);
  Collection c;
  if (topic.is_none()) {
    py::gil_scoped_release release;
    c = LoadCorpus(p, options);
  } else {
    std::string name(BorrowUtf8(topic, "topic").bytes);
    const std::vector<T17Topic> topics = ListTopics(p);
    auto it = std::find_if(topics.begin(), topics.end(),
                           [&](const T17Topic& t) { return t.name == name; });
    if (it == topics.end()) throw py::value_error(p + ": no Timeline17 topic '" + name + "'");
    py::gil_scoped_release release;
    c = LoadT17Topic(*it, options);
  }
  return ToPyCorpus(std::move(c), lang);
}

py::list T17TopicsPy(py::handle path) {
  py::list out;
  for (const T17Topic& t : ListTopics(PathArg(path))) {
    py::dict d;
    d["name"] = t.name;
    d["sources"] = t.sources;
    d["source_dirs"] = t.source_dirs;
    d["timelines"] = t.timelines;
    out.append(d);
  }
  return out;
}

void BindCorpus(py::module_& m) {
  py::class_<PyCorpus>(m, "Corpus",
                       "Dated articles loaded by load_corpus().\n"
                       "\n"
                       "documents: list of (id, date, text) tuples, sorted by (date, id);\n"
                       "    iterating a Corpus iterates them, so a Corpus can be passed\n"
                       "    to Timeline() directly.\n"
                       "skipped: one 'file:line: reason' str per input that was not loaded.\n"
                       "out_of_range: inputs left out by from_date / to_date.\n"
                       "lang: the lang= it was loaded with ('auto' or a code).\n"
                       "languages: each document's language code, as annotate() and\n"
                       "    Timeline() read it when given this Corpus with lang='auto'.")
      .def_readonly("name", &PyCorpus::name)
      .def_readonly("documents", &PyCorpus::documents)
      .def_readonly("skipped", &PyCorpus::skipped)
      .def_readonly("out_of_range", &PyCorpus::out_of_range)
      .def_readonly("lang", &PyCorpus::lang)
      .def_readonly("languages", &PyCorpus::languages)
      .def("__len__", [](const PyCorpus& c) { return c.documents.size(); })
      .def("__iter__", [](const PyCorpus& c) { return py::iter(c.documents); })
      .def("__repr__", [](const PyCorpus& c) {
        return "<Corpus " + py::repr(py::str(c.name)).cast<std::string>() + ": " +
               std::to_string(c.documents.size()) + " documents, " +
               std::to_string(c.skipped.size()) + " skipped>";
      });

  m.def("load_corpus", &LoadCorpusPy, py::arg("path"), py::kw_only(), py::arg("topic") = py::none(),
        py::arg("from_date") = py::none(), py::arg("to_date") = py::none(),
        py::arg("lang") = "auto",
        "load_corpus(path: str | os.PathLike, *, topic: str | None = None,\n"
        "            from_date: datetime.date | str | None = None,\n"
        "            to_date: datetime.date | str | None = None,\n"
        "            lang: str = 'auto') -> Corpus\n"
        "\n"
        "Loads dated articles: a .jsonl / .jsonl.gz file of {\"id\", \"time\", \"text\"}\n"
        "objects, a Timeline17 <Topic>_<source> folder, or a folder of dated\n"
        "articles (' date YYYY-MM-DD <article>' .txt files). With `topic`, `path`\n"
        "is a Timeline17 root and every source folder of that topic is merged.\n"
        "Bad inputs are listed in Corpus.skipped, never dropped silently;\n"
        "from_date / to_date keep only articles published in that range.\n"
        "lang: 'auto' (each article's JSONL \"lang\", else detected) or one code\n"
        "for all; Corpus.languages lists the result.\n"
        "\n"
        "Raises ValueError when `path` is no Timeline17 root (with topic) or the\n"
        "topic is unknown; problems with a plain path are in Corpus.skipped.");
  m.def("t17_topics", &T17TopicsPy, py::arg("path"),
        "t17_topics(path: str | os.PathLike) -> list[dict]\n"
        "\n"
        "The Timeline17 topics under `path` (a T17 root or one <Topic>_<source>\n"
        "folder), sorted by name: dicts with name, sources, source_dirs and\n"
        "timelines (paths of the reference timelines, one task each).\n"
        "Raises ValueError when `path` is neither.");
}

}  // namespace

void Init(py::module_& m) {
  InitDates();
  // Signatures are written into the docstrings (with the real accepted
  // types), rather than pybind11's `object` placeholders.
  py::options options;
  options.disable_function_signatures();
  m.doc() = kModuleDoc;
  m.attr("__version__") = ANNALS_VERSION;  // project(annals VERSION ...), as the wheel
  BindTimex(m);
  m.def("tag", &Tag, py::arg("text"), py::arg("dct"), py::arg("type") = "news",
        py::arg("lang") = "auto", kTagDoc);
  m.def(
      "language_of",
      [](py::handle text) {
        Utf8Text utf8 = BorrowUtf8(text, "text");
        return std::string(LanguageOf(utf8.bytes));
      },
      py::arg("text"),
      "language_of(text: str) -> str\n"
      "\n"
      "The language `text` is written in, as tag(lang='auto') detects it: 'en',\n"
      "'es', 'fr', 'de', 'it' or 'pt', or 'und' for any other (or too little text).");
  BindCorpus(m);
  BindTimeline(m);
  BindCli(m);
}

}  // namespace annals::python

PYBIND11_MODULE(_annals, m) { annals::python::Init(m); }
