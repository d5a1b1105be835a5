// annals/date.h — a proleptic Gregorian calendar day.
//
// Dates are plain values: no time zone, no time of day. Arithmetic uses the
// days-from-civil algorithm so that any year in [-9999, 9999] round-trips.
#ifndef ANNALS_DATE_H_
#define ANNALS_DATE_H_

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace annals {

struct Date {
  int year = 0;
  int month = 0;  // 1..12
  int day = 0;    // 1..31

  // True when (year, month, day) names a real calendar day.
  bool valid() const;
  // "YYYY-MM-DD".
  std::string ToString() const;
  // Parses exactly "YYYY-MM-DD" (also accepts a trailing "T..." time part,
  // which is ignored). Returns nullopt for malformed or impossible dates,
  // year 0000 included: the common calendar has no year 0 (1 BC is followed
  // by AD 1), TIMEX values read "0000" as no year, and Python's date starts
  // at year 1, so a parsed date is one every layer can place.
  static std::optional<Date> Parse(std::string_view s);

  // Days since 1970-01-01 (negative before).
  int64_t ToDays() const;
  static Date FromDays(int64_t days);
  // 0 = Monday ... 6 = Sunday (ISO).
  int Weekday() const;
  Date AddDays(int64_t n) const { return FromDays(ToDays() + n); }

  auto operator<=>(const Date&) const = default;
};

// Number of days in the month (1..12) of the year.
int DaysInMonth(int year, int month);
bool IsLeapYear(int year);

}  // namespace annals

#endif  // ANNALS_DATE_H_
