// ROUGE-1.5.5 semantics: the Perl Porter stemmer, the WordNet exception
// override, stopword removal, tokenization, and the H/M/P counts.
#include "eval/rouge.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "test_util.h"

namespace annals::eval {
namespace {

using Sents = std::vector<std::string>;

TEST(PorterStemmerTest, ClassicVocabulary) {
  // Examples from Porter (1980) and the reference vocabulary/output pairs.
  const std::vector<std::pair<std::string, std::string>> cases = {
      // Step 1a.
      {"caresses", "caress"},
      {"ponies", "poni"},
      {"ties", "ti"},
      {"caress", "caress"},
      {"cats", "cat"},
      // Step 1b.
      {"feed", "feed"},
      {"agreed", "agre"},
      {"plastered", "plaster"},
      {"bled", "bled"},
      {"motoring", "motor"},
      {"sing", "sing"},
      {"conflated", "conflat"},
      {"troubled", "troubl"},
      {"sized", "size"},
      {"hopping", "hop"},
      {"tanned", "tan"},
      {"falling", "fall"},
      {"hissing", "hiss"},
      {"fizzed", "fizz"},
      {"failing", "fail"},
      {"filing", "file"},
      // Step 1c.
      {"happy", "happi"},
      {"sky", "sky"},
      {"toying", "toi"},
      // Steps 2-5.
      {"relational", "relat"},
      {"conditional", "condit"},
      {"rational", "ration"},
      {"generalization", "gener"},
      {"generalizations", "gener"},
      {"oscillators", "oscil"},
      {"hopeful", "hope"},
      {"goodness", "good"},
      {"electrical", "electr"},
      {"formality", "formal"},
      {"sensitivity", "sensit"},
      {"revival", "reviv"},
      {"allowance", "allow"},
      {"inference", "infer"},
      {"airliner", "airlin"},
      {"gyroscopic", "gyroscop"},
      {"adjustable", "adjust"},
      {"defensible", "defens"},
      {"irritant", "irrit"},
      {"replacement", "replac"},
      {"adjustment", "adjust"},
      {"dependent", "depend"},
      {"adoption", "adopt"},
      {"homologous", "homolog"},
      {"communism", "commun"},
      {"activate", "activ"},
      {"effective", "effect"},
      {"bowdlerize", "bowdler"},
      {"probate", "probat"},
      {"rate", "rate"},
      {"cease", "ceas"},
      {"controlling", "control"},
      {"roll", "roll"},
      {"government", "govern"},
      // Initial y is a consonant.
      {"yelling", "yell"},
      {"youth", "youth"},
      // Short words are left alone.
      {"is", "is"},
      {"as", "as"},
  };
  for (const auto& [word, stem] : cases) EXPECT_EQ(PorterStem(word), stem) << word;
}

TEST(PorterStemmerTest, RougeStepFourDiffersFromReferenceStemmer) {
  // ROUGE-1.5.5 (CYL, 02/2004) runs the step-4 tests one after another on
  // the word the previous test left: the main list, then -ment, then -ent.
  // The C reference stemmer stops at the first suffix that matches, so:
  //   argument:    reference tries -ment on "argu" (m=1): keeps "argument";
  //                ROUGE then tries -ent on "argum" (m=2): "argum".
  EXPECT_EQ(PorterStem("argument"), "argum");
  //   element:     reference tries -ement on "el" (m=1): "element";
  //                ROUGE: -ment on "ele" (m=1) no, -ent on "elem" (m=2).
  EXPECT_EQ(PorterStem("element"), "elem");
  //   agreement:   "agreem" by the same route (reference: "agreement").
  EXPECT_EQ(PorterStem("agreement"), "agreem");
  //   fundamental: both strip -al to "fundament"; ROUGE goes on with -ent
  //                on "fundam" (m=2): "fundam" (reference: "fundament").
  EXPECT_EQ(PorterStem("fundamental"), "fundam");
  // Where -ment leaves m <= 1 and -ent too, nothing changes.
  EXPECT_EQ(PorterStem("moment"), "moment");
}

RougeScorer SmallScorer() {
  return RougeScorer({"the", "a", "is", "of"}, {{"thought", "think"}, {"mice", "mouse"}});
}

TEST(RougeScorerTest, TokenizationLowercasesSplitsHyphensAndDropsStopwords) {
  const RougeScorer s = SmallScorer();
  // '-' becomes its own token and is then dropped (it does not start with
  // [a-z0-9$]); punctuation and non-ASCII bytes become spaces; "the" and
  // "of" are stopwords; "22", "old" and "u" are 3 bytes or less, unstemmed.
  EXPECT_EQ(s.Tokens(Sents{"The 22-month-old uprising of U.S. caf\xc3\xa9s"}),
            (Sents{"22", "month", "old", "upris", "u", "s", "caf", "s"}));
  // Sentences are joined: tokens of both appear in order.
  EXPECT_EQ(s.Tokens(Sents{"Cats .", "Ponies !"}), (Sents{"cat", "poni"}));
  EXPECT_TRUE(s.Tokens(Sents{}).empty());
  EXPECT_TRUE(s.Tokens(Sents{"... -- ,"}).empty());
}

TEST(RougeScorerTest, StopwordsAreRemovedBeforeStemming) {
  // "thes" is not a stopword although it would stem to "the"; "is" is
  // removed before it could be stemmed (it is too short anyway).
  const RougeScorer s = SmallScorer();
  EXPECT_EQ(s.Tokens(Sents{"thes is a test"}), (Sents{"the", "test"}));
}

TEST(RougeScorerTest, ExceptionsOverridePorterAndOnlyForLongTokens) {
  const RougeScorer s = SmallScorer();
  EXPECT_EQ(s.StemToken("thought"), "think");
  EXPECT_EQ(s.StemToken("thoughts"), "thought");  // not listed: Porter
  // "mice" has 4 bytes: stemmed, so the exception applies.
  EXPECT_EQ(s.Tokens(Sents{"Mice thought"}), (Sents{"mouse", "think"}));
  // Options switch stemming and stopword removal off.
  RougeOptions raw;
  raw.stem = false;
  raw.remove_stopwords = false;
  const RougeScorer r({"the"}, {}, raw);
  EXPECT_EQ(r.Tokens(Sents{"The cats"}), (Sents{"the", "cats"}));
}

TEST(RougeScorerTest, CountsClipPerReferenceAndScalePeerByReferences) {
  const RougeScorer s = SmallScorer();
  // Peer unigrams: cat cat cat dog (4). Ref1: cat dog dog (3); ref2: empty.
  // H = min(3,1) + min(1,2) = 2 against ref1, 0 against ref2;
  // M = 3 + 0; P = 2 refs x 4.
  const std::vector<Sents> refs = {{"cat dog dog"}, {}};
  const std::vector<RougeCounts> c = s.Score(Sents{"cat cat cat dog"}, refs);
  ASSERT_EQ(c.size(), 2u);
  EXPECT_EQ(c[0].hit, 2);
  EXPECT_EQ(c[0].model, 3);
  EXPECT_EQ(c[0].peer, 8);
  // Bigrams: peer "cat cat" x2, "cat dog" (3); ref1 "cat dog", "dog dog".
  EXPECT_EQ(c[1].hit, 1);
  EXPECT_EQ(c[1].model, 2);
  EXPECT_EQ(c[1].peer, 6);
  EXPECT_DOUBLE_EQ(c[0].Precision(), 0.25);
  EXPECT_DOUBLE_EQ(c[0].Recall(), 2.0 / 3.0);
  // Bigrams run across sentence ends.
  const std::vector<RougeCounts> d = s.Score(Sents{"red", "car"}, std::vector<Sents>{{"red car"}});
  EXPECT_EQ(d[1].hit, 1);
  // An empty peer counts zero everywhere but M.
  const std::vector<RougeCounts> e = s.Score(Sents{}, refs);
  EXPECT_EQ(e[0].hit, 0);
  EXPECT_EQ(e[0].peer, 0);
  EXPECT_EQ(e[0].model, 3);
  EXPECT_EQ(e[0].Precision(), 0.0);
}

TEST(RougeScorerTest, PyrougeQuirksAreOptional) {
  RougeOptions quirks;
  quirks.pyrouge_html_quirks = true;
  const RougeScorer q({}, {}, quirks);
  EXPECT_EQ(q.Tokens(Sents{"x^2 beats y <b>bold</b>", "next"}),
            (Sents{"x", "circ", "2", "beat", "y", "next"}));
  const RougeScorer plain({}, {});
  EXPECT_EQ(plain.Tokens(Sents{"x^2 <b>"}), (Sents{"x", "2", "b"}));
}

TEST(RougeScorerTest, LoadFailsWithMessageForMissingDirectory) {
  std::string error;
  EXPECT_FALSE(RougeScorer::Load("/nonexistent/rouge", &error).has_value());
  EXPECT_NE(error.find("smart_common_words.txt"), std::string::npos) << error;
}

// --- With the real ROUGE data from ../shared ------------------------------

std::optional<RougeScorer> SharedScorer() {
  std::string error;
  auto s = RougeScorer::Load(testing::SharedDir() + "/data/rouge", &error);
  EXPECT_TRUE(s.has_value()) << error;
  return s;
}

TEST(RougeSharedDataTest, StopwordsAndWordNetExceptions) {
  ANNALS_REQUIRE_SHARED();
  auto s = SharedScorer();
  ASSERT_TRUE(s);
  EXPECT_TRUE(s->IsStopword("the"));
  EXPECT_TRUE(s->IsStopword("reuters"));
  EXPECT_TRUE(s->IsStopword("better"));
  EXPECT_FALSE(s->IsStopword("timeline"));
  // Irregular verbs and nouns from verb.exc / noun.exc.
  EXPECT_EQ(s->StemToken("taught"), "teach");
  EXPECT_EQ(s->StemToken("thought"), "think");
  EXPECT_EQ(s->StemToken("children"), "child");
  // "testes" is "testis" in noun.exc but "testes" in verb.exc, which is
  // read later and wins; Porter alone would give "test".
  EXPECT_EQ(s->StemToken("testes"), "testes");
  EXPECT_EQ(PorterStem("testes"), "test");
  // Exceptions apply to tokens longer than 3 bytes only: "ran" stays.
  EXPECT_EQ(s->Tokens(Sents{"Protesters ran and spoken"}), (Sents{"protest", "ran", "speak"}));
}

TEST(RougeSharedDataTest, TilseDocumentationUnitCheckCounts) {
  ANNALS_REQUIRE_SHARED();
  auto s = SharedScorer();
  ASSERT_TRUE(s);
  // Predicted sentences (date order) vs both reference timelines, concat.
  // After stopwords: peer test/sentence/content (3) x 2 refs = P 6;
  // TL1 test/match (2) + TL2 timeline (1) = M 3; H = "test" = 1.
  const Sents pred = {"Just a test .", "Another sentence .", "Some more content .", "Even more !"};
  const std::vector<Sents> refs = {{"Just a test .", "This one does not match ."},
                                   {"Another timeline !"}};
  const std::vector<RougeCounts> c = s->Score(pred, refs);
  EXPECT_EQ(c[0].model, 3);
  EXPECT_EQ(c[0].peer, 6);
  EXPECT_EQ(c[0].hit, 1);
  EXPECT_EQ(c[1].model, 1);
  EXPECT_EQ(c[1].peer, 4);
  EXPECT_EQ(c[1].hit, 0);
}

}  // namespace
}  // namespace annals::eval
