#include "server/write/commit_payload.h"

#include <boost/json.hpp>
#include <limits>
#include <unordered_map>

#include "common/ascii.h"
#include "common/base64.h"
#include "common/hash.h"
#include "common/lfs_pointer.h"
#include "common/repo_path.h"

namespace hfhub::server {

namespace {

using boost::json::object;

// Thrown by the helpers below for the line being parsed; parse_commit_payload prefixes the
// line number and returns it as a CommitPayloadError. It never leaves this file.
struct InvalidLine {
  std::string message;
  bool invalid_path = false;
};

std::string quoted(std::string_view name) { return "'" + std::string(name) + "'"; }

std::optional<std::string_view> optional_string(const object& value, std::string_view name) {
  auto* field = value.if_contains(name);
  if (!field || field->is_null()) return std::nullopt;
  if (!field->is_string()) throw InvalidLine{quoted(name) + " must be a string"};
  return std::string_view(field->as_string());
}

std::string_view required_string(const object& value, std::string_view name) {
  auto text = optional_string(value, name);
  if (!text) throw InvalidLine{quoted(name) + " is required"};
  return *text;
}

// The path of a file; never quoted in an error, as it may hold control characters.
std::string file_path(const object& value, std::string_view name) {
  auto path = required_string(value, name);
  if (auto error = repo_path_error(path)) throw InvalidLine{"invalid " + quoted(name) + ": " + *error, true};
  return std::string(path);
}

std::optional<std::string> old_path(const object& value) {
  if (!optional_string(value, "oldPath")) return std::nullopt;
  return file_path(value, "oldPath");
}

CommitHeader parse_header(const object& value) {
  CommitHeader header;
  header.summary = optional_string(value, "summary").value_or("");
  header.description = optional_string(value, "description").value_or("");
  if (auto parent = optional_string(value, "parentCommit")) {
    // Hex in either case is accepted, and kept lowercase.
    header.parent_commit = ascii_lower(*parent);
    if (parent->size() < 5 || parent->size() > 40 || !is_lower_hex(*header.parent_commit))
      throw InvalidLine{"'parentCommit' must be a commit id (5 to 40 hexadecimal digits)"};
  }
  return header;
}

AddFile parse_file(const object& value) {
  AddFile file{file_path(value, "path"), {}, old_path(value)};
  auto content = required_string(value, "content");
  auto encoding = optional_string(value, "encoding").value_or("base64");  // Python always sends it
  if (ascii_iequals(encoding, "base64")) {
    auto bytes = base64_decode(content);
    if (!bytes) throw InvalidLine{"'content' is not valid base64"};
    file.content = std::move(*bytes);
  } else if (ascii_iequals(encoding, "utf-8") || ascii_iequals(encoding, "utf8")) {
    file.content = content;  // already valid UTF-8: the JSON parser checks it
  } else {
    throw InvalidLine{"'encoding' must be \"base64\" or \"utf-8\""};
  }
  return file;
}

std::optional<int64_t> optional_size(const object& value) {
  auto* size = value.if_contains("size");
  if (!size || size->is_null()) return std::nullopt;
  if (size->is_int64() && size->get_int64() >= 0) return size->get_int64();
  if (size->is_uint64() && size->get_uint64() <= uint64_t(std::numeric_limits<int64_t>::max()))
    return int64_t(size->get_uint64());
  throw InvalidLine{"'size' must be a non-negative integer"};
}

AddLfsFile parse_lfs_file(const object& value) {
  AddLfsFile file{file_path(value, "path"), {}, optional_size(value), old_path(value)};
  if (auto algo = optional_string(value, "algo"); algo && !ascii_iequals(*algo, "sha256"))
    throw InvalidLine{"'algo' must be \"sha256\""};
  file.oid = ascii_lower(required_string(value, "oid"));  // either case accepted
  if (!is_sha256_hex(file.oid)) throw InvalidLine{"'oid' must be a sha256 (64 hexadecimal digits)"};
  return file;
}

DeleteFolder parse_deleted_folder(const object& value) {
  auto path = required_string(value, "path");
  if (auto error = repo_folder_error(path)) throw InvalidLine{"invalid 'path': " + *error, true};
  return DeleteFolder{std::string(normalize_folder(path))};
}

CommitOperation parse_operation(std::string_view key, const object& value) {
  if (key == "file") return parse_file(value);
  if (key == "lfsFile") return parse_lfs_file(value);
  if (key == "deletedFile") return DeleteFile{file_path(value, "path")};
  if (key == "deletedFolder") return parse_deleted_folder(value);
  if (key == "header") throw InvalidLine{"the header may appear only once, on the first line"};
  // Keys are client text of any length; quote only short ones.
  throw InvalidLine{key.size() <= 64 ? "unknown key " + quoted(key) : "unknown key"};
}

struct KeyedLine {
  std::string key;
  boost::json::value value;  // an object
};

KeyedLine parse_line(std::string_view line) {
  boost::system::error_code ec;
  auto json = boost::json::parse(line, ec);
  if (ec) throw InvalidLine{"invalid JSON: " + ec.message()};
  auto* fields = json.if_object();
  if (!fields) throw InvalidLine{"expected a JSON object {\"key\": ..., \"value\": {...}}"};
  auto key = required_string(*fields, "key");
  auto* value = fields->if_contains("value");
  if (!value || !value->is_object()) throw InvalidLine{"'value' must be an object"};
  // Move the value out so a large file's base64 text is not copied.
  return KeyedLine{std::string(key), std::move(*value)};
}

// Splits the body into lines without copying it; `next` returns false at the end.
class LineReader {
 public:
  explicit LineReader(std::string_view body) : rest_(body) {}

