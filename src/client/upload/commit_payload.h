#pragma once
// The NDJSON body of POST /api/{t}s/{id}/commit/{rev} (docs/hub-behaviour.md#commit-payload), one line per
// operation, each terminated by '\n' as Python sends it. Key order is fixed (tests compare bytes).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hfhub::client {

struct CommitHeader {
  std::string summary;
  std::string description;
  std::optional<std::string> parent_commit;
};

// {"key":"header","value":{"summary","description"[,"parentCommit"]}}
std::string header_line(const CommitHeader& header);
// {"key":"file","value":{"path","content":<base64>,"encoding":"base64"}}
std::string file_line(std::string_view path, std::string_view bytes);
// {"key":"lfsFile","value":{"path","algo":"sha256","oid"[,"size"]}}; copies omit the size.
std::string lfs_file_line(std::string_view path, std::string_view oid, std::optional<int64_t> size);
// {"key":"deletedFile","value":{"path"}}
std::string deleted_file_line(std::string_view path);
// {"key":"deletedFolder","value":{"path"}}
std::string deleted_folder_line(std::string_view path);

// Every line followed by '\n'.
std::string ndjson(const std::vector<std::string>& lines);

}  // namespace hfhub::client
