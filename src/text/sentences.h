// text/sentences.h — sentence segmentation as byte spans into the text.
//
// Two kinds of input occur: raw news text (the seed article, JSONL corpora)
// and text that is already tokenized one sentence per line (Timeline17,
// Penn-Treebank tokens such as -LRB- `` '' 's and a detached final " .").
// Spans never include surrounding whitespace, never overlap, come in text
// order, and may leave gaps (whitespace, a trimmed dateline). Every function
// here runs in time linear in the text length.
#ifndef ANNALS_TEXT_SENTENCES_H_
#define ANNALS_TEXT_SENTENCES_H_

#include <cstddef>
#include <string_view>
#include <vector>

namespace annals {

struct SentenceSpan {
  size_t begin = 0;  // byte offset of the first byte
  size_t end = 0;    // byte offset one past the last byte
  bool operator==(const SentenceSpan&) const = default;
};

enum class SentenceStyle {
  kAuto,       // LooksTokenized() decides
  kRaw,        // running text
  kTokenized,  // one sentence per non-empty line
};

// True when `text` looks PTB-tokenized one sentence per line: most lines end
// in a detached " ." / " ?" / " !" / " ''", or it holds PTB-only tokens
// (-LRB-, -RRB-, ``), detached clitics (" 's ", " n't ") or detached commas
// (" , "), which running text does not have. Looks at the first 64 KiB only.
bool LooksTokenized(std::string_view text);

// Raw text rules: a sentence ends at . ! ? or an ellipsis (with any closing
// quotes or brackets after it) followed by whitespace and a word that does
// not start lower-case, and always at a blank line. A period does not end a
// sentence after a title (Mr. Dr. Gen. St.), a single initial (J. Smith),
// a month or "No." before a number (Jan. 30), nor after an abbreviation such
// as U.S. Inc. a.m. unless a typical sentence starter follows ("The", "He").
// The abbreviation classes are data: data/en/lexicon/abbreviations.tsv. A photo
// credit ("... 2012. REUTERS/Name") stays with its caption, and a dateline
// at the start of a paragraph ("BEIRUT (Reuters) - ", "(CNN) -- ") is left
// out of the first sentence's span.
//
// A sentence is at most kMaxSentenceBytes long: a longer run without a
// sentence end (a list, a transcript, text without punctuation) is cut at
// its last white space within the limit, or at a character boundary when
// it has none, so that every output showing a sentence stays bounded.
std::vector<SentenceSpan> SplitSentences(std::string_view text,
                                         SentenceStyle style = SentenceStyle::kAuto);

// The same in language `lang` (a code of kLanguages, text/language.h):
// its abbreviations come from data/<lang>/text/abbreviations.txt ("Sr.",
// "Mme", "z. B.", "Dott."; German ordinals "am 3. März"), a lower-case
// letter of any script does not begin a sentence, and the starter after an
// abbreviation is read in UTF-8. "en", and a code without a file, split
// exactly as the overload above.
std::vector<SentenceSpan> SplitSentences(std::string_view text, std::string_view lang,
                                         SentenceStyle style = SentenceStyle::kAuto);

// Longer than any sentence of Timeline17 (its longest line has 13,622
// bytes) or TempEval-3.
inline constexpr size_t kMaxSentenceBytes = size_t{16} << 10;

// The byte length of a dateline at `text` (the start of a paragraph),
// including the dash and the whitespace after it, or 0 when there is none.
size_t DatelineLength(std::string_view text);

}  // namespace annals

#endif  // ANNALS_TEXT_SENTENCES_H_
