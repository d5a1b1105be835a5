#include "eval/timeline_metrics.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>
#include <unordered_map>
#include <utility>

#include "text/ascii.h"

namespace annals::eval {
namespace {

constexpr std::string_view kSeparator = "--------------------------------";  // 32
// Python's string.punctuation, which tilse's rough ROUGE filters against.
constexpr std::string_view kPunctuation = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

std::string_view Strip(std::string_view s) {
  while (!s.empty() && IsAsciiSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsAsciiSpace(s.back())) s.remove_suffix(1);
  return s;
}

// "YYYY-M[M]-[DD]": a line meant as a date line. Matching this loosely
// lets a typo such as "2011-04-0" be reported instead of being read as a
// sentence of the previous date.
bool LooksLikeDate(std::string_view s) {
  if (s.size() < 7 || s.size() > 10) return false;
  for (int i = 0; i < 4; ++i) {
    if (!IsAsciiDigit(s[i])) return false;
  }
  if (s[4] != '-') return false;
  size_t dash = s.find('-', 5);
  if (dash == std::string_view::npos || dash == 5 || dash > 7) return false;
  for (size_t i = 5; i < s.size(); ++i) {
    if (i != dash && !IsAsciiDigit(s[i])) return false;
  }
  return true;
}

// Parses a LooksLikeDate() line; one-digit months and days are accepted, as
// tilse's strptime("%Y-%m-%d") does.
std::optional<Date> ParseDateLine(std::string_view s) {
  const size_t dash = s.find('-', 5);
  std::string_view month = s.substr(5, dash - 5);
  std::string_view day = s.substr(dash + 1);
  if (day.empty() || day.size() > 2) return std::nullopt;
  Date d;
  d.year = std::atoi(std::string(s.substr(0, 4)).c_str());
  d.month = std::atoi(std::string(month).c_str());
  d.day = std::atoi(std::string(day).c_str());
  if (!d.valid()) return std::nullopt;
  return d;
}

// Sentences of `date` in `tl`, or an empty list.
const std::vector<std::string>& SummaryOf(const Timeline& tl, const Date& date) {
  static const std::vector<std::string> kEmpty;
  auto it = tl.find(date);
  return it == tl.end() ? kEmpty : it->second;
}

int64_t DaysApart(const Date& a, const Date& b) { return std::llabs(a.ToDays() - b.ToDays()); }

// Running sums of one metric: precision numerator/denominator and recall
// numerator/denominator, per n.
struct Sums {
  double p_num[2] = {0, 0};
  double p_den[2] = {0, 0};
  double r_num[2] = {0, 0};
  double r_den[2] = {0, 0};

  RougePrf Result() const {
    RougePrf out;
    Prf* prf[2] = {&out.rouge1, &out.rouge2};
    for (int n = 0; n < 2; ++n) {
      prf[n]->precision = p_den[n] == 0 ? 0.0 : p_num[n] / p_den[n];
      prf[n]->recall = r_den[n] == 0 ? 0.0 : r_num[n] / r_den[n];
      prf[n]->f1 = F1(prf[n]->precision, prf[n]->recall);
    }
    return out;
  }
};

// Profiles of every predicted and reference summary, computed once: the
// alignment metric scores many pairs of them.
class ProfileCache {
 public:
  ProfileCache(const RougeScorer& scorer, const Timeline& pred, std::span<const Timeline> refs)
      : scorer_(scorer), pred_(pred), refs_(refs), empty_(scorer.Profile({})) {}

  const NgramProfile& Pred(const Date& d) {
    auto it = pred_profiles_.find(d);
    if (it == pred_profiles_.end()) {
      it = pred_profiles_.emplace(d, scorer_.Profile(SummaryOf(pred_, d))).first;
    }
    return it->second;
  }

  // One profile per reference (empty where that reference lacks `d`).
  const std::vector<const NgramProfile*>& Refs(const Date& d) {
    auto it = ref_ptrs_.find(d);
    if (it != ref_ptrs_.end()) return it->second;
    auto& owned = ref_profiles_[d];
    owned.reserve(refs_.size());
    std::vector<const NgramProfile*> ptrs;
    for (const Timeline& ref : refs_) {
      owned.push_back(scorer_.Profile(SummaryOf(ref, d)));
    }
    for (const auto& p : owned) ptrs.push_back(&p);
    return ref_ptrs_.emplace(d, std::move(ptrs)).first->second;
  }

