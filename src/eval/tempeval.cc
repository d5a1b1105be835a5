// TempEval-3 Task A scoring that reproduces the official toolkit
// (../shared/tools/tempeval3-toolkit: TE3-evaluation.py, which runs the Java
// TimeML-Normalizer with -a "gold;system" and then
// evaluation-entities/evaluate_entities.py on the normalized copies).
// Read from its sources (the Python scripts and the decompiled jar); each
// part below says which toolkit behaviour it reproduces.
//
// What decides the counts:
//  1. Tokens (te3_normalizer.cc): the normalizer tokenizes the TEXT of each
//     file with tokenize.pl and its Java line filter, which splits a token
//     with one inner hyphen ("2009-2010" -> 2009 - 2010, "mid-March").
//  2. Labels (te3_normalizer.cc, merge_tok_n_tml): every token gets O /
//     B-TAG / I-TAG by walking token characters against the raw XML.
//  3. Ids (AlignIds, TimeML_Normalizer.normalize): token by token, gold
//     first, a B-TIMEX3 gets a fresh id unless the other file has a timex
//     open at this token (begun here or earlier, not yet closed by an O or
//     B-TIMEX3 token: an EVENT token does not close it) whose id is above
//     the last id this file took; then it takes that id. The tids of both
//     files are rewritten to these ids; a TEXT TIMEX3 that got no B has its
//     tags deleted; the DCT becomes t0 (when written `<DCT><TIMEX3`).
//  4. Counting (PythonTimexes, evaluate_entities.py get_attributes): the
//     regex <TIMEX3[^>]*>[^<]*</TIMEX3> over the whole normalized file
//     (after &quot; -> "), tid "t0" skipped, keyed by tid; a relaxed match
//     is the same tid on both sides, a strict one also the same text between
//     the tags; type and value compared as strings over the gold side's
//     relaxed matches. A TIMEX3 with markup inside is never counted.
//  5. Files (ScoreTempevalDirs): in the order the gold directory lists them.
//     When the normalizer throws on a file (a '|' in the text, which its
//     filter turned into '-'; an entity other than &amp;; a no-break space;
//     different tokens in the two files; a MAKEINSTANCE or TLINK pointing
//     at an element that got no token), it stops: that file and all later
//     ones are not normalized, and the Python script scores only the files
//     before. Refusals (no figures at all): files it cannot validate, folders
//     that do not hold the same file names, and a TEXT that differs
//     ("TEXTS NOT SAME", exit). annals names each such case and, for a
//     refusal, still prints the figures it can.
//  6. Scores: counts summed over files; P, R, F1 = 2PR/(P+R); value F1 =
//     value matches / relaxed matches x relaxed F1; round(x * 100, 2).
#include "eval/tempeval.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <system_error>

#include "corpus/timeml.h"
#include "eval/te3_normalizer.h"

