#include "server/server.h"

#include <httplib.h>
#include <sqlite3.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <condition_variable>
#include <future>
#include <list>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <semaphore>
#include <set>
#include <stdexcept>
#include <thread>
#include <unordered_map>

#include "annals/tagger.h"
#include "annals/timeline.h"
#include "corpus/readers.h"
#include "store/ingest.h"
#include "store/store.h"
#include "text/ascii.h"
#include "timeline/export.h"

namespace annals::embedded_web {
extern const std::pair<std::string_view, std::string_view> kFiles[];
extern const int kFileCount;
}  // namespace annals::embedded_web
namespace annals::embedded_examples {
extern const std::pair<std::string_view, std::string_view> kFiles[];
extern const int kFileCount;
}  // namespace annals::embedded_examples

namespace annals::server {
namespace {

using json = nlohmann::json;
using Clock = std::chrono::steady_clock;

// Bounds on what one request may ask for.
constexpr size_t kMaxQueryBytes = 256;
constexpr size_t kMaxQueryTerms = 16;
constexpr int kMaxDates = 100;
constexpr int kMaxSentencesPerDate = 10;
constexpr size_t kMaxTimelineArticles = 50000;
constexpr int kMaxSearchLimit = 200;
constexpr int kMaxSearchOffset = 100000;

// A client error: becomes a 400 with the message.
struct BadRequest : std::runtime_error {
  using std::runtime_error::runtime_error;
};

std::string Dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

std::string ErrorBody(const std::string& message) { return Dump(json{{"error", message}}); }

// ------------------------------------------------------------ parameters

void CheckParams(const httplib::Request& req, std::initializer_list<const char*> known) {
  for (const auto& param : req.params) {
    const std::string& key = param.first;
    if (std::none_of(known.begin(), known.end(), [&](const char* k) { return key == k; }))
      throw BadRequest("unknown parameter `" + key.substr(0, 64) + "`");
    if (req.get_param_value_count(key) > 1) throw BadRequest("parameter `" + key + "` repeated");
  }
}

std::string TextParam(const httplib::Request& req, const char* name) {
  std::string v = req.get_param_value(name);
  if (v.size() > kMaxQueryBytes)
    throw BadRequest(std::string(name) + ": longer than " + std::to_string(kMaxQueryBytes) +
                     " bytes");
  if (FindBadTextByte(v) != std::string_view::npos)
    throw BadRequest(std::string(name) + ": not valid UTF-8 text");
  return v;
}

int IntParam(const httplib::Request& req, const char* name, int lo, int hi, int dflt) {
  if (!req.has_param(name)) return dflt;
  const std::string v = req.get_param_value(name);
  int n = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (v.empty() || ec != std::errc() || p != v.data() + v.size() || n < lo || n > hi)
    throw BadRequest(std::string(name) + ": expected an integer from " + std::to_string(lo) +
                     " to " + std::to_string(hi));
  return n;
}

// "YYYY", "YYYY-MM" or "YYYY-MM-DD" -> the days it covers.
std::optional<Interval> ParsePeriod(std::string_view s) {
  auto num = [](std::string_view d, int* out) {
    if (d.empty() || !std::all_of(d.begin(), d.end(), IsAsciiDigit)) return false;
    std::from_chars(d.data(), d.data() + d.size(), *out);
    return true;
  };
  int y = 0, m = 0;
  if (s.size() == 4 && num(s, &y) && y >= 1) return Interval{{y, 1, 1}, {y, 12, 31}};
  if (s.size() == 7 && s[4] == '-' && num(s.substr(0, 4), &y) && num(s.substr(5, 2), &m) &&
      y >= 1 && m >= 1 && m <= 12)
    return Interval{{y, m, 1}, {y, m, DaysInMonth(y, m)}};
  // Date::Parse gives only real days, and no year 0.
  if (s.size() == 10) {
    if (std::optional<Date> d = Date::Parse(s)) return Interval{*d, *d};
  }
  return std::nullopt;
}

std::optional<Interval> PeriodParam(const httplib::Request& req, const char* name) {
  if (!req.has_param(name)) return std::nullopt;
  const std::string v = req.get_param_value(name);
  std::optional<Interval> p = ParsePeriod(v);
  if (!p)
    throw BadRequest(std::string(name) + ": expected a date YYYY, YYYY-MM or YYYY-MM-DD, got `" +
                     v.substr(0, 32) + "`");
  return p;
}

// "annals-" and the query in [a-z0-9-] ("annals-bp-oil"), at most 40 of
// its characters; "annals-timeline" without one. The page's links name
// their files the same way (web/app.js).
std::string DownloadName(std::string_view q) {
  std::string slug;
  for (char c : q) {
    const char lower = static_cast<char>(IsAsciiUpper(c) ? c - 'A' + 'a' : c);
    if (IsAsciiDigit(lower) || (lower >= 'a' && lower <= 'z')) {
      slug += lower;
    } else if (!slug.empty() && slug.back() != '-') {
      slug += '-';
    }
  }
  if (slug.size() > 40) slug.resize(40);
  while (!slug.empty() && slug.back() == '-') slug.pop_back();
  return "annals-" + (slug.empty() ? std::string("timeline") : slug);
}

// ------------------------------------------------------------ JSON

json TimexJson(const Timex& t) {
  json j{{"begin", t.begin},
         {"end", t.end},
         {"text", t.text},
         {"type", std::string(TimexTypeName(t.type))},
         {"value", t.value}};
  if (!t.mod.empty()) j["mod"] = t.mod;
  if (t.interval) {
    j["first"] = t.interval->first.ToString();
    j["last"] = t.interval->last.ToString();
  }
  return j;
}

// ------------------------------------------------------------ caches

// Readers of the store, one per concurrent request.
class ReaderPool {
 public:
  explicit ReaderPool(std::string path) : path_(std::move(path)) {}

