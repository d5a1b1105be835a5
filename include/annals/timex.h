// annals/timex.h — one resolved time expression (a TimeML TIMEX3).
#ifndef ANNALS_TIMEX_H_
#define ANNALS_TIMEX_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "annals/date.h"

namespace annals {

enum class TimexType { kDate, kTime, kDuration, kSet };

// "DATE", "TIME", "DURATION", "SET".
std::string_view TimexTypeName(TimexType type);
std::optional<TimexType> ParseTimexType(std::string_view name);

// The calendar days a DATE/TIME value covers, both ends inclusive.
struct Interval {
  Date first;
  Date last;
};

struct Timex {
  size_t begin = 0;  // byte offset of the first byte in the tagged text
  size_t end = 0;    // byte offset one past the last byte
  std::string text;  // the covered bytes, verbatim
  TimexType type = TimexType::kDate;
  std::string value;  // TimeML value: "2013-01-30", "P22M", "PAST_REF", ...
  std::string mod;    // TimeML mod ("START", "APPROX", ...) or empty
  // For DATE and TIME values that name calendar days; empty for vague or
  // undetermined values ("PAST_REF", "XXXX-01").
  std::optional<Interval> interval;
};

// The expressions as one line for messages and tests: " [March 3] DATE
// 2011-03-03; [a week] DURATION P1W;", or " (nothing)".
std::string DescribeTimexes(const std::vector<Timex>& timexes);

// Calendar interval of a TimeML DATE/TIME value: "2013" -> 2013-01-01..
// 2013-12-31, "2013-W05" -> its Monday..Sunday, "2013-Q1", "2013-SU",
// "201X", "19", "2013-01-30TEV" -> that day. nullopt when the value does not
// name determined days.
std::optional<Interval> ValueInterval(std::string_view value);

}  // namespace annals

#endif  // ANNALS_TIMEX_H_
