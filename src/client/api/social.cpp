#include "client/api/social.h"

#include <stdexcept>

#include "client/api/arguments.h"
#include "client/api/pagination.h"
#include "client/http/url.h"
#include "client/json/json_fields.h"
#include "common/percent.h"
#include "hfhub/errors.h"

namespace hfhub::client {

namespace json = boost::json;

namespace {

// A user or organization name as a path segment: Python's validate_hf_hub_args refuses what
// could leave the segment, and so does this.
std::string account_segment(std::string_view name) {
  if (name.empty() || name.find_first_of("/\\?#") != std::string_view::npos || name == "." || name == "..")
    throw std::invalid_argument("Invalid user or organization name: '" + std::string(name) + "'");
  return percent_encode(name);
}

json::object expect_object(const json::value& v, std::string_view what) {
  if (!v.is_object()) throw InvalidResponseError(std::string(what) + ": expected a JSON object");
  return v.as_object();
}

}  // namespace

User parse_listed_user(const json::object& o) {
  User u;
  u.name = get_string(o, "user").value_or("");
  u.id = get_string(o, "_id");
  u.type = get_string(o, "type");
  u.fullname = get_string(o, "fullname");
  u.avatar_url = get_string(o, "avatarUrl");
  u.is_pro = get_bool(o, "isPro");
  u.details = get_string(o, "details");
  u.is_following = get_bool(o, "isFollowing");
  u.num_models = get_int(o, "numModels");
  u.num_datasets = get_int(o, "numDatasets");
  u.num_spaces = get_int(o, "numSpaces");
  u.num_discussions = get_int(o, "numDiscussions");
  u.num_papers = get_int(o, "numPapers");
  u.num_upvotes = get_int(o, "numUpvotes");
  u.num_likes = get_int(o, "numLikes");
  u.num_following = get_int(o, "numFollowing");
  u.num_followers = get_int(o, "numFollowers");
  u.created_at = get_string(o, "createdAt");
  u.role = get_string(o, "role");
  if (auto* orgs = o.if_contains("orgs"); orgs && orgs->is_array())
    for (const auto& item : orgs->as_array())
      if (item.is_object()) u.orgs.push_back(parse_org_overview(item.as_object()));
  u.raw_json = json::serialize(o);
  return u;
}

Organization parse_org_overview(const json::object& o) {
  Organization org;
  org.name = get_string(o, "name").value_or("");
  org.id = get_string(o, "_id");
  org.fullname = get_string(o, "fullname");
  org.avatar_url = get_string(o, "avatarUrl");
  org.details = get_string(o, "details");
  org.is_verified = get_bool(o, "isVerified");
  org.is_following = get_bool(o, "isFollowing");
  org.num_users = get_int(o, "numUsers");
  org.num_models = get_int(o, "numModels");
  org.num_spaces = get_int(o, "numSpaces");
  org.num_datasets = get_int(o, "numDatasets");
  org.num_followers = get_int(o, "numFollowers");
  org.num_papers = get_int(o, "numPapers");
  org.plan = get_string(o, "plan");
  return org;
}

void set_like(Session& session, std::string_view repo_id, RepoType type, bool on) {
  checked_repo_id(repo_id);
  session.send(HttpRequest{on ? "POST" : "DELETE", session.url(repo_api_path(type, repo_id) + "/like"), {}, {}});
}

UserLikes list_liked_repos(std::shared_ptr<Session> session, const std::string& user) {
  auto url = session->url("/api/users/" + account_segment(user) + "/likes");
  UserLikes likes;
  likes.user = user;
  auto all = paginate<json::object>(
      std::move(session), std::move(url), [](const json::object& o) { return o; }, std::nullopt);
  for (const auto& item : all) {
    auto* repo = get_object(item, "repo");
    if (!repo) continue;
    auto name = get_string(*repo, "name").value_or("");
    auto type = get_string(*repo, "type").value_or("");
    ++likes.total;
    if (type == "model") likes.models.push_back(name);
    if (type == "dataset") likes.datasets.push_back(name);
    if (type == "space") likes.spaces.push_back(name);
    if (type == "kernel") likes.kernels.push_back(name);
  }
  return likes;
}

Paginated<User> list_repo_likers(std::shared_ptr<Session> session, std::string_view repo_id, RepoType type) {
  checked_repo_id(repo_id);
  auto url = session->url(repo_api_path(type, repo_id) + "/likers");
  return paginate<User>(std::move(session), std::move(url), parse_listed_user, std::nullopt);
}

User get_user_overview(Session& session, std::string_view username) {
  auto v = session.get_json(session.url("/api/users/" + account_segment(username) + "/overview"));
  return parse_listed_user(expect_object(v, "user overview"));
}

Organization get_organization_overview(Session& session, std::string_view organization) {
  auto v = session.get_json(session.url("/api/organizations/" + account_segment(organization) + "/overview"));
  return parse_org_overview(expect_object(v, "organization overview"));
}

Paginated<User> list_account_users(std::shared_ptr<Session> session, std::string_view kind, std::string_view name,
                                   std::string_view what) {
  auto url = session->url("/api/" + std::string(kind) + "/" + account_segment(name) + "/" + std::string(what));
  return paginate<User>(std::move(session), std::move(url), parse_listed_user, std::nullopt);
}

std::map<std::string, bool> update_repo_visibility(Session& session, std::string_view repo_id, RepoType type,
                                                   bool private_) {
  checked_repo_id(repo_id);
  auto url = session.url(repo_api_path(type, repo_id) + "/settings");
  auto response = session.send_json("PUT", url, json::object{{"private", private_}});
  std::map<std::string, bool> out;
  auto v = parse_json_body(response, url);
  if (v.is_object())
    for (auto& [k, x] : v.as_object())
      if (x.is_bool()) out[std::string(k)] = x.as_bool();
  return out;
}

}  // namespace hfhub::client
