#include "timeline/stages.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>
#include <string>
#include <unordered_map>

#include "text/ascii.h"
#include "text/language.h"

namespace annals::timeline {
namespace {

// How many sentences at the start of an article count as its opening: news
// leads say what happened on the publication day.
constexpr uint32_t kOpeningSentences = 3;

// Sentence selection prefers sentences of this many words; shorter ones
// rarely say what happened, longer ones are run-ons or lists.
constexpr int kMinWords = 6;
constexpr int kMaxWords = 50;
// Two sentences whose vectors have a cosine above this say the same thing.
constexpr double kDuplicateCosine = 0.5;

// An article is a chronology when it opens sentences with this many
// distinct days. A day a chronology spanning a share c of the range lists
// gains kChronologyWeight × (articles used) × c^kChronologySharpness: a
// tenth of the collection for a chronology of the whole range, 1/64 of that
// for one of half the range. Chosen on the Timeline17 tasks (README).
constexpr size_t kMinChronologyEntries = 3;
constexpr double kChronologyWeight = 0.1;
constexpr double kChronologySharpness = 6;

double Square(double x) { return x * x; }

// The day a timex names at day precision, if it does.
std::optional<Date> NamedDay(const Timex& t) {
  if (t.type != TimexType::kDate && t.type != TimexType::kTime) return std::nullopt;
  if (!t.interval || t.interval->first != t.interval->last) return std::nullopt;
  return t.interval->first;
}

int CountWords(std::string_view s) {
  int n = 0;
  bool in_word = false;
  for (char c : s) {
    const bool space = IsAsciiSpace(c);
    if (!space && !in_word) ++n;
    in_word = !space;
  }
  return n;
}

}  // namespace

bool InRange(Date d, const TimelineOptions& o) {
  return (!o.from || d >= *o.from) && (!o.to || d <= *o.to);
}

std::string_view SentenceText(std::span<const AnnotatedDocument* const> docs,
                              const SentenceRecord& r) {
  const AnnotatedDocument& d = *docs[r.doc];
  const AnnotatedSentence& s = d.sentences[r.index];
  return std::string_view(d.doc.text).substr(s.begin, s.end - s.begin);
}

std::string_view WithoutDateHeading(const AnnotatedSentence& s, std::string_view text) {
  if (s.timexes.empty()) return text;
  const Timex& first = s.timexes.front();
  size_t i = 0;
  while (i < text.size() && IsAsciiSpace(text[i])) ++i;
  if (first.begin != s.begin + i || first.end < s.begin || first.end - s.begin > text.size())
    return text;
  size_t j = first.end - s.begin;
  while (j < text.size() && IsAsciiSpace(text[j])) ++j;
  const std::string_view rest = text.substr(j);
  size_t sep = 0;
  for (std::string_view mark : {"--", "-", ":", "\u2013", "\u2014"})
    if (rest.substr(0, mark.size()) == mark) {
      sep = mark.size();
      break;
    }
  if (sep == 0) return text;
  j += sep;
  while (j < text.size() && IsAsciiSpace(text[j])) ++j;
  // Keep a heading that is all there is.
  return j < text.size() ? text.substr(j) : text;
}

std::string_view WithoutDateline(std::string_view text) {
  // "Tripoli , Libya -LRB- CNN -RRB- -- Libyan aircraft ..." or
  // "CAIRO (Reuters) - ...": an agency's mark in parentheses, then a dash,
  // within the first 80 bytes.
  const size_t window = std::min<size_t>(text.size(), 80);
  for (std::string_view close : {"-RRB-", ")"}) {
    const size_t c = text.substr(0, window).find(close);
    if (c == std::string_view::npos) continue;
    size_t j = c + close.size();
    while (j < text.size() && IsAsciiSpace(text[j])) ++j;
    size_t dash = 0;
    while (j + dash < text.size() && text[j + dash] == '-') ++dash;
    if (dash == 0 || dash > 2) continue;
    j += dash;
    while (j < text.size() && IsAsciiSpace(text[j])) ++j;
    if (j < text.size()) return text.substr(j);
  }
  return text;
}

std::string FoldSpaces(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool space = false;
  for (char c : text) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
      space = !out.empty();
    } else {
      if (space) out.push_back(' ');
      space = false;
      out.push_back(c);
    }
  }
  return out;
}

