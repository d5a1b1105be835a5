#include "app/args.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace annals::app {
namespace {

// A command with the usual kinds of arguments, reading them the way the
// subcommands do.
struct Parsed {
  bool quiet = false;
  int dates = 0;
  std::string format;
  std::string output;
  std::vector<std::string> paths;
};

// Returns the error message, or "" when the arguments were accepted.
std::string Parse(const Args& args, Parsed* p) {
  ArgReader r(args);
  try {
    while (r.Next()) {
      if (r.Is("-q", "--quiet")) {
        p->quiet = true;
      } else if (r.Is("--dates")) {
        p->dates = r.Int(1, 100);
      } else if (r.Is("--format")) {
        p->format = r.Choice({"text", "json", "tilse"});
      } else if (r.Is("-o", "--output")) {
        p->output = r.Value("a file");
      } else if (r.IsOption()) {
        r.Unknown();
      } else {
        p->paths.push_back(r.arg());
      }
    }
  } catch (const UsageError& e) {
    return e.what();
  }
  return "";
}

std::string Error(const Args& args) {
  Parsed p;
  return Parse(args, &p);
}

TEST(Args, OptionsAndPositionalsInAnyOrder) {
  Parsed p;
  ASSERT_EQ(Parse({"a.txt", "-q", "--dates", "7", "-", "--format", "json", "-o", "out", "b"}, &p),
            "");
  EXPECT_TRUE(p.quiet);
  EXPECT_EQ(p.dates, 7);
  EXPECT_EQ(p.format, "json");
  EXPECT_EQ(p.output, "out");
  // "-" is standard input: positional, not an option.
  EXPECT_EQ(p.paths, (std::vector<std::string>{"a.txt", "-", "b"}));
}

TEST(Args, NoArguments) {
  Parsed p;
  EXPECT_EQ(Parse({}, &p), "");
  EXPECT_TRUE(p.paths.empty());
}

TEST(Args, ValueAfterEqualsSign) {
  Parsed p;
  ASSERT_EQ(Parse({"--dates=12", "--output=a=b", "--format=tilse", "x"}, &p), "");
  EXPECT_EQ(p.dates, 12);
  EXPECT_EQ(p.output, "a=b");  // split at the first '='
  EXPECT_EQ(p.format, "tilse");
  EXPECT_EQ(p.paths, std::vector<std::string>{"x"});
  // An empty value is a value.
  ASSERT_EQ(Parse({"--output="}, &p), "");
  EXPECT_EQ(p.output, "");
  // A short option takes no `=value`: "-o=x" is an unknown option.
  EXPECT_EQ(Error({"-o=x"}), "unknown option `-o=x`");
}

TEST(Args, ValueIsTheNextArgumentWhateverItLooksLike) {
  Parsed p;
  ASSERT_EQ(Parse({"-o", "--dates", "--output", "-"}, &p), "");
  EXPECT_EQ(p.output, "-");
  EXPECT_EQ(p.dates, 0);
  EXPECT_TRUE(p.paths.empty());
}

TEST(Args, MissingValueNamesTheOptionAsTyped) {
  EXPECT_EQ(Error({"-o"}), "-o needs a file");
  EXPECT_EQ(Error({"x", "--output"}), "--output needs a file");
  EXPECT_EQ(Error({"--dates"}), "--dates needs a number from 1 to 100");
  EXPECT_EQ(Error({"--format"}), "--format needs text, json or tilse");
}

TEST(Args, StrictNumbers) {
  Parsed p;
  ASSERT_EQ(Parse({"--dates", "1"}, &p), "");
  EXPECT_EQ(p.dates, 1);
  ASSERT_EQ(Parse({"--dates", "100"}, &p), "");
  EXPECT_EQ(p.dates, 100);
  ASSERT_EQ(Parse({"--dates", "007"}, &p), "");
  EXPECT_EQ(p.dates, 7);
  for (const char* bad : {"12x", "x12", "", " 5", "5 ", "+5", "-5", "0", "101", "1.5", "0x10",
                          "99999999999999999999", "-99999999999999999999", "--", "-"}) {
    EXPECT_EQ(Error({"--dates", bad}),
              std::string("--dates: `") + bad + "` is not a number from 1 to 100")
        << bad;
  }
  EXPECT_EQ(Error({"--dates=12x"}), "--dates: `12x` is not a number from 1 to 100");
}

TEST(Args, NegativeNumbersWhereAllowed) {
  const Args args = {"--n", "-5", "--n", "5"};
  ArgReader r(args);
  ASSERT_TRUE(r.Next());
  EXPECT_EQ(r.Int(-10, 10), -5);
  ASSERT_TRUE(r.Next());
  EXPECT_THROW(r.Int(-10, 4), UsageError);
  EXPECT_FALSE(r.Next());
}

TEST(Args, NumbersAtTheLimitsOfInt) {
  const Args args = {"--n", "2147483647", "--n", "-2147483648", "--n", "2147483648"};
  ArgReader r(args);
  constexpr int kMin = -2147483647 - 1, kMax = 2147483647;
  ASSERT_TRUE(r.Next());
  EXPECT_EQ(r.Int(kMin, kMax), kMax);
  ASSERT_TRUE(r.Next());
  EXPECT_EQ(r.Int(kMin, kMax), kMin);
  ASSERT_TRUE(r.Next());
  EXPECT_THROW(r.Int(kMin, kMax), UsageError);
}

TEST(Args, Choices) {
  EXPECT_EQ(Error({"--format", "xml"}), "--format: `xml` is not text, json or tilse");
  EXPECT_EQ(Error({"--format", "JSON"}), "--format: `JSON` is not text, json or tilse");
  const Args args = {"--type", "a", "--type", "b"};
  ArgReader r(args);
  ASSERT_TRUE(r.Next());
  EXPECT_EQ(r.Choice({"a"}), "a");
  ASSERT_TRUE(r.Next());
  try {
    r.Choice({"x", "y"});
    FAIL() << "b accepted";
  } catch (const UsageError& e) {
    EXPECT_STREQ(e.what(), "--type: `b` is not x or y");
  }
}

TEST(Args, UnknownOptions) {
  EXPECT_EQ(Error({"a", "--bogus", "b"}), "unknown option `--bogus`");
  EXPECT_EQ(Error({"-x"}), "unknown option `-x`");
  EXPECT_EQ(Error({"--bogus=1"}), "unknown option `--bogus=1`");
  EXPECT_EQ(Error({"--"}), "unknown option `--`");
  // A command that takes no positional arguments calls Unknown() for them.
  const Args args = {"file"};
  ArgReader r(args);
  ASSERT_TRUE(r.Next());
  EXPECT_FALSE(r.IsOption());
  try {
    r.Unknown();
    FAIL();
  } catch (const UsageError& e) {
    EXPECT_STREQ(e.what(), "unknown argument `file`");
  }
}

TEST(Args, ValueGivenToAnOptionThatTakesNone) {
  EXPECT_EQ(Error({"--quiet=yes", "a"}), "--quiet takes no value");
  EXPECT_EQ(Error({"a", "--quiet="}), "--quiet takes no value");
}

TEST(Args, InvalidNamesOptionAndValue) {
  const Args args = {"--dct", "2013-02-30"};
  ArgReader r(args);
  ASSERT_TRUE(r.Next());
  const std::string v = r.Value();
  try {
    r.Invalid(v, "a date YYYY-MM-DD");
    FAIL();
  } catch (const UsageError& e) {
    EXPECT_STREQ(e.what(), "--dct: `2013-02-30` is not a date YYYY-MM-DD");
  }
}

TEST(Args, StartsAtFirst) {
  const Args args = {"t17", "--json", "dir"};
  ArgReader r(args, 1);
  ASSERT_TRUE(r.Next());
  EXPECT_TRUE(r.Is("--json"));
  ASSERT_TRUE(r.Next());
  EXPECT_EQ(r.arg(), "dir");
  EXPECT_FALSE(r.Next());
  EXPECT_FALSE(r.Next());  // and stays at the end
}

}  // namespace
}  // namespace annals::app
