#include "text/sentences.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "corpus/readers.h"
#include "test_util.h"

namespace annals {
namespace {

std::vector<std::string> Sentences(std::string_view text,
                                   SentenceStyle style = SentenceStyle::kAuto) {
  std::vector<std::string> out;
  size_t last_end = 0;
  for (const SentenceSpan& s : SplitSentences(text, style)) {
    // Spans are ordered, disjoint, non-empty and trimmed.
    EXPECT_LE(last_end, s.begin);
    EXPECT_LT(s.begin, s.end);
    EXPECT_LE(s.end, text.size());
    EXPECT_NE(text[s.begin], ' ');
    EXPECT_NE(text[s.end - 1], ' ');
    EXPECT_NE(text[s.end - 1], '\n');
    last_end = s.end;
    out.emplace_back(text.substr(s.begin, s.end - s.begin));
  }
  return out;
}

std::string SeedText() {
  const std::string content = testing::ReadFile(
      testing::SourceDir() + "/examples/reuters-2013-01-30-syria-opposition-talks.txt");
  Document doc;
  size_t offset = 0;
  ReadError err;
  EXPECT_TRUE(ParseDatedArticle(content, "seed", &doc, &offset, &err)) << err.ToString();
  return doc.text;
}

TEST(Sentences, SeedArticle) {
  const std::string text = SeedText();
  EXPECT_FALSE(LooksTokenized(text));
  const std::vector<std::string> s = Sentences(text);
  ASSERT_EQ(s.size(), 14u);
  // The photo caption keeps its credit.
  EXPECT_EQ(s[0],
            "New Syrian National Coalition head Mouaz al-Khatib listens as France's President "
            "speaks to journalists in the courtyard following a meeting at the Elysee Palace in "
            "Paris, November 17, 2012. REUTERS/Benoit Tessier");
  // The dateline is not part of the first sentence of the story.
  EXPECT_EQ(s[1].rfind("The head of Syria\xE2\x80\x99s main opposition coalition", 0), 0u) << s[1];
  EXPECT_TRUE(s[1].ends_with("tens of thousands of detainees."));
  EXPECT_TRUE(s[3].ends_with("he called \xE2\x80\x9Cterrorists\xE2\x80\x9D."));
  EXPECT_EQ(s[6],
            "\xE2\x80\x9CI am prepared to sit down directly with representatives of the Syrian "
            "regime in Cairo, Tunis or Istanbul,\xE2\x80\x9D Alkhatib said in a statement on his "
            "Facebook page.");
  // An ellipsis before a capital ends the sentence inside the quotation.
  EXPECT_TRUE(s[9].ends_with("right to full freedom ...")) << s[9];
  EXPECT_TRUE(s[10].starts_with("The Syrian National Council affirms"));
  EXPECT_TRUE(s[10].ends_with("negotiation with it.\xE2\x80\x9D")) << s[10];
  EXPECT_EQ(s[12],
            "\xE2\x80\x9CShould we speak to gangs recruited abroad that follow the orders of "
            "foreigners?");
  EXPECT_EQ(s[13],
            "Should we have official dialogue with a puppet made by the West, which has scripted "
            "its lines?\xE2\x80\x9D he said.");
}

// A run without a sentence end longer than kMaxSentenceBytes is cut into
// pieces within the limit: at white space when it has some, else at a
// character boundary; nothing is lost.
TEST(Sentences, OverlongRunsAreCutWithinTheLimit) {
  std::string words;
  while (words.size() < 3 * kMaxSentenceBytes) words += "committee met on Monday ";
  words += "and ended.";
  const std::vector<std::string> pieces = Sentences(words, SentenceStyle::kRaw);
  ASSERT_EQ(pieces.size(), 4u);
  std::string joined;
  for (const std::string& p : pieces) {
    EXPECT_LE(p.size(), kMaxSentenceBytes);
    EXPECT_NE(p.back(), ' ');
    joined += (joined.empty() ? "" : " ") + p;
  }
  EXPECT_EQ(joined, words.substr(0, words.size()));

  // No white space at all, and multi-byte characters: cut between them.
  std::string dense;
  while (dense.size() < 2 * kMaxSentenceBytes + 7) dense += "\xC3\xA9";  // é
  const std::vector<std::string> cut = Sentences(dense, SentenceStyle::kTokenized);
  ASSERT_EQ(cut.size(), 3u);
  std::string rejoined;
  for (const std::string& p : cut) {
    EXPECT_LE(p.size(), kMaxSentenceBytes);
    EXPECT_EQ(FindBadTextByte(p), std::string_view::npos) << "a piece splits a character";
    rejoined += p;
  }
  EXPECT_EQ(rejoined, dense);
  // Bytes that are not UTF-8 (continuation bytes only) still get cut.
  const std::string raw(kMaxSentenceBytes + 10, '\x80');
  const std::vector<std::string> raw_cut = Sentences(raw, SentenceStyle::kTokenized);
  ASSERT_EQ(raw_cut.size(), 2u);
  EXPECT_EQ(raw_cut[0].size(), kMaxSentenceBytes);
  EXPECT_EQ(raw_cut[1].size(), 10u);
  // A sentence within the limit is left whole.
  EXPECT_EQ(Sentences(words.substr(0, 1000), SentenceStyle::kRaw).size(), 1u);
}

TEST(Sentences, Abbreviations) {
  EXPECT_EQ(Sentences("Mr. Smith went to Washington. He met Dr. Jones at 3.5 p.m. on Jan. 30. "
                      "The U.S. Senate voted. J. Smith agreed."),
            (std::vector<std::string>{"Mr. Smith went to Washington.",
                                      "He met Dr. Jones at 3.5 p.m. on Jan. 30.",
                                      "The U.S. Senate voted.", "J. Smith agreed."}));
  EXPECT_EQ(Sentences("He moved to the U.S. The move was costly."),
            (std::vector<std::string>{"He moved to the U.S.", "The move was costly."}));
  EXPECT_EQ(Sentences("Apple Inc. said sales rose. Acme Corp. Chief Executive John Doe quit."),
            (std::vector<std::string>{"Apple Inc. said sales rose.",
                                      "Acme Corp. Chief Executive John Doe quit."}));
  EXPECT_EQ(Sentences("It happened on Sept. 11, 2001 in St. Louis at 9 a.m. The city was quiet."),
            (std::vector<std::string>{"It happened on Sept. 11, 2001 in St. Louis at 9 a.m.",
                                      "The city was quiet."}));
  EXPECT_EQ(Sentences("They met in Feb. It was cold."),
            (std::vector<std::string>{"They met in Feb.", "It was cold."}));
  EXPECT_EQ(Sentences("Prices rose 3.5 percent. Shares fell 2.1."),
            (std::vector<std::string>{"Prices rose 3.5 percent.", "Shares fell 2.1."}));
}

TEST(Sentences, Quotations) {
  EXPECT_EQ(Sentences("\"We will win,\" he said. \"They will lose.\" Then it ended."),
            (std::vector<std::string>{"\"We will win,\" he said.", "\"They will lose.\"",
                                      "Then it ended."}));
  EXPECT_EQ(Sentences("\xE2\x80\x9CReally?\xE2\x80\x9D she asked. \xE2\x80\x9CYes!\xE2\x80\x9D"),
            (std::vector<std::string>{"\xE2\x80\x9CReally?\xE2\x80\x9D she asked.",
                                      "\xE2\x80\x9CYes!\xE2\x80\x9D"}));
  EXPECT_EQ(Sentences("He said (as usual.) Then left."),
            (std::vector<std::string>{"He said (as usual.)", "Then left."}));
}

TEST(Sentences, EllipsesAndParagraphs) {
  EXPECT_EQ(Sentences("Wait... What happened? He paused ... and left."),
            (std::vector<std::string>{"Wait...", "What happened?", "He paused ... and left."}));
  EXPECT_EQ(Sentences("Syria talks offered\n\nBody text here.\r\n \r\nthird para"),
            (std::vector<std::string>{"Syria talks offered", "Body text here.", "third para"}));
  // A single line break is just whitespace.
  EXPECT_EQ(Sentences("A wrapped\nsentence. Next\none."),
            (std::vector<std::string>{"A wrapped\nsentence.", "Next\none."}));
  EXPECT_TRUE(Sentences("").empty());
  EXPECT_TRUE(Sentences(" \n\n \t").empty());
}

TEST(Sentences, Datelines) {
  EXPECT_EQ(Sentences("WASHINGTON (Reuters) - Talks failed. More later."),
            (std::vector<std::string>{"Talks failed.", "More later."}));
  EXPECT_EQ(Sentences("(CNN) -- Talks failed."), (std::vector<std::string>{"Talks failed."}));
  EXPECT_EQ(Sentences("NEW YORK - Stocks fell."), (std::vector<std::string>{"Stocks fell."}));
  EXPECT_EQ(Sentences("LONDON, Jan 30 (Reuters) - Stocks fell."),
            (std::vector<std::string>{"Stocks fell."}));
  EXPECT_EQ(DatelineLength("BEIRUT (Reuters) - The head"), 19u);
  EXPECT_EQ(DatelineLength("Syrian officials - said"), 0u);
  EXPECT_EQ(DatelineLength("Al-Qaeda - a group"), 0u);
  EXPECT_EQ(DatelineLength("US - China"), 0u);
}

TEST(Sentences, TokenizedLines) {
  const std::string t17 =
      "-LRB- CNN -RRB- -- The U.S. said it 's ready to talk .\n"
      "`` We are not going anywhere , '' Mr. Smith said .\n"
      "\n"
      "  Third sentence without a stop  \n";
  EXPECT_TRUE(LooksTokenized(t17));
  EXPECT_EQ(Sentences(t17),
            (std::vector<std::string>{"-LRB- CNN -RRB- -- The U.S. said it 's ready to talk .",
                                      "`` We are not going anywhere , '' Mr. Smith said .",
                                      "Third sentence without a stop"}));
  EXPECT_TRUE(LooksTokenized("Stocks fell on Monday .\nBanks rallied .\nOil rose .\n"));
  EXPECT_FALSE(LooksTokenized("Stocks fell on Monday. Banks rallied.\nOil rose.\n"));
  // Forcing the raw style on tokenized text still gives sane spans.
  EXPECT_FALSE(Sentences(t17, SentenceStyle::kRaw).empty());
}

TEST(Sentences, T17ArticleIsOneSentencePerLine) {
  ANNALS_REQUIRE_SHARED();
  const std::string text = testing::ReadFile(
      testing::SharedDir() + "/data/t17/Finan_washingtonpost/InputDocs/2008-10-17/477.htm.txt");
  ASSERT_FALSE(text.empty());
  EXPECT_TRUE(LooksTokenized(text));
  size_t lines = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string::npos) nl = text.size();
    if (text.find_first_not_of(" \t\r", pos) < nl) ++lines;
    pos = nl + 1;
  }
  const std::vector<std::string> s = Sentences(text);
  EXPECT_EQ(s.size(), lines);
  EXPECT_EQ(s[0], "A worker passes the Bank of England in London on Tuesday .");
}

TEST(Sentences, LinearTimeOnAdversarialInput) {
  std::string text;
  for (int i = 0; i < 200000; ++i) text += "Mr. U.S. a. ... \xE2\x80\x9C";
  text += std::string(1 << 20, '.');
  text += std::string(1 << 20, ' ');
  // Speed is measured by the benchmarks, not here (timed unit tests are
  // flaky under sanitizers); this checks the adversarial input is handled
  // and the spans are ordered, disjoint and inside the text.
  const auto spans = SplitSentences(text, SentenceStyle::kRaw);
  LooksTokenized(text);
  ASSERT_FALSE(spans.empty());
  size_t last = 0;
  for (const auto& s : spans) {
    ASSERT_LE(last, s.begin);
    ASSERT_LT(s.begin, s.end);
    ASSERT_LE(s.end, text.size());
    last = s.end;
  }
}

}  // namespace
}  // namespace annals
