#include "timeline/terms.h"

#include <algorithm>
#include <cmath>
#include <unordered_set>

#include "text/porter.h"

namespace annals::embedded {
extern const std::pair<std::string_view, std::string_view> kFiles[];
extern const int kFileCount;
}  // namespace annals::embedded

namespace annals {
namespace {

const std::unordered_set<std::string_view>& Stopwords() {
  static const auto* words = [] {
    auto* set = new std::unordered_set<std::string_view>;
    for (int f = 0; f < embedded::kFileCount; ++f) {
      if (embedded::kFiles[f].first != "text/stopwords.txt") continue;
      std::string_view rest = embedded::kFiles[f].second;
      while (!rest.empty()) {
        size_t nl = rest.find('\n');
        std::string_view line = rest.substr(0, nl);
        rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
        while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
        if (!line.empty() && line[0] != '#') set->insert(line);
      }
    }
    return set;
  }();
  return *words;
}

bool IsWordByte(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

}  // namespace

TermDictionary::TermDictionary() { Stopwords(); }

void TermDictionary::Terms(std::string_view text, std::vector<TermId>* out) {
  std::string& word = scratch_;
  word.clear();
  const auto& stop = Stopwords();
  // One hash lookup per word: word_ids_ remembers stopwords as kStopword.
  auto flush = [&] {
    if (word.empty()) return;
    auto it = word_ids_.find(word);
    if (it == word_ids_.end()) {
      TermId id = kStopword;
      if (!stop.contains(word)) {
        std::string stem = word.size() > 3 ? PorterStem(word) : word;
        auto [sit, added] =
            stem_ids_.emplace(std::move(stem), static_cast<TermId>(stem_ids_.size()));
        if (added) words_.push_back(word);
        id = sit->second;
      }
      it = word_ids_.emplace(word, id).first;
    }
    if (it->second != kStopword) out->push_back(it->second);
    word.clear();
  };
  for (char ch : text) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (c >= 'A' && c <= 'Z') c = static_cast<unsigned char>(c - 'A' + 'a');
    if (IsWordByte(c)) {
      word.push_back(static_cast<char>(c));
    } else {
      flush();
    }
  }
  flush();
}

TermVector CountTerms(const std::vector<TermId>& terms) {
  std::vector<TermId> sorted = terms;
  std::sort(sorted.begin(), sorted.end());
  TermVector v;
  for (TermId t : sorted) {
    if (!v.empty() && v.back().first == t) {
      v.back().second += 1;
    } else {
      v.emplace_back(t, 1.0f);
    }
  }
  return v;
}

void Normalize(TermVector* v) {
  double sum = 0;
  for (const auto& [t, w] : *v) sum += double{w} * w;
  if (sum <= 0) return;
  const float inv = static_cast<float>(1.0 / std::sqrt(sum));
  for (auto& [t, w] : *v) w *= inv;
}

double Dot(const TermVector& a, const TermVector& b) {
  double sum = 0;
  size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i].first < b[j].first) {
      ++i;
    } else if (b[j].first < a[i].first) {
      ++j;
    } else {
      sum += double{a[i].second} * b[j].second;
      ++i;
      ++j;
    }
  }
  return sum;
}

}  // namespace annals