std::vector<TermId> StoryKeywords(const std::vector<SentenceRecord>& sentences, size_t num_terms) {
  // Score of a term: the mean over articles of log(1 + its count there).
  // Words every article uses once (people, government) score about 0.7;
  // the story's own word (oil, syria) is used several times in nearly every
  // article and scores 1.5 to 2.2 on Timeline17; Reuters's Syria
  // collection, mostly other stories, is the exception (`government`).
  std::vector<double> score(num_terms, 0.0);
  std::unordered_map<TermId, int> counts;
  size_t articles = 0;
  for (size_t i = 0; i < sentences.size();) {
    const uint32_t doc = sentences[i].doc;
    counts.clear();
    for (; i < sentences.size() && sentences[i].doc == doc; ++i)
      for (TermId t : sentences[i].terms) ++counts[t];
    for (const auto& [t, n] : counts) score[t] += std::log1p(n);
    ++articles;
  }
  // The single best term; ties go to the smaller id (first seen).
  std::vector<TermId> out;
  TermId best = 0;
  for (TermId t = 1; t < num_terms; ++t)
    if (score[t] > score[best]) best = t;
  if (articles > 0 && num_terms > 0 && score[best] > 0) out.push_back(best);
  return out;
}

std::vector<std::string> KeywordWords(const SentenceIndex& index, const CollectedSentences& c,
                                      const TermNumbering& terms) {
  // Per query term: word -> (uses, order of first use). Ties are broken by
  // first use in the collected sentences, not by word id, which depends on
  // every article indexed.
  struct Use {
    size_t count = 0;
    size_t first = 0;
  };
  std::vector<std::unordered_map<WordId, Use>> uses(c.query.size());
  size_t seen = 0;
  for (const SentenceRecord& r : c.sentences) {
    if (!r.query_match) continue;
    const IndexedSentence& s = index.sentences[index.first[r.doc] + r.index];
    for (size_t i = 0; i < r.terms.size(); ++i) {
      auto it = std::lower_bound(c.query.begin(), c.query.end(), r.terms[i]);
      if (it == c.query.end() || *it != r.terms[i]) continue;
      auto [use, added] = uses[it - c.query.begin()].try_emplace(s.content[i]);
      if (added) use->second.first = seen++;
      ++use->second.count;
    }
  }
  std::vector<std::string> out;
  for (size_t q = 0; q < c.query.size(); ++q) {
    const std::string* word = &terms.Word(c.query[q]);
    const Use* best = nullptr;
    for (const auto& [w, use] : uses[q]) {
      if (best &&
          (use.count < best->count || (use.count == best->count && use.first > best->first)))
        continue;
      best = &use;
      word = &index.vocabulary.Word(w);
    }
    out.push_back(*word);
  }
  return out;
}

// The language most of the articles are written in (English on a tie or
// when none says): the words of every article are read as its words.
std::string CollectionLanguage(std::span<const AnnotatedDocument* const> docs) {
  std::map<std::string, size_t> count;
  for (const AnnotatedDocument* d : docs)
    if (!d->doc.lang.empty()) ++count[d->doc.lang];
  std::string best = "en";
  size_t most = 0;
  for (const auto& [lang, n] : count)
    if (n > most && IsSupportedLanguage(lang)) {
      best = lang;
      most = n;
    }
  if (count.count("en") && count["en"] == most) best = "en";
  return best;
}

SentenceIndex IndexSentences(std::span<const AnnotatedDocument* const> docs) {
  SentenceIndex index;
  index.vocabulary = Vocabulary(CollectionLanguage(docs));
  index.docs.assign(docs.begin(), docs.end());
  size_t total = 0;
  for (const AnnotatedDocument* doc : docs) total += doc->doc.dct ? doc->sentences.size() : 0;
  index.sentences.reserve(total);
  index.first.reserve(docs.size() + 1);
  for (const AnnotatedDocument* doc : docs) {
    index.first.push_back(index.sentences.size());
    if (!doc->doc.dct) continue;
    for (const AnnotatedSentence& sentence : doc->sentences) {
      IndexedSentence r;
      for (const Timex& t : sentence.timexes) {
        if (std::optional<Date> day = NamedDay(t))
          r.days.push_back({*day, t.begin <= sentence.begin + 2 &&
                                      t.text.find_first_of("0123456789") != std::string::npos});
        if (t.type == TimexType::kTime && t.value.find("T") != std::string::npos &&
            t.value.find_first_of("0123456789", t.value.find("T")) != std::string::npos)
          r.has_clock_time = true;
      }
      std::string_view text =
          std::string_view(doc->doc.text).substr(sentence.begin, sentence.end - sentence.begin);
      index.vocabulary.Words(text, &r.content);
      r.words = CountWords(text);
      r.looks_noisy = text.find('|') != std::string_view::npos ||
                      text.find('@') != std::string_view::npos ||
                      text.find("http") != std::string_view::npos ||
                      text.find("www.") != std::string_view::npos;
      index.sentences.push_back(std::move(r));
    }
  }
  index.first.push_back(index.sentences.size());
  return index;
}