namespace annals {

void TempevalCounts::Add(const TempevalCounts& o) {
  gold += o.gold;
  system += o.system;
  strict_recall += o.strict_recall;
  relaxed_recall += o.relaxed_recall;
  strict_precision += o.strict_precision;
  relaxed_precision += o.relaxed_precision;
  type_match += o.type_match;
  value_match += o.value_match;
}

namespace {

double Ratio(size_t a, size_t b) { return b == 0 ? 0.0 : static_cast<double>(a) / b; }
double F1(double p, double r) { return p + r == 0 ? 0.0 : 2 * p * r / (p + r); }

}  // namespace

double ToolkitPercent(double fraction) {
  double percent = fraction * 100.0;  // the toolkit's double product
  // A double times 100 is exact in long double's 64-bit mantissa, so this
  // sees exact ties as Python does.
  long double hundredths = std::round(static_cast<long double>(percent) * 100.0L);
  return static_cast<double>(hundredths / 100.0L);
}

TempevalScores ComputeTempevalScores(const TempevalCounts& c) {
  TempevalScores s;
  s.strict_precision = Ratio(c.strict_precision, c.system);
  s.relaxed_precision = Ratio(c.relaxed_precision, c.system);
  s.strict_recall = Ratio(c.strict_recall, c.gold);
  s.relaxed_recall = Ratio(c.relaxed_recall, c.gold);
  if (c.gold == 0 && c.system == 0) {
    s.strict_f1 = s.relaxed_f1 = s.value_f1 = s.type_f1 = 1.0;
    s.value_accuracy = s.type_accuracy = 1.0;
    return s;
  }
  s.strict_f1 = F1(s.strict_precision, s.strict_recall);
  s.relaxed_f1 = F1(s.relaxed_precision, s.relaxed_recall);
  s.value_accuracy = Ratio(c.value_match, c.relaxed_recall);
  s.type_accuracy = Ratio(c.type_match, c.relaxed_recall);
  s.value_f1 = s.value_accuracy * s.relaxed_f1;
  s.type_f1 = s.type_accuracy * s.relaxed_f1;
  return s;
}

namespace {

using te3::Decode;
using te3::Encode;

// ---- The Java normalizer, one file ------------------------------------------

struct Side {
  std::string_view raw;
  TimemlDocument doc;
  std::vector<std::u32string> tokens;
  std::vector<te3::TokenLabel> labels;
  std::map<std::string, int> timex_map;  // original tid -> normalized id
  std::set<std::string> event_map;       // eids that got a B-EVENT token
};

// The plain text the normalizer tokenizes: Xml2PlainHandler's TEXT content
// (entities decoded) and the "\n" SAXReader.saveFile appends. (Its <s>
// sentence mode is not reproduced: no TempEval-3 style file has <s> tags.)
std::u32string PlainText(const TimemlDocument& doc) { return Decode(doc.text) + U"\n"; }

// normalize(), first loop: ids for each B-TIMEX3 token of both files.
void AlignIds(Side* sides[2]) {
  int last_tid = 1;
  int open_timex[2] = {0, 0};
  int last_tid_local[2] = {0, 0};
  size_t n = sides[0]->labels.size();
  for (size_t k = 0; k < n; ++k) {
    for (int a = 0; a < 2; ++a) {
      const std::u32string& l = sides[a]->labels[k].label;
      if (l == U"B-EVENT") {
        auto attrs = te3::ParseAttrs(sides[a]->labels[k].attribs);
        auto it = attrs.find(U"eid");
        if (it != attrs.end()) sides[a]->event_map.insert(Encode(it->second));
      }
      if (l == U"O" || l == U"B-TIMEX3") open_timex[a] = 0;
    }
    for (int a = 0; a < 2; ++a) {
      if (sides[a]->labels[k].label != U"B-TIMEX3") continue;
      open_timex[a] = last_tid;
      int at = 1 - a;
      if (open_timex[at] != 0 && last_tid_local[a] < open_timex[at]) {
        open_timex[a] = open_timex[at];
      }
      last_tid_local[a] = open_timex[a];
      if (open_timex[a] == last_tid) ++last_tid;
      auto attrs = te3::ParseAttrs(sides[a]->labels[k].attribs);
      auto it = attrs.find(U"tid");  // a B without tid maps nothing
      if (it != attrs.end()) sides[a]->timex_map[Encode(it->second)] = open_timex[a];
    }
  }
}

// The attributes of every <NAME ...> tag in the file (the normalizer's DOM
// getElementsByTagName(NAME)); values kept raw, as ids never need decoding.
std::vector<std::map<std::string, std::string>> Elements(std::string_view raw,
                                                         std::string_view name) {
  std::vector<std::map<std::string, std::string>> out;
  std::string open = "<" + std::string(name);
  for (size_t p = raw.find(open); p != std::string_view::npos; p = raw.find(open, p + 1)) {
    size_t q = p + open.size();
    if (q >= raw.size() || !(raw[q] == ' ' || raw[q] == '\t' || raw[q] == '\n' || raw[q] == '\r' ||
                             raw[q] == '>' || raw[q] == '/')) {
      continue;
    }
    size_t end = raw.find('>', q);
    if (end == std::string_view::npos) break;
    std::map<std::string, std::string> attrs;
    size_t i = q;
    while (i < end) {
      size_t eq = raw.find('=', i);
      if (eq == std::string_view::npos || eq >= end) break;
      size_t nb = i;
      while (nb < eq && (raw[nb] == ' ' || raw[nb] == '\t' || raw[nb] == '\n' || raw[nb] == '\r')) {
        ++nb;
      }
      size_t ne = eq;
      while (ne > nb && (raw[ne - 1] == ' ' || raw[ne - 1] == '\t')) --ne;
      size_t v = eq + 1;
      while (v < end && raw[v] != '"' && raw[v] != '\'') ++v;
      if (v >= end) break;
      size_t ve = raw.find(raw[v], v + 1);
      if (ve == std::string_view::npos || ve > end) break;
      attrs[std::string(raw.substr(nb, ne - nb))] = std::string(raw.substr(v + 1, ve - v - 1));
      i = ve + 1;
    }
    out.push_back(std::move(attrs));
  }
  return out;
}

// normalize(), second loop, the checks that throw: a MAKEINSTANCE whose
// EVENT got no B token (NullPointerException on its mapped id), a TLINK
// whose event instance or timex is not in the maps. (The DCT's tid is in
// the timex map as t0.)
std::optional<std::string> RenameFailure(const Side& s) {
  std::set<std::string> instances;
  for (const auto& mk : Elements(s.raw, "MAKEINSTANCE")) {
    auto ev = mk.find("eventID");
    if (ev == mk.end() || s.event_map.count(ev->second) == 0) {
      return std::string("MAKEINSTANCE of an EVENT that got no token (NullPointerException)");
    }
    auto ei = mk.find("eiid");
    instances.insert(ei == mk.end() ? "" : ei->second);
  }
  auto has_timex = [&](const std::string& tid) {
    return s.timex_map.count(tid) != 0 || (!s.doc.dct_tid.empty() && tid == s.doc.dct_tid);
  };
  for (const auto& tl : Elements(s.raw, "TLINK")) {
    auto get = [&](const char* k) -> const std::string* {
      auto it = tl.find(k);
      return it == tl.end() ? nullptr : &it->second;
    };
    const std::string* ei = get("eventInstanceID");
    const std::string* rei = get("relatedToEventInstance");
    const std::string* ti = get("timeID");
    const std::string* rti = get("relatedToTime");
    if (ei != nullptr && rei != nullptr && (!instances.count(*ei) || !instances.count(*rei))) {
      return std::string("TLINK to an unknown event instance");
    }
    if (ei != nullptr && rti != nullptr && (!instances.count(*ei) || !has_timex(*rti))) {
      return "TLINK to a timex that got no token (" + *rti + ")";
    }
    if (ti != nullptr && rei != nullptr && (!instances.count(*rei) || !has_timex(*ti))) {
      return "TLINK to a timex that got no token (" + *ti + ")";
    }
    if (ti != nullptr && rti != nullptr && (!has_timex(*ti) || !has_timex(*rti))) {
      return "TLINK to a timex that got no token";
    }
  }
  return std::nullopt;
}

// ---- evaluate_entities.py: the timexes it sees ----------------------------

struct Counted {
  std::string text, type, value;
};

// get_entity_value(line, name) guarded by re.search(name + '='): the first
// name="..." of the instance, the bare name when only name= without a
// double quote occurs, '' when name= does not occur at all.
std::string EntityValue(std::string_view instance, const std::string& name) {
  std::string key = name + "=\"";
  size_t p = instance.find(key);
  if (p != std::string_view::npos) {
    size_t q = instance.find('"', p + key.size());
    if (q != std::string_view::npos) {
      return std::string(instance.substr(p + key.size(), q - p - key.size()));
    }
  }
  return instance.find(name + "=") == std::string_view::npos ? std::string() : name;
}

// The normalized file's TIMEX3s as get_attributes() reads them, keyed by
// tid. Rather than rewrite the file, each regex match's normalized tid is
// derived from what the normalizer does to it: the DCT (`<DCT><TIMEX3`)
// becomes t0; a TEXT timex takes its id, or loses its tags when it has
// none; any other TIMEX3 keeps its tid.
std::map<std::string, Counted> PythonTimexes(const Side& s) {
  // read_file: &quot; -> " over the whole file, before any regex.
  std::string file;
  file.reserve(s.raw.size());
  for (size_t i = 0; i < s.raw.size();) {
    if (s.raw.compare(i, 6, "&quot;") == 0) {
      file += '"';
      i += 6;
    } else {
      file += s.raw[i++];
    }
  }
  std::set<std::string> text_tids;
  for (const TimemlTimex& x : s.doc.timexes) text_tids.insert(x.tid);
  std::map<std::string, Counted> out;
  static const std::string kClose = "</TIMEX3>";
  size_t p = 0;
  while ((p = file.find("<TIMEX3", p)) != std::string::npos) {
    size_t gt = file.find('>', p);
    if (gt == std::string::npos) break;
    size_t lt = file.find('<', gt + 1);
    if (lt == std::string::npos || file.compare(lt, kClose.size(), kClose) != 0) {
      ++p;  // re.findall retries at the next position
      continue;
    }
    std::string_view instance(file.data() + p, lt + kClose.size() - p);
    std::string tid = EntityValue(instance, "tid");
    if (tid == "tid") tid.clear();
    bool dct = p >= 5 && file.compare(p - 5, 5, "<DCT>") == 0;
    if (dct) {
      tid = "t0";
    } else if (text_tids.count(tid) != 0) {
      auto it = s.timex_map.find(tid);
      if (it == s.timex_map.end()) {  // tags deleted: no timex any more
        p = lt + kClose.size();
        continue;
      }
      tid = "t" + std::to_string(it->second);
    }
    p = lt + kClose.size();
    if (tid == "t0") continue;
    out[tid] = {std::string(file.substr(gt + 1, lt - gt - 1)), EntityValue(instance, "type"),
                EntityValue(instance, "value")};
  }
  return out;
}

bool Blank(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
  });
}

