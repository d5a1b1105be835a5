#include "text/language.h"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "text/ascii.h"
#include "text/embedded.h"
#include "text/utf8.h"

namespace annals {
namespace {

static_assert(kLanguages.size() <= 8, "language masks are 8 bits");

// A word of at most 15 bytes packed into two 64-bit halves, so that a table
// probe compares two integers instead of calling a string hash.
struct Key {
  uint64_t a = 0;
  uint64_t b = 0;
  bool operator==(const Key&) const = default;
};

constexpr size_t kMaxWordBytes = 15;

Key PackWord(const char* w, size_t n) {
  char buf[16] = {};
  std::memcpy(buf, w, n);
  buf[15] = static_cast<char>(n);
  Key k;
  std::memcpy(&k.a, buf, 8);
  std::memcpy(&k.b, buf + 8, 8);
  return k;
}

// Table slots: a power of two, at least four per function word.
constexpr int kSlotBits = 11;
constexpr size_t kSlots = size_t{1} << kSlotBits;

size_t Mix(const Key& k) {
  return static_cast<size_t>(((k.a ^ (k.b * 0xC2B2AE3D27D4EB4Full)) * 0x9E3779B97F4A7C15ull) >>
                             (64 - kSlotBits));
}

// Open addressing over the function words of every language: word -> the
// id (1..) of the set of languages that list it. Built once from the data
// files. Ids are dense so that a document's tally is a short array.
constexpr size_t kMaxLanguageSets = 64;

// Letters typical of a language (data/<lang>/text/letters.txt: "ñ", "ß",
// "ã", also "¿") are weaker evidence than a function word: each counts
// kLetterWeight of one. They settle snippets whose few function words are
// shared ("para ... que ... de": Spanish or Portuguese), and do not count
// as hits for kMinLanguageHits or the coverage.
constexpr char32_t kLetterLimit = 0x250;
constexpr double kLetterWeight = 0.25;

class FunctionWords {
 public:
  FunctionWords() {
    std::vector<std::pair<Key, uint8_t>> words;
    for (size_t l = 0; l < kLanguages.size(); ++l) {
      const std::string path = std::string(kLanguages[l]) + "/text/function_words.txt";
      for (std::string_view w : embedded::DataLines(embedded::File(path))) {
        if (w.empty() || w.size() > kMaxWordBytes) continue;
        const Key k = PackWord(w.data(), w.size());
        auto it =
            std::find_if(words.begin(), words.end(), [&](const auto& p) { return p.first == k; });
        if (it == words.end()) {
          words.push_back({k, static_cast<uint8_t>(1u << l)});
        } else {
          it->second |= static_cast<uint8_t>(1u << l);
        }
      }
    }
    set_masks_.push_back(0);  // id 0: not a function word
    constexpr size_t cap = kSlots;
    if (words.size() * 4 > cap) words.resize(cap / 4);  // more words than a data file holds
    for (const auto& [k, m] : words) {
      const uint8_t id = Intern(m);
      if (id == 0) continue;
      size_t i = Mix(k) & (cap - 1);
      while (ids_[i] != 0) i = (i + 1) & (cap - 1);
      slots_[i] = k;
      ids_[i] = id;
    }
    // Letters: the same, by code point.
    uint8_t letter_masks[kLetterLimit] = {};
    for (size_t l = 0; l < kLanguages.size(); ++l) {
      const std::string path = std::string(kLanguages[l]) + "/text/letters.txt";
      for (std::string_view line : embedded::DataLines(embedded::File(path))) {
        char32_t cp = 0;
        if (line.empty() || DecodeUtf8(line, 0, &cp) != line.size() || cp >= kLetterLimit) continue;
        letter_masks[cp] |= static_cast<uint8_t>(1u << l);
      }
    }
    for (size_t cp = 0; cp < kLetterLimit; ++cp) {
      if (letter_masks[cp] != 0) letter_ids_[cp] = Intern(letter_masks[cp]);
    }
  }

  // The language set id of a word, 0 if it is no function word.
  uint8_t Find(const Key& k) const {
    constexpr size_t mask = kSlots - 1;
    for (size_t i = Mix(k);; i = (i + 1) & mask) {
      if (ids_[i] == 0) return 0;
      if (slots_[i] == k) return ids_[i];
    }
  }

  // The language set id of a letter (code point below kLetterLimit), 0 if
  // no language lists it.
  uint8_t FindLetter(char32_t cp) const { return cp < kLetterLimit ? letter_ids_[cp] : 0; }

  size_t set_count() const { return set_masks_.size(); }
  uint8_t set_mask(size_t id) const { return set_masks_[id]; }

 private:
  uint8_t Intern(uint8_t mask) {
    auto it = std::find(set_masks_.begin(), set_masks_.end(), mask);
    if (it != set_masks_.end()) return static_cast<uint8_t>(it - set_masks_.begin());
    if (set_masks_.size() == kMaxLanguageSets) return 0;  // cannot happen with 6 languages
    set_masks_.push_back(mask);
    return static_cast<uint8_t>(set_masks_.size() - 1);
  }