CollectedSentences CollectSentences(const SentenceIndex& index, const TimelineOptions& options,
                                    TermNumbering* terms) {
  CollectedSentences out;
  // Every sentence in the range, sized once: the records are most of a
  // build's memory, and growing them by doubling would briefly hold them
  // twice.
  size_t in_range = 0;
  for (uint32_t d = 0; d < index.docs.size(); ++d) {
    const AnnotatedDocument& doc = *index.docs[d];
    if (doc.doc.dct && InRange(*doc.doc.dct, options))
      in_range += index.first[d + 1] - index.first[d];
  }
  std::vector<SentenceRecord> all;
  all.reserve(in_range);
  for (uint32_t d = 0; d < index.docs.size(); ++d) {
    const AnnotatedDocument& doc = *index.docs[d];
    if (!doc.doc.dct || !InRange(*doc.doc.dct, options)) continue;
    for (size_t k = index.first[d]; k < index.first[d + 1]; ++k) {
      const IndexedSentence& s = index.sentences[k];
      SentenceRecord r;
      r.doc = d;
      r.index = static_cast<uint32_t>(k - index.first[d]);
      r.published = *doc.doc.dct;
      for (const IndexedSentence::Day& named : s.days) {
        if (!InRange(named.day, options)) continue;
        r.days.push_back(named.day);
        if (named.heading) r.heading_day = named.day;
      }
      std::sort(r.days.begin(), r.days.end());
      r.days.erase(std::unique(r.days.begin(), r.days.end()), r.days.end());
      r.terms.reserve(s.content.size());
      for (WordId w : s.content) r.terms.push_back(terms->Term(w));
      r.words = s.words;
      r.has_clock_time = s.has_clock_time;
      r.looks_noisy = s.looks_noisy;
      all.push_back(std::move(r));
    }
  }

  std::vector<TermId> query;
  terms->Terms(options.query, &query);
  out.automatic_query = query.empty();
  if (query.empty()) query = StoryKeywords(all, terms->size());
  std::sort(query.begin(), query.end());
  query.erase(std::unique(query.begin(), query.end()), query.end());
  out.query_terms = query.size();
  out.query = query;
  for (SentenceRecord& r : all)
    for (TermId t : r.terms)
      if (std::binary_search(query.begin(), query.end(), t)) r.query_match = true;

  // The kept documents' sentences are compacted in place, in order, so
  // that the records are never held twice.
  size_t kept = 0;
  for (size_t i = 0; i < all.size();) {
    const uint32_t doc = all[i].doc;
    size_t end = i;
    bool matches = query.empty();
    for (; end < all.size() && all[end].doc == doc; ++end)
      matches = matches || all[end].query_match;
    if (matches) {
      out.documents.push_back(doc);
      for (; i < end; ++i, ++kept) {
        const uint32_t s = static_cast<uint32_t>(kept);
        for (Date day : all[i].days) out.naming[day].push_back(s);
        if (all[i].index < kOpeningSentences) out.openings[all[i].published].push_back(s);
        if (kept != i) all[kept] = std::move(all[i]);
      }
    }
    i = end;
  }
  all.erase(all.begin() + static_cast<std::ptrdiff_t>(kept), all.end());
  out.sentences = std::move(all);
  out.first_day = options.from.value_or(Date{});
  out.last_day = options.to.value_or(Date{});
  if (!out.documents.empty() && (!options.from || !options.to)) {
    Date lo = *index.docs[out.documents.front()]->doc.dct, hi = lo;
    for (uint32_t d : out.documents) {
      lo = std::min(lo, *index.docs[d]->doc.dct);
      hi = std::max(hi, *index.docs[d]->doc.dct);
    }
    if (!options.from) out.first_day = lo;
    if (!options.to) out.last_day = hi;
  }
  return out;
}

