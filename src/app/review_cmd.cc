// `annals review`: tags a corpus and lists every expression text with its
// count, its commonest values and a few contexts, commonest first, so that a
// reviewer sees whole families of errors at a glance ("DEC x79 -> 2009-12":
// an acronym read as December). It reads what `annals timeline` reads.
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "annals/tagger.h"
#include "app/args.h"
#include "app/commands.h"
#include "app/taggers.h"
#include "corpus/collection.h"

namespace annals::app {
namespace {

const char kUsage[] =
    "Usage: annals review [options] CORPUS...\n"
    "\n"
    "Tags every article of CORPUS (a Timeline17 root or <Topic>_<source>\n"
    "folder, a JSONL file of {\"id\",\"time\",\"text\"}, or a folder of dated\n"
    "articles: what `annals timeline` reads) and lists each expression text\n"
    "with how often it was found, its commonest values and a few contexts,\n"
    "commonest first:\n"
    "\n"
    "       79  DEC  -> DATE 2009-12 x79\n"
    "           ...the [DEC] appeal has raised...  (bbc/2010-01-20/12.htm.txt)\n"
    "\n"
    "Texts are compared as written (case kept); --ignore-case groups \"May\"\n"
    "and \"MAY\" and shows the commonest spelling.\n"
    "\n"
    "Options:\n"
    "  --top N          list the N commonest texts (default 50; 0: all)\n"
    "  --contexts K     show K contexts per text, from different articles (default 3)\n"
    "  --values V       show the V commonest values per text (default 3)\n"
    "  --ignore-case    group texts that differ only in ASCII case\n"
    "  --type T         news (default: relative to the publication date) or narrative\n"
    "@LANG@"
    "  --format F       text (default) or json\n"
    "  --threads N      tagging threads (default 2)\n"
    "  --help           show this help\n"
    "\n"
    "The listing's first line counts the articles read in each language.\n"
    "Exit status: 0 listed, 1 no usable article or a malformed --data file,\n"
    "2 usage error.\n";

struct Options {
  int top = 50, contexts = 3, values = 3, threads = 2;
  bool ignore_case = false;
  DocType type = DocType::kNews;
  std::string format = "text";
  std::string lang = "auto", data_dir;
  std::vector<std::string> paths;
};

struct Context {
  std::string doc, text;
};

struct Entry {
  size_t count = 0;
  std::map<std::string, size_t> spellings;  // with --ignore-case
  std::map<std::string, size_t> values;     // "DATE 2009-12"
  std::vector<Context> contexts;
  std::string last_doc;  // contexts come from different articles
};

// The expression in its line, bracketed, with about `width` bytes either
// side (cut at a space or a character boundary), white space flattened.
std::string ContextOf(const std::string& text, const Timex& t, size_t width = 40) {
  auto is_cont = [&](size_t i) { return (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80; };
  size_t line_begin = text.rfind('\n', t.begin == 0 ? 0 : t.begin - 1);
  line_begin = line_begin == std::string::npos || t.begin == 0 ? 0 : line_begin + 1;
  size_t line_end = text.find('\n', t.end);
  if (line_end == std::string::npos) line_end = text.size();
  size_t b = t.begin > line_begin + width ? t.begin - width : line_begin;
  while (b > line_begin && b < text.size() && is_cont(b)) --b;
  size_t e = std::min(line_end, t.end + width);
  while (e < line_end && is_cont(e)) ++e;
  if (b > line_begin) {
    size_t sp = text.find(' ', b);
    if (sp != std::string::npos && sp < t.begin) b = sp + 1;
  }
  if (e < line_end) {
    size_t sp = text.rfind(' ', e);
    if (sp != std::string::npos && sp > t.end) e = sp;
  }
  std::string out = b > line_begin ? "..." : "";
  out += text.substr(b, t.begin - b) + "[" + text.substr(t.begin, t.end - t.begin) + "]" +
         text.substr(t.end, e - t.end);
  if (e < line_end) out += "...";
  for (char& c : out) {
    if (c == '\t' || c == '\r' || c == '\n') c = ' ';
  }
  return out;
}

std::string Key(const std::string& text, bool ignore_case) {
  std::string k;
  bool space = false;
  for (char c : text) {  // white space flattened: "March\n3" is "March 3"
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = true;
      continue;
    }
    if (space && !k.empty()) k += ' ';
    space = false;
    k += ignore_case && c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return k;
}

template <typename Map>
std::vector<std::pair<std::string, size_t>> Commonest(const Map& m, size_t n) {
  std::vector<std::pair<std::string, size_t>> v(m.begin(), m.end());
  std::stable_sort(v.begin(), v.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  if (n != 0 && v.size() > n) v.resize(n);
  return v;
}

const std::string& UsageText() {
  static const std::string text = WithLangHelp(kUsage);
  return text;
}

int Usage(const std::string& msg) {
  std::fprintf(stderr, "annals review: %s\n\n%s", msg.c_str(), UsageText().c_str());
  return 2;
}

// Loads one path: a Timeline17 root holds several topics, all are read.
void Load(const std::string& path, Collection* out) {
  std::vector<T17Topic> topics;
  ReadError err;
  std::vector<Collection> parts;
  if (ListT17Topics(path, &topics, &err) && topics.size() > 1) {
    for (const T17Topic& t : topics) parts.push_back(LoadT17Topic(t));
  } else {
    parts.push_back(LoadCorpus(path));
  }
  for (Collection& c : parts) {
    for (Document& d : c.documents) out->documents.push_back(std::move(d));
    for (ReadError& e : c.skipped) out->skipped.push_back(std::move(e));
  }
}

}  // namespace

int RunReview(const Args& args) {
  Options o;
  ArgReader r(args);
  try {
    while (r.Next()) {
      if (r.Is("-h", "--help")) {
        std::fputs(UsageText().c_str(), stdout);
        return 0;
      } else if (r.Is("--top")) {
        o.top = r.Int(0, 1000000);
      } else if (r.Is("--contexts")) {
        o.contexts = r.Int(0, 100);
      } else if (r.Is("--values")) {
        o.values = r.Int(1, 100);
      } else if (r.Is("--threads")) {
        o.threads = r.Int(1, 256);
      } else if (r.Is("--ignore-case")) {
        o.ignore_case = true;
      } else if (r.Is("--type")) {
        o.type = r.Choice({"news", "narrative"}) == "news" ? DocType::kNews : DocType::kNarrative;
      } else if (r.Is("--format")) {
        o.format = r.Choice({"text", "json"});
      } else if (r.Is("--lang")) {
        o.lang = LangValue(r);
      } else if (r.Is("--data")) {
        o.data_dir = r.Value("a directory");
      } else if (r.IsOption()) {
        r.Unknown();
      } else {
        o.paths.push_back(r.arg());
      }
    }
  } catch (const UsageError& e) {
    return Usage(e.what());
  }
  if (o.paths.empty()) return Usage("no CORPUS given");

  Collection corpus;
  for (const std::string& p : o.paths) Load(p, &corpus);
  for (const ReadError& e : corpus.skipped) {
    std::fprintf(stderr, "annals review: skipped %s\n", e.ToString().c_str());
  }
  if (corpus.documents.empty()) {
    std::fprintf(stderr, "annals review: no usable article in the input\n");
    return 1;
  }

  // Tag in parallel; each article's timexes are kept only as long as it
  // takes to count them.
  const std::vector<Document>& docs = corpus.documents;
  const Taggers taggers(o.lang, o.data_dir);
  std::vector<std::string> langs(docs.size());
  for (size_t i = 0; i < docs.size(); ++i) {
    std::string warning;
    langs[i] = taggers.Choose(docs[i], &warning);
    if (!warning.empty())
      std::fprintf(stderr, "annals review: %s: %s\n", docs[i].id.c_str(), warning.c_str());
  }
  try {  // with --data, read every language's files before the threads start
    for (const std::string& l : langs) taggers.For(l);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "annals review: %s\n", e.what());
    return 1;
  }
  std::vector<std::vector<Timex>> found(docs.size());
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i; (i = next++) < docs.size();) {
      TagOptions t;
      t.dct = *docs[i].dct;
      t.type = o.type;
      found[i] = taggers.For(langs[i]).Tag(docs[i].text, t);
    }
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < o.threads; ++t) pool.emplace_back(work);
  work();
  for (std::thread& t : pool) t.join();
  std::map<std::string, size_t> per_lang;
  for (const std::string& l : langs) ++per_lang[l];

