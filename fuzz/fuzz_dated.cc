// Fuzzes the dated-article reader and the text checks.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "corpus/readers.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view content(reinterpret_cast<const char*>(data), size);
  annals::Document doc;
  annals::ReadError err;
  size_t offset = 0;
  if (annals::ParseDatedArticle(content, "fuzz", &doc, &offset, &err)) {
    if (!doc.dct || !doc.dct->valid() || offset > size) std::abort();
    if (content.substr(offset) != doc.text) std::abort();
  } else if (err.message.empty()) {
    std::abort();
  }
  annals::CheckText(content, "fuzz", &err);
  annals::DetectFormat("fuzz", content);
  return 0;
}