void WeightTerms(std::vector<SentenceRecord>* sentences, size_t num_terms) {
  std::vector<uint32_t> df(num_terms, 0);
  for (SentenceRecord& r : *sentences) {
    r.vector = CountTerms(r.terms);
    for (const auto& [t, w] : r.vector) ++df[t];
  }
  const double n = static_cast<double>(std::max<size_t>(sentences->size(), 1));
  for (SentenceRecord& r : *sentences) {
    for (auto& [t, w] : r.vector) w *= static_cast<float>(std::log(n / df[t]) + 1.0);
    Normalize(&r.vector);
  }
}

void WeighDocuments(CollectedSentences* collected, size_t num_docs) {
  collected->relevance.assign(num_docs, 0.0f);
  std::vector<TermVector> doc_vectors(num_docs);
  std::unordered_map<TermId, double> centroid_sum;
  auto& sentences = collected->sentences;
  for (size_t i = 0; i < sentences.size();) {
    const uint32_t doc = sentences[i].doc;
    std::unordered_map<TermId, double> sum;
    for (; i < sentences.size() && sentences[i].doc == doc; ++i)
      for (const auto& [t, w] : sentences[i].vector) sum[t] += w;
    TermVector v;
    for (const auto& [t, w] : sum) v.emplace_back(t, static_cast<float>(w));
    std::sort(v.begin(), v.end());
    Normalize(&v);
    for (const auto& [t, w] : v) centroid_sum[t] += w;
    doc_vectors[doc] = std::move(v);
  }
  TermVector centroid;
  for (const auto& [t, w] : centroid_sum) centroid.emplace_back(t, static_cast<float>(w));
  std::sort(centroid.begin(), centroid.end());
  Normalize(&centroid);
  for (uint32_t d : collected->documents)
    collected->relevance[d] = static_cast<float>(Dot(doc_vectors[d], centroid));
}

std::map<Date, double> ChronologyCoverage(const CollectedSentences& collected) {
  std::map<Date, double> out;
  const double range =
      static_cast<double>(collected.last_day.ToDays() - collected.first_day.ToDays() + 1);
  if (range < 1) return out;
  // An article less on the story than three in four of the others is not
  // the story's chronology (keyword-gathered collections hold lists of
  // other stories: air disasters, a club's season).
  float min_relevance = 0;
  if (!collected.relevance.empty() && !collected.documents.empty()) {
    std::vector<float> r;
    r.reserve(collected.documents.size());
    for (uint32_t d : collected.documents) r.push_back(collected.relevance[d]);
    std::nth_element(r.begin(), r.begin() + r.size() / 4, r.end());
    min_relevance = r[r.size() / 4];
  }
  std::vector<Date> entries;
  const auto& sentences = collected.sentences;
  for (size_t i = 0; i < sentences.size();) {
    const uint32_t doc = sentences[i].doc;
    entries.clear();
    for (; i < sentences.size() && sentences[i].doc == doc; ++i)
      if (const auto& d = sentences[i].heading_day;
          d && *d >= collected.first_day && *d <= collected.last_day)
        entries.push_back(*d);
    std::sort(entries.begin(), entries.end());
    entries.erase(std::unique(entries.begin(), entries.end()), entries.end());
    if (entries.size() < kMinChronologyEntries) continue;
    if (!collected.relevance.empty() && collected.relevance[doc] < min_relevance) continue;
    const double span =
        static_cast<double>(entries.back().ToDays() - entries.front().ToDays() + 1) / range;
    for (Date d : entries) out[d] = std::max(out[d], span);
  }
  return out;
}

std::vector<DateEvidence> ScoreDates(const CollectedSentences& collected,
                                     std::span<const AnnotatedDocument* const> docs) {
  std::map<Date, DateEvidence> by_day;
  std::map<Date, std::unordered_map<uint32_t, bool>> naming_docs;  // doc -> written later
  for (const auto& [day, list] : collected.naming) {
    DateEvidence& e = by_day[day];
    e.date = day;
    e.mentions = static_cast<int>(list.size());
    auto& seen = naming_docs[day];
    for (uint32_t s : list) {
      const SentenceRecord& r = collected.sentences[s];
      seen[r.doc] = r.published > day;
    }
  }
  std::map<Date, std::vector<uint32_t>> published;
  for (uint32_t d : collected.documents) published[*docs[d]->doc.dct].push_back(d);
  for (const auto& [day, list] : published) {
    DateEvidence& e = by_day[day];
    e.date = day;
    e.published = static_cast<int>(list.size());
  }
  const std::map<Date, double> chronology = ChronologyCoverage(collected);
  const double documents = static_cast<double>(collected.documents.size());
  std::vector<DateEvidence> out;
  for (auto& [day, e] : by_day) {
    auto nd = naming_docs.find(day);
    int naming = 0, later = 0;
    if (nd != naming_docs.end()) {
      naming = static_cast<int>(nd->second.size());
      for (const auto& [doc, is_later] : nd->second) later += is_later;
    }
    int both = 0;
    if (auto p = published.find(day); p != published.end() && nd != naming_docs.end()) {
      for (uint32_t d : p->second) both += nd->second.contains(d);
    }
    e.articles = naming + e.published - both;
    if (auto c = chronology.find(day); c != chronology.end()) e.chronology = c->second;
    // A chronology that spans the whole range is a timeline of this story
    // (news sites publish them, and update them as the story runs): its
    // days then outrank all but the most reported ones. One that spans a
    // part is a timeline of an episode, and counts far less.
    e.score = naming + later + 0.5 * e.published +
              kChronologyWeight * documents * std::pow(e.chronology, kChronologySharpness);
    out.push_back(e);
  }
  return out;
}

