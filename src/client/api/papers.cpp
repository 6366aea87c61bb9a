#include "client/api/papers.h"

#include <stdexcept>

#include "client/api/social.h"
#include "client/http/url.h"
#include "client/json/json_fields.h"
#include "client/json/repo_info_json.h"
#include "common/arxiv_id.h"
#include "hfhub/errors.h"

namespace hfhub::client {

namespace json = boost::json;

namespace {

// A key of the entry's `paper` when it has one, else of the entry (Python: paper.pop(k) or kwargs.pop(k)).
const json::value* paper_or_entry(const json::object& entry, const json::object* paper, std::string_view key) {
  if (paper)
    if (auto* v = paper->if_contains(key); v && !v->is_null()) return v;
  auto* v = entry.if_contains(key);
  return v && !v->is_null() ? v : nullptr;
}

std::optional<std::string> text_of(const json::value* v) {
  return v && v->is_string() ? std::optional<std::string>(std::string(v->get_string())) : std::nullopt;
}

std::vector<PaperAuthor> parse_authors(const json::array& list) {
  std::vector<PaperAuthor> out;
  for (auto& a : list) {
    if (!a.is_object()) continue;
    auto& o = a.get_object();
    PaperAuthor author;
    author.name = get_string(o, "name").value_or("");
    if (auto* user = get_object(o, "user")) author.user = parse_listed_user(*user);
    author.status = get_string(o, "status");
    author.status_last_changed_at = get_string(o, "statusLastChangedAt");
    author.hidden = get_bool(o, "hidden");
    out.push_back(std::move(author));
  }
  return out;
}

template <class Info, class Parse>
std::optional<std::vector<Info>> repo_list(const json::object& o, std::string_view key, Parse parse) {
  auto* v = o.if_contains(key);
  if (!v || !v->is_array()) return std::nullopt;
  std::vector<Info> out;
  for (auto& item : v->get_array())
    if (item.is_object()) out.push_back(parse(item.get_object()));
  return out;
}

void fill_linked(PaperInfo& p, const json::object& o) {
  p.linked_models = repo_list<ModelInfo>(o, "linkedModels", [](const json::object& m) { return parse_model_info(m); });
  p.num_total_models = get_int(o, "numTotalModels");
  p.linked_datasets =
      repo_list<DatasetInfo>(o, "linkedDatasets", [](const json::object& d) { return parse_dataset_info(d); });
  p.num_total_datasets = get_int(o, "numTotalDatasets");
  p.linked_spaces = repo_list<SpaceInfo>(o, "linkedSpaces", [](const json::object& s) { return parse_space_info(s); });
}

std::vector<PaperInfo> parse_list(const HttpResponse& response, const std::string& url) {
  auto body = parse_json_body(response, url);
  if (!body.is_array()) throw InvalidResponseError("papers: expected a JSON array");
  std::vector<PaperInfo> out;
  for (auto& item : body.get_array())
    if (item.is_object()) out.push_back(parse_paper_info(item.get_object()));
  return out;
}

}  // namespace

PaperInfo parse_paper_info(const json::object& o) {
  PaperInfo p;
  const json::object* paper = get_object(o, "paper");
  p.id = text_of(paper_or_entry(o, paper, "id")).value_or("");
  if (auto* a = paper_or_entry(o, paper, "authors"); a && a->is_array()) p.authors = parse_authors(a->get_array());
  p.published_at = text_of(paper_or_entry(o, paper, "publishedAt"));
  p.title = get_string(o, "title");
  p.source = get_string(o, "source");
  p.summary = text_of(paper_or_entry(o, paper, "summary"));
  if (auto* u = paper_or_entry(o, paper, "upvotes"); u && u->is_int64()) p.upvotes = u->get_int64();
  p.discussion_id = text_of(paper_or_entry(o, paper, "discussionId"));
  p.comments = get_int(o, "numComments").value_or(0);
  // A daily entry's own publishedAt is its submission; a bare paper names it submittedOnDailyAt.
  p.submitted_at = paper ? get_string(o, "publishedAt") : std::nullopt;
  if (!p.submitted_at) p.submitted_at = get_string(o, "submittedOnDailyAt");
  const json::object* by = get_object(o, "submittedBy");
  if (!by) by = get_object(o, "submittedOnDailyBy");
  if (by) p.submitted_by = parse_listed_user(*by);
  p.ai_summary = get_string(o, "ai_summary");
  p.ai_keywords = get_string_list(o, "ai_keywords");
  if (auto* org = get_object(o, "organization")) p.organization = parse_org_overview(*org);
  p.project_page = get_string(o, "projectPage");
  p.github_repo = get_string(o, "githubRepo");
  p.github_stars = get_int(o, "githubStars");
  fill_linked(p, o);
  p.raw_json = json::serialize(o);
  return p;
}

PaperInfo paper_info(Session& session, std::string_view id) {
  // The id becomes the path: refuse what is not an arXiv id (Python sends any text; the Hub 404s).
  if (!is_arxiv_id(id)) throw std::invalid_argument("Invalid arXiv id: '" + std::string(id) + "'");
  auto url = session.url("/api/papers/" + std::string(id));
  auto body = parse_json_body(session.get(url), url);
  if (!body.is_object()) throw InvalidResponseError("paper: expected a JSON object");
  return parse_paper_info(body.get_object());
}

std::vector<PaperInfo> list_papers(Session& session, const ListPapersParams& params) {
  Query q;
  if (params.query && !params.query->empty()) q.add("q", *params.query);
  if (params.limit) q.add("limit", std::to_string(*params.limit));
  auto url = q.append_to(session.url("/api/papers/search"));
  return parse_list(session.get(url), url);
}

std::vector<PaperInfo> list_daily_papers(Session& session, const ListDailyPapersParams& params) {
  Query q;
  if (params.p) q.add("p", std::to_string(*params.p));
  if (params.limit) q.add("limit", std::to_string(*params.limit));
  q.add_opt("sort", params.sort).add_opt("date", params.date).add_opt("week", params.week);
  q.add_opt("month", params.month).add_opt("submitter", params.submitter);
  auto url = q.append_to(session.url("/api/daily_papers"));
  return parse_list(session.get(url), url);
}

}  // namespace hfhub::client
