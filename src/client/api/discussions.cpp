#include "client/api/discussions.h"

#include <stdexcept>

#include <boost/json.hpp>

#include "client/api/arguments.h"
#include "client/http/url.h"
#include "client/json/json_fields.h"
#include "hfhub/errors.h"

namespace hfhub::client {

namespace json = boost::json;

namespace {

std::string author_of(const json::object& o) {
  if (auto* a = o.if_contains("author"); a && a->is_object())
    if (auto name = get_string(a->as_object(), "name")) return *name;
  return "deleted";
}

std::string discussions_path(RepoType type, std::string_view repo_id) {
  return "/api/" + std::string(repo_type_name(type)) + "s/" + std::string(repo_id) + "/discussions";
}

std::string trimmed(std::string_view s) {
  auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  return std::string(s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1));
}

void require_positive(int64_t num) {
  if (num <= 0) throw std::invalid_argument("Invalid discussion_num, must be a positive integer");
}

const json::object& data_of(const json::object& o) {
  static const json::object empty;
  auto* d = o.if_contains("data");
  return d && d->is_object() ? d->as_object() : empty;
}

}  // namespace

Discussion parse_discussion(const json::object& o, std::string_view endpoint) {
  Discussion d;
  d.title = get_string(o, "title").value_or("");
  d.status = get_string(o, "status").value_or("");
  d.num = get_int(o, "num").value_or(0);
  if (auto* repo = o.if_contains("repo"); repo && repo->is_object()) {
    d.repo_id = get_string(repo->as_object(), "name").value_or("");
    d.repo_type = parse_repo_type(get_string(repo->as_object(), "type").value_or("model")).value_or(RepoType::Model);
  }
  d.author = author_of(o);
  d.is_pull_request = get_bool(o, "isPullRequest").value_or(false);
  d.created_at = get_string(o, "createdAt").value_or("");
  d.endpoint = std::string(endpoint);
  return d;
}

DiscussionEvent parse_discussion_event(const json::object& o) {
  DiscussionEvent e;
  e.id = get_string(o, "id").value_or("");
  e.type = get_string(o, "type").value_or("");
  e.created_at = get_string(o, "createdAt").value_or("");
  e.author = author_of(o);
  const auto& data = data_of(o);
  if (e.type == "comment") {
    e.edited = get_bool(data, "edited").value_or(false);
    e.hidden = get_bool(data, "hidden").value_or(false);
    if (auto* latest = data.if_contains("latest"); latest && latest->is_object())
      e.content = get_string(latest->as_object(), "raw").value_or("");
  } else if (e.type == "status-change") {
    e.new_status = get_string(data, "status").value_or("");
  } else if (e.type == "commit") {
    e.summary = get_string(data, "subject").value_or("");
    e.oid = get_string(data, "oid").value_or("");
  } else if (e.type == "title-change") {
    e.old_title = get_string(data, "from").value_or("");
    e.new_title = get_string(data, "to").value_or("");
  }
  e.raw_json = json::serialize(o);
  return e;
}

DiscussionWithDetails parse_discussion_details(const json::object& o, std::string_view endpoint) {
  DiscussionWithDetails d;
  static_cast<Discussion&>(d) = parse_discussion(o, endpoint);
  if (auto* events = o.if_contains("events"); events && events->is_array())
    for (auto& e : events->as_array())
      if (e.is_object()) d.events.push_back(parse_discussion_event(e.as_object()));
  if (d.is_pull_request) {
    if (auto* changes = o.if_contains("changes"); changes && changes->is_object()) {
      d.target_branch = get_string(changes->as_object(), "base");
      d.merge_commit_oid = get_string(changes->as_object(), "mergeCommitId");
    }
    // `true` when the Hub knows of conflicts but cannot list them: an empty list says nothing.
    d.conflicting_files = get_string_list(o, "filesWithConflicts").value_or(std::vector<std::string>{});
  }
  d.diff = get_string(o, "diff");
  return d;
}

Paginated<Discussion> get_repo_discussions(std::shared_ptr<Session> session, std::string_view repo_id,
                                           const RepoDiscussionsParams& params) {
  std::string base = session->url(discussions_path(params.repo_type, checked_repo_id(repo_id).str()));
  auto page = std::make_shared<int64_t>(0);
  auto done = std::make_shared<bool>(false);
  auto fetch = [session, base, params, page, done](std::vector<Discussion>& out) {
    if (*done) return false;
    Query q;
    q.add_opt("type", params.discussion_type).add_opt("status", params.discussion_status);
    q.add_opt("author", params.author).add("p", std::to_string(*page));
    auto body = session->get_json(q.append_to(base));
    if (!body.is_object()) throw InvalidResponseError("a discussions page is not a JSON object");
    auto& o = body.as_object();
    size_t before = out.size();
    if (auto* items = o.if_contains("discussions"); items && items->is_array())
      for (auto& item : items->as_array())
        if (item.is_object()) out.push_back(parse_discussion(item.as_object(), session->options().endpoint));
    int64_t count = get_int(o, "count").value_or(0), start = get_int(o, "start").value_or(0);
    *done = start + int64_t(out.size() - before) >= count || out.size() == before;
    ++*page;
    return out.size() > before;
  };
  return Paginated<Discussion>(std::move(fetch), std::nullopt);
}

DiscussionWithDetails get_discussion_details(Session& session, std::string_view repo_id, RepoType type, int64_t num) {
  require_positive(num);
  auto url = session.url(discussions_path(type, checked_repo_id(repo_id).str()) + "/" + std::to_string(num));
  auto body = session.get_json(Query().add("diff", "1").append_to(url));
  if (!body.is_object()) throw InvalidResponseError("discussion details are not a JSON object");
  return parse_discussion_details(body.as_object(), session.options().endpoint);
}

DiscussionWithDetails create_discussion(Session& session, std::string_view repo_id, std::string_view title,
                                        const CreateDiscussionParams& params) {
  auto id = checked_repo_id(repo_id).str();
  // Python strips both and sends a default description when there is none.
  std::string description = trimmed(params.description.value_or(""));
  if (description.empty())
    description = std::string(params.pull_request ? "Pull Request" : "Discussion") + " opened with hfhub";
  std::string t = trimmed(title);
  json::object body{{"title", t}, {"description", description}, {"pullRequest", params.pull_request}};
  auto response = session.send_json("POST", session.url(discussions_path(params.repo_type, id)), body);
  auto parsed = parse_json_body(response, "create discussion");
  auto num = parsed.is_object() ? get_int(parsed.as_object(), "num") : std::nullopt;
  if (!num) throw InvalidResponseError("create discussion answered without a `num`");
  return get_discussion_details(session, id, params.repo_type, *num);
}

std::optional<DiscussionEvent> post_discussion_change(Session& session, std::string_view repo_id, RepoType type,
                                                      int64_t num, std::string_view resource,
                                                      const std::optional<json::object>& body, std::string_view key) {
  require_positive(num);
  auto url = session.url(discussions_path(type, checked_repo_id(repo_id).str()) + "/" + std::to_string(num) + "/" +
                         std::string(resource));
  auto response = body ? session.send_json("POST", url, *body) : session.send(HttpRequest{"POST", url, {}, {}});
  if (key.empty()) return std::nullopt;
  auto parsed = parse_json_body(response, url);
  auto* event = parsed.is_object() ? parsed.as_object().if_contains(key) : nullptr;
  if (!event || !event->is_object()) throw InvalidResponseError("the answer has no `" + std::string(key) + "` event");
  return parse_discussion_event(event->as_object());
}

}  // namespace hfhub::client
