#include "corpus/readers.h"

#include <gtest/gtest.h>
#include <unistd.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "test_util.h"

namespace annals {
namespace {

using testing::TempDir;

TEST(Readers, SeedExampleParsesWithDctAndOffset) {
  const std::string path =
      testing::SourceDir() + "/examples/reuters-2013-01-30-syria-opposition-talks.txt";
  std::string content;
  ReadError err;
  ASSERT_TRUE(ReadWholeFile(path, &content, &err)) << err.ToString();
  ASSERT_TRUE(CheckText(content, path, &err)) << err.ToString();
  EXPECT_EQ(DetectFormat(path, content), InputFormat::kDated);
  Document doc;
  size_t offset = 0;
  ASSERT_TRUE(ParseDatedArticle(content, path, &doc, &offset, &err)) << err.ToString();
  ASSERT_TRUE(doc.dct.has_value());
  EXPECT_EQ(doc.dct->ToString(), "2013-01-30");
  EXPECT_EQ(doc.id, path);
  EXPECT_EQ(offset, std::string(" date 2013-01-30 ").size());
  EXPECT_EQ(content.substr(offset), doc.text);
  EXPECT_EQ(doc.text.rfind("New Syrian National Coalition head", 0), 0u);
}

TEST(Readers, DatedArticleHeaderVariants) {
  Document doc;
  size_t offset = 0;
  ReadError err;
  ASSERT_TRUE(ParseDatedArticle("\n\n  date\t2012-02-29\n\nText.", "a.txt", &doc, &offset, &err));
  EXPECT_EQ(doc.dct->ToString(), "2012-02-29");
  EXPECT_EQ(doc.text, "Text.");
  EXPECT_EQ(offset, 21u);
  // A UTF-8 byte order mark is tolerated.
  ASSERT_TRUE(
      ParseDatedArticle("\xEF\xBB\xBF"
                        "date 2013-01-30 X",
                        "b.txt", &doc, &offset, &err));
  EXPECT_EQ(offset, 19u);
  EXPECT_EQ(doc.text, "X");
}

TEST(Readers, MalformedDatedHeadersNameFileAndLine) {
  for (const char* bad :
       {"date 2013-13-45 text", "date foo bar", "date 2013-02-30 x", "date 2013-1-30 text",
        "dated 2013-01-30 x", "Hello world", "date 2013-01-30T10:00 text"}) {
    Document doc;
    size_t offset = 0;
    ReadError err;
    EXPECT_FALSE(ParseDatedArticle(bad, "in.txt", &doc, &offset, &err)) << bad;
    EXPECT_EQ(err.file, "in.txt");
    EXPECT_EQ(err.line, 1u) << bad;
    EXPECT_EQ(err.ToString().rfind("in.txt:1: ", 0), 0u) << err.ToString();
  }
  Document doc;
  size_t offset = 0;
  ReadError err;
  EXPECT_FALSE(ParseDatedArticle("   \n  ", "empty.txt", &doc, &offset, &err));
  EXPECT_NE(err.message.find("empty"), std::string::npos);
}

TEST(Readers, DetectFormat) {
  EXPECT_EQ(DetectFormat("x/a.tml", ""), InputFormat::kTimeML);
  EXPECT_EQ(DetectFormat("a.tml.TE3input", ""), InputFormat::kTimeML);
  EXPECT_EQ(DetectFormat("a.jsonl", ""), InputFormat::kJsonl);
  EXPECT_EQ(DetectFormat("a.jsonl.gz", ""), InputFormat::kJsonl);
  EXPECT_EQ(DetectFormat("a.txt", "  date 2013-01-30 Text"), InputFormat::kDated);
  EXPECT_EQ(DetectFormat("a.txt", "date 2013-13-45 Text"), InputFormat::kDated);
  EXPECT_EQ(DetectFormat("a.txt", "Dates are fun."), InputFormat::kPlain);
  EXPECT_EQ(DetectFormat("a.txt", "date night"), InputFormat::kPlain);
  EXPECT_EQ(DetectFormat("a.txt", ""), InputFormat::kPlain);
  EXPECT_EQ(DetectFormat("-", "<?xml version=\"1.0\"?>"), InputFormat::kTimeML);
  EXPECT_EQ(DetectFormat("-", "{\"time\": \"2013-01-30\"}"), InputFormat::kJsonl);
}

TEST(Readers, CheckTextNamesLineOfFirstBadByte) {
  ReadError err;
  EXPECT_TRUE(CheckText("plain\nascii", "f", &err));
  EXPECT_TRUE(
      CheckText("caf\xC3\xA9 \xE2\x80\x9C"
                "q\xE2\x80\x9D \xF0\x9F\x98\x80",
                "f", &err));
  EXPECT_TRUE(CheckText("", "f", &err));

  EXPECT_FALSE(
      CheckText("one\ntwo\nthr\xFF"
                "ee\n\xFF",
                "f.txt", &err));
  EXPECT_EQ(err.line, 3u);
  EXPECT_EQ(err.file, "f.txt");
  EXPECT_NE(err.message.find("UTF-8"), std::string::npos);
  EXPECT_NE(err.message.find("column 4"), std::string::npos) << err.message;

  EXPECT_FALSE(CheckText(std::string("a\nb\0c", 5), "g", &err));
  EXPECT_EQ(err.line, 2u);
  EXPECT_NE(err.message.find("NUL"), std::string::npos);

  // Ill-formed: overlong, surrogate, above U+10FFFF, truncated, lone
  // continuation byte.
  for (const char* bad :
       {"\xC0\xAF", "\xE0\x80\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "ok \xE2\x80", "\x80"}) {
    EXPECT_FALSE(CheckText(bad, "h", &err)) << bad;
    EXPECT_EQ(err.line, 1u);
  }
  // The fast ASCII path must still see a bad byte at any alignment.
  for (size_t pos = 0; pos < 20; ++pos) {
    std::string s(24, 'x');
    s[pos] = '\xFE';
    EXPECT_EQ(FindBadTextByte(s), pos);
    s[pos] = '\0';
    EXPECT_EQ(FindBadTextByte(s), pos);
  }
}

TEST(Readers, ReadWholeFileErrors) {
  TempDir dir;
  std::string out;
  ReadError err;
  EXPECT_FALSE(ReadWholeFile(dir.path() + "/missing.txt", &out, &err));
  EXPECT_EQ(err.line, 0u);
  EXPECT_NE(err.ToString().find("missing.txt: "), std::string::npos);
  EXPECT_FALSE(ReadWholeFile(dir.path(), &out, &err));
  EXPECT_NE(err.message.find("directory"), std::string::npos);
  const std::string p = dir.Write("big.txt", std::string(100, 'x'));
  EXPECT_FALSE(ReadWholeFile(p, &out, &err, 50));
  EXPECT_NE(err.message.find("too large"), std::string::npos);
  ASSERT_TRUE(ReadWholeFile(p, &out, &err, 100));
  EXPECT_EQ(out, std::string(100, 'x'));
  const std::string e = dir.Write("empty.txt", "");
  ASSERT_TRUE(ReadWholeFile(e, &out, &err));
  EXPECT_TRUE(out.empty());
}

struct JsonlResult {
  std::vector<Document> docs;
  std::vector<size_t> doc_lines;
  std::vector<ReadError> errors;
};

JsonlResult ReadAllJsonl(const std::string& path) {
  JsonlResult r;
  ReadError err;
  auto reader = JsonlReader::Open(path, &err);
  EXPECT_NE(reader, nullptr) << err.ToString();
  if (reader == nullptr) return r;
  Document doc;
  bool ok = false;
  size_t calls = 0;
  while (reader->Next(&doc, &ok, &err)) {
    ++calls;
    EXPECT_EQ(reader->line(), calls);
    if (ok) {
      r.docs.push_back(doc);
      r.doc_lines.push_back(reader->line());
    } else {
      EXPECT_EQ(err.line, reader->line());
      r.errors.push_back(err);
    }
  }
  EXPECT_FALSE(reader->Next(&doc, &ok, &err));  // stays at end
  return r;
}

TEST(Jsonl, GoodAndBadLinesEachYieldOneResult) {
  TempDir dir;
  const std::vector<std::string> lines = {
      R"({"id": "a", "time": "2013-01-30", "text": "Hello."})",                   // 1 ok
      R"({"time": "2013-01-30T10:15:00Z", "text": "No id.", "extra": [1, {}]})",  // 2 ok
      R"({"id": oops})",                                                          // 3 not JSON
      R"([1, 2, 3])",                                                             // 4 not object
      R"({"id": "b", "text": "x"})",                                              // 5 no time
      R"({"time": 20130130, "text": "x"})",                                       // 6 bad time
      R"({"time": "2013-01-30"})",                                                // 7 no text
      R"({"time": "2013-01-30", "text": null})",                                  // 8 bad text
      R"({"time": "2013-02-30", "text": "x"})",                                   // 9 no such day
      "",                                                                         // 10 blank
      "{\"time\": \"2013-01-30\", \"text\": \"bad \xFF byte\"}",                  // 11 UTF-8
      R"({"id": 7, "time": "2013-01-31", "text": "\u00e9\ud83d\ude00\n\"q\""})",  // 12 ok
      R"({"time": "2013-01-30", "text": "x"} trailing)",                          // 13 not JSON
      R"({"time": "2013-01-30", "text": "unterminated)",                          // 14 not JSON
      R"({"time": "2013-01-30", "text": "\ud800 lone"})",                         // 15 surrogate
      std::string(5000, '[') + std::string(5000, ']'),                            // 16 too deep
      "\t{\"time\": \"2013-01-29\", \"text\": \"last\"}\r",                       // 17 ok
      R"({"time": "2013-01-30", "text": "tab\there \/ \\ \b\f\r"})",              // 18 ok
      R"({"time": "2013-01-30", "text": "bad \x escape"})",                       // 19 not JSON
      R"({"time": "2013-01-30", "text": "nul \u0000"})",                          // 20 NUL
      R"({"time": "2013-01-30", "text": 1e5, "text": "dup"})",                    // 21 ok
  };
  std::string content;
  for (const std::string& l : lines) content += l + "\n";
  const std::string path = dir.Write("in.jsonl", content);
  JsonlResult r = ReadAllJsonl(path);
  ASSERT_EQ(r.docs.size(), 6u);
  EXPECT_EQ(r.doc_lines, (std::vector<size_t>{1, 2, 12, 17, 18, 21}));
  EXPECT_EQ(r.docs[0].id, "a");
  EXPECT_EQ(r.docs[0].dct->ToString(), "2013-01-30");
  EXPECT_EQ(r.docs[0].text, "Hello.");
  EXPECT_EQ(r.docs[1].id, path + ":2");
  EXPECT_EQ(r.docs[1].dct->ToString(), "2013-01-30");
  EXPECT_EQ(r.docs[2].id, "7");
  EXPECT_EQ(r.docs[2].text, "\xC3\xA9\xF0\x9F\x98\x80\n\"q\"");
  EXPECT_EQ(r.docs[3].text, "last");
  EXPECT_EQ(r.docs[4].text, "tab\there / \\ \b\f\r");
  EXPECT_EQ(r.docs[5].text, "dup");  // a repeated key: the last one wins

