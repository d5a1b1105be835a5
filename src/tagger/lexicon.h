// tagger/lexicon.h — vocabularies: named word classes (months, units,
// number words, ...) whose entries map a phrase to a normalized value.
//
// Each class comes from one file data/<lang>/lexicon/<class>.tsv with lines
//   phrase <TAB> value [<TAB> flags]
// where the phrase is tokenized like text (so "twenty-two" is three
// tokens) and flags may be "cap" (the text must start with a capital, for
// words like "May" or "March" that are also common words) or "exact" (only
// as written: not also without its accents, for French "à", which typed
// bare is the verb "a"). Adding a word is a data change, not a code
// change.
#ifndef ANNALS_TAGGER_LEXICON_H_
#define ANNALS_TAGGER_LEXICON_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "text/tokenizer.h"

namespace annals {

class Lexicon {
 public:
  struct Match {
    size_t length;  // tokens consumed
    const std::string* value;
  };

  // Adds the entries of one class from TSV text; throws std::runtime_error
  // naming `source` and the line of a malformed entry.
  void AddClass(const std::string& name, std::string_view tsv, const std::string& source);

  bool HasClass(const std::string& name) const;
  int ClassId(const std::string& name) const;  // -1 if unknown

  // Appends to *out every entry of class `id` that matches tokens[i..],
  // longest first.
  void MatchAt(int id, const std::vector<Token>& tokens, size_t i, std::vector<Match>* out) const;

  // The length of the longest entry of class `id` (-1: none) that takes
  // exactly tokens [i - n, i) and starts at or after `first`; 0 if none.
  // For words read leftward from an expression ("had been" before "due").
  size_t LengthEndingAt(int id, const std::vector<Token>& tokens, size_t i, size_t first = 0) const;

  // What a first token starts: the classes (bit c for class c) and the
  // (class, entry) pairs, grouped by class in ascending id and, within a
  // class, in MatchAt's order.
  struct Start {
    uint64_t classes = 0;
    std::vector<std::pair<int, int>> entries;
  };
  // Every first token of an entry, for callers that index by word.
  const std::unordered_map<std::string, Start>& starts() const { return starts_; }

  struct ClassMatch {
    int cls;
    uint32_t length;  // tokens consumed
    const std::string* value;
  };
  // Appends every entry of `start` (the Start of tokens[i].norm) that
  // matches tokens[i..], in Start order. One lookup of the token serves all
  // classes: the matcher asks each token once instead of once per rule that
  // tries a class there.
  void MatchAllAt(const Start& start, const std::vector<Token>& tokens, size_t i,
                  std::vector<ClassMatch>* out) const;

  // Entries of a class as (phrase, value), for tests and documentation.
  std::vector<std::pair<std::string, std::string>> Entries(const std::string& name) const;

 private:
  struct Entry {
    std::vector<std::string> tokens;
    std::string phrase;
    std::string value;
    bool cap = false;
  };
  struct Class {
    std::string name;
    std::vector<Entry> entries;
    // first token -> entry indices, longest entries first
    std::unordered_map<std::string, std::vector<int>> by_first;
  };
  static bool Matches(const Entry& e, const std::vector<Token>& tokens, size_t i);

  std::vector<Class> classes_;
  std::unordered_map<std::string, int> ids_;
  std::unordered_map<std::string, Start> starts_;  // by first token
};

}  // namespace annals

#endif  // ANNALS_TAGGER_LEXICON_H_