  // References with no text at all (for a predicted date with no partner).
  std::vector<const NgramProfile*> EmptyRefs() const {
    return std::vector<const NgramProfile*>(refs_.size(), &empty_);
  }
  const NgramProfile& Empty() const { return empty_; }

 private:
  const RougeScorer& scorer_;
  const Timeline& pred_;
  std::span<const Timeline> refs_;
  NgramProfile empty_;
  std::map<Date, NgramProfile> pred_profiles_;
  std::map<Date, std::vector<NgramProfile>> ref_profiles_;
  std::map<Date, std::vector<const NgramProfile*>> ref_ptrs_;
};

std::set<Date> RefDates(std::span<const Timeline> refs) {
  std::set<Date> dates;
  for (const Timeline& ref : refs) {
    for (const auto& [d, s] : ref) dates.insert(d);
  }
  return dates;
}

// Token counts for the rough ROUGE-1 of the alignment cost, as (token id,
// count) sorted by id: the cost matrix compares every predicted with every
// reference summary, and merging two short sorted vectors is much cheaper
// than hashing strings.
using Bag = std::vector<std::pair<int, int>>;

class RoughVocabulary {
 public:
  Bag BagOf(std::span<const std::string> sentences) {
    std::unordered_map<int, int> counts;
    for (const std::string& s : sentences) {
      size_t i = 0;
      while (i < s.size()) {
        while (i < s.size() && IsAsciiSpace(s[i])) ++i;
        size_t j = i;
        while (j < s.size() && !IsAsciiSpace(s[j])) ++j;
        if (j > i) {
          std::string_view tok(s.data() + i, j - i);
          // Python's `tok not in string.punctuation` is a substring test.
          if (kPunctuation.find(tok) == std::string_view::npos) {
            auto [it, added] = ids_.try_emplace(std::string(tok), static_cast<int>(ids_.size()));
            ++counts[it->second];
          }
        }
        i = j;
      }
    }
    Bag bag(counts.begin(), counts.end());
    std::sort(bag.begin(), bag.end());
    return bag;
  }

 private:
  std::unordered_map<std::string, int> ids_;
};

int64_t BagTotal(const Bag& bag) {
  int64_t n = 0;
  for (const auto& [t, c] : bag) n += c;
  return n;
}

int64_t Overlap(const Bag& a, const Bag& b) {
  int64_t match = 0;
  size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i].first < b[j].first) {
      ++i;
    } else if (b[j].first < a[i].first) {
      ++j;
    } else {
      match += std::min(a[i].second, b[j].second);
      ++i;
      ++j;
    }
  }
  return match;
}

// tilse's compute_rouge_approximation on precomputed bags; the arithmetic
// follows its order so that equal costs tie the same way.
double RoughF(const Bag& pred, int64_t pred_total, const std::vector<const Bag*>& refs,
              int64_t refs_total) {
  int64_t match = 0;
  for (const Bag* ref : refs) match += Overlap(pred, *ref);
  const int64_t prec_denom = static_cast<int64_t>(refs.size()) * pred_total;
  const double precision = prec_denom == 0 ? 0.0 : double(match) / double(prec_denom);
  const double recall = refs_total == 0 ? 0.0 : double(match) / double(refs_total);
  if (precision + recall == 0) return 0.0;
  return 2 * precision * recall / (precision + recall);
}

}  // namespace

