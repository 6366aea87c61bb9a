#include "client/api/repo_admin.h"

#include <boost/json.hpp>
#include <stdexcept>

#include "client/api/arguments.h"
#include "client/http/url.h"
#include "client/json/json_fields.h"
#include "hfhub/errors.h"

namespace hfhub::client {

namespace json = boost::json;

static json::value namespace_value(const RepoId& id) {
  return id.ns.empty() ? json::value(nullptr) : json::value(id.ns);
}

json::object create_repo_body(const RepoId& id, const CreateRepoParams& params) {
  if (params.repo_type == RepoType::Space && !params.space_sdk)
    throw std::invalid_argument(
        "No space_sdk provided: `create_repo` needs one to create a Space "
        "(gradio, streamlit, docker or static).");
  json::object body{
      {"name", id.name}, {"organization", namespace_value(id)}, {"type", repo_type_name(params.repo_type)}};
  if (params.private_) body["private"] = *params.private_;
  if (params.repo_type == RepoType::Space) body["sdk"] = *params.space_sdk;
  return body;
}

json::object delete_repo_body(const RepoId& id, RepoType type) {
  return json::object{{"name", id.name}, {"organization", namespace_value(id)}, {"type", repo_type_name(type)}};
}

json::object move_repo_body(std::string_view from_id, std::string_view to_id, RepoType type) {
  return json::object{{"fromRepo", from_id}, {"toRepo", to_id}, {"type", repo_type_name(type)}};
}

json::object repo_settings_body(const RepoSettings& s) {
  json::object body;
  if (s.gated) {
    if (*s.gated == GatedMode::Off)
      body["gated"] = false;
    else
      body["gated"] = gated_mode_name(*s.gated);
  }
  if (s.private_) body["private"] = *s.private_;
  if (s.discussions_disabled) body["discussionsDisabled"] = *s.discussions_disabled;
  if (body.empty()) throw std::invalid_argument("At least one setting must be updated.");
  return body;
}

std::string web_repo_url(const Session& session, std::string_view repo_id, RepoType type) {
  return session.url("/" + std::string(repo_type_url_prefix(type)) + std::string(repo_id));
}

RepoUrl create_repo(Session& session, std::string_view repo_id, const CreateRepoParams& params) {
  RepoId id = checked_repo_id(repo_id);
  RepoUrl result{web_repo_url(session, id.str(), params.repo_type), session.options().endpoint, id.str(),
                 params.repo_type};
  try {
    auto response = session.send_json("POST", session.url("/api/repos/create"), create_repo_body(id, params));
    boost::system::error_code ec;
    auto body = json::parse(response.body, ec);
    if (!ec && body.is_object())
      if (auto url = get_string(body.as_object(), "url")) result.url = *url;
    return result;
  } catch (const ConflictError& e) {
    if (!params.exist_ok) throw;
    // The server names the existing repo, namespace included, as Python reads it.
    boost::system::error_code ec;
    auto body = json::parse(e.details().body, ec);
    if (!ec && body.is_object())
      if (auto url = get_string(body.as_object(), "url")) result.url = *url;
    return result;
  } catch (const HfHubHttpError& e) {
    // No permission to create, but the repo may already be there and readable (Python does this too).
    if (params.exist_ok && (e.status() == 401 || e.status() == 402 || e.status() == 403)) {
      try {
        session.get(session.url(repo_api_path(params.repo_type, id.str())));
        return result;
      } catch (const HfHubHttpError&) {
      }
    }
    throw;
  }
}

void delete_repo(Session& session, std::string_view repo_id, RepoType type, bool missing_ok) {
  RepoId id = checked_repo_id(repo_id);
  try {
    session.send_json("DELETE", session.url("/api/repos/delete"), delete_repo_body(id, type));
  } catch (const GatedRepoError&) {
    throw;  // exists, but we may not see it
  } catch (const RepositoryNotFoundError&) {
    if (!missing_ok) throw;
  }
}

void move_repo(Session& session, std::string_view from_id, std::string_view to_id, RepoType type) {
  checked_full_repo_id(from_id);
  checked_full_repo_id(to_id);
  session.send_json("POST", session.url("/api/repos/move"), move_repo_body(from_id, to_id, type));
}

void update_repo_settings(Session& session, std::string_view repo_id, const RepoSettings& settings) {
  checked_repo_id(repo_id);
  auto body = repo_settings_body(settings);
  session.send_json("PUT", session.url(repo_api_path(settings.repo_type, repo_id) + "/settings"), body);
}

}  // namespace hfhub::client
