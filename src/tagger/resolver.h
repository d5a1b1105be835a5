// tagger/resolver.h — from a rule match to a TimeML type, value and mod.
//
// A match fills a Frame: the slots its captures and fixed assignments name
// (year, month, weekday, unit, direction, ...). Resolution reads only the
// Frame and a Context (reference date and tense), so it is testable alone,
// and all calendar arithmetic goes through time/calendar.h.
#ifndef ANNALS_TAGGER_RESOLVER_H_
#define ANNALS_TAGGER_RESOLVER_H_

#include <climits>
#include <optional>
#include <string>
#include <utility>

#include "annals/date.h"
#include "annals/timex.h"
#include "tagger/matcher.h"
#include "tagger/rules.h"

namespace annals {

struct Frame {
  static constexpr int kUnset = INT_MIN;
  int ints[static_cast<int>(Slot::kCount)];
  std::string strs[static_cast<int>(Slot::kCount)];
  Frame() {
    for (int& v : ints) v = kUnset;
  }
  bool has(Slot s) const { return !strs[static_cast<int>(s)].empty(); }
  int i(Slot s) const { return ints[static_cast<int>(s)]; }
  const std::string& s(Slot s) const { return strs[static_cast<int>(s)]; }
  void Set(Slot slot, const std::string& value);
};

// Fills a frame from a match's fixed slots and then its captures.
Frame BuildFrame(const RuleMatch& match);

enum class Tense { kUnknown, kPast, kPresent, kFuture };

struct ResolveContext {
  Date dct;     // document creation time
  Date anchor;  // reference for relative expressions (DCT for news)
  Tense tense = Tense::kUnknown;
  // The tense is future by an auxiliary ("will close on Monday"): sure
  // enough to move a weekday that names the anchor's own to the next week.
  bool future_auxiliary = false;
  // The passage talks about fiscal quarters (data/en/lexicon/quartercue.tsv):
  // business news then counts "a year ago" in quarters ("profit rose from
  // $5 a year earlier" = the same quarter a year before).
  bool quarter_context = false;
  // The expression heads an entry of a chronology ("February 24 - Militias
  // take Misrata"). A day without a year is then the one nearest the
  // list's previous entry, when there is one (lists run in order, either
  // way), else the last one on or before the document date, a week's grace
  // allowed: chronologies look back.
  bool chronology_entry = false;
  // A word that names a limit (dayjoin.tsv value `limit`: "through",
  // "until", "bis", "hasta") stands just before the expression: "a
  // shortfall through June 30" is as often ahead as behind, so a day far
  // ahead is not read as past for want of a tense.
  bool after_limit_word = false;
  std::optional<Date> previous_entry;
  // A narrative: the anchor is the story's current time, what the text
  // last established, known to this precision (1 = year, 2 = month, 3 =
  // day; 0 = news, the anchor is the document date). A month or day
  // without a year then takes the anchor's year, or the next one when the
  // story has moved on past it (NarrativeYear in resolver.cc); tense is not
  // asked, for a history tells everything in the past.
  int narrative_precision = 0;
  // The day named by the expression just before, in the same clause
  // (TagWindow says how near): a clock time alone is on that day ("am
  // Montag um 17.30 Uhr", "on March 3 and left at 10 a.m."), not on the
  // anchor's.
  std::optional<Date> day_before;
  // The day before is just before, with only punctuation between: "May 5 -
  // 6 (Tues-Wed)", "March 3 (Thursday)". A weekday alone is then the day
  // of that weekday nearest it, not the anchor's week's.
  bool day_just_before = false;
  // The month (year, month) the expression just before named, when only a
  // list joiner stands between ("June, July and Aug.", "May or June"): a
  // month alone continues the list, in the same year or, past December,
  // the next.
  std::optional<std::pair<int, int>> listed_month;
  // The day the expression just before named, when only a range word
  // stands between (dayjoin.tsv: "vom 3. bis 5. März", "Dec. 28 to Jan.
  // 3"): a month and day without a year, the range's end, is in that day's
  // year or, when earlier in the year than it, the next.
  std::optional<Date> listed_day;
  // The same for a weekday, where a list word joins too ("jeudi et
  // vendredi", "Thursday and Friday", as well as "jeudi à vendredi"): a
  // list of weekdays runs forward.
  std::optional<Date> weekday_list_start;
  // The year the expression just before named alone, when only a comma or
  // a time cue stands between ("In 2009, on July 14"): a month and day
  // without a year are in it.
  std::optional<int> year_before;
  // News only: the past episode the text is telling, the last day it dated
  // with its year more than half a year before the document date ("Il 6
  // marzo del 2011 ...", in a 2014 article), or the last day that
  // continued it. A month or day without a year told in the past then
  // continues it ("Il 16 marzo ..." is 2011-03-16), when it falls within
  // four months after it and the document date would make it no recent
  // past (EpisodeYear in resolver.cc; TagWindow opens and ends episodes).
  std::optional<Date> episode;
};

struct Resolution {
  TimexType type = TimexType::kDate;
  std::string value;
  std::string mod;
  // The day the expression pins down, if it names one (for narrative
  // anchoring).
  std::optional<Date> day;
  // The year came from ResolveContext::episode, not the document date.
  bool continues_episode = false;
};

// Returns nullopt when the frame cannot be turned into a value (for
// example February 30th); the match is then dropped.
std::optional<Resolution> Resolve(const Frame& frame, RuleKind kind, const ResolveContext& ctx);

}  // namespace annals

#endif  // ANNALS_TAGGER_RESOLVER_H_
