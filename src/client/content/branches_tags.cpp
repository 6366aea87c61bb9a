#include <boost/json.hpp>
#include <stdexcept>

#include "client/content/content_urls.h"
#include "client/content/ref_admin.h"
#include "client/http/url.h"
#include "hfhub/errors.h"

namespace hfhub::client {

namespace json = boost::json;

namespace {

void require_name(std::string_view what, std::string_view name) {
  if (name.empty()) throw std::invalid_argument(std::string(what) + " name must not be empty.");
}

// Sends; with exist_ok, a 409 (the ref exists) is success.
void send_allowing_conflict(Session& session, const std::string& url, const json::object& body, bool exist_ok) {
  try {
    session.send_json("POST", url, body);
  } catch (const ConflictError&) {
    if (!exist_ok) throw;
  }
}

}  // namespace

json::object create_branch_body(const CreateBranchParams& params) {
  json::object body;
  if (params.revision) body["startingPoint"] = *params.revision;
  return body;
}

json::object create_tag_body(std::string_view tag, const CreateTagParams& params) {
  json::object body{{"tag", tag}};
  if (params.tag_message) body["message"] = *params.tag_message;
  return body;
}

json::object super_squash_body(std::string_view branch, const SuperSquashParams& params) {
  // Python's default message.
  return json::object{{"message", params.commit_message.value_or("Super-squash branch '" + std::string(branch) +
                                                                 "' using huggingface_hub")}};
}

void create_branch(Session& session, std::string_view repo_id, std::string_view branch,
                   const CreateBranchParams& params) {
  require_name("Branch", branch);
  auto url = content_api_url(session, params.repo_type, repo_id, "branch", encode_revision(branch));
  send_allowing_conflict(session, url, create_branch_body(params), params.exist_ok);
}

void delete_branch(Session& session, std::string_view repo_id, std::string_view branch, const RepoCall& call) {
  require_name("Branch", branch);
  session.send(HttpRequest{
      "DELETE", content_api_url(session, call.repo_type, repo_id, "branch", encode_revision(branch)), {}, {}});
}

void create_tag(Session& session, std::string_view repo_id, std::string_view tag, const CreateTagParams& params) {
  require_name("Tag", tag);
  auto url = content_api_url(session, params.repo_type, repo_id, "tag", encode_revision(revision_or_main(params)));
  send_allowing_conflict(session, url, create_tag_body(tag, params), params.exist_ok);
}

void delete_tag(Session& session, std::string_view repo_id, std::string_view tag, const RepoCall& call) {
  require_name("Tag", tag);
  session.send(
      HttpRequest{"DELETE", content_api_url(session, call.repo_type, repo_id, "tag", encode_revision(tag)), {}, {}});
}

void super_squash_history(Session& session, std::string_view repo_id, const SuperSquashParams& params) {
  std::string branch = revision_or_main(params);
  auto url = content_api_url(session, params.repo_type, repo_id, "super-squash", encode_revision(branch));
  session.send_json("POST", url, super_squash_body(branch, params));
}

}  // namespace hfhub::client
