// app/args.h — reading the arguments of an `annals` subcommand.
//
// Every subcommand reads its arguments with an ArgReader, so all of them
// accept the same forms and report bad arguments the same way:
//
//   ArgReader r(args);
//   try {
//     while (r.Next()) {
//       if (r.Is("-h", "--help")) return PrintHelp();
//       if (r.Is("--dates")) o.dates = r.Int(1, 1000);
//       else if (r.Is("-o", "--output")) o.output = r.Value("a file");
//       else if (r.IsOption()) r.Unknown();
//       else o.paths.push_back(r.arg());
//     }
//   } catch (const UsageError& e) { ...print e.what(), return 2... }
//
// The forms:
//   - An argument of two or more characters that starts with '-' is an
//     option; any other, "-" (standard input) included, is positional.
//   - An option's value is the next argument, whatever it looks like (so
//     `--port -1` reaches Int() and is rejected there, not taken for an
//     option), or the text after '=' in `--name=value`.
//   - Numbers are decimal integers and nothing else: no sign other than a
//     leading '-', no spaces, no suffix; out of range (overflow included)
//     is an error.
//
// Errors throw UsageError, whose message names the option and the bad
// value ("--dates: `12x` is not a number from 1 to 1000"); the command adds
// its own name and hint, and exits with status 2. The messages do not
// depend on the command, so the checks are written once, here.
#ifndef ANNALS_APP_ARGS_H_
#define ANNALS_APP_ARGS_H_

#include <initializer_list>
#include <stdexcept>
#include <string>
#include <string_view>

#include "app/commands.h"

namespace annals::app {

// A command line that the command cannot run: exit status 2.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class ArgReader {
 public:
  // Reads args[first], args[first + 1], ...; `args` must outlive the reader.
  explicit ArgReader(const Args& args, size_t first = 0);

  // Moves to the next argument; false when there is none. Throws when the
  // previous option was given `=value` but took no value (`--quiet=yes`):
  // a value that would be silently dropped is a mistake of the user's.
  bool Next();

  // The current argument; for `--name=value`, only `--name`.
  const std::string& arg() const { return name_; }

  // Whether the current argument is an option (see the forms above).
  bool IsOption() const;

  // Whether the current argument is `name`, or one of two spellings of
  // the same option (`-o`, `--output`).
  bool Is(std::string_view name) const { return name_ == name; }
  bool Is(std::string_view name, std::string_view other) const {
    return name_ == name || name_ == other;
  }

  // The value of the current option: the `=value` part, else the next
  // argument. `what` describes it for the error when there is none:
  // "-o needs a file".
  std::string Value(std::string_view what = "a value");

  // The value as an integer in [lo, hi].
  int Int(int lo, int hi);

  // The value, which must be one of `choices`.
  std::string Choice(std::initializer_list<std::string_view> choices);

  // Throws "<option>: `<value>` is not <what>", for checks made by the
  // command itself (a date, say).
  [[noreturn]] void Invalid(std::string_view value, std::string_view what) const;

  // Throws "unknown option `<arg>`" (or "unknown argument", for a
  // positional argument the command takes none of).
  [[noreturn]] void Unknown() const;

 private:
  const Args& args_;
  size_t next_;           // index of the argument after the current one
  std::string name_;      // the current argument, without any `=value`
  std::string attached_;  // the `=value` part, when has_attached_
  bool has_attached_ = false;
  bool value_taken_ = false;  // whether the current option's value was read
};

}  // namespace annals::app

#endif  // ANNALS_APP_ARGS_H_
