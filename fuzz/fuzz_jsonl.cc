// Fuzzes the JSONL reader through a temporary file: every line must yield
// a document or an error, and the line count must advance by one each time.
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "corpus/readers.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  char path[] = "/tmp/annals-fuzz-jsonl-XXXXXX";
  int fd = mkstemp(path);
  if (fd < 0) return 0;
  if (write(fd, data, size) != static_cast<ssize_t>(size)) {
    close(fd);
    unlink(path);
    return 0;
  }
  close(fd);
  annals::ReadError err;
  auto reader = annals::JsonlReader::Open(path, &err);
  if (reader) {
    annals::Document doc;
    bool ok = false;
    size_t expected = 0;
    while (reader->Next(&doc, &ok, &err)) {
      if (reader->line() != ++expected) std::abort();
      if (ok && (!doc.dct || !doc.dct->valid())) std::abort();
      if (!ok && err.message.empty()) std::abort();
    }
  }
  unlink(path);
  return 0;
}
