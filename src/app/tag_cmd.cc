// `annals tag`: find and resolve the time expressions of articles.
#include <cstdio>
#include <cstring>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>

#include "annals/tagger.h"
#include "app/args.h"
#include "app/commands.h"
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
    "                          text: a readable listing (default)\n"
    "                          json: one JSON object per article and line, with\n"
    "                                byte offsets, type, value, mod, interval\n"
    "                          timeml: TimeML; a .tml input is returned byte for\n"
    "                                byte with TIMEX3 tags added inside TEXT\n"
    "  --input auto|dated|plain|timeml|jsonl   force the input format\n"
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

nlohmann::json TimexJson(const Timex& t, size_t offset) {
  nlohmann::json j;
  j["begin"] = t.begin + offset;
  j["end"] = t.end + offset;
  j["text"] = t.text;
  j["type"] = std::string(TimexTypeName(t.type));
  j["value"] = t.value;
  if (!t.mod.empty()) j["mod"] = t.mod;
  if (t.interval) {
    j["first"] = t.interval->first.ToString();
    j["last"] = t.interval->last.ToString();
  }
  return j;
}

std::string JsonDoc(const std::string& id, Date dct, const std::vector<Timex>& timexes,
                    size_t offset) {
  nlohmann::json j;
  j["id"] = id;
  j["dct"] = dct.ToString();
  j["timexes"] = nlohmann::json::array();
  for (const Timex& t : timexes) j["timexes"].push_back(TimexJson(t, offset));
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string TextListing(const std::string& id, Date dct, const std::vector<Timex>& timexes,
                        size_t offset) {
  std::string out = id + " (document date " + dct.ToString() + ", " +
                    std::to_string(timexes.size()) + " time expressions)\n";
  char buf[64];
  for (const Timex& t : timexes) {
    std::snprintf(buf, sizeof buf, "  %6zu-%-6zu %-8s ", t.begin + offset, t.end + offset,
                  std::string(TimexTypeName(t.type)).c_str());
    std::string line = buf;
    std::string value = t.value + (t.mod.empty() ? "" : " (" + t.mod + ")");
    line += value;
    if (value.size() < 22) line.append(22 - value.size(), ' ');
    line += " \"" + t.text + "\"";
    if (t.interval && t.interval->first != t.interval->last)
      line += "  [" + t.interval->first.ToString() + " .. " + t.interval->last.ToString() + "]";
    out += line + "\n";
  }
  return out;
}

std::string TimemlFromText(const std::string& id, Date dct, std::string_view text,
                           const std::vector<Timex>& timexes) {
  std::string out = "<?xml version=\"1.0\" ?>\n<TimeML>\n<DOCID>" + XmlEscape(id) +
                    "</DOCID>\n<DCT><TIMEX3 tid=\"t0\" type=\"DATE\" value=\"" + dct.ToString() +
                    "\" temporalFunction=\"false\" functionInDocument=\"CREATION_TIME\">" +
                    dct.ToString() + "</TIMEX3></DCT>\n<TEXT>";
  size_t pos = 0;
  int tid = 1;
  for (const Timex& t : timexes) {
    out += XmlEscape(text.substr(pos, t.begin - pos));
    out += "<TIMEX3 tid=\"t" + std::to_string(tid++) + "\" type=\"" +
           std::string(TimexTypeName(t.type)) + "\" value=\"" + XmlEscape(t.value) + "\"";
    if (!t.mod.empty()) out += " mod=\"" + XmlEscape(t.mod) + "\"";
    out += ">" + XmlEscape(t.text) + "</TIMEX3>";
    pos = t.end;
  }
  out += XmlEscape(text.substr(pos)) + "</TEXT>\n</TimeML>\n";
  return out;
}

class Runner {
 public:
  Runner(const Options& o, std::FILE* out) : o_(o), out_(out) {}

  void Emit(const std::string& id, Date dct, std::string_view text, size_t offset,
            const std::vector<Timex>& timexes) {
    if (o_.format == "json") {
      std::string s = JsonDoc(id, dct, timexes, offset);
      std::fprintf(out_, "%s\n", s.c_str());
    } else if (o_.format == "timeml") {
      std::string s = TimemlFromText(id, dct, text, timexes);
      std::fputs(s.c_str(), out_);
    } else {
      std::string s = TextListing(id, dct, timexes, offset);
      std::fputs(s.c_str(), out_);
    }
  }

  void Fail(const ReadError& e) {
    ++failed_;
    std::fprintf(stderr, "annals tag: %s\n", e.ToString().c_str());
  }

  std::vector<Timex> Tag(std::string_view text, Date dct) {
    TagOptions opt;
    opt.dct = dct;
    opt.type = o_.type;
    return Tagger::Default().Tag(text, opt);
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
          nlohmann::json j;
          j["line"] = reader->line();
          j["error"] = err.message;
          std::fprintf(out_, "%s\n",
                       j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
        }
        continue;
      }
      ++lines_ok;
      Date dct = o_.dct ? *o_.dct : *doc.dct;
      Emit(doc.id, dct, doc.text, 0, Tag(doc.text, dct));
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
    std::vector<Timex> timexes = Tag(doc.text, *doc.dct);
    Emit(doc.id, *doc.dct, doc.text, offset, timexes);
    ++ok_;
  }

  void RunTimeml(const std::string& name, const std::string& raw) {
    TimemlDocument doc;
    TimemlError terr;
    if (!ParseTimeml(raw, &doc, &terr)) return Fail(ReadError{name, terr.line, terr.message});
    std::optional<Date> dct = o_.dct ? o_.dct : Date::Parse(doc.dct_value);
    if (!dct) return Fail(ReadError{name, 0, "DCT value `" + doc.dct_value + "` is not a date"});
    std::vector<Timex> timexes = Tag(doc.text, *dct);
    std::string id = doc.docid.empty() ? name : doc.docid;
    if (o_.format == "timeml") {
      TimemlWriteOptions wo;
      wo.strip_existing_timex = o_.strip;
      std::string out;
      if (!WriteTimeml(raw, timexes, wo, &out, &terr))
        return Fail(ReadError{name, terr.line, terr.message});
      std::fwrite(out.data(), 1, out.size(), out_);
    } else {
      Emit(id, *dct, doc.text, 0, timexes);
    }
    ++ok_;
  }

  void set_out(std::FILE* out) { out_ = out; }
  size_t ok() const { return ok_; }
  size_t failed() const { return failed_; }

 private:
  const Options& o_;
  std::FILE* out_;
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
        std::fputs(kHelp, stdout);
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
  Runner runner(o, out);
  for (const std::string& f : o.files) {
    bool jsonl = o.input == InputFormat::kJsonl || (o.input == InputFormat::kAuto && f != "-" &&
                                                    DetectFormat(f, "") == InputFormat::kJsonl);
    std::FILE* file_out = nullptr;
    if (!o.out_dir.empty()) {
      std::string path = o.out_dir + "/" + OutName(f, o.format);
      file_out = std::fopen(path.c_str(), "wb");
      if (!file_out) {
        std::fprintf(stderr, "annals tag: %s: %s\n", path.c_str(), std::strerror(errno));
        return 1;
      }
      runner.set_out(file_out);
    }
    if (jsonl)
      runner.RunJsonl(f);
    else
      runner.RunFile(f);
    if (file_out) std::fclose(file_out);
  }
  if (out != stdout) std::fclose(out);
  return runner.failed() > 0 ? 1 : 0;
}

}  // namespace annals::app