  bool next(std::string_view& line) {
    while (!rest_.empty()) {
      size_t newline = rest_.find('\n');
      line = rest_.substr(0, newline);
      rest_.remove_prefix(newline == std::string_view::npos ? rest_.size() : newline + 1);
      ++number_;
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (!trim_whitespace(line).empty()) return true;
    }
    return false;
  }
  size_t number() const { return number_; }  // 1-based, counting blank lines too

 private:
  std::string_view rest_;
  size_t number_ = 0;
};

}  // namespace

const std::string& operation_path(const CommitOperation& operation) {
  return std::visit([](const auto& op) -> const std::string& { return op.path; }, operation);
}

std::variant<CommitPayload, CommitPayloadError> parse_commit_payload(std::string_view body) {
  LineReader lines(body);
  std::string_view line;
  CommitPayload payload;
  // Path -> the line that last used it (and whether that was a deletion), to name both lines
  // when a path comes twice.
  struct Use {
    size_t line;
    bool deletion;
  };
  std::unordered_map<std::string, Use> use_of_path;
  try {
    if (!lines.next(line)) return CommitPayloadError{"the commit payload is empty: a header line is required"};
    auto header = parse_line(line);
    if (header.key != "header") throw InvalidLine{"the first line must be the header (key \"header\")"};
    payload.header = parse_header(header.value.as_object());

    while (lines.next(line)) {
      auto keyed = parse_line(line);
      auto operation = parse_operation(keyed.key, keyed.value.as_object());
      const auto& path = operation_path(operation);
      bool deletion = std::holds_alternative<DeleteFile>(operation) || std::holds_alternative<DeleteFolder>(operation);
      auto [seen, inserted] = use_of_path.try_emplace(path, Use{lines.number(), deletion});
      // The Hub applies operations in order, and Python sends "delete, then add" of one path (a
      // file re-added in the commit that deletes it or its folder); deletions apply first here,
      // so that one order has the same result. Any other repeat is refused.
      if (!inserted && (!seen->second.deletion || deletion))
        throw InvalidLine{quoted(path) + " is already changed by line " + std::to_string(seen->second.line)};
      seen->second = Use{lines.number(), deletion};
      payload.operations.push_back(std::move(operation));
    }
  } catch (const InvalidLine& error) {
    return CommitPayloadError{"line " + std::to_string(lines.number()) + ": " + error.message, error.invalid_path};
  }
  return payload;
}

}  // namespace hfhub::server
