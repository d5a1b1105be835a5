// `annals tag`: find and resolve the time expressions of articles.
#include <cstdio>
#include <cstring>
#include <iostream>
#include <string>

#include "annals/tagger.h"
#include "app/args.h"
#include "app/commands.h"
#include "app/tag_writer.h"
#include "app/taggers.h"
#include "corpus/readers.h"
#include "corpus/timeml.h"

namespace annals::app {
namespace {

const char kHelp[] =
    "Usage: annals tag [options] [FILE...|-]\n"
    "\n"
    "Finds every time expression in each article and resolves it against the\n"
    "article's date. With no FILE, or FILE '-', reads standard input.\n"
    "\n"
    "Input formats (detected from the name and first bytes unless --input):\n"
    "  dated    ' date YYYY-MM-DD <article>' (the bundled examples/)\n"
    "  plain    any UTF-8 text; needs --dct\n"
    "  timeml   TimeML .tml or TempEval-3 .tml.TE3input (DCT from the file)\n"
    "  jsonl    one {\"id\", \"time\", \"text\"} object a line (.jsonl, .jsonl.gz);\n"
    "           streamed: one output line per input line, in order (on standard\n"
    "           input, give --input jsonl: stdin is otherwise one article)\n"
    "\n"
    "Options:\n"
    "  --dct YYYY-MM-DD        document date (overrides the file's own)\n"
    "  --type news|narrative   anchor relative dates to the document date (news,\n"
    "                          default) or to the last date mentioned (narrative:\n"
    "                          there \"three days later\" is a date, in news the\n"
    "                          duration P3D)\n"
    "  --format text|json|timeml\n"
    "                          text: a readable listing (default); a text\n"
    "                                longer than 1 MiB gives its count of\n"
    "                                expressions at the end\n"
    "                          json: one JSON object per article and line, with\n"
    "                                byte offsets, type, value, mod, interval\n"
    "                          timeml: TimeML; a .tml input is returned byte for\n"
    "                                byte with TIMEX3 tags added inside TEXT\n"
    "                          Output is written as it is found, a window of\n"
    "                          the text (1 MiB) at a time, so memory stays\n"
    "                          bounded however many expressions a text has\n"
    "  --input auto|dated|plain|timeml|jsonl   force the input format\n"
    "@LANG@"
    "  --strip-timex           for TimeML input, drop existing TIMEX3 tags first\n"
    "  -o, --output FILE       write to FILE instead of standard output\n"
    "  --out-dir DIR           write one output file per input into DIR, named\n"
    "                          after the input (X.tml.TE3input -> X.tml)\n"
    "  -h, --help              this text\n"
    "\n"
    "Exit status: 0 when every input was tagged, 1 when an input failed (each\n"
    "failure is reported on stderr as FILE:LINE: message), 2 on a usage error.\n"
    "JSONL with --format json exits 0 when at least one line was tagged: each bad\n"
    "line is then an output line {\"line\": N, \"error\": ...} of its own.\n";

struct Options {
  std::optional<Date> dct;
  DocType type = DocType::kNews;
  std::string format = "text";
  InputFormat input = InputFormat::kAuto;
  bool strip = false;
  std::vector<std::string> files;
  std::string out_dir;
  std::string lang = "auto", data_dir;
};

// Output name for an input under --out-dir.
std::string OutName(const std::string& path, const std::string& format) {
  std::string base = path.substr(path.find_last_of('/') + 1);
  const std::string te3 = ".TE3input";
  if (base.size() > te3.size() && base.compare(base.size() - te3.size(), te3.size(), te3) == 0)
    return base.substr(0, base.size() - te3.size());
  if (format == "timeml")
    return base.size() > 4 && base.compare(base.size() - 4, 4, ".tml") == 0 ? base : base + ".tml";
  return base + (format == "json" ? ".json" : ".txt");
}

class Runner {
 public:
  Runner(const Options& o, std::FILE* out)
      : o_(o), out_(out), writer_(MakeTagWriter(o.format, &out_)), taggers_(o.lang, o.data_dir) {}

  // Tags `text` and writes its expressions window by window as they are
  // found: a text dense with expressions is never held as a whole list.
  void TagAndEmit(const std::string& id, Date dct, const std::string& lang, std::string_view text,
                  size_t offset) {
    const Tagger& tagger = taggers_.For(lang);
    writer_->Begin(id, dct, lang, text, offset);
    tagger.TagWindows(text, TagOpts(dct), [this](size_t window_end, std::vector<Timex>& timexes) {
      writer_->Window(window_end, timexes);
    });
    writer_->End();
  }

