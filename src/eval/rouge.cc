#include "eval/rouge.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <fstream>
#include <mutex>
#include <utility>

namespace annals::eval {

struct RougeScorer::Cache {
  std::mutex mu;
  std::unordered_map<std::string, std::string, Hash, std::equal_to<>> stems;
};

RougeScorer::RougeScorer(std::unordered_set<std::string> stopwords,
                         std::unordered_map<std::string, std::string> exceptions,
                         const RougeOptions& options)
    : options_(options), cache_(std::make_unique<Cache>()) {
  if (options_.max_n < 1) options_.max_n = 1;
  for (auto& s : stopwords) stopwords_.insert(s);
  for (auto& [k, v] : exceptions) exceptions_.emplace(k, v);
}

RougeScorer::RougeScorer(RougeScorer&&) noexcept = default;
RougeScorer& RougeScorer::operator=(RougeScorer&&) noexcept = default;
RougeScorer::~RougeScorer() = default;

std::optional<RougeScorer> RougeScorer::Load(const std::string& dir, std::string* error,
                                             const RougeOptions& options) {
  auto fail = [&](const std::string& msg) {
    if (error) *error = msg;
    return std::nullopt;
  };
  std::unordered_set<std::string> stopwords;
  {
    const std::string path = dir + "/smart_common_words.txt";
    std::ifstream in(path);
    if (!in) return fail("cannot read " + path);
    // Taken verbatim, like ROUGE's chomp: the list includes entries such as
    // "'s" that can never match a prepared token, which is harmless.
    for (std::string line; std::getline(in, line);) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      stopwords.insert(line);
    }
  }
  std::unordered_map<std::string, std::string> exceptions;
  for (const char* pos : {"adj", "adv", "noun", "verb"}) {
    const std::string path = dir + "/WordNet-2.0-Exceptions/" + pos + ".exc";
    std::ifstream in(path);
    if (!in) return fail("cannot read " + path);
    for (std::string line; std::getline(in, line);) {
      std::vector<std::string> fields;
      size_t i = 0;
      while (i < line.size()) {
        while (i < line.size() && std::isspace(static_cast<unsigned char>(line[i]))) ++i;
        size_t j = i;
        while (j < line.size() && !std::isspace(static_cast<unsigned char>(line[j]))) ++j;
        if (j > i) fields.emplace_back(line.substr(i, j - i));
        i = j;
      }
      if (fields.size() >= 2) exceptions[fields[0]] = fields[1];
    }
  }
  return RougeScorer(std::move(stopwords), std::move(exceptions), options);
}

bool RougeScorer::IsStopword(std::string_view token) const {
  return stopwords_.find(token) != stopwords_.end();
}

std::optional<std::string> RougeScorer::Exception(std::string_view token) const {
  auto it = exceptions_.find(token);
  if (it == exceptions_.end()) return std::nullopt;
  return it->second;
}

std::string RougeScorer::StemToken(std::string_view token) const {
  std::lock_guard<std::mutex> lock(cache_->mu);
  auto it = cache_->stems.find(token);
  if (it != cache_->stems.end()) return it->second;
  std::string stem;
  if (auto e = exceptions_.find(token); e != exceptions_.end()) {
    stem = e->second;
  } else {
    stem = PorterStem(token);
  }
  cache_->stems.emplace(std::string(token), stem);
  return stem;
}

std::vector<std::string> RougeScorer::Tokens(std::span<const std::string> sentences) const {
  // Build the lower-cased, space-joined text; the character classes below
  // then do the work of ROUGE's two substitutions in one pass.
  std::string text;
  for (const std::string& s : sentences) {
    std::string_view sv = s;
    if (options_.pyrouge_html_quirks) {
      if (size_t lt = sv.find('<'); lt != std::string_view::npos) sv = sv.substr(0, lt);
    }
    if (!text.empty()) text += ' ';
    for (char ch : sv) {
      if (options_.pyrouge_html_quirks && ch == '^') {
        text += " circ ";  // "&circ;" after ROUGE's substitutions
        continue;
      }
      text += (ch >= 'A' && ch <= 'Z') ? char(ch - 'A' + 'a') : ch;
    }
  }
  std::vector<std::string> raw;
  std::string cur;
  auto flush = [&] {
    if (!cur.empty()) raw.push_back(std::move(cur));
    cur.clear();
  };
  for (char ch : text) {
    if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')) {
      cur += ch;
    } else if (ch == '-') {
      flush();
      raw.emplace_back("-");
    } else {
      flush();
    }
  }
  flush();

  std::vector<std::string> tokens;
  tokens.reserve(raw.size());
  for (std::string& t : raw) {
    if (options_.remove_stopwords && IsStopword(t)) continue;
    const char c = t[0];
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '$')) continue;
    if (options_.stem && t.size() > 3) {
      tokens.push_back(StemToken(t));
    } else {
      tokens.push_back(std::move(t));
    }
  }
  return tokens;
}

NgramProfile RougeScorer::Profile(std::span<const std::string> sentences) const {
  const std::vector<std::string> tokens = Tokens(sentences);
  NgramProfile p;
  p.counts.resize(options_.max_n);
  p.totals.assign(options_.max_n, 0);
  for (int n = 1; n <= options_.max_n; ++n) {
    auto& counts = p.counts[n - 1];
    for (size_t i = 0; i + n <= tokens.size(); ++i) {
      std::string gram = tokens[i];
      for (int j = 1; j < n; ++j) {
        gram += ' ';
        gram += tokens[i + j];
      }
      ++counts[gram];
      ++p.totals[n - 1];
    }
  }
  return p;
}

std::vector<RougeCounts> RougeScorer::Score(const NgramProfile& peer,
                                            std::span<const NgramProfile* const> refs) const {
  std::vector<RougeCounts> out(options_.max_n);
  for (int n = 0; n < options_.max_n; ++n) {
    const bool peer_has = n < static_cast<int>(peer.counts.size());
    const int64_t peer_total = peer_has ? peer.totals[n] : 0;
    for (const NgramProfile* ref : refs) {
      out[n].peer += peer_total;
      if (n >= static_cast<int>(ref->counts.size())) continue;
      out[n].model += ref->totals[n];
      if (!peer_has) continue;
      // Iterate the smaller map; the clipped overlap is symmetric.
      const auto& a = peer.counts[n];
      const auto& b = ref->counts[n];
      const auto& small = a.size() <= b.size() ? a : b;
      const auto& large = a.size() <= b.size() ? b : a;
      for (const auto& [gram, count] : small) {
        auto it = large.find(gram);
        if (it != large.end()) out[n].hit += std::min(count, it->second);
      }
    }
  }
  return out;
}

std::vector<RougeCounts> RougeScorer::Score(std::span<const std::string> peer,
                                            std::span<const std::vector<std::string>> refs) const {
  const NgramProfile p = Profile(peer);
  std::vector<NgramProfile> r;
  r.reserve(refs.size());
  for (const auto& ref : refs) r.push_back(Profile(ref));
  std::vector<const NgramProfile*> ptrs;
  for (const auto& x : r) ptrs.push_back(&x);
  return Score(p, ptrs);
}

}  // namespace annals::eval
