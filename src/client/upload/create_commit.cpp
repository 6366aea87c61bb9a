#include "client/upload/create_commit.h"

#include <boost/json.hpp>
#include <stdexcept>

#include "client/json/json_fields.h"
#include "client/upload/commit_copies.h"
#include "client/upload/lfs_upload.h"
#include "client/upload/preupload.h"
#include "hfhub/errors.h"

namespace hfhub::client {

namespace json = boost::json;

void validate_readme(const UploadTarget& target, const std::string& content) {
  const std::string url = target.session->url("/api/validate-yaml");
  try {
    target.session->send_json("POST", url,
                              json::object{{"content", content}, {"repoType", repo_type_name(target.repo_type)}});
  } catch (const BadRequestError& e) {
    throw std::invalid_argument("Invalid metadata in README.md.\n" + e.server_message());
  }
}

std::vector<std::string> add_lines(const std::vector<PreparedAdd*>& adds) {
  std::vector<std::string> lines;
  for (const PreparedAdd* add : adds) {
    if (add->should_ignore || add->unchanged()) continue;
    if (add->mode == UploadMode::Lfs)
      lines.push_back(lfs_file_line(add->path_in_repo, add->info.sha256, add->info.size));
    else
      lines.push_back(file_line(add->path_in_repo, add->read_content()));
  }
  return lines;
}

std::optional<int64_t> pr_number_from_url(std::string_view url) {
  auto slash = url.rfind("/discussions/");
  if (slash == std::string_view::npos) return std::nullopt;
  std::string_view digits = url.substr(slash + 13);
  if (digits.empty() || digits.find_first_not_of("0123456789") != std::string_view::npos) return std::nullopt;
  return std::stoll(std::string(digits));
}

static std::string commit_web_url(const UploadTarget& target, const std::string& oid) {
  return target.session->url("/" + std::string(repo_type_url_prefix(target.repo_type)) + target.repo_id + "/commit/" +
                             oid);
}

CommitInfo unchanged_commit_info(const UploadTarget& target, const std::string& head, const CommitHeader& header) {
  CommitInfo info;
  info.oid = head;
  info.commit_url = commit_web_url(target, head);
  info.commit_message = header.summary;
  info.commit_description = header.description;
  return info;
}

CommitInfo post_commit(const UploadTarget& target, const CommitHeader& header, const std::vector<std::string>& lines) {
  std::vector<std::string> all;
  all.reserve(lines.size() + 1);
  all.push_back(header_line(header));
  all.insert(all.end(), lines.begin(), lines.end());
  const std::string url = target.revision_api_url("commit");
  HttpRequest request{"POST", url, {}, ndjson(all)};
  request.header("content-type", "application/x-ndjson");
  auto response = target.session->send(std::move(request));
  auto parsed = parse_json_body(response, url);
  if (!parsed.is_object()) throw InvalidResponseError("commit answer is not a JSON object: " + url);
  const auto& o = parsed.as_object();
  CommitInfo info;
  info.oid = get_string(o, "commitOid").value_or("");
  info.commit_url = get_string(o, "commitUrl").value_or(info.oid.empty() ? "" : commit_web_url(target, info.oid));
  info.commit_message = header.summary;
  info.commit_description = header.description;
  if (auto pr = get_string(o, "pullRequestUrl")) {
    info.pr_url = pr;
    info.pr_num = pr_number_from_url(*pr);
    if (info.pr_num) info.pr_revision = "refs/pr/" + std::to_string(*info.pr_num);
  }
  if (target.create_pr && !info.pr_num)
    throw InvalidResponseError("commit with create_pr answered without a pullRequestUrl ending in /discussions/<N>");
  return info;
}

CommitInfo create_commit(const UploadTarget& target, const std::vector<CommitOperation>& operations,
                         const CommitParams& params) {
  if (params.commit_message.empty())
    throw std::invalid_argument("`commit_message` can't be empty, please pass a value.");
  check_operations(operations);
  const CommitHeader header{params.commit_message, params.commit_description, params.parent_commit};

  std::vector<PreparedAdd> prepared;
  std::vector<CommitOperationCopy> copies;
  for (const auto& op : operations) {
    if (const auto* add = std::get_if<CommitOperationAdd>(&op)) prepared.push_back(prepare_add(*add));
    if (const auto* copy = std::get_if<CommitOperationCopy>(&op)) copies.push_back(*copy);
  }
  std::vector<PreparedAdd*> adds;
  for (auto& add : prepared) {
    adds.push_back(&add);
    if (add.path_in_repo == "README.md") validate_readme(target, add.read_content());
  }

  std::optional<std::string> head;
  if (!adds.empty()) {
    head = fetch_upload_modes(target, adds);
    upload_lfs_contents(target, adds);
  }
  std::vector<std::string> lines = add_lines(adds);
  for (const auto& op : operations) {
    if (const auto* del = std::get_if<CommitOperationDelete>(&op)) {
      bool folder = del->is_folder || (!del->path_in_repo.empty() && del->path_in_repo.back() == '/');
      lines.push_back(folder ? deleted_folder_line(del->path_in_repo) : deleted_file_line(del->path_in_repo));
    }
  }
  if (!copies.empty()) {
    auto copied = copy_lines(target, copies);
    lines.insert(lines.end(), copied.begin(), copied.end());
  }
  // Every add unchanged and nothing else to do: no empty commit (as Python).
  if (lines.empty() && !adds.empty() && head) return unchanged_commit_info(target, *head, header);
  return post_commit(target, header, lines);
}

}  // namespace hfhub::client
