// tagger/slots.h — the named fields a rule capture can fill.
//
// A match fills a Frame (tagger/frame.h) slot by slot; the resolver turns a
// Frame into a TimeML value. Slot names are what rule files use.
#ifndef ANNALS_TAGGER_SLOTS_H_
#define ANNALS_TAGGER_SLOTS_H_

#include <string_view>

namespace annals {

// The list is laid out by hand, a few slots a line; clang-format would
// stagger the X-macro.
// clang-format off
#define ANNALS_SLOTS(X)                                                                       \
  X(kYear, "year") X(kYY, "yy") X(kMonth, "month") X(kDay, "day") X(kWeekday, "weekday")      \
  X(kHour, "hour") X(kMinute, "minute") X(kSecond, "second") X(kAmPm, "ampm") X(kTz, "tz")    \
  X(kQuarter, "quarter") X(kHalf, "half") X(kSeason, "season") X(kDecade, "decade")           \
  X(kCentury, "century")                                                                      \
  X(kDir, "dir") X(kOffset, "offset") X(kDayOffset, "dayoffset") X(kNum, "num")               \
  X(kUnit, "unit") X(kPartOfDay, "partofday") X(kMod, "mod") X(kRef, "ref")                   \
  X(kHoliday, "holiday") X(kFiscal, "fiscal") X(kValue, "value") X(kNum2, "num2")             \
  X(kFreq, "freq") X(kTimeOfDay, "timeofday") X(kYearDir, "yeardir")                          \
  X(kAnaphor, "anaphor") /* counts from the last time mentioned, not the DCT */               \
  X(kYearEnd, "yearend") /* the end of the year the tense points to */                        \
  X(kNth, "nth")         /* "the first/last Tuesday of": 1..5, -1 = last */                   \
  X(kEra, "era")         /* -1: before Christ (BC0480) */                                     \
  X(kDayOf, "dayof")     /* "the night of DATE": the day alone in news */                     \
  X(kFrac, "frac")       /* digits after the decimal point of num: "30,4", a half = 5 */      \
  X(kExtra, "extra")     /* captured, not used in the value */
// clang-format on

enum class Slot {
  kNone,
#define ANNALS_SLOT_ENUM(e, n) e,
  ANNALS_SLOTS(ANNALS_SLOT_ENUM)
#undef ANNALS_SLOT_ENUM
      kCount
};

// Slot for a rule-file name; kNone if unknown.
Slot SlotByName(std::string_view name);
std::string_view SlotName(Slot s);

}  // namespace annals

#endif  // ANNALS_TAGGER_SLOTS_H_