  class Lease {
   public:
    Lease(ReaderPool* pool, std::unique_ptr<store::StoreReader> r)
        : pool_(pool), reader_(std::move(r)) {}
    ~Lease() {
      reader_->SetDeadline(std::nullopt);
      pool_->Return(std::move(reader_));
    }
    store::StoreReader* operator->() { return reader_.get(); }
    store::StoreReader& operator*() { return *reader_; }

   private:
    ReaderPool* pool_;
    std::unique_ptr<store::StoreReader> reader_;
  };

  Lease Get() {
    std::unique_ptr<store::StoreReader> r;
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (!free_.empty()) {
        r = std::move(free_.back());
        free_.pop_back();
      }
    }
    if (!r) r = std::make_unique<store::StoreReader>(path_);
    return Lease(this, std::move(r));
  }

 private:
  void Return(std::unique_ptr<store::StoreReader> r) {
    std::lock_guard<std::mutex> lock(mu_);
    free_.push_back(std::move(r));
  }
  std::string path_;
  std::mutex mu_;
  std::vector<std::unique_ptr<store::StoreReader>> free_;
};

using ArticlePtr = std::shared_ptr<const store::ArticleRow>;

// Annotated articles as read from the store, least recently used first out
// once their texts pass the byte budget.
class ArticleCache {
 public:
  explicit ArticleCache(size_t max_bytes) : max_bytes_(max_bytes) {}

  void Clear() {
    std::lock_guard<std::mutex> lock(mu_);
    map_.clear();
    lru_.clear();
    bytes_ = 0;
  }

  ArticlePtr Get(int64_t id, store::StoreReader& reader) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      auto it = map_.find(id);
      if (it != map_.end()) {
        lru_.splice(lru_.begin(), lru_, it->second.pos);
        return it->second.article;
      }
    }
    std::optional<store::ArticleRow> row = reader.LoadArticle(id);
    if (!row) return nullptr;
    auto article = std::make_shared<const store::ArticleRow>(std::move(*row));
    const size_t bytes = Bytes(*article);
    std::lock_guard<std::mutex> lock(mu_);
    if (map_.count(id)) return article;
    lru_.push_front(id);
    map_[id] = Entry{article, lru_.begin(), bytes};
    bytes_ += bytes;
    while (bytes_ > max_bytes_ && lru_.size() > 1) {
      auto last = map_.find(lru_.back());
      bytes_ -= last->second.bytes;
      map_.erase(last);
      lru_.pop_back();
    }
    return article;
  }

 private:
  static size_t Bytes(const store::ArticleRow& a) {
    size_t n = a.doc.doc.text.size() + a.doc.sentences.size() * sizeof(AnnotatedSentence);
    for (const auto& s : a.doc.sentences) n += s.timexes.size() * (sizeof(Timex) + 32);
    return n;
  }
  struct Entry {
    ArticlePtr article;
    std::list<int64_t>::iterator pos;
    size_t bytes = 0;
  };
  size_t max_bytes_;
  size_t bytes_ = 0;
  std::mutex mu_;
  std::list<int64_t> lru_;
  std::unordered_map<int64_t, Entry> map_;
};

