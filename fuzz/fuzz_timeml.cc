// Fuzzes the TimeML reader and writer: a parsed document must map every
// text byte into the raw input, and writing no expressions into a parsed
// document must give the input back unchanged.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "corpus/timeml.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view raw(reinterpret_cast<const char*>(data), size);
  annals::TimemlDocument doc;
  annals::TimemlError err;
  if (!annals::ParseTimeml(raw, &doc, &err)) return 0;
  for (size_t i = 0; i < doc.text.size(); ++i)
    if (doc.RawOffset(i) >= size) std::abort();
  std::string out;
  if (!annals::WriteTimeml(raw, {}, annals::TimemlWriteOptions{}, &out, &err)) std::abort();
  if (out != raw) std::abort();
  // One expression over the whole text must not break the document.
  if (!doc.text.empty()) {
    annals::Timex t;
    t.begin = 0;
    t.end = doc.text.size();
    t.value = "2013";
    annals::WriteTimeml(raw, {t}, annals::TimemlWriteOptions{}, &out, &err);
  }
  return 0;
}
