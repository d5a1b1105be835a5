// eval/te3_normalizer.h — the two steps of the official TempEval-3 toolkit
// that decide which timexes it pairs: the tokenizer its TimeML-Normalizer
// runs (tokenize.pl + the Java line filter) and the normalizer's
// merge_tok_n_tml, which labels every token O / B-TAG / I-TAG by walking the
// token characters against the raw XML. eval/tempeval.cc builds the id
// alignment and the counting on top of these. Everything works on Unicode
// code points, as the toolkit's Perl (use utf8) and Java (char) code does.
#ifndef ANNALS_EVAL_TE3_NORMALIZER_H_
#define ANNALS_EVAL_TE3_NORMALIZER_H_

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace annals::te3 {

// UTF-8 to code points; a malformed byte becomes U+FFFD, as Java's decoder
// does.
std::u32string Decode(std::string_view utf8);
std::string Encode(std::u32string_view text);

// The tokens the normalizer gets for a plain text (the TEXT content as its
// SAX handler extracts it, plus the "\n" it appends): tokenize.pl -e -a
// english-abbreviations, then timemlnormalizer.Tokenizer's filter (white
// space collapsed, '|' turned into '-', empty lines dropped, a token with
// exactly one inner hyphen split into three: "2009-2010" -> 2009 - 2010).
std::vector<std::u32string> Tokenize(std::u32string_view plain);

// One line of the normalizer's "-IOB2" file.
struct TokenLabel {
  std::u32string label;    // "O", "B-TIMEX3", "I-TIMEX3", "B-EVENT", ... (tag case kept)
  std::u32string attribs;  // the opening tag's attribute text on a B line, else "-"
};

// merge_tok_n_tml: labels `tokens` against the raw file `raw` (decoded),
// starting after its <TEXT> tag. Returns false with *error set where the
// normalizer throws (a character of the XML that is neither the token's
// next character, white space, a tag nor an entity: "Distinct chars";
// EVENT and TIMEX3 nested in one token: "Nested tags"; no <TEXT>).
bool LabelTokens(std::u32string_view raw, const std::vector<std::u32string>& tokens,
                 std::vector<TokenLabel>* labels, std::string* error);

// xml_parsers.XmlAttribs.parseAttrs: the attribute map the normalizer reads
// from a B line (it takes the tid/eid from here, not from the DOM).
std::map<std::u32string, std::u32string> ParseAttrs(std::u32string_view attribs);

}  // namespace annals::te3

#endif  // ANNALS_EVAL_TE3_NORMALIZER_H_
