// Fuzzes the tagger on arbitrary bytes: it must never crash, and every
// expression it returns must lie inside the input, in order, without
// overlap, with a text equal to the bytes it covers.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "annals/tagger.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  annals::TagOptions opt;
  opt.dct = annals::Date{2013, 1, 30};
  opt.type = size % 2 ? annals::DocType::kNews : annals::DocType::kNarrative;
  size_t last = 0;
  for (const annals::Timex& t : annals::Tagger::Default().Tag(text, opt)) {
    if (t.begin < last || t.end <= t.begin || t.end > size) std::abort();
    if (text.substr(t.begin, t.end - t.begin) != t.text) std::abort();
    if (t.value.empty()) std::abort();
    last = t.end;
  }
  return 0;
}
