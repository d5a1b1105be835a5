// python/timeline_bindings.cc — annals.annotate, annals.AnnotatedDocument and
// annals.Timeline over include/annals/timeline.h.
//
// Documents come in as (id, date, text) tuples or as AnnotatedDocuments
// from annotate(): annotating is most of the cost of a timeline, so a
// distributed job annotates in parallel chunks and builds each topic's
// timeline from the pickled results (python/dask_timelines.py).
#include <pybind11/stl.h>

#include <utility>

#include "annals/timeline.h"
#include "convert.h"

namespace annals::python {
namespace {

struct PyAnnotated {
  AnnotatedDocument a;
};

// A Python (id, date, text) tuple turned into a Document; `where` names it
// in errors ("docs[3]").
Document ToDocument(py::handle item, const std::string& where) {
  if (!PySequence_Check(item.ptr()) || PyUnicode_Check(item.ptr()) || PyBytes_Check(item.ptr()) ||
      (PySequence_Size(item.ptr()) != 3 && PySequence_Size(item.ptr()) != 4)) {
    throw py::type_error(
        where + ": expected an (id, date, text[, lang]) tuple or an AnnotatedDocument, not " +
        (PySequence_Check(item.ptr()) && !PyUnicode_Check(item.ptr())
             ? TypeName(item) + " of length " + std::to_string(PySequence_Size(item.ptr()))
             : TypeName(item)));
  }
  py::sequence seq = py::reinterpret_borrow<py::sequence>(item);
  Document doc;
  py::object id = seq[0];
  if (PyUnicode_Check(id.ptr())) {
    doc.id = std::string(BorrowUtf8(id, where + " id").bytes);
  } else if (PyLong_Check(id.ptr()) && !PyBool_Check(id.ptr())) {
    doc.id = py::str(id).cast<std::string>();
  } else {
    throw py::type_error(where + " id must be str or int, not " + TypeName(id));
  }
  doc.dct = ToDate(seq[1], where + " date");
  doc.text = std::string(BorrowUtf8(seq[2], where + " text").bytes);
  if (seq.size() == 4) doc.lang = ToLang(seq[3]);
  if (doc.lang == "auto") doc.lang.clear();
  return doc;
}

// Annotated documents in input order: tuples are annotated (GIL released,
// on `threads` threads), AnnotatedDocuments are copied. Every document is
// checked before any work starts.
std::vector<AnnotatedDocument> CollectAnnotated(py::handle docs, int threads,
                                                const std::string& lang) {
  // A Corpus (load_corpus) knows each document's language.
  py::object languages = py::none();
  if (py::hasattr(docs, "languages") && py::hasattr(docs, "documents") && lang == "auto") {
    languages = docs.attr("languages");
    docs = docs.attr("documents");
  }
  const std::string expected = "docs must be an iterable of (id, date, text) tuples, not ";
  if (PyUnicode_Check(docs.ptr()) || PyBytes_Check(docs.ptr()))
    throw py::type_error(expected + TypeName(docs));
  py::iterator items;
  try {
    items = py::iter(docs);
  } catch (py::error_already_set& e) {
    if (!e.matches(PyExc_TypeError)) throw;
    throw py::type_error(expected + TypeName(docs));
  }
  std::vector<AnnotatedDocument> out;
  std::vector<Document> raw;
  std::vector<size_t> raw_at;  // where each raw document goes in `out`
  size_t i = 0;
  for (py::handle item : items) {
    const std::string where = "docs[" + std::to_string(i++) + "]";
    if (py::isinstance<PyAnnotated>(item)) {
      out.push_back(item.cast<const PyAnnotated&>().a);
    } else {
      raw.push_back(ToDocument(item, where));
      if (!languages.is_none() && raw.back().lang.empty())
        raw.back().lang = py::cast<std::string>(languages[py::int_(i - 1)]);
      raw_at.push_back(out.size());
      out.emplace_back();
    }
  }
  if (!raw.empty()) {
    py::gil_scoped_release release;
    std::vector<AnnotatedDocument> done = AnnotateAll(std::move(raw), lang, threads);
    for (size_t k = 0; k < done.size(); ++k) out[raw_at[k]] = std::move(done[k]);
  }
  return out;
}

// Code-point spans of the sentences and the timexes of an annotated
// document (byte offsets in the library), in one pass over its text.
py::list AnnotatedTimexes(const AnnotatedDocument& a) {
  std::vector<Timex> all;
  for (const AnnotatedSentence& s : a.sentences)
    for (const Timex& t : s.timexes) all.push_back(t);
  const std::string& text = a.doc.text;
  bool ascii = std::all_of(text.begin(), text.end(), [](char c) { return (c & 0x80) == 0; });
  py::list out;
  for (PyTimex& p : WithCodePoints(std::move(all), Utf8Text{text, ascii}))
    out.append(py::cast(std::move(p), py::return_value_policy::move));
  return out;
}

py::list AnnotatedSentences(const AnnotatedDocument& a) {
  CodePointCounter cp(a.doc.text);
  py::list out;
  for (const AnnotatedSentence& s : a.sentences) {
    size_t b = cp.At(s.begin), e = cp.At(s.end);
    out.append(py::make_tuple(b, e));
  }
  return out;
}

void WriteAnnotated(Writer& w, const AnnotatedDocument& a) {
  w.Str(a.doc.id);
  w.OptDay(a.doc.dct);
  w.Str(a.doc.text);
  w.Str(a.doc.lang);
  w.U64(a.sentences.size());
  for (const AnnotatedSentence& s : a.sentences) {
    w.U64(s.begin);
    w.U64(s.end);
    w.U64(s.timexes.size());
    for (const Timex& t : s.timexes) w.WriteTimex(t);
  }
}

AnnotatedDocument ReadAnnotated(Reader& r) {
  AnnotatedDocument a;
  a.doc.id = r.Str();
  a.doc.dct = r.OptDay();
  a.doc.text = r.Str();
  a.doc.lang = r.Str();
  a.sentences.resize(r.Count(24));
  for (AnnotatedSentence& s : a.sentences) {
    s.begin = r.U64();
    s.end = r.U64();
    s.timexes.resize(r.Count(56));
    for (Timex& t : s.timexes) t = r.ReadTimex();
    // Offsets index the text later: refuse any outside it.
    if (s.begin > s.end || s.end > a.doc.text.size())
      throw py::value_error("annals: damaged pickle state (span)");
    for (const Timex& t : s.timexes)
      if (t.begin > t.end || t.end > a.doc.text.size())
        throw py::value_error("annals: damaged pickle state (span)");
  }
  return a;
}

// --- timelines ---

struct PyTimeline {
  TimelineResult r;
};

void WriteSentence(Writer& w, const TimelineSentence& s) {
  w.Str(s.text);
  w.Str(s.doc_id);
  w.Day(s.published);
  w.F64(s.score);
}
TimelineSentence ReadSentence(Reader& r) {
  TimelineSentence s;
  s.text = r.Str();
  s.doc_id = r.Str();
  s.published = r.Day();
  s.score = r.F64();
  return s;
}
void WriteEntry(Writer& w, const TimelineEntry& e) {
  w.Day(e.date);
  w.F64(e.score);
  w.U64(static_cast<uint64_t>(e.articles));
  w.U64(static_cast<uint64_t>(e.mentions));
  w.U64(static_cast<uint64_t>(e.published));
  w.F64(e.chronology);
  w.U64(e.sentences.size());
  for (const TimelineSentence& s : e.sentences) WriteSentence(w, s);
}
TimelineEntry ReadEntry(Reader& r) {
  TimelineEntry e;
  e.date = r.Day();
  e.score = r.F64();
  e.articles = static_cast<int>(r.U64());
  e.mentions = static_cast<int>(r.U64());
  e.published = static_cast<int>(r.U64());
  e.chronology = r.F64();
  e.sentences.resize(r.Count(32));
  for (TimelineSentence& s : e.sentences) s = ReadSentence(r);
  return e;
}

py::dict SentenceDict(const TimelineSentence& s) {
  py::dict d;
  d["text"] = DecodeUtf8(s.text);
  d["doc_id"] = DecodeUtf8(s.doc_id);
  d["published"] = s.published.ToString();
  d["score"] = s.score;
  return d;
}

py::dict EntryDict(const TimelineEntry& e) {
  py::dict d;
  d["date"] = e.date.ToString();
  d["score"] = e.score;
  d["articles"] = e.articles;
  d["mentions"] = e.mentions;
  d["published"] = e.published;
  d["chronology"] = e.chronology;
  py::list sentences;
  for (const TimelineSentence& s : e.sentences) sentences.append(SentenceDict(s));
  d["sentences"] = sentences;
  return d;
}

py::dict TimelineDict(const TimelineResult& r) {
  py::dict d;
  d["documents"] = r.documents;
  d["sentences"] = r.sentences;
  py::list entries;
  for (const TimelineEntry& e : r.entries) entries.append(EntryDict(e));
  d["entries"] = entries;
  return d;
}

std::string Shorten(const std::string& s, size_t n) {
  if (s.size() <= n) return s;
  size_t cut = n;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;  // whole characters
  return s.substr(0, cut) + "...";
}

TimelineOptions ToOptions(py::handle query, py::handle max_dates, py::handle sentences_per_date,
                          py::handle from_date, py::handle to_date) {
  TimelineOptions o;
  if (!PyUnicode_Check(query.ptr()))
    throw py::type_error("query must be str, not " + TypeName(query));
  o.query = std::string(BorrowUtf8(query, "query").bytes);
  o.max_dates = ToCount(max_dates, "max_dates");
  o.sentences_per_date = ToCount(sentences_per_date, "sentences_per_date");
  ToDateRange(from_date, to_date, &o.from, &o.to);
  return o;
}

PyTimeline MakeTimeline(py::handle docs, py::handle query, py::handle max_dates,
                        py::handle sentences_per_date, py::handle from_date, py::handle to_date,
                        py::handle threads, py::handle lang) {
  const TimelineOptions o = ToOptions(query, max_dates, sentences_per_date, from_date, to_date);
  const int n_threads = ToCount(threads, "threads");
  std::vector<AnnotatedDocument> annotated = CollectAnnotated(docs, n_threads, ToLang(lang));
  PyTimeline t;
  py::gil_scoped_release release;
  t.r = BuildTimeline(annotated, o);
  return t;
}

// A collection annotated and indexed once, for many timelines (other
// queries, ranges, lengths) without reading it again.
struct PyStory {
  std::vector<AnnotatedDocument> docs;
  std::unique_ptr<TimelineIndex> index;  // over docs, which never move
};

std::unique_ptr<PyStory> MakeStory(py::handle docs, py::handle threads, py::handle lang) {
  auto story = std::make_unique<PyStory>();
  story->docs = CollectAnnotated(docs, ToCount(threads, "threads"), ToLang(lang));
  py::gil_scoped_release release;
  story->index = std::make_unique<TimelineIndex>(std::span<const AnnotatedDocument>(story->docs));
  return story;
}

PyTimeline BuildFromStory(const PyStory& story, py::handle query, py::handle max_dates,
                          py::handle sentences_per_date, py::handle from_date, py::handle to_date) {
  const TimelineOptions o = ToOptions(query, max_dates, sentences_per_date, from_date, to_date);
  PyTimeline t;
  py::gil_scoped_release release;
  t.r = story.index->Build(o);
  return t;
}

const char kStoryDoc[] =
    "Story(docs, *, threads=0)\n"
    "\n"
    "A collection annotated and indexed once, to build many timelines from\n"
    "it (other queries, ranges or lengths) without reading it again.\n"
    "story.timeline(...) takes Timeline()'s options and gives the Timeline\n"
    "that Timeline(docs, ...) gives.\n"
    "\n"
    "docs: as for Timeline(); threads: threads that annotate the tuples.\n";

const char kTimelineDoc[] =
    "Timeline(docs, *, query='', max_dates=0, sentences_per_date=0,\n"
    "         from_date=None, to_date=None, threads=0)\n"
    "\n"
    "The timeline of a story told by a collection of dated articles: the\n"
    "dates that matter most, each with the sentences that best say what\n"
    "happened then. The options are those of `annals timeline`.\n"
    "\n"
    "docs: an iterable of (id, date, text) tuples (a Corpus from\n"
    "    load_corpus() is one) and/or AnnotatedDocuments from annotate().\n"
    "query: keywords naming the story; only articles containing one take\n"
    "    part and sentences containing one are preferred. '': the story is\n"
    "    the collection's dominant word, and articles never using it are out.\n"
    "max_dates: at most this many dates (0: chosen from the collection).\n"
    "sentences_per_date: sentences per date (0: the library's default, 2).\n"
    "from_date, to_date: only dates and articles within [from_date, to_date].\n"
    "threads: threads that annotate the tuples (0: all cores).\n"
    "\n"
    "The GIL is released while annotating and building. Iterating a Timeline\n"
    "iterates its entries (ascending by date). Deterministic: the same input\n"
    "and options give the same timeline, whatever the number of threads.\n"
    "\n"
    "Raises TypeError for a wrong argument or document type and ValueError\n"
    "for a malformed date, a negative count or from_date after to_date; the\n"
    "message names the argument or the position of the document (docs[i]).\n";

}  // namespace

void BindTimeline(py::module_& m) {
  py::class_<PyAnnotated>(m, "AnnotatedDocument",
                          "An article split into sentences and tagged against its\n"
                          "publication date, as annotate() returns it. Picklable, so that\n"
                          "annotation can run on other processes or machines; pass it to\n"
                          "Timeline() in place of an (id, date, text) tuple.")
      .def_property_readonly("id", [](const PyAnnotated& p) { return DecodeUtf8(p.a.doc.id); })
      .def_property_readonly("date", [](const PyAnnotated& p) { return FromDate(*p.a.doc.dct); })
      .def_property_readonly(
          "lang", [](const PyAnnotated& p) { return p.a.doc.lang; },
          "The language it was tagged in ('en', ..., 'und').")
      .def_property_readonly("text", [](const PyAnnotated& p) { return DecodeUtf8(p.a.doc.text); })
      .def_property_readonly(
          "sentences", [](const PyAnnotated& p) { return AnnotatedSentences(p.a); },
          "(begin, end) code-point spans of the sentences in text.")
      .def_property_readonly(
          "timexes", [](const PyAnnotated& p) { return AnnotatedTimexes(p.a); },
          "The time expressions of all sentences, in text order.")
      .def("__repr__",
           [](const PyAnnotated& p) {
             size_t n = 0;
             for (const AnnotatedSentence& s : p.a.sentences) n += s.timexes.size();
             return "<AnnotatedDocument " + py::repr(DecodeUtf8(p.a.doc.id)).cast<std::string>() +
                    " " + p.a.doc.dct->ToString() + ": " + std::to_string(p.a.sentences.size()) +
                    " sentences, " + std::to_string(n) + " timexes>";
           })
      .def(py::pickle(
          [](const PyAnnotated& p) {
            Writer w;
            WriteAnnotated(w, p.a);
            return py::bytes(w.out());
          },
          [](const py::bytes& state) {
            Reader r{std::string_view(state)};
            PyAnnotated p{ReadAnnotated(r)};
            r.ExpectEnd();
            if (!p.a.doc.dct) throw py::value_error("annals: damaged pickle state (no date)");
            return p;
          }));

  m.def(
      "annotate",
      [](py::handle docs, py::handle threads, py::handle lang) {
        std::vector<AnnotatedDocument> annotated =
            CollectAnnotated(docs, ToCount(threads, "threads"), ToLang(lang));
        py::list out(annotated.size());
        for (size_t i = 0; i < annotated.size(); ++i)
          out[i] = py::cast(PyAnnotated{std::move(annotated[i])}, py::return_value_policy::move);
        return out;
      },
      py::arg("docs"), py::kw_only(), py::arg("threads") = 0, py::arg("lang") = "auto",
      "annotate(docs: Iterable[tuple[str, datetime.date | str, str]], *, threads: int = 0,\n"
      "         lang: str = 'auto') -> list[AnnotatedDocument]\n"
      "\n"
      "Splits each (id, date, text) document into sentences and tags it as news\n"
      "in its language (lang='auto': a 4th tuple item, a Corpus's languages, or\n"
      "detected from the text; or one code for all)\n"
      "against its date, on `threads` threads (0: all cores) with the GIL\n"
      "released; results in input order. Raises TypeError / ValueError naming\n"
      "docs[i] for a malformed document, before any work starts.");

  // The events of one article, as `annals timeline` lists them for a
  // single article (python -m annals timeline); byte offsets, like the CLI.
  m.def("_article_events", [](const PyAnnotated& doc) {
    std::vector<ArticleEvent> events;
    {
      py::gil_scoped_release release;
      events = ArticleEvents(doc.a);
    }
    py::list out;
    for (const ArticleEvent& e : events) {
      py::dict d;
      d["value"] = DecodeUtf8(e.timex.value);
      d["type"] = std::string(TimexTypeName(e.timex.type));
      d["mod"] = DecodeUtf8(e.timex.mod);
      d["text"] = DecodeUtf8(e.timex.text);
      d["first"] = e.timex.interval->first.ToString();
      d["last"] = e.timex.interval->last.ToString();
      d["begin"] = e.timex.begin;
      d["end"] = e.timex.end;
      d["sentence"] = DecodeUtf8(e.sentence);
      out.append(d);
    }
    return out;
  });

  py::class_<TimelineSentence>(m, "TimelineSentence",
                               "A sentence chosen for a timeline date: text (whitespace folded),\n"
                               "doc_id of its article, published (the article's date), score.")
      .def_property_readonly("text", [](const TimelineSentence& s) { return DecodeUtf8(s.text); })
      .def_property_readonly("doc_id",
                             [](const TimelineSentence& s) { return DecodeUtf8(s.doc_id); })
      .def_property_readonly("published",
                             [](const TimelineSentence& s) { return FromDate(s.published); })
      .def_readonly("score", &TimelineSentence::score)
      .def("to_dict", &SentenceDict, "to_dict() -> dict (JSON-ready; dates as 'YYYY-MM-DD')")
      .def("__repr__",
           [](const TimelineSentence& s) {
             return "TimelineSentence(" +
                    py::repr(DecodeUtf8(Shorten(s.text, 60))).cast<std::string>() +
                    ", doc_id=" + py::repr(DecodeUtf8(s.doc_id)).cast<std::string>() + ")";
           })
      .def(py::pickle(
          [](const TimelineSentence& s) {
            Writer w;
            WriteSentence(w, s);
            return py::bytes(w.out());
          },
          [](const py::bytes& state) {
            Reader r{std::string_view(state)};
            TimelineSentence s = ReadSentence(r);
            r.ExpectEnd();
            return s;
          }));

  py::class_<TimelineEntry>(m, "TimelineEntry",
                            "One date of a timeline: date, score (its rank score), articles\n"
                            "(distinct articles referring to it), mentions (sentences naming\n"
                            "it), published (articles published on it), chronology (share\n"
                            "of the range spanned by the widest chronology listing it, 0 if\n"
                            "none), sentences.")
      .def_property_readonly("date", [](const TimelineEntry& e) { return FromDate(e.date); })
      .def_readonly("score", &TimelineEntry::score)
      .def_readonly("articles", &TimelineEntry::articles)
      .def_readonly("mentions", &TimelineEntry::mentions)
      .def_readonly("published", &TimelineEntry::published)
      .def_readonly("chronology", &TimelineEntry::chronology)
      .def_property_readonly("sentences", [](const TimelineEntry& e) { return e.sentences; })
      .def("to_dict", &EntryDict, "to_dict() -> dict (JSON-ready; dates as 'YYYY-MM-DD')")
      .def("__repr__",
           [](const TimelineEntry& e) {
             return "<TimelineEntry " + e.date.ToString() + ": " +
                    std::to_string(e.sentences.size()) + " sentences, " +
                    std::to_string(e.articles) + " articles>";
           })
      .def(py::pickle(
          [](const TimelineEntry& e) {
            Writer w;
            WriteEntry(w, e);
            return py::bytes(w.out());
          },
          [](const py::bytes& state) {
            Reader r{std::string_view(state)};
            TimelineEntry e = ReadEntry(r);
            r.ExpectEnd();
            return e;
          }));

  py::class_<PyStory>(m, "Story", kStoryDoc)
      .def(py::init(&MakeStory), py::arg("docs"), py::kw_only(), py::arg("threads") = 0,
           py::arg("lang") = "auto")
      .def("timeline", &BuildFromStory, py::kw_only(), py::arg("query") = "",
           py::arg("max_dates") = 0, py::arg("sentences_per_date") = 0,
           py::arg("from_date") = py::none(), py::arg("to_date") = py::none(),
           "timeline(*, query='', max_dates=0, sentences_per_date=0, from_date=None,\n"
           "         to_date=None) -> Timeline\n\nThe GIL is released while building; "
           "several threads may build at once.")
      .def("__len__", [](const PyStory& s) { return s.docs.size(); })
      .def("__repr__", [](const PyStory& s) {
        return "<Story of " + std::to_string(s.docs.size()) + " documents>";
      });

  py::class_<PyTimeline>(m, "Timeline", kTimelineDoc)
      .def(py::init(&MakeTimeline), py::arg("docs"), py::kw_only(), py::arg("query") = "",
           py::arg("max_dates") = 0, py::arg("sentences_per_date") = 0,
           py::arg("from_date") = py::none(), py::arg("to_date") = py::none(),
           py::arg("threads") = 0, py::arg("lang") = "auto")
      .def_property_readonly(
          "entries", [](const PyTimeline& t) { return t.r.entries; },
          "The dates of the timeline, ascending (list[TimelineEntry]).")
      .def_property_readonly("dates",
                             [](const PyTimeline& t) {
                               py::list out;
                               for (const TimelineEntry& e : t.r.entries)
                                 out.append(FromDate(e.date));
                               return out;
                             })
      .def_property_readonly(
          "keywords",
          [](const PyTimeline& t) {
            py::list out;
            for (const std::string& k : t.r.keywords) out.append(DecodeUtf8(k));
            return out;
          },
          "The story's words: the query's, or the collection's dominant word.")
      .def_property_readonly(
          "automatic_keywords", [](const PyTimeline& t) { return t.r.automatic_keywords; },
          "True when the keywords were chosen from the collection (no query).")
      .def_property_readonly(
          "documents", [](const PyTimeline& t) { return t.r.documents; },
          "Articles that took part (those about the story, in range).")
      .def_property_readonly(
          "sentences", [](const PyTimeline& t) { return t.r.sentences; },
          "Sentences of the articles that took part.")
      .def("__len__", [](const PyTimeline& t) { return t.r.entries.size(); })
      .def("__iter__", [](const PyTimeline& t) { return py::iter(py::cast(t.r.entries)); })
      .def("__getitem__",
           [](const PyTimeline& t, py::ssize_t i) {
             const auto n = static_cast<py::ssize_t>(t.r.entries.size());
             if (i < 0) i += n;
             if (i < 0 || i >= n) throw py::index_error("Timeline index out of range");
             return t.r.entries[static_cast<size_t>(i)];
           })
      .def(
          "to_dict", [](const PyTimeline& t) { return TimelineDict(t.r); },
          "to_dict() -> dict\n\nJSON-ready: documents, sentences, entries (each with date,\n"
          "score, articles, mentions, published, chronology, sentences [{text, doc_id,\npublished, "
          "score}]).")
      .def("__repr__",
           [](const PyTimeline& t) {
             std::string r = "<Timeline " + std::to_string(t.r.entries.size()) + " dates";
             if (!t.r.entries.empty())
               r += " " + t.r.entries.front().date.ToString() + ".." +
                    t.r.entries.back().date.ToString();
             return r + " from " + std::to_string(t.r.documents) + " documents>";
           })
      .def(py::pickle(
          [](const PyTimeline& t) {
            Writer w;
            w.U64(t.r.documents);
            w.U64(t.r.sentences);
            w.U64(t.r.entries.size());
            for (const TimelineEntry& e : t.r.entries) WriteEntry(w, e);
            w.U64(t.r.keywords.size());
            for (const std::string& k : t.r.keywords) w.Str(k);
            w.U64(t.r.automatic_keywords ? 1 : 0);
            return py::bytes(w.out());
          },
          [](const py::bytes& state) {
            Reader r{std::string_view(state)};
            PyTimeline t;
            t.r.documents = r.U64();
            t.r.sentences = r.U64();
            t.r.entries.resize(r.Count(48));
            for (TimelineEntry& e : t.r.entries) e = ReadEntry(r);
            t.r.keywords.resize(r.Count(8));
            for (std::string& k : t.r.keywords) k = r.Str();
            t.r.automatic_keywords = r.U64() != 0;
            r.ExpectEnd();
            return t;
          }));
}

}  // namespace annals::python