  std::unordered_map<std::string, Entry> entries;
  size_t total = 0;
  for (size_t i = 0; i < docs.size(); ++i) {
    for (const Timex& t : found[i]) {
      ++total;
      Entry& e = entries[Key(t.text, o.ignore_case)];
      ++e.count;
      if (o.ignore_case) ++e.spellings[Key(t.text, false)];
      ++e.values[std::string(TimexTypeName(t.type)) + " " + t.value +
                 (t.mod.empty() ? "" : " " + t.mod)];
      if (e.contexts.size() < static_cast<size_t>(o.contexts) && e.last_doc != docs[i].id) {
        e.contexts.push_back({docs[i].id, ContextOf(docs[i].text, t)});
        e.last_doc = docs[i].id;
      }
    }
    found[i].clear();
    found[i].shrink_to_fit();
  }
  std::vector<std::pair<std::string, const Entry*>> order;
  order.reserve(entries.size());
  for (const auto& [k, e] : entries) order.emplace_back(k, &e);
  std::sort(order.begin(), order.end(), [](const auto& a, const auto& b) {
    return a.second->count != b.second->count ? a.second->count > b.second->count
                                              : a.first < b.first;
  });
  if (o.top != 0 && order.size() > static_cast<size_t>(o.top)) order.resize(o.top);

