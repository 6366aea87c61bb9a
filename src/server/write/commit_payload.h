#pragma once
// The body of POST /api/{type}s/{id}/commit/{revision} (docs/hub-behaviour.md#commit-payload): NDJSON, one
// {"key": ..., "value": {...}} object per line, the header first. This is only the syntax:
// whether a parent commit matches, a deleted file exists or the summary may be empty is for
// the commit service to decide.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace hfhub::server {

struct CommitHeader {
  std::string summary;      // "" when absent
  std::string description;  // "" when absent
  // Optimistic-concurrency guard: 5 to 40 hex digits (Python's REGEX_COMMIT_OID), lowercased.
  std::optional<std::string> parent_commit;
};

// key "file": the bytes themselves, decoded from base64 or taken from utf-8 text.
struct AddFile {
  std::string path;
  std::string content;
  std::optional<std::string> old_path;  // "oldPath": a rename (JS client)
};

// key "lfsFile": a pointer to an LFS object uploaded before (or already stored, for a copy).
struct AddLfsFile {
  std::string path;
  std::string oid;                      // sha256, 64 lowercase hex digits
  std::optional<int64_t> size;          // absent when Python copies an LFS file
  std::optional<std::string> old_path;  // "oldPath": a rename (JS client)
};

struct DeleteFile {  // key "deletedFile"
  std::string path;
};

struct DeleteFolder {  // key "deletedFolder"
  std::string path;    // without the trailing '/' clients send
};

using CommitOperation = std::variant<AddFile, AddLfsFile, DeleteFile, DeleteFolder>;

struct CommitPayload {
  CommitHeader header;
  // In body order; no two share a path, except a deletion followed by an add of that path.
  std::vector<CommitOperation> operations;
};

struct CommitPayloadError {
  std::string message;        // for the client, names the line: "line 3: ..."
  bool invalid_path = false;  // a path broke the path rules (the rest: malformed payload)
};

// Lines end with "\n" or "\r\n" (the last one may have neither); blank lines are skipped.
// Every path is checked with repo_path_error (folders with repo_folder_error). Unknown fields
// inside a value are ignored, an unknown key is an error.
std::variant<CommitPayload, CommitPayloadError> parse_commit_payload(std::string_view body);

// The path an operation writes or deletes.
const std::string& operation_path(const CommitOperation& operation);

}  // namespace hfhub::server
