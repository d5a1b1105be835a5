// `annals rules`: runs every example written beside the rules of each
// language, so that a rule can be checked as it is written (with --data,
// straight from the files, no rebuild).
#include <cstdio>
#include <string>
#include <vector>

#include "annals/tagger.h"
#include "app/args.h"
#include "app/commands.h"
#include "app/taggers.h"
#include "text/language.h"

namespace annals::app {
namespace {

const char kHelp[] =
    "Usage: annals rules [--lang all|en|es|fr|de|it|pt|und] [--data DIR]\n"
    "\n"
    "Runs every example and counter-example of the rules of a language (all:\n"
    "every language, the default) through the tagger and lists each one that\n"
    "fails as FILE:LINE: what was expected and what was found.\n"
    "\n"
    "Options:\n"
    "  --lang L     the language to check, or all\n"
    "  --data DIR   read vocabularies and rules from DIR (laid out like the\n"
    "               source tree's data/) instead of the compiled-in ones\n"
    "  -h, --help   this text\n"
    "\n"
    "Exit status: 0 every example passes, 1 some fail, 2 usage error.\n";

}  // namespace

int RunRules(const Args& args) {
  std::string lang = "all", data_dir;
  ArgReader r(args);
  try {
    while (r.Next()) {
      if (r.Is("-h", "--help")) {
        std::fputs(kHelp, stdout);
        return 0;
      } else if (r.Is("--lang")) {
        lang = r.Value("a language");
        if (lang != "all" && !IsTaggerLanguage(lang))
          throw UsageError("unknown language `" + lang + "` (one of: all, " + TaggerLanguageList() +
                           ", und)");
      } else if (r.Is("--data")) {
        data_dir = r.Value("a directory");
      } else {
        r.Unknown();
      }
    }
  } catch (const UsageError& e) {
    std::fprintf(stderr, "annals rules: %s (see annals rules --help)\n", e.what());
    return 2;
  }
  std::vector<std::string> langs;
  if (lang == "all") {
    for (std::string_view l : kLanguages) langs.emplace_back(l);
  } else {
    langs.push_back(lang);
  }
  Taggers taggers("auto", data_dir);
  size_t failed = 0;
  for (const std::string& l : langs) {
    const Tagger::ExampleReport rep = taggers.For(l).CheckExamples();
    for (const std::string& f : rep.failures) std::printf("%s\n", f.c_str());
    std::fprintf(stderr, "annals rules: %s: %d rules, %d examples, %d rejects, %zu failing\n",
                 l.c_str(), rep.rules, rep.examples, rep.rejects, rep.failures.size());
    failed += rep.failures.size();
  }
  return failed ? 1 : 0;
}

}  // namespace annals::app