  auto shown = [&](const std::string& key, const Entry& e) {
    return o.ignore_case ? Commonest(e.spellings, 1)[0].first : key;
  };
  if (o.format == "json") {
    nlohmann::json j = {{"articles", docs.size()},
                        {"expressions", total},
                        {"distinct_texts", entries.size()},
                        {"skipped", corpus.skipped.size()},
                        {"languages", per_lang}};
    nlohmann::json list = nlohmann::json::array();
    for (const auto& [key, e] : order) {
      nlohmann::json v = nlohmann::json::array();
      for (const auto& [val, n] : Commonest(e->values, o.values)) {
        v.push_back({{"value", val}, {"count", n}});
      }
      nlohmann::json c = nlohmann::json::array();
      for (const Context& ctx : e->contexts) c.push_back({{"doc", ctx.doc}, {"text", ctx.text}});
      list.push_back({{"text", shown(key, *e)},
                      {"count", e->count},
                      {"distinct_values", e->values.size()},
                      {"values", std::move(v)},
                      {"contexts", std::move(c)}});
    }
    j["texts"] = std::move(list);
    std::printf("%s\n", j.dump(1).c_str());
    return 0;
  }
  std::string lang_counts;
  for (const auto& [l, n] : per_lang) {
    lang_counts += (lang_counts.empty() ? "" : ", ") + l + " " + std::to_string(n);
  }
  std::printf("%zu articles (%s), %zu expressions, %zu distinct texts%s\n", docs.size(),
              lang_counts.c_str(), total, entries.size(), o.ignore_case ? " (case ignored)" : "");
  for (const auto& [key, e] : order) {
    std::string vals;
    for (const auto& [val, n] : Commonest(e->values, o.values)) {
      vals += (vals.empty() ? "" : ", ") + val + " x" + std::to_string(n);
    }
    if (e->values.size() > static_cast<size_t>(o.values)) {
      vals += ", ... (" + std::to_string(e->values.size()) + " values)";
    }
    std::printf("%7zu  %s  -> %s\n", e->count, shown(key, *e).c_str(), vals.c_str());
    for (const Context& c : e->contexts) {
      std::printf("           %s  (%s)\n", c.text.c_str(), c.doc.c_str());
    }
  }
  return 0;
}

}  // namespace annals::app
