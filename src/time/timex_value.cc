// Interval and type helpers for TimeML values (include/annals/timex.h).
#include <cstdlib>

#include "annals/timex.h"
#include "time/calendar.h"

namespace annals {

std::string_view TimexTypeName(TimexType type) {
  switch (type) {
    case TimexType::kDate:
      return "DATE";
    case TimexType::kTime:
      return "TIME";
    case TimexType::kDuration:
      return "DURATION";
    case TimexType::kSet:
      return "SET";
  }
  return "DATE";
}

std::optional<TimexType> ParseTimexType(std::string_view name) {
  if (name == "DATE") return TimexType::kDate;
  if (name == "TIME") return TimexType::kTime;
  if (name == "DURATION") return TimexType::kDuration;
  if (name == "SET") return TimexType::kSet;
  return std::nullopt;
}

namespace {

bool Digits(std::string_view s, size_t pos, size_t len, int* out) {
  if (pos + len > s.size()) return false;
  int v = 0;
  for (size_t i = pos; i < pos + len; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  *out = v;
  return true;
}

Interval Span(Date a, Date b) { return Interval{a, b}; }
Interval YearSpan(int y0, int y1) { return Span(Date{y0, 1, 1}, Date{y1, 12, 31}); }
Interval MonthSpan(int y, int m0, int m1) {
  return Span(Date{y, m0, 1}, Date{y, m1, DaysInMonth(y, m1)});
}

}  // namespace

std::optional<Interval> ValueInterval(std::string_view v) {
  int year = 0;
  // Century "19" and decade "201" / "201X".
  if (v.size() == 2 && Digits(v, 0, 2, &year)) return YearSpan(year * 100, year * 100 + 99);
  if ((v.size() == 3 || (v.size() == 4 && v[3] == 'X')) && Digits(v, 0, 3, &year))
    return YearSpan(year * 10, year * 10 + 9);
  if (!Digits(v, 0, 4, &year) || year == 0) return std::nullopt;
  if (v.size() == 4) return YearSpan(year, year);
  if (v[4] != '-' || v.size() < 7) return std::nullopt;
  std::string_view rest = v.substr(5);
  int n = 0;
  if (rest.size() == 2 && rest[0] == 'Q' && Digits(rest, 1, 1, &n) && n >= 1 && n <= 4)
    return MonthSpan(year, 3 * n - 2, 3 * n);
  if (rest.size() == 2 && rest[0] == 'H' && Digits(rest, 1, 1, &n) && n >= 1 && n <= 2)
    return MonthSpan(year, 6 * n - 5, 6 * n);
  if (rest == "SP") return MonthSpan(year, 3, 5);
  if (rest == "SU") return MonthSpan(year, 6, 8);
  if (rest == "FA") return MonthSpan(year, 9, 11);
  if (rest == "WI") return Span(Date{year, 12, 1}, Date{year + 1, 2, DaysInMonth(year + 1, 2)});
  if (rest[0] == 'W') {
    if (!Digits(rest, 1, 2, &n) || n < 1 || n > cal::WeeksInYear(year)) return std::nullopt;
    Date monday = cal::MondayOfWeek({year, n});
    if (rest.size() == 3) return Span(monday, monday.AddDays(6));
    if (rest.size() == 6 && rest.substr(3) == "-WE")
      return Span(monday.AddDays(5), monday.AddDays(6));
    return std::nullopt;
  }
  int month = 0;
  if (!Digits(rest, 0, 2, &month) || month < 1 || month > 12) return std::nullopt;
  if (rest.size() == 2) return MonthSpan(year, month, month);
  int day = 0;
  if (rest.size() < 5 || rest[2] != '-' || !Digits(rest, 3, 2, &day)) return std::nullopt;
  Date d{year, month, day};
  if (!d.valid()) return std::nullopt;
  // Anything after the day ("T14:00", "TEV") stays within that day.
  if (rest.size() == 5 || rest[5] == 'T') return Span(d, d);
  return std::nullopt;
}

std::string DescribeTimexes(const std::vector<Timex>& timexes) {
  std::string s;
  for (const Timex& t : timexes)
    s += " [" + t.text + "] " + std::string(TimexTypeName(t.type)) + " " + t.value +
         (t.mod.empty() ? "" : " mod=" + t.mod) + ";";
  return s.empty() ? " (nothing)" : s;
}

}  // namespace annals
