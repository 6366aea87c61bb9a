#include "client/upload/lfs_batch.h"

#include <boost/json.hpp>
#include <map>

#include "client/json/json_fields.h"
#include "hfhub/errors.h"

namespace hfhub::client {

namespace json = boost::json;

namespace {

constexpr std::string_view kLfsMediaType = "application/vnd.git-lfs+json";

[[noreturn]] void malformed(const std::string& url, const std::string& what) {
  throw InvalidResponseError("Invalid LFS batch answer from " + url + ": " + what);
}

std::optional<LfsAction> parse_action(const json::object& actions, std::string_view name) {
  const json::object* a = get_object(actions, name);
  if (!a) return std::nullopt;
  LfsAction action;
  action.href = get_string(*a, "href").value_or("");
  if (const json::object* header = get_object(*a, "header"))
    for (const auto& [k, v] : *header)
      if (v.is_string()) action.header.emplace_back(std::string(k), std::string(v.as_string()));
  return action;
}

}  // namespace

std::vector<LfsBatchObject> parse_lfs_batch_response(const std::string& body, const std::string& url) {
  json::value parsed;
  try {
    parsed = json::parse(body);
  } catch (const std::exception&) {
    malformed(url, "not JSON");
  }
  const json::object* root = parsed.if_object();
  const json::array* objects = root && root->if_contains("objects") ? root->at("objects").if_array() : nullptr;
  if (!objects) malformed(url, "no `objects`");
  const bool xet = get_string(*root, "transfer").value_or("") == "xet";
  std::vector<LfsBatchObject> out;
  for (const auto& item : *objects) {
    const json::object* o = item.if_object();
    if (!o) malformed(url, "an object is not a JSON object");
    auto oid = get_string(*o, "oid");
    auto size = get_int(*o, "size");
    if (!oid || !size) malformed(url, "an object without `oid` or `size`");
    if (const json::object* error = get_object(*o, "error")) {
      HttpErrorDetails details;
      details.status = static_cast<int>(get_int(*error, "code").value_or(0));
      details.url = url;
      details.server_message = get_string(*error, "message").value_or("");
      throw HfHubHttpError(details, "LFS batch refused object " + *oid + ": " + details.server_message);
    }
    LfsBatchObject object{*oid, *size, std::nullopt, std::nullopt, xet};
    if (const json::object* actions = get_object(*o, "actions")) {
      object.upload = parse_action(*actions, "upload");
      object.verify = parse_action(*actions, "verify");
      if (object.upload && object.upload->href.empty()) malformed(url, "an upload action without `href`");
    }
    out.push_back(std::move(object));
  }
  return out;
}

std::vector<LfsBatchObject> post_lfs_batch(const UploadTarget& target, const std::vector<LfsObjectSpec>& objects) {
  const std::string url = target.session->url("/" + std::string(repo_type_url_prefix(target.repo_type)) +
                                              target.repo_id + ".git/info/lfs/objects/batch");
  std::vector<LfsBatchObject> out;
  for (size_t start = 0; start < objects.size(); start += kLfsBatchSize) {
    const size_t end = std::min(objects.size(), start + kLfsBatchSize);
    json::array list;
    for (size_t i = start; i < end; ++i)
      list.push_back(json::object{{"oid", objects[i].oid}, {"size", objects[i].size}});
    json::array transfers{"basic", "multipart"};
    if (!target.options().disable_xet) transfers.push_back("xet");
    json::object body{{"operation", "upload"},
                      {"transfers", std::move(transfers)},
                      {"objects", std::move(list)},
                      {"hash_algo", "sha256"}};
    // A PR's base is decided by the commit, not by a branch ref.
    if (!target.create_pr) body["ref"] = json::object{{"name", target.revision}};
    HttpRequest request{"POST", url, {}, json::serialize(body)};
    request.header("accept", std::string(kLfsMediaType)).header("content-type", std::string(kLfsMediaType));
    auto response = target.session->send(std::move(request));
    auto answered = parse_lfs_batch_response(response.body, url);
    // Match answers to requests by oid: the server may answer in any order.
    std::map<std::string, LfsBatchObject> by_oid;
    for (auto& a : answered) by_oid[a.oid] = std::move(a);
    for (size_t i = start; i < end; ++i) {
      auto it = by_oid.find(objects[i].oid);
      if (it == by_oid.end()) throw InvalidResponseError("LFS batch answer from " + url + " lacks " + objects[i].oid);
      out.push_back(it->second);
    }
  }
  return out;
}

}  // namespace hfhub::client
