#include "client/json/content_json.h"

#include <boost/json.hpp>

#include "client/json/json_fields.h"
#include "common/repo_path.h"
#include "hfhub/errors.h"

namespace hfhub::client {

namespace json = boost::json;

namespace {

[[noreturn]] void invalid(const std::string& what) { throw InvalidResponseError("Invalid response: " + what); }

std::string required_string(const json::object& o, std::string_view key, std::string_view what) {
  auto s = get_string(o, key);
  if (!s) invalid(std::string(what) + " without a string `" + std::string(key) + "`");
  return *s;
}

// The entry's path, refused when it breaks the repo path rules (e.g. "../x", "/etc", ".git/config").
std::string checked_entry_path(const json::object& o) {
  std::string path = required_string(o, "path", "tree entry");
  if (auto error = repo_path_error(path)) invalid("tree entry with an invalid path: " + *error);
  return path;
}

std::optional<LastCommitInfo> parse_last_commit(const json::object& o) {
  const json::object* c = get_object(o, "lastCommit");
  if (!c) return std::nullopt;
  return LastCommitInfo{get_string(*c, "id").value_or(""), get_string(*c, "title").value_or(""),
                        get_string(*c, "date").value_or("")};
}

std::optional<BlobSecurityInfo> parse_security(const json::object& o) {
  const json::object* s = get_object(o, "securityFileStatus");
  if (!s) return std::nullopt;
  return BlobSecurityInfo{get_string(*s, "status").value_or(""), get_raw(*s, "avScan").value_or(""),
                          get_raw(*s, "pickleImportScan").value_or("")};
}

std::vector<GitRefInfo> parse_ref_list(const json::object& o, std::string_view key) {
  std::vector<GitRefInfo> out;
  const json::value* list = o.if_contains(key);
  if (!list || !list->is_array()) return out;
  for (const auto& item : list->as_array()) {
    if (!item.is_object()) invalid("a ref that is not an object");
    const auto& r = item.as_object();
    out.push_back({required_string(r, "name", "ref"), required_string(r, "ref", "ref"),
                   required_string(r, "targetCommit", "ref")});
  }
  return out;
}

}  // namespace

RepoEntry parse_repo_entry(const json::object& o) {
  std::string path = checked_entry_path(o);
  if (get_string(o, "type").value_or("") != "file") {
    RepoFolder folder{path, required_string(o, "oid", "tree entry"), parse_last_commit(o)};
    return folder;
  }
  RepoFile file;
  file.path = std::move(path);
  file.blob_id = required_string(o, "oid", "tree entry");
  auto size = get_int(o, "size");
  if (!size) invalid("file entry without a `size`");
  file.size = *size;
  if (const json::object* lfs = get_object(o, "lfs")) {
    BlobLfsInfo info;
    info.sha256 = get_string(*lfs, "oid").value_or("");
    info.size = get_int(*lfs, "size").value_or(file.size);
    info.pointer_size = get_int(*lfs, "pointerSize");
    file.lfs = info;
  }
  file.xet_hash = get_string(o, "xetHash");
  file.last_commit = parse_last_commit(o);
  file.security = parse_security(o);
  return file;
}

GitRefs parse_git_refs(const json::value& v) {
  if (!v.is_object()) invalid("refs are not a JSON object");
  const auto& o = v.as_object();
  GitRefs refs;
  refs.branches = parse_ref_list(o, "branches");
  refs.converts = parse_ref_list(o, "converts");
  refs.tags = parse_ref_list(o, "tags");
  if (o.contains("pullRequests")) refs.pull_requests = parse_ref_list(o, "pullRequests");
  return refs;
}

GitCommitInfo parse_git_commit(const json::object& o) {
  GitCommitInfo c;
  c.commit_id = required_string(o, "id", "commit");
  c.title = get_string(o, "title").value_or("");
  c.message = get_string(o, "message").value_or("");
  c.created_at = get_string(o, "date").value_or("");
  if (const json::value* authors = o.if_contains("authors"); authors && authors->is_array())
    for (const auto& a : authors->as_array())
      if (a.is_object())
        if (auto user = get_string(a.as_object(), "user")) c.authors.push_back(*user);
  if (const json::object* f = get_object(o, "formatted")) {
    c.formatted_title = get_string(*f, "title");
    c.formatted_message = get_string(*f, "message");
  }
  return c;
}

LfsFileInfo parse_lfs_file(const json::object& o) {
  LfsFileInfo f;
  f.file_oid = required_string(o, "fileOid", "LFS file");
  f.oid = required_string(o, "oid", "LFS file");
  f.filename = get_string(o, "filename").value_or("");
  f.pushed_at = get_string(o, "pushedAt").value_or("");
  f.ref = get_string(o, "ref");
  f.size = get_int(o, "size").value_or(0);
  return f;
}

}  // namespace hfhub::client
