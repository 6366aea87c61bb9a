#include "client/upload/commit_payload.h"

#include <boost/json.hpp>

#include "common/base64.h"

namespace hfhub::client {

namespace json = boost::json;

static std::string line(std::string_view key, json::object value) {
  return json::serialize(json::object{{"key", key}, {"value", std::move(value)}});
}

std::string header_line(const CommitHeader& header) {
  json::object value{{"summary", header.summary}, {"description", header.description}};
  if (header.parent_commit) value["parentCommit"] = *header.parent_commit;
  return line("header", std::move(value));
}

std::string file_line(std::string_view path, std::string_view bytes) {
  return line("file", {{"path", path}, {"content", base64_encode(bytes)}, {"encoding", "base64"}});
}

std::string lfs_file_line(std::string_view path, std::string_view oid, std::optional<int64_t> size) {
  json::object value{{"path", path}, {"algo", "sha256"}, {"oid", oid}};
  if (size) value["size"] = *size;
  return line("lfsFile", std::move(value));
}

std::string deleted_file_line(std::string_view path) { return line("deletedFile", {{"path", path}}); }

std::string deleted_folder_line(std::string_view path) { return line("deletedFolder", {{"path", path}}); }

std::string ndjson(const std::vector<std::string>& lines) {
  size_t total = 0;
  for (const auto& l : lines) total += l.size() + 1;
  std::string out;
  out.reserve(total);
  for (const auto& l : lines) {
    out += l;
    out += '\n';
  }
  return out;
}

}  // namespace hfhub::client
