#include "client/upload/preupload.h"

#include <boost/json.hpp>
#include <map>

#include "client/json/json_fields.h"
#include "common/base64.h"
#include "hfhub/errors.h"

namespace hfhub::client {

namespace json = boost::json;

std::optional<std::string> fetch_upload_modes(const UploadTarget& target, const std::vector<PreparedAdd*>& adds,
                                              const std::optional<std::string>& gitignore) {
  std::optional<std::string> commit;
  const std::string url = target.revision_api_url("preupload");
  for (size_t start = 0; start < adds.size(); start += kPreuploadBatchSize) {
    const size_t end = std::min(adds.size(), start + kPreuploadBatchSize);
    json::array files;
    std::map<std::string, PreparedAdd*, std::less<>> by_path;
    for (size_t i = start; i < end; ++i) {
      PreparedAdd* add = adds[i];
      files.push_back(json::object{
          {"path", add->path_in_repo}, {"sample", base64_encode(add->info.sample)}, {"size", add->info.size}});
      by_path[add->path_in_repo] = add;
    }
    json::object body{{"files", std::move(files)}};
    if (gitignore) body["gitIgnore"] = *gitignore;
    auto response = target.session->send_json("POST", url, body);
    auto parsed = parse_json_body(response, url);
    const json::object* root = parsed.if_object();
    const json::array* answered =
        root ? (root->if_contains("files") ? root->at("files").if_array() : nullptr) : nullptr;
    if (!answered) throw InvalidResponseError("preupload answer without `files` from " + url);
    if (auto oid = get_string(*root, "commitOid")) commit = oid;
    for (const auto& item : *answered) {
      const json::object* f = item.if_object();
      if (!f) throw InvalidResponseError("preupload answer with a non-object file from " + url);
      auto path = get_string(*f, "path");
      auto mode = get_string(*f, "uploadMode");
      auto ignore = get_bool(*f, "shouldIgnore");
      if (!path || !mode || (*mode != "lfs" && *mode != "regular") || !ignore)
        throw InvalidResponseError("preupload answer with an invalid file entry from " + url);
      auto it = by_path.find(*path);
      if (it == by_path.end()) continue;
      PreparedAdd* add = it->second;
      add->mode = (*mode == "lfs" && add->info.size > 0) ? UploadMode::Lfs : UploadMode::Regular;
      add->should_ignore = *ignore;
      add->remote_oid = get_string(*f, "oid");
    }
  }
  return commit;
}

}  // namespace hfhub::client
