#include "timeline/terms.h"

#include <algorithm>
#include <cmath>
#include <unordered_set>

#include "text/casefold.h"
#include "text/embedded.h"
#include "text/porter.h"
#include "text/stemmer.h"

namespace annals {
namespace {

const std::unordered_set<std::string_view>& Stopwords() {
  static const auto* words = [] {
    auto* set = new std::unordered_set<std::string_view>;
    for (std::string_view line : embedded::DataLines(embedded::File("text/stopwords.txt")))
      set->insert(line);
    return set;
  }();
  return *words;
}

bool IsWordByte(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

// Calls fn(word) for every word of `text`, lower-cased, in text order;
// `word` is the buffer it is read into.
template <typename F>
void ForEachWord(std::string_view text, std::string& word, F fn) {
  word.clear();
  for (char ch : text) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (c >= 'A' && c <= 'Z') c = static_cast<unsigned char>(c - 'A' + 'a');
    if (IsWordByte(c)) {
      word.push_back(static_cast<char>(c));
    } else if (!word.empty()) {
      fn(word);
      word.clear();
    }
  }
  if (!word.empty()) fn(word);
  word.clear();
}

// The same over words of any letters (bytes of multi-byte characters
// count as letters), case-folded.
template <typename F>
void ForEachUnicodeWord(std::string_view text, std::string& word, F fn) {
  word.clear();
  auto flush = [&] {
    if (word.empty()) return;
    std::string folded = FoldCase(word);
    fn(folded);
    word.clear();
  };
  for (char ch : text) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (IsWordByte(c) || (c >= 'A' && c <= 'Z') || c >= 0x80) {
      word.push_back(ch);
    } else {
      flush();
    }
  }
  flush();
}

}  // namespace

Vocabulary::Vocabulary(std::string_view lang)
    : lang_(lang), english_(lang == "en" || lang.empty()) {
  if (english_)
    Stopwords();
  else
    annals::Stopwords(lang_);
}

template <typename F>
void Vocabulary::ForEach(std::string_view text, std::string& word, F fn) const {
  if (english_)
    ForEachWord(text, word, fn);
  else
    ForEachUnicodeWord(text, word, fn);
}

bool Vocabulary::IsStopword(const std::string& word) const {
  if (english_) return Stopwords().contains(word);
  return annals::Stopwords(lang_).contains(word);
}

// Words of up to three letters are kept whole, as ROUGE keeps them (eval/rouge.cc).
std::string Vocabulary::StemOf(const std::string& word) const {
  if (word.size() <= 3) return word;
  return english_ ? PorterStem(word) : StemWord(lang_, word);
}

void Vocabulary::Words(std::string_view text, std::vector<WordId>* out) {
  // One hash lookup per word: word_ids_ remembers stopwords as kStopword.
  ForEach(text, scratch_, [&](const std::string& word) {
    auto it = word_ids_.find(word);
    if (it == word_ids_.end()) {
      WordId id = kStopword;
      if (!IsStopword(word)) {
        const StemId stem =
            stem_ids_.emplace(StemOf(word), static_cast<StemId>(stem_ids_.size())).first->second;
        id = static_cast<WordId>(words_.size());
        words_.push_back(word);
        stem_of_.push_back(stem);
      }
      it = word_ids_.emplace(word, id).first;
    }
    if (it->second != kStopword) out->push_back(it->second);
  });
}

void Vocabulary::Find(std::string_view text, std::vector<Found>* out) const {
  std::string scratch;
  ForEach(text, scratch, [&](const std::string& word) {
    Found f;
    f.word = word;
    if (auto it = word_ids_.find(word); it != word_ids_.end()) {
      if (it->second == kStopword) return;
      f.known = true;
      f.stem = stem_of_[it->second];
    } else {
      if (IsStopword(word)) return;
      std::string stem = StemOf(word);
      if (auto sit = stem_ids_.find(stem); sit != stem_ids_.end()) {
        f.known = true;
        f.stem = sit->second;
      } else {
        f.stem_text = std::move(stem);
      }
    }
    out->push_back(std::move(f));
  });
}

TermNumbering::TermNumbering(const Vocabulary& vocabulary)
    : vocabulary_(vocabulary), term_of_stem_(vocabulary.stems(), kNone) {}

TermId TermNumbering::Term(WordId id) {
  TermId& term = term_of_stem_[vocabulary_.Stem(id)];
  if (term == kNone) {
    term = static_cast<TermId>(words_.size());
    words_.push_back(&vocabulary_.Word(id));
  }
  return term;
}

void TermNumbering::Terms(std::string_view text, std::vector<TermId>* out) {
  std::vector<Vocabulary::Found> found;
  vocabulary_.Find(text, &found);
  for (Vocabulary::Found& f : found) {
    // A new term is named by this word, as it would be by a build that
    // read the text last.
    const TermId next = static_cast<TermId>(words_.size());
    TermId term = next;
    if (f.known) {
      if (term_of_stem_[f.stem] == kNone) term_of_stem_[f.stem] = next;
      term = term_of_stem_[f.stem];
    } else {
      term = unknown_stems_.emplace(std::move(f.stem_text), next).first->second;
    }
    if (term == next) {
      own_words_.push_back(std::move(f.word));
      words_.push_back(&own_words_.back());
    }
    out->push_back(term);
  }
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
