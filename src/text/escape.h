// text/escape.h — text made safe inside markup.
#ifndef ANNALS_TEXT_ESCAPE_H_
#define ANNALS_TEXT_ESCAPE_H_

#include <string>
#include <string_view>

namespace annals {

// `s` with & < > " written as entities, for XML or HTML text and
// double-quoted attribute values; with `apostrophe`, ' as &#39; too (HTML
// that may be put inside single-quoted attributes). Bytes are otherwise
// kept, so UTF-8 stays UTF-8.
std::string EscapeMarkup(std::string_view s, bool apostrophe = false);

}  // namespace annals

#endif  // ANNALS_TEXT_ESCAPE_H_