std::vector<DateEvidence> PickDates(std::vector<DateEvidence> scored, size_t count) {
  std::stable_sort(scored.begin(), scored.end(),
                   [](const DateEvidence& a, const DateEvidence& b) { return a.score > b.score; });
  if (scored.size() > count) scored.resize(count);
  std::sort(scored.begin(), scored.end(),
            [](const DateEvidence& a, const DateEvidence& b) { return a.date < b.date; });
  return scored;
}

std::vector<uint32_t> CandidateSentences(const CollectedSentences& collected, Date day) {
  std::vector<uint32_t> out;
  if (auto it = collected.naming.find(day); it != collected.naming.end()) out = it->second;
  if (auto it = collected.openings.find(day); it != collected.openings.end()) {
    std::vector<uint32_t> quiet;
    for (uint32_t s : it->second) {
      const auto& days = collected.sentences[s].days;
      if (days.empty()) quiet.push_back(s);
    }
    if (out.empty() && quiet.empty()) quiet = it->second;
    out.insert(out.end(), quiet.begin(), quiet.end());
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<std::pair<uint32_t, double>> PickSentences(
    const CollectedSentences& collected, std::span<const AnnotatedDocument* const> docs,
    const std::vector<uint32_t>& candidates, size_t count, std::unordered_set<std::string>* taken,
    Date day) {
  // Centroid of the candidates: what most of them talk about.
  std::unordered_map<TermId, double> sum;
  for (uint32_t s : candidates) {
    for (const auto& [t, w] : collected.sentences[s].vector) sum[t] += w;
  }
  TermVector centroid;
  for (const auto& [t, w] : sum) centroid.emplace_back(t, static_cast<float>(w));
  std::sort(centroid.begin(), centroid.end());
  Normalize(&centroid);

  std::vector<std::pair<uint32_t, double>> ranked;
  for (uint32_t s : candidates) {
    const SentenceRecord& r = collected.sentences[s];
    double score = Dot(r.vector, centroid);
    // The weights below were chosen on the Timeline17 tasks (README, "How
    // the timeline is built"); each moved align+ ROUGE-1 F by 0.004 or more.
    // Sentences of off-topic articles make poor summaries even when they
    // name the day.
    if (!collected.relevance.empty()) score *= Square(collected.relevance[r.doc]);
    if (r.words < kMinWords || r.words > kMaxWords) score *= 0.25;
    // A chronology entry ("March 19 - Air strikes begin") is a summary.
    if (r.heading_day == day) score *= 2;
    // Page furniture, live-blog time stamps ("5:29 p.m. ET: ...").
    if (r.looks_noisy) score *= 0.1;
    if (r.has_clock_time) score *= 0.3;
    // With an explicit --query, sentences that use it are preferred.
    if (collected.query_terms > 0 && !collected.automatic_query && !r.query_match) score *= 0.5;
    ranked.emplace_back(s, score);
  }
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });

  std::vector<std::pair<uint32_t, double>> out;
  for (const auto& [s, score] : ranked) {
    if (out.size() >= count) break;
    if (score <= 0) break;
    const SentenceRecord& r = collected.sentences[s];
    std::string text = FoldSpaces(SentenceText(docs, r));
    if (taken->contains(text)) continue;
    bool duplicate = false;
    for (const auto& [o, unused] : out)
      duplicate = duplicate || Dot(r.vector, collected.sentences[o].vector) > kDuplicateCosine;
    if (duplicate) continue;
    taken->insert(std::move(text));
    out.emplace_back(s, score);
  }
  return out;
}

}  // namespace annals::timeline