  void Fail(const ReadError& e) {
    ++failed_;
    std::fprintf(stderr, "annals tag: %s\n", e.ToString().c_str());
  }

  TagOptions TagOpts(Date dct) const {
    TagOptions opt;
    opt.dct = dct;
    opt.type = o_.type;
    return opt;
  }

  void RunJsonl(const std::string& path) {
    ReadError err;
    auto reader = JsonlReader::Open(path, &err);
    if (!reader) return Fail(err);
    Document doc;
    bool ok = false;
    size_t lines_ok = 0, lines_bad = 0;
    while (reader->Next(&doc, &ok, &err)) {
      if (!ok) {
        ++lines_bad;
        std::fprintf(stderr, "annals tag: %s\n", err.ToString().c_str());
        if (o_.format == "json") {
          std::string& b = out_.buf();
          b += "{\"error\":";
          AppendJsonString(&b, err.message);
          b += ",\"line\":" + std::to_string(reader->line()) + "}\n";
          out_.Written();
        }
        continue;
      }
      ++lines_ok;
      Date dct = o_.dct ? *o_.dct : *doc.dct;
      std::string warning;
      const std::string lang = taggers_.Choose(doc, &warning);
      if (!warning.empty())
        std::fprintf(stderr, "annals tag: %s:%zu: %s\n", path.c_str(), reader->line(),
                     warning.c_str());
      TagAndEmit(doc.id, dct, lang, doc.text, 0);
    }
    std::fprintf(stderr, "annals tag: %s: %zu lines tagged, %zu with errors\n", path.c_str(),
                 lines_ok, lines_bad);
    ok_ += lines_ok;
    // With --format json every bad line is an output line of its own, so
    // the run succeeded as a mapper (Spark's RDD.pipe and Hadoop Streaming
    // fail the whole task on a non-zero exit); it fails only when nothing
    // could be tagged. Other formats have no place for the error: fail.
    if (lines_bad && (o_.format != "json" || lines_ok == 0)) ++failed_;
  }

  void RunFile(const std::string& path) {
    std::string content;
    ReadError err;
    if (path == "-") {
      content.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
    } else if (!ReadWholeFile(path, &content, &err)) {
      return Fail(err);
    }
    std::string name = path == "-" ? "<stdin>" : path;
    InputFormat fmt = o_.input == InputFormat::kAuto ? DetectFormat(path, content) : o_.input;
    if (fmt == InputFormat::kTimeML) return RunTimeml(name, content);
    if (!CheckText(content, name, &err)) return Fail(err);
    if (content.empty()) return Fail(ReadError{name, 0, "empty input"});
    Document doc;
    size_t offset = 0;
    if (fmt == InputFormat::kDated) {
      if (!ParseDatedArticleInPlace(std::move(content), name, &doc, &offset, &err))
        return Fail(err);
    } else {
      doc.id = name;
      doc.text = std::move(content);  // held once: inputs can be 100 MB
    }
    if (o_.dct) doc.dct = o_.dct;
    if (!doc.dct)
      return Fail(ReadError{name, 0, "no document date: give --dct YYYY-MM-DD or a `date` header"});
    TagAndEmit(doc.id, *doc.dct, taggers_.Choose(doc.text), doc.text, offset);
    ++ok_;
  }

  void RunTimeml(const std::string& name, const std::string& raw) {
    TimemlDocument doc;
    TimemlError terr;
    if (!ParseTimeml(raw, &doc, &terr)) return Fail(ReadError{name, terr.line, terr.message});
    std::optional<Date> dct = o_.dct ? o_.dct : Date::Parse(doc.dct_value);
    if (!dct) return Fail(ReadError{name, 0, "DCT value `" + doc.dct_value + "` is not a date"});
    std::string id = doc.docid.empty() ? name : doc.docid;
    const std::string lang = taggers_.Choose(doc.text);
    if (o_.format != "timeml") {
      TagAndEmit(id, *dct, lang, doc.text, 0);
      ++ok_;
      return;
    }
    // TimeML in, TimeML out: the tags go into the original bytes, which
    // WriteTimeml does for the whole document at once (the parsed document
    // holds some 20 bytes per text byte anyway).
    std::vector<Timex> timexes = taggers_.For(lang).Tag(doc.text, TagOpts(*dct));
    TimemlWriteOptions wo;
    wo.strip_existing_timex = o_.strip;
    std::string out;
    if (!WriteTimeml(raw, timexes, wo, &out, &terr))
      return Fail(ReadError{name, terr.line, terr.message});
    out_.buf() += out;
    out_.Written();
    ++ok_;
  }