  std::vector<size_t> error_lines;
  for (const ReadError& e : r.errors) {
    error_lines.push_back(e.line);
    EXPECT_EQ(e.file, path);
    EXPECT_LT(e.message.size(), 200u) << e.message;
  }
  EXPECT_EQ(error_lines,
            (std::vector<size_t>{3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 14, 15, 16, 19, 20}));
  auto message_of = [&](size_t line) {
    for (const ReadError& e : r.errors) {
      if (e.line == line) return e.message;
    }
    return std::string();
  };
  EXPECT_NE(message_of(3).find("not valid JSON"), std::string::npos) << message_of(3);
  EXPECT_NE(message_of(4).find("not a JSON object"), std::string::npos);
  EXPECT_NE(message_of(5).find("missing \"time\""), std::string::npos);
  EXPECT_NE(message_of(6).find("\"time\""), std::string::npos);
  EXPECT_NE(message_of(7).find("missing \"text\""), std::string::npos);
  EXPECT_NE(message_of(8).find("\"text\""), std::string::npos);
  EXPECT_NE(message_of(9).find("2013-02-30"), std::string::npos);
  EXPECT_NE(message_of(10).find("blank"), std::string::npos);
  EXPECT_NE(message_of(11).find("UTF-8"), std::string::npos);
  EXPECT_NE(message_of(16).find("nesting"), std::string::npos);
  EXPECT_NE(message_of(19).find("escape"), std::string::npos);
  EXPECT_NE(message_of(20).find("u0000"), std::string::npos);
}