std::optional<Timeline> ParseTimeline(std::string_view text, std::string_view name,
                                      std::string* error, const TimelineReadOptions& options) {
  Timeline tl;
  std::optional<Date> open;  // date of the block being read
  int open_line = 0;
  std::vector<std::string> sentences;
  auto fail = [&](int line, const std::string& what) {
    if (error) *error = std::string(name) + ":" + std::to_string(line) + ": " + what;
    return std::nullopt;
  };
  auto commit = [&] {
    auto [it, inserted] = tl.try_emplace(*open);
    if (!inserted && options.merge_duplicate_dates) {
      it->second.insert(it->second.end(), sentences.begin(), sentences.end());
    } else {
      it->second = std::move(sentences);
    }
    sentences.clear();
    open.reset();
  };

  // A binary file would fail on its first line with a confusing message.
  // Other bytes are kept as they are: ROUGE compares bytes, and references
  // in legacy encodings still score.
  if (size_t nul = text.find('\0'); nul != std::string_view::npos) {
    return fail(1 + static_cast<int>(std::count(text.begin(), text.begin() + nul, '\n')),
                "not a timeline: binary data (NUL byte)");
  }
  int line_no = 0;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = Strip(text.substr(pos, end - pos));
    pos = end + 1;
    ++line_no;
    if (line.empty()) continue;
    // A separator a conversion broke ("- -------------------------------",
    // ML-Crisis yemen_fr) is still one: a line of dashes and spaces only.
    const bool dashes = line.size() >= 16 &&
                        line.find_first_not_of("- ") == std::string_view::npos &&
                        std::count(line.begin(), line.end(), '-') >= 16;
    if (line == kSeparator || dashes) {
      if (open) commit();  // repeated separators are harmless
      continue;
    }
    if (LooksLikeDate(line)) {
      std::optional<Date> d = ParseDateLine(line);
      if (!d) return fail(line_no, "malformed date line \"" + std::string(line) + "\"");
      if (open) {
        return fail(line_no, "date line before the closing dashes of the block for " +
                                 open->ToString() + " (line " + std::to_string(open_line) + ")");
      }
      open = d;
      open_line = line_no;
      continue;
    }
    if (!open) return fail(line_no, "sentence outside a date block (expected a YYYY-MM-DD line)");
    // A sentence with the block's closing dashes glued to its end
    // ("... la capitale--------------------------------", as ML-Crisis's
    // yemen_fr writes one): the sentence, then the end of the block.
    if (line.size() > kSeparator.size() && line.ends_with(kSeparator)) {
      sentences.emplace_back(Strip(line.substr(0, line.size() - kSeparator.size())));
      commit();
      continue;
    }
    sentences.emplace_back(line);
  }
  if (open) commit();
  return tl;
}

std::optional<Timeline> ReadTimelineFile(const std::string& path, std::string* error,
                                         const TimelineReadOptions& options) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (error) *error = path + ": cannot open file";
    return std::nullopt;
  }
  std::stringstream ss;
  ss << in.rdbuf();
  if (in.bad()) {
    if (error) *error = path + ": read error";
    return std::nullopt;
  }
  return ParseTimeline(ss.str(), path, error, options);
}

std::string FormatTimeline(const Timeline& timeline) {
  std::string out;
  for (const auto& [date, sentences] : timeline) {
    out += date.ToString();
    out += '\n';
    for (const std::string& s : sentences) {
      out += s;
      out += '\n';
    }
    out += kSeparator;
    out += '\n';
  }
  return out;
}

bool WriteTimelineFile(const std::string& path, const Timeline& timeline, std::string* error) {
  std::ofstream out(path, std::ios::binary);
  if (out) out << FormatTimeline(timeline);
  if (!out) {
    if (error) *error = path + ": cannot write file";
    return false;
  }
  return true;
}

double F1(double precision, double recall) {
  if (precision + recall == 0) return 0.0;
  return 2 * precision * recall / (precision + recall);
}

RougePrf EvaluateConcat(const RougeScorer& scorer, const Timeline& pred,
                        std::span<const Timeline> refs) {
  auto concat = [](const Timeline& tl) {
    std::vector<std::string> all;
    for (const auto& [d, s] : tl) all.insert(all.end(), s.begin(), s.end());
    return all;
  };
  std::vector<std::vector<std::string>> ref_texts;
  for (const Timeline& ref : refs) ref_texts.push_back(concat(ref));
  const std::vector<std::string> pred_text = concat(pred);
  const std::vector<RougeCounts> c = scorer.Score(pred_text, ref_texts);
  Sums sums;
  for (int n = 0; n < 2 && n < static_cast<int>(c.size()); ++n) {
    sums.p_num[n] = sums.r_num[n] = double(c[n].hit);
    sums.p_den[n] = double(c[n].peer);
    sums.r_den[n] = double(c[n].model);
  }
  return sums.Result();
}