struct Answer {
  Answer() = default;
  Answer(int status, std::string body, std::string content_type = kJson, std::string filename = "")
      : status(status),
        body(std::move(body)),
        content_type(std::move(content_type)),
        filename(std::move(filename)) {}
  static constexpr const char* kJson = "application/json; charset=utf-8";
  int status = 200;
  std::string body;
  // The body's type, and for a download the file name to save it as.
  std::string content_type = kJson;
  std::string filename;
};

// Finished API answers by canonical request. Concurrent identical requests
// wait for one computation instead of each doing it (a page load or a load
// test sends many at once). Only successes are kept.
class AnswerCache {
 public:
  explicit AnswerCache(size_t max_entries) : max_(max_entries) {}

  // Computations in flight finish for their waiters but are not kept.
  void Clear() {
    std::lock_guard<std::mutex> lock(mu_);
    map_.clear();
    lru_.clear();
  }

  Answer Get(const std::string& key, const std::function<Answer()>& compute) {
    std::shared_future<Answer> fut;
    std::promise<Answer> promise;
    bool mine = false;
    {
      std::lock_guard<std::mutex> lock(mu_);
      auto it = map_.find(key);
      if (it != map_.end()) {
        lru_.splice(lru_.begin(), lru_, it->second.pos);
        fut = it->second.answer;
      } else {
        mine = true;
        fut = promise.get_future().share();
        lru_.push_front(key);
        map_[key] = Entry{fut, lru_.begin()};
        while (lru_.size() > max_) {
          map_.erase(lru_.back());
          lru_.pop_back();
        }
      }
    }
    if (!mine) return fut.get();
    Answer a;
    try {
      a = compute();
    } catch (...) {
      promise.set_exception(std::current_exception());
      Forget(key);
      throw;
    }
    promise.set_value(a);
    if (a.status != 200) Forget(key);
    return a;
  }

 private:
  void Forget(const std::string& key) {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = map_.find(key);
    if (it == map_.end()) return;
    lru_.erase(it->second.pos);
    map_.erase(it);
  }
  struct Entry {
    std::shared_future<Answer> answer;
    std::list<std::string>::iterator pos;
  };
  size_t max_;
  std::mutex mu_;
  std::list<std::string> lru_;
  std::unordered_map<std::string, Entry> map_;
};

std::string_view MimeType(std::string_view name) {
  auto ends = [&](std::string_view s) {
    return name.size() >= s.size() && name.substr(name.size() - s.size()) == s;
  };
  if (ends(".html")) return "text/html; charset=utf-8";
  if (ends(".js")) return "text/javascript; charset=utf-8";
  if (ends(".css")) return "text/css; charset=utf-8";
  return "application/octet-stream";
}

// httplib listens with a backlog of 5 (a compile-time constant of the
// Debian library). When many clients connect at once, as a browser or a
// load test does, SYNs beyond it are dropped and retried only after a
// second: latency spikes of ~1 s. Linux lets listen() be called again on a
// listening socket to set a new backlog.
class HttpServer : public httplib::Server {
 public:
  void RaiseBacklog(int backlog) { ::listen(svr_sock_, backlog); }
};

}  // namespace

// ------------------------------------------------------------ server

struct Server::Impl {
  ServerOptions options;
  std::unique_ptr<store::Db> keeper;  // keeps the in-memory example store alive
  std::string store_path;
  std::string store_name;
  std::unique_ptr<ReaderPool> readers;
  ArticleCache articles;
  AnswerCache answers;
  HttpServer http;
  int port = 0;
  std::mutex counts_mu;
  store::StoreCounts counts;  // guarded by counts_mu
  std::atomic<int64_t> generation{0};
  std::atomic<int64_t> next_refresh{0};  // steady clock, ms
  std::counting_semaphore<> builds;      // free timeline build slots

