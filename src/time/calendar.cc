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

}  // namespace annals::cal