TEST(Jsonl, LastLineWithoutNewlineAndEmptyFile) {
  TempDir dir;
  JsonlResult r = ReadAllJsonl(dir.Write("a.jsonl", R"({"time": "2013-01-30", "text": "x"})"));
  EXPECT_EQ(r.docs.size(), 1u);
  EXPECT_TRUE(r.errors.empty());
  r = ReadAllJsonl(dir.Write("b.jsonl", ""));
  EXPECT_TRUE(r.docs.empty());
  EXPECT_TRUE(r.errors.empty());
  ReadError err;
  EXPECT_EQ(JsonlReader::Open(dir.path() + "/none.jsonl", &err), nullptr);
  EXPECT_NE(err.ToString().find("none.jsonl"), std::string::npos);
}

TEST(Jsonl, ReadsGzip) {
  TempDir dir;
  const std::string path = dir.path() + "/in.jsonl.gz";
  gzFile gz = gzopen(path.c_str(), "wb");
  ASSERT_NE(gz, nullptr);
  for (int i = 1; i <= 3; ++i) {
    const std::string line = "{\"id\": \"d" + std::to_string(i) + "\", \"time\": \"2013-01-0" +
                             std::to_string(i) + "\", \"text\": \"Text " + std::to_string(i) +
                             ".\"}\n";
    ASSERT_EQ(gzwrite(gz, line.data(), static_cast<unsigned>(line.size())),
              static_cast<int>(line.size()));
  }
  gzwrite(gz, "not json\n", 9);
  ASSERT_EQ(gzclose(gz), Z_OK);
  JsonlResult r = ReadAllJsonl(path);
  ASSERT_EQ(r.docs.size(), 3u);
  EXPECT_EQ(r.docs[2].id, "d3");
  EXPECT_EQ(r.docs[2].dct->ToString(), "2013-01-03");
  EXPECT_EQ(r.docs[2].text, "Text 3.");
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].line, 4u);
}

