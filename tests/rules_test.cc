// Runs every example and counter-example written beside the rules in
// data/rules/*.rules through the full tagger (as Duckling runs its corpus).
#include "tagger/rules.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <map>

#include "annals/tagger.h"
#include "tagger/lexicon.h"
#include "test_util.h"

namespace annals {
namespace {

namespace fs = std::filesystem;

std::vector<Rule> LoadRules(Lexicon* lexicon) {
  std::string data = testing::SourceDir() + "/data";
  for (const auto& e : fs::directory_iterator(data + "/lexicon"))
    lexicon->AddClass(e.path().stem().string(), testing::ReadFile(e.path().string()),
                      e.path().string());
  std::vector<Rule> rules;
  for (const auto& e : fs::directory_iterator(data + "/rules")) {
    auto r = ParseRules(testing::ReadFile(e.path().string()), e.path().stem().string(),
                        e.path().string(), *lexicon);
    rules.insert(rules.end(), r.begin(), r.end());
  }
  return rules;
}

std::string Describe(const std::vector<Timex>& ts) {
  std::string s;
  for (const Timex& t : ts)
    s += " [" + t.text + "] " + std::string(TimexTypeName(t.type)) + " " + t.value +
         (t.mod.empty() ? "" : " mod=" + t.mod) + ";";
  return s.empty() ? " (nothing)" : s;
}

TEST(RuleExamples, EveryExampleResolves) {
  Lexicon lexicon;
  std::vector<Rule> rules = LoadRules(&lexicon);
  ASSERT_GT(rules.size(), 50u);
  int examples = 0, rejects = 0;
  for (const Rule& r : rules) {
    EXPECT_FALSE(r.examples.empty()) << r.source << ": rule `" << r.name << "` has no example";
    for (const RuleExample& ex : r.examples) {
      TagOptions opt;
      opt.dct = ex.dct;
      if (r.narrative_only) opt.type = DocType::kNarrative;
      std::vector<Timex> got = Tagger::Default().Tag(ex.text, opt);
      if (ex.reject) {
        ++rejects;
        for (const Timex& t : got)
          EXPECT_FALSE(t.begin < ex.span_end && t.end > ex.span_begin)
              << ex.source << ": `" << ex.text << "` must not be tagged there, got"
              << Describe(got);
        continue;
      }
      ++examples;
      bool found = false;
      for (const Timex& t : got)
        if (t.begin == ex.span_begin && t.end == ex.span_end && TimexTypeName(t.type) == ex.type &&
            t.value == ex.value && t.mod == ex.mod)
          found = true;
      EXPECT_TRUE(found) << ex.source << ": `" << ex.text << "` @ " << ex.dct.ToString()
                         << " expected ["
                         << ex.text.substr(ex.span_begin, ex.span_end - ex.span_begin) << "] "
                         << ex.type << " " << ex.value << (ex.mod.empty() ? "" : " mod=" + ex.mod)
                         << ", got" << Describe(got);
    }
  }
  EXPECT_GT(examples, 100);
  EXPECT_GT(rejects, 5);
}

TEST(RuleExamples, EmbeddedDataMatchesSourceTree) {
  // The binary embeds data/ at build time; a tagger read from the source
  // tree must agree with it on a text that exercises every family.
  auto from_dir = Tagger::FromDirectory(testing::SourceDir() + "/data");
  std::string text = testing::ReadFile(testing::SourceDir() +
                                       "/examples/reuters-2013-01-30-syria-opposition-talks.txt");
  TagOptions opt;
  opt.dct = Date{2013, 1, 30};
  auto a = Tagger::Default().Tag(text, opt);
  auto b = from_dir->Tag(text, opt);
  EXPECT_EQ(Describe(a), Describe(b));
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

}  // namespace
}  // namespace annals