  uint8_t letter_ids_[kLetterLimit] = {};
  Key slots_[kSlots] = {};
  uint8_t ids_[kSlots] = {};
  std::vector<uint8_t> set_masks_;  // id -> bitmask of kLanguages
};

const FunctionWords& Table() {
  static const FunctionWords* t = new FunctionWords();
  return *t;
}

struct Tally {
  uint32_t by_set[kMaxLanguageSets] = {};     // function-word hits by language set id
  uint32_t by_letter[kMaxLanguageSets] = {};  // typical letters by language set id
  size_t words = 0;
  size_t latin_letters = 0;
  size_t other_letters = 0;
};

// Letters of scripts other than Latin, by block: Greek to Ethiopic (Greek,
// Cyrillic, Armenian, Hebrew, Arabic, the Indic scripts, Thai, Georgian,
// ...), Hangul Jamo, kana and CJK, Hangul syllables.
bool IsOtherScriptLetter(char32_t cp) {
  return (cp >= 0x0370 && cp <= 0x137F) || (cp >= 0x1100 && cp <= 0x11FF) ||
         (cp >= 0x3040 && cp <= 0x9FFF) || (cp >= 0xAC00 && cp <= 0xD7AF);
}

// Byte classes for the scan: an ASCII letter maps to its lower case, every
// other ASCII byte to 0 (a word break), and bytes from 0x80 to 1 (decoded).
struct ByteClasses {
  unsigned char to[256] = {};
  constexpr ByteClasses() {
    for (int c = 'a'; c <= 'z'; ++c) to[c] = static_cast<unsigned char>(c);
    for (int c = 'A'; c <= 'Z'; ++c) to[c] = static_cast<unsigned char>(c + 32);
    for (int c = 0x80; c < 0x100; ++c) to[c] = 1;
  }
};
constexpr ByteClasses kClasses;

// Scans [begin, end) of s word by word. A word is a run of Latin letters,
// lower-cased (ASCII and Latin-1; other Latin letters are kept as they
// are, which no function word needs); an apostrophe between a letter and a
// letter ends the word and belongs to it ("l'", "dell'"). This is the
// detector's whole cost, so the common case (an ASCII letter) is one table
// look-up and one store.
void Scan(std::string_view s, size_t begin, size_t end, const FunctionWords& table, Tally* t) {
  size_t words = 0;
  size_t latin = 0;
  size_t other = 0;
  unsigned char word[16] = {};
  size_t len = 0;  // kMaxWordBytes + 1: too long to be a function word
  const unsigned char* p = reinterpret_cast<const unsigned char*>(s.data());
  auto finish = [&] {
    if (len == 0) return;
    ++words;
    if (len <= kMaxWordBytes) {
      word[15] = static_cast<unsigned char>(len);
      Key k;
      std::memcpy(&k.a, word, 8);
      std::memcpy(&k.b, word + 8, 8);
      ++t->by_set[table.Find(k)];
    }
    std::memset(word, 0, sizeof word);
    len = 0;
  };
  auto push = [&](unsigned char c) {
    if (len < kMaxWordBytes) {
      word[len++] = c;
    } else {
      len = kMaxWordBytes + 1;
    }
  };
  auto letter_at = [&](size_t j) {
    return j < end && (kClasses.to[p[j]] > 1 || (p[j] >= 0xC3 && p[j] <= 0xC9));
  };
  size_t i = begin;
  while (i < end) {
    const unsigned char c = kClasses.to[p[i]];
    if (c > 1 && len == 0) {
      // Fast path: a word of ASCII letters ended by an ASCII non-letter
      // other than an apostrophe is looked up straight from the text,
      // lower-cased by setting bit 5 of each (letter) byte.
      size_t j = i + 1;
      while (j < end && kClasses.to[p[j]] > 1) ++j;
      if (j == end || (p[j] < 0x80 && p[j] != '\'')) {
        const size_t n = j - i;
        ++words;
        latin += n;
        if (n <= kMaxWordBytes) {
          Key k;
          if (std::endian::native == std::endian::little && i + 16 <= s.size()) {
            std::memcpy(&k.a, p + i, 8);
            std::memcpy(&k.b, p + i + 8, 8);
            const uint64_t lo = n >= 8 ? ~0ull : (1ull << (8 * n)) - 1;
            const uint64_t hi = n <= 8 ? 0 : (1ull << (8 * (n - 8))) - 1;
            k.a = (k.a & lo) | (0x2020202020202020ull & lo);
            k.b = (k.b & hi) | (0x2020202020202020ull & hi) | (static_cast<uint64_t>(n) << 56);
          } else {
            char w[16];
            for (size_t q = 0; q < n; ++q) w[q] = static_cast<char>(kClasses.to[p[i + q]]);
            k = PackWord(w, n);
          }
          ++t->by_set[table.Find(k)];
        }
        i = j;
        continue;
      }
    }
    if (c > 1) {
      push(c);
      ++latin;
      ++i;
      continue;
    }
    if (c == 0) {
      if (p[i] == '\'' && len > 0 && letter_at(i + 1)) push('\'');
      finish();
      ++i;
      continue;
    }
    char32_t cp = 0;
    size_t n = 0;
    if (p[i] >= 0xC2 && p[i] <= 0xDF && i + 1 < s.size() && (p[i + 1] & 0xC0) == 0x80) {
      cp = static_cast<char32_t>(((p[i] & 0x1F) << 6) | (p[i + 1] & 0x3F));  // the usual case
      n = 2;
    } else {
      n = DecodeUtf8(s, i, &cp);
    }
    if (n == 0) {  // not UTF-8: a word break
      finish();
      ++i;
      continue;
    }
    if (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7) {
      if (cp <= 0xDE) cp += 0x20;  // Latin-1 upper -> lower
      ++t->by_letter[table.FindLetter(cp)];
      push(static_cast<unsigned char>(0xC0 | (cp >> 6)));
      push(static_cast<unsigned char>(0x80 | (cp & 0x3F)));
      ++latin;
    } else if (cp == 0x2019 && len > 0 && letter_at(i + n)) {
      push('\'');  // ’ as an apostrophe
      finish();
    } else {
      if (IsOtherScriptLetter(cp)) ++other;
      ++t->by_letter[table.FindLetter(cp)];  // "¿", "¡"
      finish();
    }
    i += n;
  }
  finish();
  t->words += words;
  t->latin_letters += latin;
  t->other_letters += other;
}

// Moves `pos` forward past the rest of a word (at most 32 bytes), so that a
// window does not start or end inside one.
size_t ToWordBreak(std::string_view s, size_t pos) {
  const size_t limit = std::min(s.size(), pos + 32);
  while (pos < limit && !IsAsciiSpace(s[pos])) ++pos;
  return pos;
}

}  // namespace

bool IsSupportedLanguage(std::string_view code) {
  return std::find(kLanguages.begin(), kLanguages.end(), code) != kLanguages.end();
}

LanguageGuess DetectLanguage(std::string_view text) {
  return DetectLanguage(text, kLanguageSampleBytes);
}

LanguageGuess DetectLanguage(std::string_view text, size_t sample_bytes) {
  const FunctionWords& table = Table();
  Tally t;
  constexpr size_t kWindows = 4;
  if (text.size() <= sample_bytes || sample_bytes < kWindows) {
    Scan(text, 0, std::min(text.size(), std::max(sample_bytes, kWindows)), table, &t);
  } else {
    const size_t kWindow = sample_bytes / kWindows;
    for (size_t w = 0; w < kWindows; ++w) {
      const size_t at = (text.size() - kWindow) * w / (kWindows - 1);
      const size_t begin = w == 0 ? 0 : ToWordBreak(text, at);
      const size_t end = ToWordBreak(text, at + kWindow);
      if (begin < end) Scan(text, begin, end, table, &t);
    }
  }
  LanguageGuess g;
  g.words = t.words;
  const size_t letters = t.latin_letters + t.other_letters;
  if (letters > 0 && t.other_letters * 2 > letters) {
    g.confidence = static_cast<double>(t.other_letters) / static_cast<double>(letters);
    return g;
  }
  double score[kLanguages.size()] = {};
  size_t hits[kLanguages.size()] = {};
  for (size_t id = 1; id < table.set_count(); ++id) {
    if (t.by_set[id] == 0) continue;
    const unsigned m = table.set_mask(id);
    const double share = static_cast<double>(t.by_set[id]) / std::popcount(m);
    for (size_t l = 0; l < kLanguages.size(); ++l) {
      if (m & (1u << l)) {
        score[l] += share;
        hits[l] += t.by_set[id];
      }
    }
  }
  for (size_t id = 1; id < table.set_count(); ++id) {
    if (t.by_letter[id] == 0) continue;
    const unsigned m = table.set_mask(id);
    const double share = kLetterWeight * static_cast<double>(t.by_letter[id]) / std::popcount(m);
    for (size_t l = 0; l < kLanguages.size(); ++l) {
      if (m & (1u << l)) score[l] += share;
    }
  }
  size_t best = 0;
  for (size_t l = 1; l < kLanguages.size(); ++l) {
    if (score[l] > score[best]) best = l;
  }
  double second = 0;
  for (size_t l = 0; l < kLanguages.size(); ++l) {
    if (l != best) second = std::max(second, score[l]);
  }
  g.hits = hits[best];
  if (hits[best] < kMinLanguageHits ||
      static_cast<double>(hits[best]) < kMinLanguageCoverage * static_cast<double>(t.words) ||
      score[best] <= second) {
    return g;
  }
  g.lang = kLanguages[best];
  g.confidence = (score[best] - second) / score[best];
  return g;
}

}  // namespace annals