  // Writes out what is buffered for the current output and switches;
  // false when a write to the current output failed.
  bool set_out(std::FILE* out) { return out_.Switch(out); }
  size_t ok() const { return ok_; }
  size_t failed() const { return failed_; }

 private:
  const Options& o_;
  OutBuffer out_;
  std::unique_ptr<TagWriter> writer_;
  Taggers taggers_;
  size_t ok_ = 0, failed_ = 0;
};

}  // namespace

int RunTag(const Args& args) {
  Options o;
  std::string output;
  ArgReader r(args);
  try {
    while (r.Next()) {
      if (r.Is("-h", "--help")) {
        std::fputs(WithLangHelp(kHelp).c_str(), stdout);
        return 0;
      } else if (r.Is("--dct")) {
        std::string v = r.Value();
        o.dct = Date::Parse(v);
        if (!o.dct) r.Invalid(v, "a date YYYY-MM-DD");
      } else if (r.Is("--type")) {
        o.type = r.Choice({"news", "narrative"}) == "news" ? DocType::kNews : DocType::kNarrative;
      } else if (r.Is("--format")) {
        o.format = r.Choice({"text", "json", "timeml"});
      } else if (r.Is("--input")) {
        std::string v = r.Choice({"auto", "dated", "plain", "timeml", "jsonl"});
        o.input = v == "dated"    ? InputFormat::kDated
                  : v == "plain"  ? InputFormat::kPlain
                  : v == "timeml" ? InputFormat::kTimeML
                  : v == "jsonl"  ? InputFormat::kJsonl
                                  : InputFormat::kAuto;
      } else if (r.Is("--lang")) {
        o.lang = LangValue(r);
      } else if (r.Is("--data")) {
        o.data_dir = r.Value("a directory");
      } else if (r.Is("--strip-timex")) {
        o.strip = true;
      } else if (r.Is("--out-dir")) {
        o.out_dir = r.Value("a directory");
      } else if (r.Is("-o", "--output")) {
        output = r.Value("a file");
      } else if (r.IsOption()) {
        r.Unknown();
      } else {
        o.files.push_back(r.arg());
      }
    }
  } catch (const UsageError& e) {
    std::fprintf(stderr, "annals tag: %s (see annals tag --help)\n", e.what());
    return 2;
  }
  if (o.files.empty()) o.files.push_back("-");
  std::FILE* out = stdout;
  if (!output.empty()) {
    out = std::fopen(output.c_str(), "wb");
    if (!out) {
      std::fprintf(stderr, "annals tag: %s: %s\n", output.c_str(), std::strerror(errno));
      return 1;
    }
  }
  // Closes an output (flushes standard output); false, with a message,
  // when anything written to it was lost.
  auto close = [](std::FILE* f, const std::string& name, bool written) {
    bool ok = written && std::ferror(f) == 0;
    ok = (f == stdout ? std::fflush(f) : std::fclose(f)) == 0 && ok;
    if (!ok) std::fprintf(stderr, "annals tag: %s: write error\n", name.c_str());
    return ok;
  };
  const std::string out_name = output.empty() ? "<stdout>" : output;
  Runner runner(o, out);
  bool written = true;
  try {
    for (const std::string& f : o.files) {
      bool jsonl = o.input == InputFormat::kJsonl || (o.input == InputFormat::kAuto && f != "-" &&
                                                      DetectFormat(f, "") == InputFormat::kJsonl);
      std::FILE* file_out = nullptr;
      std::string path;
      if (!o.out_dir.empty()) {
        path = o.out_dir + "/" + OutName(f, o.format);
        file_out = std::fopen(path.c_str(), "wb");
        if (!file_out) {
          std::fprintf(stderr, "annals tag: %s: %s\n", path.c_str(), std::strerror(errno));
          return 1;
        }
        written = runner.set_out(file_out) && written;
      }
      if (jsonl)
        runner.RunJsonl(f);
      else
        runner.RunFile(f);
      if (file_out && !close(file_out, path, runner.set_out(out))) return 1;
    }
  } catch (const std::exception& e) {  // --data: a malformed rule file
    runner.set_out(out);
    std::fprintf(stderr, "annals tag: %s\n", e.what());
    return 1;
  }
  if (!close(out, out_name, runner.set_out(out) && written)) return 1;
  return runner.failed() > 0 ? 1 : 0;
}

}  // namespace annals::app
