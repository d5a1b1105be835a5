// text/embedded.h — the data/ files compiled into the library.
//
// cmake/embed.cmake turns data/*/lexicon, data/*/rules and data/*/text into one
// table of {relative path, contents}; the contents live as long as the
// program, so views into them never dangle. Every layer reads its data
// from here, so the table is declared once.
#ifndef ANNALS_TEXT_EMBEDDED_H_
#define ANNALS_TEXT_EMBEDDED_H_

#include <string_view>
#include <utility>
#include <vector>

namespace annals::embedded {

// Generated: kFiles[0 .. kFileCount) ("lexicon/month.tsv", contents).
extern const std::pair<std::string_view, std::string_view> kFiles[];
extern const int kFileCount;

// The contents of data/<path> ("text/stopwords.txt"); empty if none.
std::string_view File(std::string_view path);

// The lines of a data file that hold data: line ends ("\r\n" too) and
// trailing spaces dropped, blank lines and '#' comments skipped.
std::vector<std::string_view> DataLines(std::string_view contents);

}  // namespace annals::embedded

#endif  // ANNALS_TEXT_EMBEDDED_H_