// compute_precision_recall, timex part.
TempevalCounts CountMatches(const std::map<std::string, Counted>& g,
                            const std::map<std::string, Counted>& s) {
  TempevalCounts c;
  c.gold = g.size();
  c.system = s.size();
  for (const auto& [id, gx] : g) {
    if (Blank(gx.text)) continue;
    auto it = s.find(id);
    if (it == s.end() || Blank(it->second.text)) continue;
    ++c.relaxed_recall;
    if (gx.text == it->second.text) ++c.strict_recall;
    if (gx.type == it->second.type) ++c.type_match;
    if (gx.value == it->second.value) ++c.value_match;
  }
  for (const auto& [id, sx] : s) {
    if (Blank(sx.text)) continue;
    auto it = g.find(id);
    if (it == g.end() || Blank(it->second.text)) continue;
    ++c.relaxed_precision;
    if (sx.text == it->second.text) ++c.strict_precision;
  }
  return c;
}

// What the toolkit's Main refuses before normalizing anything (XML that
// does not parse, no single DCT TIMEX3 or TEXT, and the parts of its schema
// tml-min-consistency.xsd that TIMEX3s break): the whole run gives no
// figures. Returns the reason, or nothing.
std::optional<std::string> SchemaProblem(const TimemlDocument& doc, std::string_view raw) {
  static const std::set<std::string> kTypes = {"DATE", "TIME", "DURATION", "SET"};
  static const std::set<std::string> kMods = {
      "BEFORE",        "AFTER",         "ON_OR_BEFORE", "ON_OR_AFTER", "LESS_THAN", "MORE_THAN",
      "EQUAL_OR_LESS", "EQUAL_OR_MORE", "START",        "MID",         "END",       "APPROX"};
  if (doc.dct_tid.empty()) return std::string("no <DCT><TIMEX3 tid=...>");
  // The key "time_id" is over TIMEX3s anywhere near the root: the DCT's,
  // TEXT's and any other (KRAUTS inputs hold empty ones after </TEXT>).
  std::set<std::string> tids;
  for (const auto& attrs : Elements(raw, "TIMEX3")) {
    auto it = attrs.find("tid");
    if (it != attrs.end() && !tids.insert(it->second).second) {
      return "tid " + it->second + " used twice";
    }
  }
  for (const TimemlTimex& x : doc.timexes) {
    bool has_value = false;
    for (const auto& [k, v] : x.attributes) has_value = has_value || k == "value";
    if (x.tid.empty()) return std::string("a TIMEX3 without tid");
    if (kTypes.count(x.type) == 0) return "TIMEX3 " + x.tid + " has type \"" + x.type + "\"";
    if (!has_value) return "TIMEX3 " + x.tid + " has no value";
    if (!x.mod.empty() && kMods.count(x.mod) == 0) {
      return "TIMEX3 " + x.tid + " has mod \"" + x.mod + "\"";
    }
    if (x.contains_markup) return "TIMEX3 " + x.tid + " holds markup";
  }
  return std::nullopt;
}