RougePrf EvaluateAgreement(const RougeScorer& scorer, const Timeline& pred,
                           std::span<const Timeline> refs) {
  ProfileCache cache(scorer, pred, refs);
  const std::set<Date> ref_dates = RefDates(refs);
  std::set<Date> all = ref_dates;
  for (const auto& [d, s] : pred) all.insert(d);
  Sums sums;
  for (const Date& d : all) {
    const std::vector<RougeCounts> c = scorer.Score(cache.Pred(d), cache.Refs(d));
    const bool in_pred = pred.count(d) > 0;
    const bool in_ref = ref_dates.count(d) > 0;
    for (int n = 0; n < 2 && n < static_cast<int>(c.size()); ++n) {
      if (in_pred) {
        sums.p_num[n] += double(c[n].hit);
        sums.p_den[n] += double(c[n].peer);
      }
      if (in_ref) {
        sums.r_num[n] += double(c[n].hit);
        sums.r_den[n] += double(c[n].model);
      }
    }
  }
  return sums.Result();
}

double RoughRouge1F(std::span<const std::string> pred,
                    std::span<const std::vector<std::string>> refs) {
  RoughVocabulary vocab;
  const Bag p = vocab.BagOf(pred);
  std::vector<Bag> r;
  for (const auto& ref : refs) r.push_back(vocab.BagOf(ref));
  std::vector<const Bag*> ptrs;
  int64_t refs_total = 0;
  for (const Bag& b : r) {
    ptrs.push_back(&b);
    refs_total += BagTotal(b);
  }
  return RoughF(p, BagTotal(p), ptrs, refs_total);
}

RougePrf EvaluateAlignM1(const RougeScorer& scorer, const Timeline& pred,
                         std::span<const Timeline> refs) {
  ProfileCache cache(scorer, pred, refs);
  const std::set<Date> ref_set = RefDates(refs);
  const std::vector<Date> rd(ref_set.begin(), ref_set.end());
  std::vector<Date> pd;
  for (const auto& [d, s] : pred) pd.push_back(d);

  // Rough bags, once per summary.
  RoughVocabulary vocab;
  std::vector<Bag> pred_bags;
  std::vector<int64_t> pred_totals;
  for (const Date& d : pd) {
    pred_bags.push_back(vocab.BagOf(SummaryOf(pred, d)));
    pred_totals.push_back(BagTotal(pred_bags.back()));
  }
  std::vector<std::vector<Bag>> ref_bags(rd.size());
  std::vector<int64_t> ref_totals(rd.size(), 0);
  for (size_t j = 0; j < rd.size(); ++j) {
    for (const Timeline& ref : refs) {
      ref_bags[j].push_back(vocab.BagOf(SummaryOf(ref, rd[j])));
      ref_totals[j] += BagTotal(ref_bags[j].back());
    }
  }

  // cost[i][j] for predicted date i and reference date j; tilse's two cost
  // matrices are transposes of each other.
  std::vector<std::vector<double>> cost(pd.size(), std::vector<double>(rd.size(), 0.0));
  for (size_t j = 0; j < rd.size(); ++j) {
    std::vector<const Bag*> rb;
    for (const Bag& b : ref_bags[j]) rb.push_back(&b);
    for (size_t i = 0; i < pd.size(); ++i) {
      const double date_factor = 1 - 1.0 / double(DaysApart(pd[i], rd[j]) + 1);
      // Same date: the product is 0 whatever the content.
      if (date_factor == 0) continue;
      const double content_factor = 1 - RoughF(pred_bags[i], pred_totals[i], rb, ref_totals[j]);
      cost[i][j] = date_factor * content_factor;
    }
  }

  Sums sums;
  auto add = [&](const Date& p, const Date& r, bool precision_side) {
    const std::vector<RougeCounts> c = scorer.Score(cache.Pred(p), cache.Refs(r));
    const double w = 1 / double(DaysApart(p, r) + 1);
    for (int n = 0; n < 2 && n < static_cast<int>(c.size()); ++n) {
      if (precision_side) {
        sums.p_num[n] += w * double(c[n].hit);
        sums.p_den[n] += double(c[n].peer);
      } else {
        sums.r_num[n] += w * double(c[n].hit);
        sums.r_den[n] += double(c[n].model);
      }
    }
  };

  // Precision: every predicted date to its cheapest reference date (numpy
  // argmin: the first of equal minima).
  for (size_t i = 0; i < pd.size(); ++i) {
    if (rd.empty()) {
      // No partner: scored against empty references (H = 0, P counted).
      const std::vector<RougeCounts> c = scorer.Score(cache.Pred(pd[i]), cache.EmptyRefs());
      for (int n = 0; n < 2 && n < static_cast<int>(c.size()); ++n) {
        sums.p_den[n] += double(c[n].peer);
      }
      continue;
    }
    size_t best = 0;
    for (size_t j = 1; j < rd.size(); ++j) {
      if (cost[i][j] < cost[i][best]) best = j;
    }
    add(pd[i], rd[best], true);
  }
  // Recall: every reference date to its cheapest predicted date.
  for (size_t j = 0; j < rd.size(); ++j) {
    if (pd.empty()) {
      const std::vector<RougeCounts> c = scorer.Score(cache.Empty(), cache.Refs(rd[j]));
      for (int n = 0; n < 2 && n < static_cast<int>(c.size()); ++n) {
        sums.r_den[n] += double(c[n].model);
      }
      continue;
    }
    size_t best = 0;
    for (size_t i = 1; i < pd.size(); ++i) {
      if (cost[i][j] < cost[best][j]) best = i;
    }
    add(pd[best], rd[j], false);
  }
  return sums.Result();
}

