// Runs every example and counter-example written beside the rules of every
// language (data/<lang>/rules/*.rules, data/common/rules) through the full
// tagger, as Duckling runs its corpus.
#include "tagger/rules.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <map>

#include "annals/tagger.h"
#include "tagger/lexicon.h"
#include "tagger/matcher.h"
#include "test_util.h"
#include "text/tokenizer.h"

namespace annals {
namespace {

namespace fs = std::filesystem;

// Every example of every language, as `annals rules` runs them: the
// compiled-in data and the source tree's must both pass.
class EveryLanguage : public ::testing::TestWithParam<const char*> {};

TEST_P(EveryLanguage, EveryExampleResolves) {
  const Tagger::ExampleReport rep = Tagger::ForLanguage(GetParam()).CheckExamples();
  for (const std::string& f : rep.failures) ADD_FAILURE() << f;
  EXPECT_GT(rep.rules, 5);
  EXPECT_GE(rep.examples, rep.rules);
}

TEST_P(EveryLanguage, SourceTreeDataAgrees) {
  auto from_dir = Tagger::FromDirectory(testing::SourceDir() + "/data", GetParam());
  const Tagger::ExampleReport a = Tagger::ForLanguage(GetParam()).CheckExamples();
  const Tagger::ExampleReport b = from_dir->CheckExamples();
  EXPECT_EQ(a.rules, b.rules);
  EXPECT_EQ(a.examples, b.examples);
  EXPECT_EQ(a.failures, b.failures);
}

INSTANTIATE_TEST_SUITE_P(Languages, EveryLanguage,
                         ::testing::Values("en", "es", "fr", "de", "it", "pt", "und"));

TEST(RuleExamples, EnglishHasItsFamilies) {
  const Tagger::ExampleReport rep = Tagger::Default().CheckExamples();
  EXPECT_GT(rep.rules, 150);
  EXPECT_GT(rep.examples, 300);
  EXPECT_GT(rep.rejects, 50);
}

TEST(Languages, UnknownCodeThrowsAndUndReadsDigitsOnly) {
  EXPECT_THROW(Tagger::ForLanguage("xx"), std::invalid_argument);
  EXPECT_EQ(Tagger::ForLanguage("und").language(), "und");
  TagOptions opt;
  opt.dct = Date{2013, 1, 30};
  // Words of no language are read; a numeric date is.
  auto got = Tagger::ForLanguage("und").Tag("Встреча 2011-03-15, on Wednesday", opt);
  ASSERT_EQ(got.size(), 1u) << DescribeTimexes(got);
  EXPECT_EQ(got[0].value, "2011-03-15");
  EXPECT_EQ(LanguageOf("Встреча состоится в среду в Москве, сказал он журналистам."), "und");
  EXPECT_EQ(LanguageOf("The talks will resume on Wednesday, the minister said."), "en");
  EXPECT_FALSE(IsTaggerLanguage("xx"));
  EXPECT_TRUE(IsTaggerLanguage("und"));
}

TEST(Languages, FromDirectoryNamesAMissingLanguage) {
  EXPECT_THROW(Tagger::FromDirectory(testing::SourceDir() + "/data", "xx"), std::runtime_error);
}

TEST(LexiconAccents, UnaccentedTextMatchesAnAccentedEntry) {
  Lexicon lexicon;
  lexicon.AddClass("weekday", "sábado\t6\nmiércoles\t3\n", "weekday.tsv");
  std::vector<Lexicon::Match> m;
  for (const char* text : {"sábado", "Sabado", "SÁBADO", "miercoles"}) {
    m.clear();
    lexicon.MatchAt(lexicon.ClassId("weekday"), Tokenize(text), 0, &m);
    EXPECT_EQ(m.size(), 1u) << text;
  }
}

TEST(LexiconAccents, AnExactEntryNeedsItsAccents) {
  // French "à" typed bare is the verb "a" ("Mars a été lancée").
  Lexicon lexicon;
  lexicon.AddClass("timecue", "à\tlist\texact\nété\tany\n", "timecue.tsv");
  const int cls = lexicon.ClassId("timecue");
  std::vector<Lexicon::Match> m;
  lexicon.MatchAt(cls, Tokenize("à"), 0, &m);
  EXPECT_EQ(m.size(), 1u);
  m.clear();
  lexicon.MatchAt(cls, Tokenize("a"), 0, &m);
  EXPECT_TRUE(m.empty());
  m.clear();
  lexicon.MatchAt(cls, Tokenize("ete"), 0, &m);
  EXPECT_EQ(m.size(), 1u);
  EXPECT_THROW(lexicon.AddClass("x", "a\tb\tsometimes\n", "x.tsv"), std::runtime_error);
}

TEST(LexiconAccents, AOneLetterWordMatchesBareOnlyAsACapital) {
  // Portuguese "é" (is) typed bare is "e" (and): lower case it is another
  // word; a capital without its accent is how French writes "À".
  Lexicon lexicon;
  lexicon.AddClass("tense", "é\tpresent\n", "tense.tsv");
  const int cls = lexicon.ClassId("tense");
  std::vector<Lexicon::Match> m;
  for (const char* text : {"é", "É", "E"}) {
    m.clear();
    lexicon.MatchAt(cls, Tokenize(text), 0, &m);
    EXPECT_EQ(m.size(), 1u) << text;
  }
  m.clear();
  lexicon.MatchAt(cls, Tokenize("e"), 0, &m);
  EXPECT_TRUE(m.empty());
}

TEST(RuleExamples, EmbeddedDataMatchesSourceTree) {
  // The binary embeds data/ at build time; a tagger read from the source
  // tree must agree with it on a text that exercises every family.
  auto from_dir = Tagger::FromDirectory(testing::SourceDir() + "/data", "en");
  std::string text = testing::ReadFile(testing::SourceDir() +
                                       "/examples/reuters-2013-01-30-syria-opposition-talks.txt");
  TagOptions opt;
  opt.dct = Date{2013, 1, 30};
  auto a = Tagger::Default().Tag(text, opt);
  auto b = from_dir->Tag(text, opt);
  EXPECT_EQ(DescribeTimexes(a), DescribeTimexes(b));
  EXPECT_GE(a.size(), 7u);
}

TEST(RuleParser, KindNoneAndTheWordBuiltin) {
  Lexicon lexicon;
  lexicon.AddClass("unit", "second\tS\n", "unit.tsv");
  auto rules =
      ParseRules("rule: r\n  pattern: a second ^<word>\n  kind: none\n", "f", "f.rules", lexicon);
  ASSERT_EQ(rules.size(), 1u);
  EXPECT_EQ(rules[0].kind, RuleKind::kNone);
  EXPECT_EQ(rules[0].items.back().builtin, Builtin::kWord);
  // Any word as the first item would make the rule a candidate everywhere.
  EXPECT_THROW(ParseRules("rule: r\n  pattern: <word> second\n", "f", "f.rules", lexicon),
               std::runtime_error);
}

TEST(RuleParser, NegatedGluedContextInEitherOrder) {
  Lexicon lexicon;
  lexicon.AddClass("unit", "year\tY\n", "unit.tsv");
  for (const char* pattern : {"the <unit> ^!~-", "the <unit> ^~!-"}) {
    auto rules =
        ParseRules(std::string("rule: r\n  pattern: ") + pattern + "\n", "f", "f.rules", lexicon);
    ASSERT_EQ(rules.size(), 1u) << pattern;
    const PatternItem& last = rules[0].items.back();
    EXPECT_TRUE(last.context && last.negate && last.touch) << pattern;
    ASSERT_EQ(last.words.size(), 1u) << pattern;
    EXPECT_EQ(last.words[0], "-") << pattern;
  }
}

TEST(RuleParser, MisplacedMarkersAndClassesAmongWordsAreErrors) {
  Lexicon lexicon;
  lexicon.AddClass("unit", "year\tY\n", "unit.tsv");
  // Once read as the words "~." and "<unit>", matching nothing.
  for (const char* pattern : {"the <unit> ^!a|~.", "the <unit> ^!of|<unit>", "the ~!x <unit>"})
    EXPECT_THROW(
        ParseRules(std::string("rule: r\n  pattern: ") + pattern + "\n", "f", "f.rules", lexicon),
        std::runtime_error)
        << pattern;
}

TEST(RuleParser, UnlessNamesAKnownClass) {
  Lexicon lexicon;
  lexicon.AddClass("unit", "year\tY\n", "unit.tsv");
  lexicon.AddClass("sportcue", "team\tsport\n", "sportcue.tsv");
  auto rules =
      ParseRules("rule: r\n  pattern: the <unit>\n  unless: <sportcue>\n", "f", "f.rules", lexicon);
  ASSERT_EQ(rules.size(), 1u);
  EXPECT_EQ(rules[0].unless_class, lexicon.ClassId("sportcue"));
  EXPECT_EQ(ParseRules("rule: r\n  pattern: the <unit>\n", "f", "f.rules", lexicon)[0].unless_class,
            -1);
  for (const char* bad : {"unless: <nosuch>", "unless: sportcue"})
    EXPECT_THROW(ParseRules(std::string("rule: r\n  pattern: the <unit>\n  ") + bad + "\n", "f",
                            "f.rules", lexicon),
                 std::runtime_error)
        << bad;
}

// The matcher's probe reads the token after a one-token first item; with
// an optional second item it must let both the item and the one after it
// through ("a past? fortnight"), and still turn the rest away.
TEST(MatcherProbe, OptionalSecondItemMatchesWithAndWithoutIt) {
  Lexicon lexicon;
  const auto rules =
      ParseRules("rule: r\n  pattern: a past|last? fortnight|week\n", "f", "f.rules", lexicon);
  const Matcher matcher(rules, lexicon);
  const auto spans = [&](std::string_view text) {
    std::vector<std::string> out;
    const std::vector<Token> tokens = Tokenize(text);
    for (const RuleMatch& m : matcher.FindAll(tokens))
      out.emplace_back(
          text.substr(tokens[m.begin].begin, tokens[m.end - 1].end - tokens[m.begin].begin));
    return out;
  };
  EXPECT_EQ(spans("for a fortnight now"), std::vector<std::string>{"a fortnight"});
  EXPECT_EQ(spans("over a past week"), std::vector<std::string>{"a past week"});
  EXPECT_TRUE(spans("a long week").empty());
  EXPECT_TRUE(spans("a past").empty());
}

}  // namespace
}  // namespace annals
