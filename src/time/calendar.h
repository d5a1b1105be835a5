// time/calendar.h — calendar arithmetic on the units TimeML values use.
//
// All shifting of dates by months, weeks, quarters, seasons or years lives
// here, so that the tagger's resolution code never does date math itself.
#ifndef ANNALS_TIME_CALENDAR_H_
#define ANNALS_TIME_CALENDAR_H_

#include <optional>
#include <string>
#include <string_view>

#include "annals/date.h"

namespace annals::cal {

// ISO-8601 week: the week belongs to the year that holds its Thursday.
struct IsoWeek {
  int year;
  int week;  // 1..53
};
IsoWeek WeekOf(Date d);
Date MondayOfWeek(IsoWeek w);
int WeeksInYear(int iso_year);
IsoWeek AddWeeks(IsoWeek w, int n);

// Adds months, clamping the day to the end of the target month.
Date AddMonths(Date d, int n);

struct YearMonth {
  int year;
  int month;
};
YearMonth AddMonths(YearMonth ym, int n);

// Quarter (1..4) and half (1..2) of a month.
inline int QuarterOf(int month) { return (month - 1) / 3 + 1; }
inline int HalfOf(int month) { return (month - 1) / 6 + 1; }

// Seasons, northern hemisphere, as TimeML writes them: SP, SU, FA, WI.
// Winter belongs to the year in which it starts (December); January and
// February belong to the winter of the year before.
enum class Season { kSpring = 0, kSummer = 1, kFall = 2, kWinter = 3 };
const char* SeasonCode(Season s);
struct YearSeason {
  int year;
  Season season;
};
YearSeason SeasonOf(Date d);
YearSeason AddSeasons(YearSeason ys, int n);

// The day of a holiday in `year`, from its rule in data/en/lexicon/holiday.tsv:
//   "MM-DD"     a fixed day (Christmas: "12-25")
//   "MM-DD+W"   the first weekday W (1 = Monday .. 7 = Sunday) on or after
//               MM-DD (Thanksgiving, the fourth Thursday: "11-22+4")
//   "easter", "easter+N", "easter-N"  Western Easter Sunday (Gregorian
//               computus), moved by N days (Good Friday: "easter-2")
// nullopt for a malformed rule or a year outside 1583..9999 for Easter.
std::optional<Date> HolidayDate(std::string_view rule, int year);

// Zero-padded formatting helpers for TimeML values.
std::string Year4(int year);                       // "2013", "0099", "-0044"
std::string YearMonthString(int year, int month);  // "2013-01"
std::string WeekString(IsoWeek w);                 // "2013-W05"

}  // namespace annals::cal

#endif  // ANNALS_TIME_CALENDAR_H_
