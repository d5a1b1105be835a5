// annals/document.h — a dated article, as every reader produces it.
#ifndef ANNALS_DOCUMENT_H_
#define ANNALS_DOCUMENT_H_

#include <optional>
#include <string>

#include "annals/date.h"

namespace annals {

struct Document {
  std::string id;           // file name, JSONL "id", or TimeML DOCID
  std::optional<Date> dct;  // publication date, when the input names one
  std::string text;         // the article text (UTF-8)
  // The language the article is written in: an ISO 639-1 code ("fr"),
  // "und" for one annals does not cover, or empty when not yet known (it
  // is then detected from the text: annals/language.h).
  std::string lang;
};

}  // namespace annals

#endif  // ANNALS_DOCUMENT_H_