// One file pair through the normalizer and the Python counting. Returns the
// normalizer's failure, if any (then nothing is counted).
std::optional<std::string> NormalizeAndCount(Side* gold, Side* system, TempevalCounts* counts) {
  Side* sides[2] = {gold, system};
  for (Side* s : sides) {
    s->tokens = te3::Tokenize(PlainText(s->doc));
    std::string err;
    if (!te3::LabelTokens(Decode(s->raw), s->tokens, &s->labels, &err)) {
      return std::string(s == gold ? "gold" : "system") + ": " + err;
    }
  }
  // "Tokens doesn't match at line N": compared line by line up to the gold
  // count (a shorter system file throws too).
  size_t n = gold->tokens.size();
  for (size_t k = 0; k < n; ++k) {
    if (k >= system->tokens.size() || system->tokens[k] != gold->tokens[k]) {
      return "Tokens doesn't match at token " + std::to_string(k) + " (" + Encode(gold->tokens[k]) +
             ")";
    }
  }
  system->labels.resize(n);
  AlignIds(sides);
  for (Side* s : sides) {
    // (A system failure here comes after the gold copy was written: the
    // Python script then crashes on the missing system copy.)
    if (auto f = RenameFailure(*s)) {
      return std::string(s == gold ? "gold" : "system (after the gold copy was written)") + ": " +
             *f;
    }
  }
  *counts = CountMatches(PythonTimexes(*gold), PythonTimexes(*system));
  return std::nullopt;
}

}  // namespace

