#include "server/papers/paper_service.h"

#include <cctype>
#include <cstdio>
#include <regex>
#include <utility>

#include "common/arxiv_id.h"
#include "common/iso_time.h"
#include "server/model/domain_error.h"

namespace hfhub::server {

namespace {

constexpr int64_t kDayMs = 24 * 3600 * 1000;

DomainError invalid_id(std::string_view id) {
  return DomainError(ErrorKind::InvalidParameter,
                     "Invalid arXiv id '" + std::string(id.substr(0, 100)) + "': expected an id such as 2311.12983");
}

size_t checked_limit(std::optional<uint64_t> limit, size_t fallback) {
  if (!limit) return fallback;
  if (*limit == 0 || *limit > kPaperListMaxLimit)
    throw DomainError(ErrorKind::InvalidParameter,
                      "Invalid limit: expected a number from 1 to " + std::to_string(kPaperListMaxLimit));
  return size_t(*limit);
}

// Midnight UTC of a day, or nullopt when the text is not a real YYYY-MM-DD date.
std::optional<int64_t> day_start(std::string_view ymd) {
  auto ms = parse_iso8601(std::string(ymd) + "T00:00:00Z");
  if (!ms || format_iso8601_ms(*ms).substr(0, 10) != ymd) return std::nullopt;  // rejects 2025-02-30
  return ms;
}

DomainError bad_period(std::string_view name, std::string_view value, std::string_view expected) {
  return DomainError(ErrorKind::InvalidParameter, "Invalid " + std::string(name) + " '" +
                                                      std::string(value.substr(0, 40)) + "': expected " +
                                                      std::string(expected));
}

// [start, end) of a date, an ISO week or a month, in epoch milliseconds.
std::pair<int64_t, int64_t> period(const DailyPaperParams& p) {
  static const std::regex date_re(R"(\d{4}-\d{2}-\d{2})"), week_re(R"((\d{4})-W(\d{2}))"), month_re(R"(\d{4}-\d{2})");
  std::match_results<std::string_view::const_iterator> m;
  if (p.date) {
    auto start = std::regex_match(p.date->begin(), p.date->end(), date_re) ? day_start(*p.date) : std::nullopt;
    if (!start) throw bad_period("date", *p.date, "YYYY-MM-DD");
    return {*start, *start + kDayMs};
  }
  if (p.week) {
    if (!std::regex_match(p.week->begin(), p.week->end(), m, week_re)) throw bad_period("week", *p.week, "YYYY-Www");
    int week = std::stoi(m[2].str());
    auto jan4 = day_start(m[1].str() + "-01-04");
    if (!jan4 || week < 1 || week > 53) throw bad_period("week", *p.week, "YYYY-Www");
    // ISO week 1 holds January 4th; weeks start on Monday (1970-01-01 was a Thursday).
    int64_t days = *jan4 / kDayMs;
    int64_t monday = days - (days + 3) % 7;
    int64_t start = (monday + int64_t(week - 1) * 7) * kDayMs;
    return {start, start + 7 * kDayMs};
  }
  auto start = std::regex_match(p.month->begin(), p.month->end(), month_re) ? day_start(std::string(*p.month) + "-01")
                                                                            : std::nullopt;
  if (!start) throw bad_period("month", *p.month, "YYYY-MM");
  int year = std::stoi(std::string(p.month->substr(0, 4))), month = std::stoi(std::string(p.month->substr(5, 2)));
  char next[16];
  std::snprintf(next, sizeof next, "%04d-%02d-01", month == 12 ? year + 1 : year, month == 12 ? 1 : month + 1);
  return {*start, *day_start(next)};
}

// A CatalogQuery with fixed parameters: the listing of the repos tagged with a paper.
class FixedQuery final : public CatalogQuery {
 public:
  explicit FixedQuery(std::vector<std::pair<std::string, std::string>> items) : items_(std::move(items)) {}
  std::optional<std::string_view> get(std::string_view name) const override {
    for (auto& [k, v] : items_)
      if (k == name) return std::string_view(v);
    return std::nullopt;
  }
  std::vector<std::string> all(std::string_view name, bool) const override {
    std::vector<std::string> out;
    for (auto& [k, v] : items_)
      if (k == name) out.push_back(v);
    return out;
  }
  std::optional<bool> boolean(std::string_view) const override { return std::nullopt; }
  const std::vector<std::pair<std::string, std::string>>& items() const override { return items_; }

