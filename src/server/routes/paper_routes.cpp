// Papers (docs/papers.md), as huggingface_hub's paper_info, list_papers and list_daily_papers call them:
//   GET /api/papers/search?q=&limit=      [daily entry]: best matches in titles, summaries, authors
//   GET /api/papers/{arxiv id}            the paper, with the models, datasets and spaces linking it
//   GET /api/daily_papers?date=|week=|month=&submitter=&sort=&p=&limit=   [daily entry]
//   GET /api/arxiv/{arxiv id}/repos       {models, datasets, spaces}: repos tagged arxiv:<id>
// A daily entry is {paper: {...}, title, summary, publishedAt (when submitted), submittedBy,
// numComments, ...}: the Python client reads the submission from the entry, the paper from `paper`.
#include <boost/json.hpp>

#include "common/decimal.h"
#include "common/iso_time.h"
#include "server/model/domain_error.h"
#include "server/routes/route_table.h"
#include "server/routes/support/account_json.h"

namespace hfhub::server {

namespace json = boost::json;

namespace {

std::optional<uint64_t> number_param(const Call& c, std::string_view name) {
  auto text = c.request.query.get(name);
  if (!text) return std::nullopt;
  auto n = parse_decimal(*text, UINT64_MAX);
  if (!n) throw DomainError(ErrorKind::InvalidParameter, "Invalid " + std::string(name) + ": expected a number");
  return n;
}

// The submitter as a Hub user; one without an account here has its name only.
json::object submitter_json(const Call& c, const PaperView& v) {
  if (v.submitter) return user_json(c, *v.submitter);
  Account stub;
  stub.name = v.paper.submitted_by;
  stub.fullname = v.paper.submitted_by;
  auto u = user_json(c, stub);
  u.erase("_id");
  return u;
}

// The paper object: what paper_info answers, and the `paper` of a daily entry.
json::object paper_json(const Call& c, const PaperView& v) {
  const auto& p = v.paper;
  json::array authors;
  for (auto& name : p.authors) authors.push_back(json::object{{"name", name}, {"hidden", false}});
  json::object o{{"id", p.id},
                 {"authors", std::move(authors)},
                 {"publishedAt", format_iso8601_ms(p.published_at_ms)},
                 {"title", p.title},
                 {"summary", p.summary},
                 {"upvotes", p.upvotes}};
  if (p.submitted_at_ms) o["submittedOnDailyAt"] = format_iso8601_ms(*p.submitted_at_ms);
  if (!p.submitted_by.empty()) o["submittedOnDailyBy"] = submitter_json(c, v);
  return o;
}

json::object daily_entry_json(const Call& c, const PaperView& v) {
  json::object e{{"paper", paper_json(c, v)},
                 {"title", v.paper.title},
                 {"summary", v.paper.summary},
                 {"numComments", 0},
                 {"isAuthorParticipating", false}};
  if (v.paper.submitted_at_ms) e["publishedAt"] = format_iso8601_ms(*v.paper.submitted_at_ms);
  if (!v.paper.submitted_by.empty()) e["submittedBy"] = submitter_json(c, v);
  return e;
}

Response entries(const Call& c, const std::vector<PaperView>& views) {
  json::array out;
  for (auto& v : views) out.push_back(daily_entry_json(c, v));
  return Response::json(json::serialize(out));
}

// A legacy id ("hep-th/9901001") takes two path segments.
std::string arxiv_id_param(const Call& c) {
  return c.params.has("archive") ? c.params["archive"] + "/" + c.params["number"] : c.params["id"];
}

Response paper_info(const Call& c) {
  auto id = arxiv_id_param(c);
  auto o = paper_json(c, c.services.papers().paper(id));
  auto linked = c.services.papers().linked_repos(id, c.caller);
  auto add = [&](const char* list, const char* total, const std::string& body) {
    auto repos = json::parse(body).as_array();
    if (total) o[total] = int64_t(repos.size());
    o[list] = std::move(repos);
  };
  add("linkedModels", "numTotalModels", linked.models);
  add("linkedDatasets", "numTotalDatasets", linked.datasets);
  add("linkedSpaces", nullptr, linked.spaces);  // the Hub counts no total for spaces
  return Response::json(json::serialize(o));
}

Response arxiv_repos(const Call& c) {
  auto linked = c.services.papers().linked_repos(arxiv_id_param(c), c.caller);
  return Response::json(R"({"models":)" + linked.models + R"(,"datasets":)" + linked.datasets + R"(,"spaces":)" +
                        linked.spaces + "}");
}

Response daily(const Call& c) {
  auto& q = c.request.query;
  DailyPaperParams p{.date = q.get("date"),
                     .week = q.get("week"),
                     .month = q.get("month"),
                     .submitter = q.get("submitter"),
                     .sort = q.get("sort"),
                     .page = number_param(c, "p"),
                     .limit = number_param(c, "limit")};
  return entries(c, c.services.papers().daily(p));
}

}  // namespace

void add_paper_routes(RouteTable& t) {
  t.add("GET", "/api/papers/search", [](const Call& c) {
    return entries(c, c.services.papers().search(c.request.query.get("q"), number_param(c, "limit")));
  });
  t.add("GET", "/api/papers/{id}", paper_info);
  t.add("GET", "/api/papers/{archive}/{number}", paper_info);
  t.add("GET", "/api/daily_papers", daily);
  t.add("GET", "/api/arxiv/{id}/repos", arxiv_repos);
  t.add("GET", "/api/arxiv/{archive}/{number}/repos", arxiv_repos);
}

}  // namespace hfhub::server