void ScoreTempevalPair(std::string_view gold_raw, std::string_view system_raw,
                       TempevalFileResult* result, std::vector<std::string>* warnings) {
  auto warn = [&](const std::string& w) {
    if (warnings != nullptr) warnings->push_back(result->name + ": " + w);
  };
  TimemlParseOptions lenient;
  lenient.require_dct = false;
  Side gold, system;
  gold.raw = gold_raw;
  system.raw = system_raw;
  TimemlError perr;
  result->counts = TempevalCounts();
  if (!ParseTimeml(gold_raw, lenient, &gold.doc, &perr)) {
    result->counted = false;
    result->normalizer_error = "gold file is not valid TimeML (" + perr.ToString() + ")";
    warn(result->normalizer_error);
    return;
  }
  bool sys_ok = ParseTimeml(system_raw, lenient, &system.doc, &perr);
  if (!sys_ok) {
    result->system_unreadable = true;
    warn("system file is not valid TimeML (" + perr.ToString() + "); scored as no system timexes");
  } else if (system.doc.text != gold.doc.text) {
    // evaluate_two_files: "TEXTS NOT SAME" (the run stops there).
    result->text_mismatch = true;
    size_t p = 0;
    const std::string &a = gold.doc.text, &b = system.doc.text;
    while (p < a.size() && p < b.size() && a[p] == b[p]) ++p;
    size_t line =
        1 + static_cast<size_t>(std::count(a.begin(), a.begin() + static_cast<long>(p), '\n'));
    warn("system TEXT differs from gold (first at TEXT line " + std::to_string(line) +
         "); scored as no system timexes");
  }
  if (!sys_ok || result->text_mismatch) {
    // Gold still counts towards recall: the gold file against its own text
    // without timexes.
    std::string bare(gold_raw);
    for (auto it = gold.doc.timexes.rbegin(); it != gold.doc.timexes.rend(); ++it) {
      if (it->contains_markup) continue;
      bare.erase(it->raw_close_begin, it->raw_close_end - it->raw_close_begin);
      bare.erase(it->raw_open_begin, it->raw_open_end - it->raw_open_begin);
    }
    system = Side();
    system.raw = bare;
    ParseTimeml(system.raw, lenient, &system.doc, &perr);
    auto f = NormalizeAndCount(&gold, &system, &result->counts);
    if (f) {
      result->counted = false;
      result->normalizer_error = *f;
      warn("the toolkit's normalizer fails here: " + *f);
    }
    return;
  }
  auto f = NormalizeAndCount(&gold, &system, &result->counts);
  if (f) {
    result->counted = false;
    result->counts = TempevalCounts();
    result->normalizer_error = *f;
    warn("the toolkit's normalizer fails here: " + *f);
  }
}

namespace {

bool ReadAll(const std::filesystem::path& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return false;
  *out = ss.str();
  return true;
}

// FileUtils.onlyFilesFilter over File.listFiles(): regular files not
// starting with '.', in the order the directory lists them (readdir).
bool ListFiles(const std::string& dir, std::vector<std::string>* names, std::string* error) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::directory_iterator it(dir, ec), end;
  if (ec) {
    *error = "cannot read directory " + dir + ": " + ec.message();
    return false;
  }
  for (; it != end; it.increment(ec)) {
    if (ec) {
      *error = "cannot read directory " + dir + ": " + ec.message();
      return false;
    }
    std::string name = it->path().filename().string();
    if (!name.empty() && name[0] != '.' && !it->is_directory(ec)) names->push_back(name);
  }
  return true;
}

}  // namespace

bool ScoreTempevalDirs(const std::string& gold_dir, const std::string& system_dir,
                       TempevalReport* report, std::string* error) {
  return ScoreTempevalDirs(gold_dir, system_dir, TempevalOptions(), report, error);
}