 private:
  std::vector<std::pair<std::string, std::string>> items_;
};

}  // namespace

std::vector<std::string> PaperService::search_words(std::string_view text) {
  std::vector<std::string> out;
  std::string word;
  auto flush = [&] {
    if (!word.empty()) out.push_back(std::move(word));
    word.clear();
  };
  for (char ch : text) {
    auto u = static_cast<unsigned char>(ch);
    if (std::isalnum(u) || u >= 0x80)
      word += ch;
    else
      flush();
  }
  flush();
  return out;
}

PaperView PaperService::view(PaperRecord paper) {
  PaperView v{std::move(paper), std::nullopt};
  if (!v.paper.submitted_by.empty()) {
    auto a = accounts_.find_account(v.paper.submitted_by);
    if (a && a->kind == AccountKind::User) v.submitter = std::move(*a);
  }
  return v;
}

PaperView PaperService::paper(std::string_view id) {
  auto key = canonical_arxiv_id(id);
  if (!key) throw invalid_id(id);
  auto p = papers_.find_paper(*key);
  if (!p) throw DomainError(ErrorKind::NotFound, "Paper " + *key + " not found");
  return view(std::move(*p));
}

std::vector<PaperView> PaperService::search(std::optional<std::string_view> query, std::optional<uint64_t> limit) {
  size_t n = checked_limit(limit, kPaperSearchDefaultLimit);
  std::vector<PaperRecord> rows;
  if (!query || query->find_first_not_of(" \t") == std::string_view::npos) {
    rows = papers_.recent_papers(n);
  } else if (auto words = search_words(*query); !words.empty()) {
    rows = papers_.search_papers(words, n);
  }
  std::vector<PaperView> out;
  for (auto& r : rows) out.push_back(view(std::move(r)));
  return out;
}

std::vector<PaperView> PaperService::daily(const DailyPaperParams& params) {
  DailyPaperQuery q;
  if (int(params.date.has_value()) + int(params.week.has_value()) + int(params.month.has_value()) > 1)
    throw DomainError(ErrorKind::InvalidParameter, "Pass at most one of date, week and month");
  if (params.date || params.week || params.month) std::tie(q.from_ms, q.to_ms) = period(params);
  if (params.submitter) q.submitter = std::string(*params.submitter);
  if (params.sort && *params.sort == "trending")
    q.sort = DailySort::Trending;
  else if (params.sort && *params.sort != "publishedAt")
    throw DomainError(ErrorKind::InvalidParameter, "Invalid sort '" + std::string(params.sort->substr(0, 40)) +
                                                       "': expected publishedAt or trending");
  q.limit = checked_limit(params.limit, kPaperSearchDefaultLimit);
  if (params.page && *params.page > 100000) throw DomainError(ErrorKind::InvalidParameter, "Invalid page p");
  q.offset = size_t(params.page.value_or(0)) * q.limit;
  std::vector<PaperView> out;
  for (auto& r : papers_.daily_papers(q)) out.push_back(view(std::move(r)));
  return out;
}

LinkedRepos PaperService::linked_repos(std::string_view id, const Caller& caller) {
  auto key = canonical_arxiv_id(id);
  if (!key) throw invalid_id(id);
  auto list = [&](RepoType type) {
    FixedQuery q({{"filter", "arxiv:" + *key}, {"limit", std::to_string(kLinkedReposMax)}});
    return catalog_.list(type, q, caller).body;
  };
  return {list(RepoType::Model), list(RepoType::Dataset), list(RepoType::Space)};
}

}  // namespace hfhub::server