TEST(Jsonl, TruncatedGzipIsReportedNotCrashed) {
  TempDir dir;
  const std::string path = dir.path() + "/t.jsonl.gz";
  gzFile gz = gzopen(path.c_str(), "wb");
  ASSERT_NE(gz, nullptr);
  std::string body;
  for (int i = 0; i < 2000; ++i)
    body += "{\"time\": \"2013-01-01\", \"text\": \"line " + std::to_string(i) + "\"}\n";
  gzwrite(gz, body.data(), static_cast<unsigned>(body.size()));
  gzclose(gz);
  std::string bytes;
  ReadError err;
  ASSERT_TRUE(ReadWholeFile(path, &bytes, &err));
  const std::string cut = dir.Write("cut.jsonl.gz", bytes.substr(0, bytes.size() / 2));
  JsonlResult r = ReadAllJsonl(cut);
  EXPECT_LT(r.docs.size(), 2000u);
  ASSERT_FALSE(r.errors.empty());
}

TEST(Jsonl, TwentyMegabyteLine) {
  TempDir dir;
  std::string text;
  text.reserve(20u << 20);
  while (text.size() < (20u << 20)) text += "Assad said on Wednesday \xE2\x80\x9Cno\xE2\x80\x9D. ";
  const std::string path = dir.path() + "/big.jsonl";
  {
    std::ofstream out(path, std::ios::binary);
    out << R"({"id": "big", "time": "2013-01-30", "text": ")" << text << "\"}\n";
    out << R"({"id": "small", "time": "2013-01-31", "text": "after"})"
        << "\n";
  }
  JsonlResult r = ReadAllJsonl(path);
  ASSERT_EQ(r.docs.size(), 2u);
  EXPECT_TRUE(r.errors.empty());
  EXPECT_EQ(r.docs[0].text.size(), text.size());
  EXPECT_TRUE(r.docs[0].text == text);
  EXPECT_EQ(r.doc_lines, (std::vector<size_t>{1, 2}));
  EXPECT_EQ(r.docs[1].text, "after");
}

// The text is read into one reservation of the rest of its line; what the
// text does not use (here a large field after it) is given back, so that a
// corpus holds its texts at about their size.
TEST(Jsonl, TextHoldsAboutItsOwnSize) {
  TempDir dir;
  const std::string text(50000, 't');
  const std::string path =
      dir.Write("t.jsonl", R"({"time": "2013-01-30", "text": ")" + text + R"(", "html": ")" +
                               std::string(200000, 'h') + "\"}\n" +
                               R"({"time": "2013-01-31", "text": "short", "html": ")" +
                               std::string(100000, 'h') + "\"}\n");
  ReadError err;
  auto reader = JsonlReader::Open(path, &err);
  ASSERT_NE(reader, nullptr) << err.ToString();
  Document doc;
  bool ok = false;
  ASSERT_TRUE(reader->Next(&doc, &ok, &err));
  ASSERT_TRUE(ok) << err.ToString();
  EXPECT_EQ(doc.text, text);
  EXPECT_LE(doc.text.capacity(), text.size() + text.size() / 8 + 4096);
  ASSERT_TRUE(reader->Next(&doc, &ok, &err));
  ASSERT_TRUE(ok) << err.ToString();
  EXPECT_EQ(doc.text, "short");
  EXPECT_LE(doc.text.capacity(), 5u + 4096u);
}

}  // namespace
}  // namespace annals
