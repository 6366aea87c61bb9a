// Discussions and pull requests (docs/discussions.md), for models, datasets and spaces:
//   GET  /api/{t}/{repo}/discussions                       list (type, status, author, p)
//   GET  /api/{t}/{repo}/discussions/{num}                 details (events, changes, diff=1)
//   POST /api/{t}/{repo}/discussions                       create {title, description, pullRequest}
//   POST …/discussions/{num}/comment | title | status | merge
//   POST …/discussions/{num}/comment/{id}/edit | hide
// Field names as huggingface_hub's Discussion and DiscussionWithDetails read them.
#include <boost/json.hpp>

#include "common/decimal.h"
#include "common/iso_time.h"
#include "server/http/json_body.h"
#include "server/model/domain_error.h"
#include "server/routes/route_table.h"

namespace hfhub::server {

namespace {

namespace json = boost::json;

json::object user_json(const std::string& name) { return {{"name", name}, {"type", "user"}}; }

// `author` is left out for a deleted author; Python then reads "deleted".
json::object discussion_json(const RepoRecord& repo, const DiscussionRecord& d) {
  json::object o{{"num", d.num},
                 {"title", d.title},
                 {"status", discussion_status_name(d.status)},
                 {"createdAt", format_iso8601_ms(d.created_at_ms)},
                 {"lastActivityAt", format_iso8601_ms(d.last_activity_ms)},
                 {"repo", json::object{{"name", repo.id}, {"type", repo_type_name(repo.type)}}},
                 {"isPullRequest", d.is_pull_request},
                 {"pinned", false},
                 {"topReactions", json::array{}}};
  if (!d.author.empty()) o["author"] = user_json(d.author);
  return o;
}

json::object event_json(const DiscussionEventRecord& e) {
  boost::system::error_code ec;
  json::value data = json::parse(e.data_json, ec);
  json::object o{{"id", e.object_id},
                 {"type", e.type},
                 {"createdAt", format_iso8601_ms(e.created_at_ms)},
                 {"data", ec ? json::value(json::object{}) : std::move(data)}};
  if (!e.author.empty()) o["author"] = user_json(e.author);
  return o;
}

Response json_response(const json::object& o) { return Response::json(json::serialize(o)); }

RepoRecord open_repo(const Call& c) {
  return c.services.discussions().open(c.caller, repo_type_param(c), c.params["repo"]);
}

// An unknown or malformed number is an unknown discussion.
int64_t num_param(const Call& c) {
  auto n = parse_decimal(c.params["num"], INT64_MAX);
  if (!n || *n == 0) throw DomainError(ErrorKind::NotFound, "Discussion #" + c.params["num"] + " not found");
  return int64_t(*n);
}

std::optional<std::string> query_choice(const Call& c, std::string_view name,
                                        std::initializer_list<std::string_view> ok) {
  auto v = c.request.query.get(name);
  if (!v || *v == "all") return std::nullopt;
  for (auto o : ok)
    if (*v == o) return std::string(*v);
  throw DomainError(ErrorKind::InvalidParameter, "Invalid " + std::string(name) + ": " + std::string(*v));
}

Response list(const Call& c) {
  auto repo = open_repo(c);
  DiscussionQuery q;
  if (auto type = query_choice(c, "type", {"discussion", "pull_request"})) q.pull_requests = *type == "pull_request";
  q.status = query_choice(c, "status", {"open", "closed"});
  if (auto author = c.request.query.get("author"); author && !author->empty()) q.author = std::string(*author);
  if (auto p = c.request.query.get("p")) {
    auto page = parse_decimal(*p, 1'000'000);
    if (!page) throw DomainError(ErrorKind::InvalidParameter, "Invalid p: " + std::string(*p));
    q.page = int64_t(*page);
  }
  auto page = c.services.discussions().list(repo, q);
  json::array items;
  for (auto& d : page.items) items.push_back(discussion_json(repo, d));
  return json_response(
      {{"discussions", std::move(items)}, {"count", page.total}, {"start", q.page * kDiscussionPageSize}});
}

Response details(const Call& c) {
  auto repo = open_repo(c);
  bool diff = c.request.query.boolean("diff").value_or(false);
  auto det = c.services.discussions().details(repo, num_param(c), diff);
  auto o = discussion_json(repo, det.discussion);
  json::array events;
  for (auto& e : det.events) events.push_back(event_json(e));
  o["events"] = std::move(events);
  if (det.discussion.is_pull_request) {
    json::object changes{{"base", det.discussion.target_ref}};
    if (!det.discussion.merge_commit.empty()) changes["mergeCommitId"] = det.discussion.merge_commit;
    o["changes"] = std::move(changes);
    json::array conflicts;
    for (auto& f : det.conflicts) conflicts.push_back(json::value(f));
    o["filesWithConflicts"] = std::move(conflicts);
    if (det.diff) o["diff"] = *det.diff;
  }
  return json_response(o);
}

Response create(const Call& c) {
  auto repo = open_repo(c);
  auto body = JsonBody::parse(c.request);
  auto d = c.services.discussions().create(c.caller, repo, body.string("title").value_or(""),
                                           body.string("description").value_or(""),
                                           body.boolean("pullRequest").value_or(false));
  auto o = discussion_json(repo, d);
  o["url"] = RepoService::repo_url(c.services.base_url(c.request), repo.type, repo.id) + "/discussions/" +
             std::to_string(d.num);
  if (d.is_pull_request) o["ref"] = "refs/pr/" + std::to_string(d.num);
  return json_response(o);
}

Response comment(const Call& c) {
  auto repo = open_repo(c);
  auto body = JsonBody::parse(c.request);
  auto e = c.services.discussions().comment(c.caller, repo, num_param(c), body.string("comment").value_or(""));
  return json_response({{"newMessage", event_json(e)}});
}

Response edit_comment(const Call& c) {
  auto repo = open_repo(c);
  auto body = JsonBody::parse(c.request);
  auto e = c.services.discussions().edit_comment(c.caller, repo, num_param(c), c.params["comment"],
                                                 body.string("content").value_or(""));
  return json_response({{"updatedComment", event_json(e)}});
}

Response hide_comment(const Call& c) {
  auto repo = open_repo(c);
  auto e = c.services.discussions().hide_comment(c.caller, repo, num_param(c), c.params["comment"]);
  return json_response({{"updatedComment", event_json(e)}});
}

Response rename(const Call& c) {
  auto repo = open_repo(c);
  auto body = JsonBody::parse(c.request);
  auto e = c.services.discussions().rename(c.caller, repo, num_param(c), body.string("title").value_or(""));
  return json_response({{"newTitle", event_json(e)}});
}

Response status(const Call& c) {
  auto repo = open_repo(c);
  auto body = JsonBody::parse(c.request);
  auto e = c.services.discussions().change_status(c.caller, repo, num_param(c), body.string("status").value_or(""),
                                                  body.string("comment"));
  return json_response({{"newStatus", event_json(e)}});
}

// Python sends an empty body when there is no comment.
Response merge(const Call& c) {
  auto repo = open_repo(c);
  std::optional<std::string> comment;
  if (c.request.body.find_first_not_of(" \t\r\n") != std::string::npos)
    comment = JsonBody::parse(c.request).string("comment");
  auto d = c.services.discussions().merge(c.caller, repo, num_param(c), std::move(comment));
  auto o = discussion_json(repo, d);
  o["mergeCommitId"] = d.merge_commit;
  return json_response(o);
}

}  // namespace

void add_discussion_routes(RouteTable& t) {
  const std::string base = "/api/{type}/{repo:repo}/discussions";
  t.add("GET", base, list);
  t.add("POST", base, create);
  t.add("GET", base + "/{num}", details);
  t.add("POST", base + "/{num}/comment", comment);
  t.add("POST", base + "/{num}/comment/{comment}/edit", edit_comment);
  t.add("POST", base + "/{num}/comment/{comment}/hide", hide_comment);
  t.add("POST", base + "/{num}/title", rename);
  t.add("POST", base + "/{num}/status", status);
  t.add("POST", base + "/{num}/merge", merge);
}

}  // namespace hfhub::server
