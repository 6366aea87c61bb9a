// The write API (docs/hub-behaviour.md#uploads): POST …/commit/{rev}, POST …/preupload/{rev}, branches, tags,
// super-squash, POST /api/validate-yaml.
#include <algorithm>
#include <system_error>

#include <boost/json.hpp>

#include "common/error_code.h"
#include "common/file_handle.h"
#include "server/content/repo_read_service.h"
#include "server/http/body_text.h"
#include "server/http/json_body.h"
#include "server/metadata/yaml_validation.h"
#include "server/model/domain_error.h"
#include "server/routes/route_table.h"
#include "server/write/commit_payload.h"
#include "server/write/path_patterns.h"
#include "server/write/preupload.h"

namespace hfhub::server {

namespace {

namespace json = boost::json;

// A commit carries its regular files inline (base64), so its body may be far larger than the
// JSON bodies body-limit is meant for; it is still parsed in memory, hence a cap of its own.
constexpr int64_t kMaxCommitBodyBytes = int64_t(2) << 30;

// Branch and tag calls may come without a body (DELETE, or a POST with no options).
JsonBody optional_json_body(const Request& request) {
  if (request.body.find_first_not_of(" \t\r\n") == std::string::npos) return JsonBody(json::object{});
  return JsonBody::parse(request);
}

RepoRecord open_for_write(const Call& c) {
  return c.services.content().open_write(c.caller, repo_type_param(c), c.params["repo"]);
}

// A commit or its preupload: readers may open a pull request and commit to their own
// (docs/discussions.md#permissions).
RepoRecord open_for_commit(const Call& c) {
  return c.services.content().open_write_to(c.caller, repo_type_param(c), c.params["repo"], c.params["rev"],
                                            c.request.query.boolean("create_pr").value_or(false));
}

std::string web_url(const Call& c, const RepoRecord& repo, std::string_view tail) {
  return RepoService::repo_url(c.services.base_url(c.request), repo.type, repo.id) + std::string(tail);
}

CommitRequest to_commit_request(CommitPayload payload, bool create_pr) {
  CommitRequest req;
  req.summary = std::move(payload.header.summary);
  req.description = std::move(payload.header.description);
  req.parent_commit = std::move(payload.header.parent_commit);
  req.create_pr = create_pr;
  // oldPath (a rename, in the JS client's types): the new path is written, the old one removed.
  auto rename_from = [&](std::optional<std::string>& old_path, const std::string& path) {
    if (old_path && *old_path != path) req.deleted_files.push_back(std::move(*old_path));
  };
  for (auto& operation : payload.operations) {
    if (auto* file = std::get_if<AddFile>(&operation)) {
      rename_from(file->old_path, file->path);
      req.writes.push_back(FileWrite{std::move(file->path), std::move(file->content), std::nullopt});
    } else if (auto* lfs = std::get_if<AddLfsFile>(&operation)) {
      rename_from(lfs->old_path, lfs->path);
      // Size -1: Python leaves it out when it copies an LFS file; the stored object's size counts.
      req.writes.push_back(
          FileWrite{std::move(lfs->path), {}, LfsPointer{std::move(lfs->oid), lfs->size.value_or(-1)}});
    } else if (auto* deleted = std::get_if<DeleteFile>(&operation)) {
      req.deleted_files.push_back(std::move(deleted->path));
    } else {
      req.deleted_folders.push_back(std::move(std::get<DeleteFolder>(operation).path));
    }
  }
  return req;
}

Response commit(const Call& c) {
  auto repo = open_for_commit(c);
  bool create_pr = c.request.query.boolean("create_pr").value_or(false);
  CommitRequest req;
  {
    BodyText body(c.request, std::min(c.services.config().upload_limit, kMaxCommitBodyBytes));
    auto parsed = parse_commit_payload(body.text());
    if (auto* error = std::get_if<CommitPayloadError>(&parsed))
      throw DomainError(error->invalid_path ? ErrorKind::UnprocessablePath : ErrorKind::BadRequest,
                        "Invalid commit payload: " + error->message);
    req = to_commit_request(std::move(std::get<CommitPayload>(parsed)), create_pr);
  }
  auto outcome = c.services.content().commit(c.caller, repo, c.params["rev"], std::move(req));
  json::object out{{"success", true},
                   {"commitOid", outcome.commit},
                   {"commitUrl", web_url(c, repo, "/commit/" + outcome.commit)},
                   {"hookOutput", ""}};
  if (outcome.pull_request)
    out["pullRequestUrl"] = web_url(c, repo, "/discussions/" + std::to_string(*outcome.pull_request));
  return Response::json(json::serialize(out));
}

Response preupload(const Call& c) {
  auto repo = open_for_commit(c);
  // create_pr changes nothing here: the files are compared to the revision the PR starts from.
  auto request = parse_preupload_request(c.request.body);
  auto commit = c.services.content().resolve(repo, c.params["rev"]);
  auto answers = c.services.reads().preupload(repo, commit, request);
  json::array files;
  files.reserve(answers.size());
  for (auto& a : answers) {
    json::object f{{"path", a.path}, {"uploadMode", a.lfs ? "lfs" : "regular"}, {"shouldIgnore", a.should_ignore}};
    if (a.oid) f["oid"] = *a.oid;
    files.push_back(std::move(f));
  }
  return Response::json(json::serialize(json::object{{"files", std::move(files)}, {"commitOid", commit}}));
}

Response create_branch(const Call& c) {
  auto repo = open_for_write(c);
  auto body = optional_json_body(c.request);
  auto start = body.string("startingPoint");
  bool empty = body.boolean("emptyBranch").value_or(false);
  bool overwrite = body.boolean("overwrite").value_or(false);
  // JS: `overwrite` alone (no starting point, not empty) leaves an existing branch as it is.
  bool moves_branch = start || empty;
  c.services.content().create_branch(c.caller, repo, c.params["branch"], start, empty,
                                     /*exist_ok=*/overwrite && !moves_branch, /*overwrite=*/overwrite && moves_branch);
  return Response::json("{}");
}

Response delete_branch(const Call& c) {
  auto repo = open_for_write(c);
  c.services.content().delete_branch(repo, c.params["branch"]);
  return Response::json("{}");
}

Response create_tag(const Call& c) {
  auto repo = open_for_write(c);
  auto body = JsonBody::parse(c.request);
  c.services.content().create_tag(c.caller, repo, c.params["rev"], body.required_string("tag"),
                                  body.string("message").value_or(""));
  return Response::json("{}");
}

Response delete_tag(const Call& c) {
  auto repo = open_for_write(c);
  c.services.content().delete_tag(repo, c.params["tag"]);
  return Response::json("{}");
}

Response super_squash(const Call& c) {
  auto repo = open_for_write(c);
  auto body = optional_json_body(c.request);
  auto sha = c.services.content().super_squash(c.caller, repo, c.params["branch"], body.string("message").value_or(""));
  return Response::json(json::serialize(json::object{{"commitId", sha}}));
}

// Always JSON with both arrays: Python reads the body before it looks at the status.
Response validate_yaml(const Call& c) {
  auto refuse = [](std::string message) {
    json::object out{{"errors", json::array{json::object{{"message", std::move(message)}}}},
                     {"warnings", json::array{}}};
    return Response::json(json::serialize(out), 400);
  };
  boost::system::error_code ec;
  json::value body = json::parse(c.request.body, ec);
  if (ec || !body.is_object()) return refuse("The body must be a JSON object {\"content\", \"repoType\"}");
  const json::value* content = body.get_object().if_contains("content");
  if (!content || !content->is_string()) return refuse("'content' must be the README text");
  RepoType type = RepoType::Model;
  if (const json::value* t = body.get_object().if_contains("repoType"); t && !t->is_null()) {
    auto parsed = t->is_string() ? parse_repo_type(std::string_view(t->get_string())) : std::nullopt;
    if (!parsed) return refuse("'repoType' must be model, dataset or space");
    type = *parsed;
  }
  auto result = validate_readme_yaml(std::string_view(content->get_string()), type);
  bool has_errors = !result.at("errors").as_array().empty();
  return Response::json(json::serialize(result), has_errors ? 400 : 200);
}

}  // namespace

void add_commit_routes(RouteTable& t) {
  // Inline file contents make a commit body an upload; write access is checked on the headers,
  // so a refused commit is never received.
  t.add("POST", "/api/{type}/{repo:repo}/commit/{rev*}", commit,
        BodyRule{.mode = BodyMode::Streamed, .upload = true, .cap = kMaxCommitBodyBytes, .precheck = [](const Call& c) {
                   open_for_commit(c);
                 }});
  // preupload and validate-yaml only read: the interactive lane (the upload they precede waits on them).
  t.add("POST", "/api/{type}/{repo:repo}/preupload/{rev*}", preupload, BodyRule{.lane = Lane::Interactive});
  t.add("POST", "/api/{type}/{repo:repo}/branch/{branch*}", create_branch);
  t.add("DELETE", "/api/{type}/{repo:repo}/branch/{branch*}", delete_branch);
  t.add("POST", "/api/{type}/{repo:repo}/tag/{rev*}", create_tag);
  t.add("DELETE", "/api/{type}/{repo:repo}/tag/{tag*}", delete_tag);
  t.add("POST", "/api/{type}/{repo:repo}/super-squash/{branch*}", super_squash);
  t.add("POST", "/api/validate-yaml", validate_yaml, BodyRule{.lane = Lane::Interactive});
}

}  // namespace hfhub::server
