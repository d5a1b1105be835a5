#include "app/args.h"

#include <charconv>
#include <string>

namespace annals::app {

ArgReader::ArgReader(const Args& args, size_t first) : args_(args), next_(first) {}

bool ArgReader::Next() {
  if (has_attached_ && !value_taken_) throw UsageError(name_ + " takes no value");
  has_attached_ = value_taken_ = false;
  attached_.clear();
  if (next_ >= args_.size()) return false;
  name_ = args_[next_++];
  // Only long options take `=value`: "-o=x" stays one (unknown) argument,
  // as a short option's value is always the next argument.
  if (size_t eq = name_.find('='); name_.starts_with("--") && eq != std::string::npos) {
    attached_ = name_.substr(eq + 1);
    name_.resize(eq);
    has_attached_ = true;
  }
  return true;
}

bool ArgReader::IsOption() const { return name_.size() > 1 && name_[0] == '-'; }

std::string ArgReader::Value(std::string_view what) {
  value_taken_ = true;
  if (has_attached_) return attached_;
  if (next_ >= args_.size()) throw UsageError(name_ + " needs " + std::string(what));
  return args_[next_++];
}

int ArgReader::Int(int lo, int hi) {
  const std::string what = "a number from " + std::to_string(lo) + " to " + std::to_string(hi);
  const std::string v = Value(what);
  // std::from_chars, unlike std::stoi, takes no leading space or '+' and
  // reports overflow instead of wrapping or throwing.
  long long n = 0;
  const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (v.empty() || ec != std::errc() || end != v.data() + v.size() || n < lo || n > hi)
    Invalid(v, what);
  return static_cast<int>(n);
}

std::string ArgReader::Choice(std::initializer_list<std::string_view> choices) {
  // "text, json or tilse"
  std::string what;
  size_t i = 0;
  for (std::string_view c : choices) {
    if (i++ > 0) what += i == choices.size() ? " or " : ", ";
    what += c;
  }
  std::string v = Value(what);
  for (std::string_view c : choices)
    if (v == c) return v;
  Invalid(v, what);
}

void ArgReader::Invalid(std::string_view value, std::string_view what) const {
  throw UsageError(name_ + ": `" + std::string(value) + "` is not " + std::string(what));
}

void ArgReader::Unknown() const {
  const std::string full = has_attached_ ? name_ + "=" + attached_ : name_;
  throw UsageError((IsOption() ? "unknown option `" : "unknown argument `") + full + "`");
}

}  // namespace annals::app
