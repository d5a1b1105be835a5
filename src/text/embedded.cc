#include "text/embedded.h"

namespace annals::embedded {

std::string_view File(std::string_view path) {
  for (int f = 0; f < kFileCount; ++f)
    if (kFiles[f].first == path) return kFiles[f].second;
  return {};
}

std::vector<std::string_view> DataLines(std::string_view contents) {
  std::vector<std::string_view> out;
  while (!contents.empty()) {
    const size_t nl = contents.find('\n');
    std::string_view line = contents.substr(0, nl);
    contents = nl == std::string_view::npos ? std::string_view() : contents.substr(nl + 1);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
    if (!line.empty() && line[0] != '#') out.push_back(line);
  }
  return out;
}

}  // namespace annals::embedded
