#include "time/calendar.h"

#include <cstdio>

namespace annals::cal {

IsoWeek WeekOf(Date d) {
  // The Thursday of d's week decides the ISO year.
  Date thursday = d.AddDays(3 - d.Weekday());
  Date jan1{thursday.year, 1, 1};
  int week = static_cast<int>((thursday.ToDays() - jan1.ToDays()) / 7) + 1;
  return {thursday.year, week};
}

Date MondayOfWeek(IsoWeek w) {
  // Week 1 holds January 4th.
  Date jan4{w.year, 1, 4};
  Date monday1 = jan4.AddDays(-jan4.Weekday());
  return monday1.AddDays(7 * (w.week - 1));
}

int WeeksInYear(int y) { return WeekOf(Date{y, 12, 28}).week; }

IsoWeek AddWeeks(IsoWeek w, int n) { return WeekOf(MondayOfWeek(w).AddDays(7 * n)); }

YearMonth AddMonths(YearMonth ym, int n) {
  int total = ym.year * 12 + (ym.month - 1) + n;
  int y = total >= 0 ? total / 12 : -((-total + 11) / 12);
  return {y, total - y * 12 + 1};
}

Date AddMonths(Date d, int n) {
  YearMonth ym = AddMonths(YearMonth{d.year, d.month}, n);
  int dim = DaysInMonth(ym.year, ym.month);
  return Date{ym.year, ym.month, d.day > dim ? dim : d.day};
}

const char* SeasonCode(Season s) {
  static const char* kCodes[] = {"SP", "SU", "FA", "WI"};
  return kCodes[static_cast<int>(s)];
}

YearSeason SeasonOf(Date d) {
  if (d.month <= 2) return {d.year - 1, Season::kWinter};
  if (d.month <= 5) return {d.year, Season::kSpring};
  if (d.month <= 8) return {d.year, Season::kSummer};
  if (d.month <= 11) return {d.year, Season::kFall};
  return {d.year, Season::kWinter};
}

YearSeason AddSeasons(YearSeason ys, int n) {
  int total = ys.year * 4 + static_cast<int>(ys.season) + n;
  int y = total >= 0 ? total / 4 : -((-total + 3) / 4);
  return {y, static_cast<Season>(total - y * 4)};
}

std::string Year4(int year) {
  char buf[16];
  if (year < 0)
    std::snprintf(buf, sizeof buf, "-%04d", -year);
  else
    std::snprintf(buf, sizeof buf, "%04d", year);
  return buf;
}

std::string YearMonthString(int year, int month) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "-%02d", month);
  return Year4(year) + buf;
}

std::string WeekString(IsoWeek w) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "-W%02d", w.week);
  return Year4(w.year) + buf;
}

namespace {

// Anonymous Gregorian algorithm (Meeus/Jones/Butcher).
Date EasterSunday(int y) {
  const int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4;
  const int f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30;
  const int i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
  const int m = (a + 11 * h + 22 * l) / 451;
  const int month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
  return Date{y, month, day};
}

bool ParseSmallInt(std::string_view s, int* out) {
  if (s.empty() || s.size() > 4) return false;
  int v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  *out = v;
  return true;
}

}  // namespace

std::optional<Date> HolidayDate(std::string_view rule, int year) {
  if (rule.starts_with("easter")) {
    if (year < 1583 || year > 9999) return std::nullopt;
    std::string_view rest = rule.substr(6);
    int shift = 0;
    if (!rest.empty()) {
      if ((rest[0] != '+' && rest[0] != '-') || !ParseSmallInt(rest.substr(1), &shift))
        return std::nullopt;
      if (rest[0] == '-') shift = -shift;
    }
    return EasterSunday(year).AddDays(shift);
  }
  int month = 0, day = 0, weekday = 0;
  if (rule.size() < 5 || rule[2] != '-' || !ParseSmallInt(rule.substr(0, 2), &month) ||
      !ParseSmallInt(rule.substr(3, 2), &day))
    return std::nullopt;
  Date d{year, month, day};
  if (!d.valid()) return std::nullopt;
  if (rule.size() == 5) return d;
  if (rule.size() != 7 || rule[5] != '+' || !ParseSmallInt(rule.substr(6), &weekday) ||
      weekday < 1 || weekday > 7)
    return std::nullopt;
  return d.AddDays((weekday - 1 - d.Weekday() + 7) % 7);
}

}  // namespace annals::cal
