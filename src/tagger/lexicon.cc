#include "tagger/lexicon.h"

#include <algorithm>
#include <stdexcept>

#include "text/casefold.h"

namespace annals {

void Lexicon::AddClass(const std::string& name, std::string_view tsv, const std::string& source) {
  auto [it, inserted] = ids_.emplace(name, static_cast<int>(classes_.size()));
  if (inserted) {
    classes_.emplace_back();
    classes_.back().name = name;
  }
  Class& cls = classes_[it->second];
  size_t line_no = 0;
  while (!tsv.empty()) {
    size_t nl = tsv.find('\n');
    std::string_view line = tsv.substr(0, nl);
    tsv = nl == std::string_view::npos ? std::string_view() : tsv.substr(nl + 1);
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string_view> cols;
    size_t start = 0;
    while (true) {
      size_t tab = line.find('\t', start);
      cols.push_back(line.substr(start, tab == std::string_view::npos ? tab : tab - start));
      if (tab == std::string_view::npos) break;
      start = tab + 1;
    }
    auto fail = [&](const std::string& why) {
      throw std::runtime_error(source + ":" + std::to_string(line_no) + ": " + why);
    };
    if (cols.size() < 2 || cols.size() > 3) fail("expected `phrase<TAB>value[<TAB>flags]`");
    Entry e;
    e.phrase = std::string(cols[0]);
    e.value = std::string(cols[1]);
    bool exact = false;
    if (cols.size() == 3) {
      if (cols[2] == "cap")
        e.cap = true;
      else if (cols[2] == "exact")
        exact = true;
      else if (!cols[2].empty())
        fail("unknown flag `" + std::string(cols[2]) + "`");
    }
    for (const Token& t : Tokenize(e.phrase)) e.tokens.push_back(t.norm);
    if (e.tokens.empty()) fail("empty phrase");
    // The same words typed without their accents ("sabado", "fevrier").
    // A word that would be one letter is another word in lower case
    // (Portuguese "é" and "e", Italian "è" and "e", French "à" and "a"), so
    // then only its capital matches: French drops the accent of a capital
    // ("A l'heure actuelle").
    Entry bare = e;
    bool accented = false, one_letter = false;
    for (std::string& w : bare.tokens) {
      std::string b = StripAccents(w);
      if (b != w) {
        accented = true;
        one_letter = one_letter || b.size() == 1;
      }
      w = std::move(b);
    }
    bare.cap = bare.cap || one_letter;
    cls.entries.push_back(std::move(e));
    if (accented && !exact) cls.entries.push_back(std::move(bare));
  }
  if (it->second >= 64) throw std::runtime_error(source + ": more than 64 lexicon classes");
  cls.by_first.clear();
  for (size_t k = 0; k < cls.entries.size(); ++k)
    cls.by_first[cls.entries[k].tokens[0]].push_back(static_cast<int>(k));
  for (auto& [first, idx] : cls.by_first)
    std::stable_sort(idx.begin(), idx.end(), [&](int a, int b) {
      return cls.entries[a].tokens.size() > cls.entries[b].tokens.size();
    });
  // Rebuilt whole: a class may be added to after others.
  starts_.clear();
  for (size_t c = 0; c < classes_.size(); ++c)
    for (const auto& [first, idx] : classes_[c].by_first) {
      Start& s = starts_[first];
      s.classes |= uint64_t{1} << c;
      for (int k : idx) s.entries.emplace_back(static_cast<int>(c), k);
    }
}

void Lexicon::MatchAllAt(const Start& start, const std::vector<Token>& tokens, size_t i,
                         std::vector<ClassMatch>* out) const {
  for (const auto& [c, k] : start.entries) {
    const Entry& e = classes_[c].entries[k];
    if (Matches(e, tokens, i))
      out->push_back({c, static_cast<uint32_t>(e.tokens.size()), &e.value});
  }
}

bool Lexicon::Matches(const Entry& e, const std::vector<Token>& tokens, size_t i) {
  if (i + e.tokens.size() > tokens.size()) return false;
  if (e.cap && !tokens[i].capitalized) return false;
  for (size_t j = 1; j < e.tokens.size(); ++j)
    if (tokens[i + j].norm != e.tokens[j]) return false;
  return true;
}

bool Lexicon::HasClass(const std::string& name) const { return ids_.count(name) > 0; }

int Lexicon::ClassId(const std::string& name) const {
  auto it = ids_.find(name);
  return it == ids_.end() ? -1 : it->second;
}

void Lexicon::MatchAt(int id, const std::vector<Token>& tokens, size_t i,
                      std::vector<Match>* out) const {
  const Class& cls = classes_[id];
  auto it = cls.by_first.find(tokens[i].norm);
  if (it == cls.by_first.end()) return;
  for (int k : it->second) {
    const Entry& e = cls.entries[k];
    if (Matches(e, tokens, i)) out->push_back({e.tokens.size(), &e.value});
  }
}

size_t Lexicon::LengthEndingAt(int id, const std::vector<Token>& tokens, size_t i,
                               size_t first) const {
  if (id < 0) return 0;
  // Entries are short; four tokens bounds the scan (and keeps it linear).
  constexpr size_t kLongest = 4;
  std::vector<Match> found;
  for (size_t n = std::min({kLongest, i, i - std::min(i, first)}); n >= 1; --n) {
    found.clear();
    MatchAt(id, tokens, i - n, &found);
    for (const Match& m : found)
      if (m.length == n) return n;
  }
  return 0;
}

std::vector<std::pair<std::string, std::string>> Lexicon::Entries(const std::string& name) const {
  std::vector<std::pair<std::string, std::string>> out;
  int id = ClassId(name);
  if (id < 0) return out;
  for (const Entry& e : classes_[id].entries) out.emplace_back(e.phrase, e.value);
  return out;
}

}  // namespace annals
