// timeline/terms.h — sentences as bags of content terms, for comparing
// them: lower-cased ASCII words, function words dropped
// (data/text/stopwords.txt), Porter-stemmed as ROUGE stems them, interned
// to small integer ids.
#ifndef ANNALS_TIMELINE_TERMS_H_
#define ANNALS_TIMELINE_TERMS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace annals {

using TermId = uint32_t;

// A sparse vector: (term, weight) pairs sorted by term, terms unique.
using TermVector = std::vector<std::pair<TermId, float>>;

// Not thread-safe: one dictionary per timeline build.
class TermDictionary {
 public:
  TermDictionary();

  // Appends the term ids of `text`, in text order, repeats kept. A word is
  // a run of ASCII letters and digits; other bytes separate words.
  void Terms(std::string_view text, std::vector<TermId>* out);

  // Number of distinct terms so far (ids are 0..size()-1).
  size_t size() const { return stem_ids_.size(); }

  // The first word seen for term `id` ("syria" for the stem of "Syria").
  const std::string& Word(TermId id) const { return words_[id]; }

 private:
  static constexpr TermId kStopword = ~TermId{0};
  std::unordered_map<std::string, TermId> word_ids_;  // surface word -> id or kStopword
  std::unordered_map<std::string, TermId> stem_ids_;  // stem -> id
  std::vector<std::string> words_;                     // id -> first word
  std::string scratch_;                                // the word being read
};

// Counts of `terms` as a sorted sparse vector (weights = counts).
TermVector CountTerms(const std::vector<TermId>& terms);
// Scales `v` to unit Euclidean length (no-op for the zero vector).
void Normalize(TermVector* v);
// Dot product of two sorted sparse vectors.
double Dot(const TermVector& a, const TermVector& b);

}  // namespace annals

#endif  // ANNALS_TIMELINE_TERMS_H_