bool ScoreTempevalDirs(const std::string& gold_dir, const std::string& system_dir,
                       const TempevalOptions& options, TempevalReport* report, std::string* error) {
  namespace fs = std::filesystem;
  *report = TempevalReport();
  std::error_code ec;
  if (!fs::is_directory(gold_dir, ec)) {
    *error = "cannot read gold directory " + gold_dir;
    return false;
  }
  if (!fs::is_directory(system_dir, ec)) {
    *error = "cannot read system directory " + system_dir;
    return false;
  }
  std::vector<std::string> names, system_names;
  if (!ListFiles(gold_dir, &names, error) || !ListFiles(system_dir, &system_names, error)) {
    return false;
  }
  if (names.empty()) {
    *error = "no files in gold directory " + gold_dir;
    return false;
  }
  // Main: both folders must hold the same file names. (It compares them
  // in listing order, which on one file system is the same for the same
  // names, so the sets are compared here.)
  {
    std::vector<std::string> a = names, b = system_names;
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    if (a != b) {
      report->refusals.push_back(
          "the gold and system folders do not hold the same file names (TimeML-Normalizer: "
          "\"Annotation folders must contain exactly the same files\")");
    }
  }
  bool stopped = false;  // the normalizer has thrown on an earlier file
  for (const std::string& name : names) {
    TempevalFileResult r;
    r.name = name;
    if (stopped) {
      r.counted = false;
      report->warnings.push_back(name +
                                 ": not counted: the official normalizer stopped at an "
                                 "earlier file");
      report->files.push_back(std::move(r));
      continue;
    }
    std::string gold_raw, system_raw;
    if (!ReadAll(fs::path(gold_dir) / name, &gold_raw)) {
      r.counted = false;
      report->warnings.push_back(name + ": cannot read gold file; skipped");
      report->files.push_back(std::move(r));
      continue;
    }
    std::string stem = name.size() > 4 ? name.substr(0, name.size() - 4) : name;
    bool found = false;
    for (const std::string& cand : {name, name + ".TE3input", stem + ".TE3input.tml"}) {
      fs::path p = fs::path(system_dir) / cand;
      if (fs::is_regular_file(p, ec) && ReadAll(p, &system_raw)) {
        found = true;
        break;
      }
    }
    TimemlParseOptions lenient;
    lenient.require_dct = false;
    TimemlDocument gdoc, sdoc;
    TimemlError perr;
    if (!ParseTimeml(gold_raw, lenient, &gdoc, &perr)) {
      report->refusals.push_back(name + ": gold file is not valid TimeML (" + perr.ToString() +
                                 ")");
    } else if (auto p = SchemaProblem(gdoc, gold_raw)) {
      report->refusals.push_back(name + ": gold file: " + *p);
    }
    if (!found) {
      r.system_missing = true;
      report->warnings.push_back(name + ": no system file; scored as no system timexes");
      report->refusals.push_back(name + ": no system file");
      system_raw = gold_raw;  // replaced by the bare gold text below
    } else if (ParseTimeml(system_raw, lenient, &sdoc, &perr)) {
      if (auto p = SchemaProblem(sdoc, system_raw))
        report->refusals.push_back(name + ": system file: " + *p);
    }
    std::vector<std::string> warnings;
    if (r.system_missing) {
      // Same text, no timexes: gold still counts towards recall.
      system_raw = "\x01";  // unparsable: scored as the bare gold text
      ScoreTempevalPair(gold_raw, system_raw, &r, nullptr);
      r.system_unreadable = false;
    } else {
      ScoreTempevalPair(gold_raw, system_raw, &r, &warnings);
      if (r.system_unreadable)
        report->refusals.push_back(name + ": system file is not valid TimeML");
      if (r.text_mismatch) {
        report->refusals.push_back(name +
                                   ": system TEXT differs (evaluate_entities.py: "
                                   "\"TEXTS NOT SAME\")");
      }
    }
    report->warnings.insert(report->warnings.end(), warnings.begin(), warnings.end());
    if (!r.counted && !options.all_files) stopped = true;
    if (r.normalizer_error.find("after the gold copy was written") != std::string::npos) {
      report->refusals.push_back(name +
                                 ": the normalizer wrote the gold copy but not the "
                                 "system copy, on which evaluate_entities.py crashes");
    }
    if (r.counted) {
      report->total.Add(r.counts);
      ++report->counted_files;
    }
    report->files.push_back(std::move(r));
  }
  report->scores = ComputeTempevalScores(report->total);
  return true;
}

}  // namespace annals
