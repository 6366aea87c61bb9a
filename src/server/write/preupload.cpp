#include "server/write/preupload.h"

#include <limits>

#include <boost/json.hpp>

#include "common/repo_path.h"
#include "server/model/domain_error.h"
#include "server/write/path_patterns.h"

namespace hfhub::server {

namespace {

namespace json = boost::json;

[[noreturn]] void bad_request(std::string message) {
  throw DomainError(ErrorKind::InvalidParameter, std::move(message));
}

std::optional<std::string> optional_text(const json::object& body, std::string_view key) {
  const json::value* v = body.if_contains(key);
  if (!v || v->is_null()) return std::nullopt;
  if (!v->is_string()) bad_request("Invalid '" + std::string(key) + "': expected a string");
  return std::string(v->get_string());
}

int64_t file_size(const json::object& file, size_t index) {
  const json::value* v = file.if_contains("size");
  if (!v || v->is_null()) return 0;
  if (v->is_int64() && v->get_int64() >= 0) return v->get_int64();
  if (v->is_uint64() && v->get_uint64() <= uint64_t(std::numeric_limits<int64_t>::max()))
    return int64_t(v->get_uint64());
  bad_request("Invalid 'files[" + std::to_string(index) + "].size': expected a non-negative integer");
}

PreuploadFile parse_file(const json::value& item, size_t index) {
  auto where = "'files[" + std::to_string(index) + "]";
  if (!item.is_object()) bad_request("Invalid " + where + "': expected an object");
  const json::object& file = item.get_object();
  const json::value* path = file.if_contains("path");
  if (!path || !path->is_string()) bad_request("Invalid " + where + ".path': expected a string");
  std::string_view text = path->get_string();
  // The reason never quotes the path itself: it may hold bytes a JSON error body cannot carry.
  if (auto error = repo_path_error(text))
    throw DomainError(ErrorKind::UnprocessablePath, "Invalid " + where + ".path': " + *error);
  return PreuploadFile{std::string(text), file_size(file, index)};
}

}  // namespace

PreuploadRequest parse_preupload_request(std::string_view text) {
  boost::system::error_code ec;
  json::value parsed = json::parse(text, ec);
  if (ec) throw DomainError(ErrorKind::InvalidJson, "Invalid JSON body: " + ec.message());
  if (!parsed.is_object()) throw DomainError(ErrorKind::InvalidJson, "Invalid JSON body: expected an object");
  const json::object& body = parsed.get_object();
  PreuploadRequest request;
  const json::value* files = body.if_contains("files");
  if (!files || !files->is_array()) bad_request("Invalid 'files': expected an array");
  if (files->get_array().size() > kMaxPreuploadFiles)
    bad_request("Too many files: at most " + std::to_string(kMaxPreuploadFiles) + " per call");
  size_t index = 0;
  for (const json::value& item : files->get_array()) request.files.push_back(parse_file(item, index++));
  request.git_ignore = optional_text(body, "gitIgnore");
  request.git_attributes = optional_text(body, "gitAttributes");
  return request;
}

std::vector<PreuploadAnswer> plan_preupload(const PreuploadRequest& request, const RevisionView& revision) {
  auto attributes_text = request.git_attributes ? request.git_attributes : revision.read_text(".gitattributes");
  auto ignore_text = request.git_ignore ? request.git_ignore : revision.read_text(".gitignore");
  auto attributes = GitAttributes::parse(attributes_text.value_or(""));
  auto ignore = GitIgnore::parse(ignore_text.value_or(""));

  std::vector<PreuploadAnswer> answers;
  answers.reserve(request.files.size());
  for (const PreuploadFile& f : request.files) {
    PreuploadAnswer answer{f.path, should_upload_as_lfs(attributes, f.path, f.size), ignore.ignored(f.path), {}};
    if (auto existing = revision.file(f.path)) answer.oid = existing->lfs ? existing->lfs->oid : existing->oid;
    answers.push_back(std::move(answer));
  }
  return answers;
}

}  // namespace hfhub::server