  explicit Impl(ServerOptions o)
      : options(std::move(o)),
        articles(options.doc_cache_bytes),
        answers(options.cache_entries),
        builds(options.timeline_builds > 0
                   ? options.timeline_builds
                   : std::max(1, static_cast<int>(std::thread::hardware_concurrency()))) {
    if (options.db.empty()) {
      OpenExamples();
    } else {
      // Refuse a missing file here: SQLite would report it only vaguely.
      if (access(options.db.c_str(), R_OK) != 0)
        throw store::StoreError(options.db + ": no such database (create it with annals ingest)");
      store_path = options.db;
      store_name = options.db;
    }
    readers = std::make_unique<ReaderPool>(store_path);
    {
      auto reader = readers->Get();
      counts = reader->Counts();
      generation = reader->Generation();
    }
    Routes();
  }

  // Drops the caches when an ingest committed since the last look; looks at
  // most once per refresh_interval, so that a cached answer costs no query.
  void Refresh() {
    const int64_t now =
        std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now().time_since_epoch())
            .count();
    int64_t due = next_refresh.load();
    if (now < due ||
        !next_refresh.compare_exchange_strong(due, now + options.refresh_interval.count()))
      return;  // not yet, or another request is looking
    auto reader = readers->Get();
    const int64_t g = reader->Generation();
    if (g == generation.load()) return;
    store::StoreCounts c = reader->Counts();
    answers.Clear();
    articles.Clear();
    {
      std::lock_guard<std::mutex> lock(counts_mu);
      counts = c;
    }
    generation = g;
  }

  // The bundled examples, tagged into a private in-memory database at
  // start-up (shared cache, so that every reader sees the same one).
  void OpenExamples() {
    static std::atomic<int> serial{0};
    store_path = "file:annals-examples-" + std::to_string(getpid()) + "-" +
                 std::to_string(serial++) + "?mode=memory&cache=shared";
    store_name = "bundled examples";
    keeper = std::make_unique<store::Db>(store_path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    std::vector<Document> docs;
    for (int i = 0; i < embedded_examples::kFileCount; ++i) {
      const auto& [name, content] = embedded_examples::kFiles[i];
      Document doc;
      size_t offset = 0;
      ReadError err;
      if (ParseDatedArticle(content, std::string(name), &doc, &offset, &err))
        docs.push_back(std::move(doc));
    }
    store::IngestDocuments(store_path, std::move(docs));
  }

  void SetDeadline(store::StoreReader& r) { r.SetDeadline(Clock::now() + options.timeout); }

  // Wraps a handler: JSON content type, 400 for BadRequest, 503 on timeout.
  httplib::Server::Handler Api(std::function<Answer(const httplib::Request&)> fn) {
    return [this, fn = std::move(fn)](const httplib::Request& req, httplib::Response& res) {
      Answer a;
      try {
        Refresh();
        a = fn(req);
      } catch (const BadRequest& e) {
        a = {400, ErrorBody(e.what())};
      } catch (const store::StoreTimeout&) {
        a = {503, ErrorBody("the request took too long")};
      }
      res.status = a.status;
      if (!a.filename.empty())
        res.set_header("Content-Disposition", "attachment; filename=\"" + a.filename + "\"");
      res.set_content(a.body, a.content_type.c_str());
    };
  }

  Answer Timeline(const httplib::Request& req) {
    CheckParams(req, {"q", "from", "to", "dates", "sentences", "format"});
    const std::string q = TextParam(req, "q");
    // No format: the JSON the page draws. format=json is the same as a
    // download; timelinejs and csv are the exports of `annals timeline
    // --format`, also downloads.
    const bool download = req.has_param("format");
    const std::string format = download ? req.get_param_value("format") : "json";
    if (format != "json" && format != "timelinejs" && format != "csv")
      throw BadRequest("format: expected json, timelinejs or csv");
    std::optional<Interval> from = PeriodParam(req, "from"), to = PeriodParam(req, "to");
    std::optional<Date> lo, hi;
    if (from) lo = from->first;
    if (to) hi = to->last;
    if (lo && hi && *lo > *hi) throw BadRequest("from: after to");
    const int dates = IntParam(req, "dates", 1, kMaxDates, 0);
    const int per_date = IntParam(req, "sentences", 1, kMaxSentencesPerDate, 2);
    const std::string key = "timeline\n" + q + "\n" + (lo ? lo->ToString() : "") + "\n" +
                            (hi ? hi->ToString() : "") + "\n" + std::to_string(dates) + "\n" +
                            std::to_string(per_date) + "\n" + (download ? format : "");
    return answers.Get(key, [&] {
      const auto deadline = Clock::now() + options.timeout;
      if (!builds.try_acquire_until(deadline)) throw store::StoreTimeout("timeline: all busy");
      struct Release {
        std::counting_semaphore<>& slots;
        ~Release() { slots.release(); }
      } release{builds};
      if (options.on_timeline_build) options.on_timeline_build();
      auto reader = readers->Get();
      reader->SetDeadline(deadline);
      const std::string fts = store::FtsQuery(q, "OR", kMaxQueryTerms);
      if (!q.empty() && fts.empty()) throw BadRequest("q: no words to search for");
      std::vector<int64_t> ids = reader->MatchArticles(fts, lo, hi, kMaxTimelineArticles + 1);
      if (ids.size() > kMaxTimelineArticles)
        throw BadRequest("the query matches more than " + std::to_string(kMaxTimelineArticles) +
                         " articles; narrow it with q, from or to");
      std::vector<ArticlePtr> rows;
      rows.reserve(ids.size());
      for (int64_t id : ids) {
        if (reader->TimedOut()) throw store::StoreTimeout("timeline");
        if (ArticlePtr a = articles.Get(id, *reader)) rows.push_back(std::move(a));
      }
      // The cached articles themselves, not copies: `rows` keeps them alive.
      std::vector<const AnnotatedDocument*> docs;
      docs.reserve(rows.size());
      std::unordered_map<std::string_view, int64_t> number;
      for (const ArticlePtr& a : rows) {
        docs.push_back(&a->doc);
        number[a->doc.doc.id] = a->id;
      }
      TimelineOptions to_opts;
      to_opts.query = q;
      to_opts.max_dates = dates;
      to_opts.sentences_per_date = per_date;
      to_opts.from = lo;
      to_opts.to = hi;
      TimelineResult tl = BuildTimeline(docs, to_opts);
      if (format == "timelinejs") {
        return Answer{200, TimelineJsJson(ExportOf(tl, q, store_name)), Answer::kJson,
                      DownloadName(q) + ".timelinejs.json"};
      }
      if (format == "csv") {
        return Answer{200, TimelineCsv(ExportOf(tl, q, store_name)), "text/csv; charset=utf-8",
                      DownloadName(q) + ".csv"};
      }

      json out;
      out["q"] = q;
      out["from"] = lo ? json(lo->ToString()) : json(nullptr);
      out["to"] = hi ? json(hi->ToString()) : json(nullptr);
      out["keywords"] = tl.keywords;
      out["automatic_keywords"] = tl.automatic_keywords;
      out["documents"] = tl.documents;
      out["sentences"] = tl.sentences;
      json& entries = out["dates"] = json::array();
      for (const TimelineEntry& e : tl.entries) {
        json je{{"date", e.date.ToString()}, {"score", e.score},
                {"articles", e.articles},    {"mentions", e.mentions},
                {"published", e.published},  {"chronology", e.chronology},
                {"sentences", json::array()}};
        for (const TimelineSentence& s : e.sentences) {
          auto it = number.find(s.doc_id);
          je["sentences"].push_back(
              {{"text", s.text},
               {"doc_id", s.doc_id},
               {"article", it == number.end() ? json(nullptr) : json(it->second)},
               {"published", s.published.ToString()},
               {"score", s.score}});
        }
        entries.push_back(std::move(je));
      }
      // Coverage for the density strip: per day, articles published and
      // sentences naming that day, over the articles that matched. Days are
      // kept within from..to, or else within a month of the publication
      // dates (a mention of 1914 is no part of the story's axis).
      int64_t first_pub = INT64_MAX, last_pub = INT64_MIN;
      for (const AnnotatedDocument* d : docs) {
        first_pub = std::min(first_pub, d->doc.dct->ToDays());
        last_pub = std::max(last_pub, d->doc.dct->ToDays());
      }
      int64_t cov_lo = lo ? lo->ToDays() : first_pub - 31;
      int64_t cov_hi = hi ? hi->ToDays() : last_pub + 31;
      if (!tl.entries.empty()) {  // the chosen dates are on the axis too
        cov_lo = std::min(cov_lo, tl.entries.front().date.ToDays());
        cov_hi = std::max(cov_hi, tl.entries.back().date.ToDays());
      }
      std::map<int64_t, std::pair<int, int>> days;
      for (const AnnotatedDocument* d : docs) {
        ++days[d->doc.dct->ToDays()].first;
        for (const AnnotatedSentence& s : d->sentences) {
          std::set<int64_t> named;
          for (const Timex& t : s.timexes) {
            if (!t.interval || t.interval->first != t.interval->last) continue;
            const int64_t day = t.interval->first.ToDays();
            if (day >= cov_lo && day <= cov_hi) named.insert(day);
          }
          for (int64_t day : named) ++days[day].second;
        }
      }
      json& cov = out["coverage"] = json::array();
      for (const auto& [day, c] : days)
        cov.push_back({Date::FromDays(day).ToString(), c.first, c.second});
      Answer a{200, Dump(out)};
      if (download) a.filename = DownloadName(q) + ".json";
      return a;
    });
  }

  Answer Search(const httplib::Request& req) {
    CheckParams(req, {"q", "on", "in", "limit", "offset"});
    const std::string q = TextParam(req, "q");
    std::optional<Interval> on = PeriodParam(req, "on");
    // in=sentence (default): sentences that hold every word of q;
    // in=article: sentences of articles that hold any word of q (the story
    // as the timeline sees it). Without `on` only the first applies.
    const std::string in = req.has_param("in") ? req.get_param_value("in") : "sentence";
    if (in != "sentence" && in != "article") throw BadRequest("in: expected sentence or article");
    const bool whole_article = in == "article" && req.has_param("on");
    const int limit = IntParam(req, "limit", 1, kMaxSearchLimit, 50);
    const int offset = IntParam(req, "offset", 0, kMaxSearchOffset, 0);
    const std::string fts = store::FtsQuery(q, whole_article ? "OR" : "AND", kMaxQueryTerms);
    if (!on && fts.empty()) throw BadRequest("give on=YYYY-MM[-DD] or q (or both)");
    const std::string key = "search\n" + fts + "\n" + in + "\n" +
                            (on ? on->first.ToString() + on->last.ToString() : "") + "\n" +
                            std::to_string(limit) + "\n" + std::to_string(offset);
    return answers.Get(key, [&] {
      auto reader = readers->Get();
      SetDeadline(*reader);
      std::vector<store::SentenceRef> hits =
          on ? reader->SentencesAbout(on->first, on->last, fts, whole_article, offset, limit + 1)
             : reader->SentencesMatching(fts, offset, limit + 1);
      json out;
      out["q"] = q;
      if (on) out["on"] = {{"first", on->first.ToString()}, {"last", on->last.ToString()}};
      out["more"] = hits.size() > static_cast<size_t>(limit);
      if (hits.size() > static_cast<size_t>(limit)) hits.resize(limit);
      json& results = out["results"] = json::array();
      for (const store::SentenceRef& h : hits) {
        if (reader->TimedOut()) throw store::StoreTimeout("search");
        ArticlePtr a = articles.Get(h.article, *reader);
        if (!a || h.sentence >= a->doc.sentences.size()) continue;
        const AnnotatedSentence& s = a->doc.sentences[h.sentence];
        // Offsets of the expressions are given within the sentence text.
        json jt = json::array();
        for (const Timex& t : s.timexes) {
          if (on && !(t.interval && t.interval->first >= on->first && t.interval->last <= on->last))
            continue;
          Timex local = t;
          local.begin -= s.begin;
          local.end -= s.begin;
          jt.push_back(TimexJson(local));
        }
        results.push_back({{"text", a->doc.doc.text.substr(s.begin, s.end - s.begin)},
                           {"article", a->id},
                           {"doc_id", a->doc.doc.id},
                           {"sentence", h.sentence},
                           {"published", a->doc.doc.dct->ToString()},
                           {"timexes", std::move(jt)}});
      }
      return Answer{200, Dump(out)};
    });
  }

  Answer Article(const httplib::Request& req) {
    CheckParams(req, {});
    const std::string s = req.matches[1];
    int64_t id = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), id);
    if (s.empty() || ec != std::errc() || p != s.data() + s.size() || id < 1)
      throw BadRequest("article: expected a positive article number");
    auto reader = readers->Get();
    SetDeadline(*reader);
    ArticlePtr a = articles.Get(id, *reader);
    if (!a) return {404, ErrorBody("no article " + std::to_string(id))};
    const AnnotatedDocument& d = a->doc;
    json out{{"id", a->id},
             {"doc_id", d.doc.id},
             {"published", d.doc.dct->ToString()},
             {"lang", d.doc.lang.empty() ? "en" : d.doc.lang},
             {"text", d.doc.text}};
    json& sentences = out["sentences"] = json::array();
    json& timexes = out["timexes"] = json::array();
    // `parts` cuts the text at the expressions so that a client renders it
    // without byte-offset arithmetic: [{"text"}, {"text", "timex": k}, ...].
    json& parts = out["parts"] = json::array();
    size_t pos = 0;
    for (size_t i = 0; i < d.sentences.size(); ++i) {
      const AnnotatedSentence& s = d.sentences[i];
      sentences.push_back({s.begin, s.end});
      for (const Timex& t : s.timexes) {
        if (t.begin < pos || t.end > d.doc.text.size()) continue;
        json jt = TimexJson(t);
        jt["sentence"] = i;
        if (t.begin > pos) parts.push_back({{"text", d.doc.text.substr(pos, t.begin - pos)}});
        parts.push_back({{"text", t.text}, {"timex", timexes.size()}});
        timexes.push_back(std::move(jt));
        pos = t.end;
      }
    }
    if (pos < d.doc.text.size()) parts.push_back({{"text", d.doc.text.substr(pos)}});
    return {200, Dump(out)};
  }

  Answer Tag(const httplib::Request& req) {
    // No CheckParams: httplib turns a form-encoded body into parameters too.
    json body;
    try {
      body = json::parse(req.body);
    } catch (const json::exception&) {
      throw BadRequest("body: expected JSON {\"text\": \"...\", \"dct\": \"YYYY-MM-DD\"}");
    }
    if (!body.is_object() || !body.contains("text") || !body["text"].is_string() ||
        !body.contains("dct") || !body["dct"].is_string())
      throw BadRequest("body: expected JSON {\"text\": \"...\", \"dct\": \"YYYY-MM-DD\"}");
    const std::string text = body["text"].get<std::string>();
    const std::string dct_s = body["dct"].get<std::string>();
    std::optional<Date> dct = Date::Parse(dct_s);
    if (!dct || !dct->valid()) throw BadRequest("dct: expected a date YYYY-MM-DD");
    if (FindBadTextByte(text) != std::string_view::npos)
      throw BadRequest("text: not valid UTF-8 or contains NUL");
    std::string lang = "auto";
    if (body.contains("lang") && !body["lang"].is_null()) {
      if (!body["lang"].is_string()) throw BadRequest("lang: expected a string");
      lang = body["lang"].get<std::string>();
      if (lang != "auto" && !IsTaggerLanguage(lang))
        throw BadRequest("lang: unknown language `" + lang + "` (one of: auto, " +
                         TaggerLanguageList() + ", und)");
    }
    if (lang == "auto") lang = std::string(LanguageOf(text));
    TagOptions o;
    o.dct = *dct;
    json out{{"dct", dct->ToString()}, {"lang", lang}, {"timexes", json::array()}};
    for (const Timex& t : Tagger::ForLanguage(lang).Tag(text, o))
      out["timexes"].push_back(TimexJson(t));
    return {200, Dump(out)};
  }

  Answer Health(const httplib::Request& req) {
    CheckParams(req, {});
    store::StoreCounts counts;
    {
      std::lock_guard<std::mutex> lock(counts_mu);
      counts = this->counts;
    }
    return {200, Dump({{"status", "ok"},
                       {"store", store_name},
                       {"articles", counts.articles},
                       {"timexes", counts.timexes},
                       {"first", counts.first ? json(counts.first->ToString()) : json(nullptr)},
                       {"last", counts.last ? json(counts.last->ToString()) : json(nullptr)}})};
  }

  void Static(const httplib::Request& req, httplib::Response& res) {
    // Files are looked up by exact name in the embedded table: no path ever
    // reaches the file system, so "../" cannot escape anything.
    std::string name = req.path == "/" ? "index.html" : req.path.substr(1);
    for (int i = 0; i < embedded_web::kFileCount; ++i) {
      if (embedded_web::kFiles[i].first == name) {
        res.set_content(std::string(embedded_web::kFiles[i].second),
                        std::string(MimeType(name)).c_str());
        res.set_header("Cache-Control", "no-cache");
        return;
      }
    }
    res.status = 404;
    res.set_content(ErrorBody("not found"), "application/json; charset=utf-8");
  }

  void Routes() {
    http.Get("/api/timeline", Api([this](const auto& r) { return Timeline(r); }));
    http.Get("/api/search", Api([this](const auto& r) { return Search(r); }));
    http.Get(R"(/api/articles/([^/]+))", Api([this](const auto& r) { return Article(r); }));
    http.Post("/api/tag", Api([this](const auto& r) { return Tag(r); }));
    http.Get("/healthz", Api([this](const auto& r) { return Health(r); }));
    http.Get(R"(/[A-Za-z0-9_.-]*)",
             [this](const httplib::Request& req, httplib::Response& res) { Static(req, res); });

    // Every error answer is JSON, also those httplib makes itself (404 for
    // an unknown route, 413 for a large body, 400 for a bad request line).
    http.set_error_handler([](const httplib::Request&, httplib::Response& res) {
      if (!res.body.empty()) return;
      std::string msg = res.status == 404   ? "not found"
                        : res.status == 413 ? "request body too large"
                        : res.status == 414 ? "request URI too long"
                        : res.status == 405 ? "method not allowed"
                                            : "bad request";
      res.set_content(ErrorBody(msg), "application/json; charset=utf-8");
    });
    http.set_exception_handler(
        [](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
          res.status = 500;
          res.set_content(ErrorBody("internal error"), "application/json; charset=utf-8");
        });
    http.set_post_routing_handler([](const httplib::Request&, httplib::Response& res) {
      // The UI builds every page from JSON with textContent; the policy is a
      // second line: no inline script, nothing from elsewhere.
      res.set_header("Content-Security-Policy",
                     "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' "
                     "data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'");
      res.set_header("X-Content-Type-Options", "nosniff");
      res.set_header("Referrer-Policy", "no-referrer");
    });
    http.set_payload_max_length(options.max_body_bytes);
    const auto secs = std::max<time_t>(1, options.timeout.count() / 1000);
    http.set_read_timeout(secs);
    http.set_write_timeout(secs);
    http.set_keep_alive_timeout(5);
    // Connections beyond the pool wait for a thread: a connection gives its
    // thread up after this many requests, so none waits for long.
    http.set_keep_alive_max_count(100);
    http.set_tcp_nodelay(true);
    const int threads = std::max(1, options.threads);
    http.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  }
};

Server::Server(ServerOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}
Server::~Server() = default;

bool Server::Bind(std::string* error) {
  Impl& s = *impl_;
  if (s.options.port == 0) {
    s.port = s.http.bind_to_any_port(s.options.host);
  } else {
    s.port = s.http.bind_to_port(s.options.host, s.options.port) ? s.options.port : -1;
  }
  if (s.port <= 0) {
    *error = "cannot listen on " + s.options.host + ":" + std::to_string(s.options.port);
    return false;
  }
  s.http.RaiseBacklog(1024);
  return true;
}

int Server::port() const { return impl_->port; }
void Server::Run() { impl_->http.listen_after_bind(); }
void Server::Stop() { impl_->http.stop(); }

std::string Server::Describe() const {
  int64_t n = 0;
  {
    std::lock_guard<std::mutex> lock(impl_->counts_mu);
    n = impl_->counts.articles;
  }
  return std::to_string(n) + (n == 1 ? " article from " : " articles from ") + impl_->store_name;
}

}  // namespace annals::server