Prf EvaluateDates(const Timeline& pred, std::span<const Timeline> refs) {
  const std::set<Date> ref_dates = RefDates(refs);
  size_t both = 0;
  for (const auto& [d, s] : pred) both += ref_dates.count(d);
  Prf out;
  out.precision = pred.empty() ? 0.0 : double(both) / double(pred.size());
  out.recall = ref_dates.empty() ? 0.0 : double(both) / double(ref_dates.size());
  out.f1 = F1(out.precision, out.recall);
  return out;
}

TimelineScores EvaluateTimeline(const RougeScorer& scorer, const Timeline& pred,
                                std::span<const Timeline> refs) {
  TimelineScores s;
  s.concat = EvaluateConcat(scorer, pred, refs);
  s.agreement = EvaluateAgreement(scorer, pred, refs);
  s.align_m1 = EvaluateAlignM1(scorer, pred, refs);
  s.date = EvaluateDates(pred, refs);
  return s;
}

TimelineScores AverageScores(std::span<const TimelineScores> per_task) {
  TimelineScores avg;
  if (per_task.empty()) return avg;
  const double n = double(per_task.size());
  auto average = [&](auto member) {
    Prf out;
    for (const TimelineScores& t : per_task) {
      const Prf& p = member(t);
      out.precision += p.precision;
      out.recall += p.recall;
    }
    out.precision /= n;
    out.recall /= n;
    out.f1 = F1(out.precision, out.recall);
    return out;
  };
  avg.concat.rouge1 =
      average([](const TimelineScores& t) -> const Prf& { return t.concat.rouge1; });
  avg.concat.rouge2 =
      average([](const TimelineScores& t) -> const Prf& { return t.concat.rouge2; });
  avg.agreement.rouge1 =
      average([](const TimelineScores& t) -> const Prf& { return t.agreement.rouge1; });
  avg.agreement.rouge2 =
      average([](const TimelineScores& t) -> const Prf& { return t.agreement.rouge2; });
  avg.align_m1.rouge1 =
      average([](const TimelineScores& t) -> const Prf& { return t.align_m1.rouge1; });
  avg.align_m1.rouge2 =
      average([](const TimelineScores& t) -> const Prf& { return t.align_m1.rouge2; });
  avg.date = average([](const TimelineScores& t) -> const Prf& { return t.date; });
  return avg;
}

TimelineSize NewsTlsSize(const Timeline& reference) {
  TimelineSize size;
  size.num_dates = static_cast<int>(reference.size());
  if (reference.empty()) return size;
  size_t sentences = 0;
  for (const auto& [d, s] : reference) sentences += s.size();
  // std::nearbyint rounds half to even in the default rounding mode, like
  // Python 3's round(); a mean of integers that ends in .5 is exact.
  size.sentences_per_date =
      static_cast<int>(std::nearbyint(double(sentences) / double(reference.size())));
  return size;
}

}  // namespace annals::eval
