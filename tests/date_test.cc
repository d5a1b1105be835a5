#include "annals/date.h"

#include <gtest/gtest.h>

#include "annals/timex.h"
#include "time/calendar.h"

namespace annals {
namespace {

TEST(Date, RoundTripsDays) {
  for (int64_t d = -800000; d < 800000; d += 37) {
    Date x = Date::FromDays(d);
    ASSERT_TRUE(x.valid()) << d;
    ASSERT_EQ(x.ToDays(), d);
  }
  EXPECT_EQ((Date{1970, 1, 1}.ToDays()), 0);
  EXPECT_EQ((Date{2013, 1, 30}.Weekday()), 2);  // a Wednesday
}

TEST(Date, ParseRejectsImpossibleDates) {
  EXPECT_TRUE(Date::Parse("2013-01-30"));
  EXPECT_TRUE(Date::Parse("2012-02-29"));
  EXPECT_FALSE(Date::Parse("2013-02-29"));
  EXPECT_FALSE(Date::Parse("2013-13-01"));
  EXPECT_FALSE(Date::Parse("2013-1-30"));
  EXPECT_FALSE(Date::Parse("0000-00-00"));
  EXPECT_FALSE(Date::Parse("0000-01-05"));  // no year 0
  EXPECT_TRUE(Date::Parse("0001-01-01"));
  EXPECT_FALSE(Date::Parse(""));
}

TEST(Calendar, IsoWeeks) {
  EXPECT_EQ(cal::WeekString(cal::WeekOf(Date{2013, 1, 30})), "2013-W05");
  EXPECT_EQ(cal::WeekString(cal::WeekOf(Date{2010, 1, 3})), "2009-W53");
  EXPECT_EQ(cal::WeekString(cal::WeekOf(Date{2008, 12, 29})), "2009-W01");
  EXPECT_EQ(cal::MondayOfWeek({2013, 5}).ToString(), "2013-01-28");
  EXPECT_EQ(cal::WeekString(cal::AddWeeks({2013, 1}, -1)), "2012-W52");
}

TEST(Calendar, MonthsAndSeasons) {
  EXPECT_EQ(cal::AddMonths(Date{2013, 1, 31}, 1).ToString(), "2013-02-28");
  EXPECT_EQ(cal::AddMonths(Date{2013, 1, 15}, -22).ToString(), "2011-03-15");
  auto ws = cal::SeasonOf(Date{2013, 1, 30});
  EXPECT_EQ(ws.year, 2012);
  EXPECT_STREQ(cal::SeasonCode(ws.season), "WI");
  auto next = cal::AddSeasons(ws, 1);
  EXPECT_EQ(next.year, 2013);
  EXPECT_STREQ(cal::SeasonCode(next.season), "SP");
}

TEST(Calendar, HolidayRules) {
  auto day = [](const char* rule, int year) {
    auto d = cal::HolidayDate(rule, year);
    return d ? d->ToString() : std::string("none");
  };
  EXPECT_EQ(day("12-25", 2013), "2013-12-25");
  EXPECT_EQ(day("11-22+4", 2013), "2013-11-28");  // fourth Thursday
  EXPECT_EQ(day("11-22+4", 2012), "2012-11-22");  // 11-22 itself a Thursday
  EXPECT_EQ(day("05-25+1", 2013), "2013-05-27");  // last Monday of May
  EXPECT_EQ(day("11-02+2", 2012), "2012-11-06");  // US Election Day
  // Easter: known dates, including the earliest and latest possible.
  EXPECT_EQ(day("easter", 2000), "2000-04-23");
  EXPECT_EQ(day("easter", 2019), "2019-04-21");
  EXPECT_EQ(day("easter", 1818), "1818-03-22");
  EXPECT_EQ(day("easter", 2038), "2038-04-25");
  EXPECT_EQ(day("easter-2", 2013), "2013-03-29");
  EXPECT_EQ(day("easter+1", 2013), "2013-04-01");
  for (const char* bad : {"", "12", "13-01", "02-30", "11-22+8", "11-22x4", "easter*2", "eastern"})
    EXPECT_EQ(day(bad, 2013), "none") << bad;
  EXPECT_EQ(day("easter", 1200), "none");
}

TEST(ValueInterval, CoversTimeMLGranularities) {
  auto s = [](const char* v) {
    auto i = ValueInterval(v);
    return i ? i->first.ToString() + ".." + i->last.ToString() : std::string("none");
  };
  EXPECT_EQ(s("2013"), "2013-01-01..2013-12-31");
  EXPECT_EQ(s("2011-03"), "2011-03-01..2011-03-31");
  EXPECT_EQ(s("2013-01-30"), "2013-01-30..2013-01-30");
  EXPECT_EQ(s("2013-01-30TEV"), "2013-01-30..2013-01-30");
  EXPECT_EQ(s("2013-W05"), "2013-01-28..2013-02-03");
  EXPECT_EQ(s("2013-Q1"), "2013-01-01..2013-03-31");
  EXPECT_EQ(s("2013-H2"), "2013-07-01..2013-12-31");
  EXPECT_EQ(s("2012-WI"), "2012-12-01..2013-02-28");
  EXPECT_EQ(s("201X"), "2010-01-01..2019-12-31");
  EXPECT_EQ(s("19"), "1900-01-01..1999-12-31");
  EXPECT_EQ(s("PAST_REF"), "none");
  EXPECT_EQ(s("XXXX-01"), "none");
  EXPECT_EQ(s("2013-02-30"), "none");
}

}  // namespace
}  // namespace annals
