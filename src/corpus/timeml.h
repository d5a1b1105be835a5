// corpus/timeml.h — reading and writing TimeML (.tml) and TempEval-3 input
// (.tml.TE3input) documents.
//
// Reading turns the <TEXT> element into plain text (tags removed, XML
// entities decoded) and keeps, for every plain-text byte, where it came from
// in the raw file, so that annotations found on the plain text can be written
// back into the original bytes. Writing changes nothing but the inserted (and,
// on request, the removed) TIMEX3 tags: the official TempEval-3 scorer refuses
// any document whose text differs from the gold text.
//
// The reader never crashes on arbitrary bytes: malformed input yields a
// TimemlError naming the 1-based line of the problem.
#ifndef ANNALS_CORPUS_TIMEML_H_
#define ANNALS_CORPUS_TIMEML_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "annals/timex.h"

namespace annals {

struct TimemlError {
  size_t line = 0;  // 1-based; 0 when the error concerns the whole document
  std::string message;
  // "line N: message" (or just the message when line is 0).
  std::string ToString() const;
};

// One TIMEX3 element inside <TEXT>.
struct TimemlTimex {
  size_t begin = 0;                   // plain-text byte offset of the first covered byte
  size_t end = 0;                     // plain-text byte offset one past the last covered byte
  std::string text;                   // plain (decoded) covered text
  std::string raw_text;               // the raw bytes between the opening and closing tag
  std::string tid, type, value, mod;  // decoded; empty when absent
  // Every attribute in document order (decoded), tid/type/value/mod included.
  std::vector<std::pair<std::string, std::string>> attributes;
  // Raw byte ranges of the opening and closing tag.
  size_t raw_open_begin = 0, raw_open_end = 0;
  size_t raw_close_begin = 0, raw_close_end = 0;
  // True when other markup occurs between the opening and closing tag (the
  // TE3 scorer does not see such a TIMEX3 at all).
  bool contains_markup = false;
};

// One tag inside <TEXT> (any element, TIMEX3 included).
struct TimemlTag {
  enum Kind { kOpen, kClose, kEmpty };
  Kind kind = kOpen;
  std::string name;
  size_t raw_begin = 0, raw_end = 0;  // the bytes `<...>`
  size_t plain_offset = 0;            // plain-text offset the tag sits before
  int timex = -1;                     // index into TimemlDocument::timexes for TIMEX3 tags
};

struct TimemlDocument {
  std::string docid;      // content of <DOCID>, trimmed; may be empty
  std::string dct_value;  // value of the CREATION_TIME TIMEX3 inside <DCT>
  std::string dct_tid;    // its tid ("t0" in TempEval-3 files)
  // Raw byte range of the content of <TEXT> (after `<TEXT>`, before
  // `</TEXT>`).
  size_t text_raw_begin = 0, text_raw_end = 0;
  std::string text;  // TEXT content, tags removed, entities decoded
  // For every byte of `text`, the raw offsets of the source it was decoded
  // from: [raw_begin[i], raw_end[i]) is the byte itself, or the whole entity
  // reference (`&amp;`) for the bytes an entity decodes to.
  std::vector<size_t> raw_begin, raw_end;
  std::vector<TimemlTimex> timexes;  // TIMEX3s inside TEXT, in document order
  std::vector<TimemlTag> tags;       // all tags inside TEXT, in document order

  // Raw offset of plain offset `p` (p == text.size() maps to text_raw_end).
  size_t RawOffset(size_t p) const { return p < raw_begin.size() ? raw_begin[p] : text_raw_end; }
};

// Parses a TimeML document. Requires a <DCT> holding a TIMEX3 with
// functionInDocument="CREATION_TIME" and exactly one <TEXT> element; checks
// that tags are terminated and properly nested, attributes are well formed
// (name="value" or name='value'), and entity references are known. On
// failure returns false and fills *err; *doc is then unspecified.
bool ParseTimeml(std::string_view raw, TimemlDocument* doc, TimemlError* err);

struct TimemlParseOptions {
  // When false a document without <DCT> (or without a TIMEX3 in it) is
  // accepted with empty dct_value/dct_tid: a scorer can still score its TEXT.
  bool require_dct = true;
};
bool ParseTimeml(std::string_view raw, const TimemlParseOptions& options, TimemlDocument* doc,
                 TimemlError* err);

struct TimemlWriteOptions {
  // Remove the TIMEX3 tags already inside <TEXT> (gold annotations) before
  // inserting, so that gold files can be re-tagged. The DCT is never touched.
  bool strip_existing_timex = false;
};

// Returns `raw` with one `<TIMEX3 tid="tN" type="..." value="..."
// [mod="..."]>...</TIMEX3>` inserted inside <TEXT> for each timex, every other
// byte unchanged (except removed TIMEX3 tags under strip_existing_timex).
// Timex begin/end are byte offsets into TimemlDocument::text of `raw`. tids
// are t1, t2, ... in text order, skipping tids already used in the document;
// attribute values are XML-escaped.
//
// Spans are made safe rather than trusted: an end inside a multi-byte
// character or an entity is widened to its boundary; a span that is empty,
// out of range, overlaps an earlier accepted span, or would enclose or cross
// another tag is skipped (counted in *skipped when non-null). Returns false
// only when `raw` itself does not parse.
bool WriteTimeml(std::string_view raw, const std::vector<Timex>& timexes,
                 const TimemlWriteOptions& options, std::string* out, TimemlError* err,
                 size_t* skipped = nullptr);

// Escapes & < > " for use inside a double-quoted attribute value or text.
std::string XmlEscape(std::string_view s);

}  // namespace annals

#endif  // ANNALS_CORPUS_TIMEML_H_
