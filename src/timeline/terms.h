// timeline/terms.h — sentences as bags of content terms, for comparing
// them: lower-cased ASCII words, function words dropped
// (data/text/stopwords.txt), Porter-stemmed as ROUGE stems them, interned
// to small integer ids.
//
// Two layers, so that the costly part (splitting, hashing, stemming every
// word) is done once per collection and shared by its timelines:
//   Vocabulary     the content words of a whole collection, each with the
//                  id of its stem (built once, TimelineIndex)
//   TermNumbering  the term ids of one timeline build: the stems of the
//                  words it uses, numbered in order of first use
// A build's term ids must not depend on what else the collection holds:
// sparse vectors are sorted by id, so ids set the order of the float sums
// (Dot, Normalize, centroids) and ties between terms (StoryKeywords), and
// the timeline must be the same however many other articles were indexed.
#ifndef ANNALS_TIMELINE_TERMS_H_
#define ANNALS_TIMELINE_TERMS_H_

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace annals {

using TermId = uint32_t;  // a stem, numbered by a TermNumbering
using WordId = uint32_t;  // a content word of a Vocabulary
using StemId = uint32_t;  // a stem of a Vocabulary

// A sparse vector: (term, weight) pairs sorted by term, terms unique.
using TermVector = std::vector<std::pair<TermId, float>>;

// The content words of the texts given to Words. Not thread-safe while
// words are added; the const methods may be called from many threads.
class Vocabulary {
 public:
  // `lang` is the collection's language. English keeps what the
  // Timeline17 figures were measured with: words are runs of ASCII letters
  // and digits, data/text/stopwords.txt, Porter stems (as ROUGE stems). Any
  // other language reads words of any letters, case-folded (utf8proc), its
  // data/<lang>/text/stopwords.txt and its Snowball stemmer.
  explicit Vocabulary(std::string_view lang = "en");

  // Appends the ids of the content words of `text`, in text order, repeats
  // kept, adding words not seen before.
  void Words(std::string_view text, std::vector<WordId>* out);

  size_t size() const { return words_.size(); }      // distinct content words
  size_t stems() const { return stem_ids_.size(); }  // their distinct stems

  // The word as it was read (lower-cased): "protesters".
  const std::string& Word(WordId id) const { return words_[id]; }
  // Its stem; words with one stem ("protest", "protesting") share it.
  StemId Stem(WordId id) const { return stem_of_[id]; }

  // A content word of a text looked up without adding it.
  struct Found {
    std::string word;    // lower-cased
    bool known = false;  // stem is a StemId of this vocabulary
    StemId stem = 0;
    std::string stem_text;  // the stem itself when !known
  };
  // Appends the content words of `text`, split as Words splits it.
  void Find(std::string_view text, std::vector<Found>* out) const;

 private:
  static constexpr WordId kStopword = ~WordId{0};
  std::unordered_map<std::string, WordId> word_ids_;  // word -> id or kStopword
  std::unordered_map<std::string, StemId> stem_ids_;  // stem -> id
  std::vector<std::string> words_;                    // id -> word
  std::string lang_;
  bool english_ = true;
  template <typename F>
  void ForEach(std::string_view text, std::string& word, F fn) const;
  bool IsStopword(const std::string& word) const;
  std::string StemOf(const std::string& word) const;
  std::vector<StemId> stem_of_;  // word id -> stem id
  std::string scratch_;          // the word being read
};

// Term ids for one timeline build, numbered 0, 1, ... in the order the
// build first uses their stems: the ids a dictionary fed only the build's
// texts, in the build's order, would give, whatever else `vocabulary`
// holds. Not thread-safe; one per build. The vocabulary must outlive it.
class TermNumbering {
 public:
  explicit TermNumbering(const Vocabulary& vocabulary);

  // The term of word `id`, numbered now if its stem is new to the build.
  TermId Term(WordId id);

  // Appends the terms of `text` (the query), in text order, repeats kept;
  // words the vocabulary never saw get terms too (they match no sentence).
  void Terms(std::string_view text, std::vector<TermId>* out);

  // Number of terms so far (ids are 0..size()-1).
  size_t size() const { return words_.size(); }

  // The first word the build used for term `id` ("syria" for the stem of
  // "Syria").
  const std::string& Word(TermId id) const { return *words_[id]; }

 private:
  static constexpr TermId kNone = ~TermId{0};

  const Vocabulary& vocabulary_;
  std::vector<TermId> term_of_stem_;       // StemId -> term or kNone
  std::vector<const std::string*> words_;  // term -> first word used
  // Stems of words the vocabulary never saw, with their terms.
  std::unordered_map<std::string, TermId> unknown_stems_;
  // Words that name terms and are not the vocabulary's (from Terms); a
  // deque, so that words_ stays valid as it grows.
  std::deque<std::string> own_words_;
};

// Counts of `terms` as a sorted sparse vector (weights = counts).
TermVector CountTerms(const std::vector<TermId>& terms);
// Scales `v` to unit Euclidean length (no-op for the zero vector).
void Normalize(TermVector* v);
// Dot product of two sorted sparse vectors.
double Dot(const TermVector& a, const TermVector& b);

}  // namespace annals

#endif  // ANNALS_TIMELINE_TERMS_H_
