#include "commit_support.h"

#include <fstream>

#include "common/base64.h"
#include "common/hash.h"
#include "subprocess.h"

namespace hfhub::testing {

namespace json = boost::json;

std::string api_url(const std::string& path) { return shared_server().endpoint() + path; }

namespace {

std::string line(std::string_view key, json::object value) {
  return json::serialize(json::object{{"key", key}, {"value", std::move(value)}});
}

}  // namespace

std::string header_line(const std::string& summary, const std::optional<std::string>& parent) {
  json::object value{{"summary", summary}, {"description", ""}};
  if (parent) value["parentCommit"] = *parent;
  return line("header", std::move(value));
}

std::string file_line(const std::string& path, const std::string& bytes) {
  return line("file", {{"path", path}, {"content", base64_encode(bytes)}, {"encoding", "base64"}});
}

std::string text_line(const std::string& path, const std::string& text) {
  return line("file", {{"path", path}, {"content", text}, {"encoding", "utf-8"}});
}

std::string lfs_line(const std::string& path, const std::string& oid, std::optional<int64_t> size) {
  json::object value{{"path", path}, {"algo", "sha256"}, {"oid", oid}};
  if (size) value["size"] = *size;
  return line("lfsFile", std::move(value));
}

std::string deleted_file_line(const std::string& path) { return line("deletedFile", {{"path", path}}); }
std::string deleted_folder_line(const std::string& path) { return line("deletedFolder", {{"path", path}}); }

RawResponse post_commit(const std::string& id, const std::vector<std::string>& lines, const std::string& rev,
                        const std::string& query, const char* token, bool trailing_newline, const std::string& type) {
  std::string body;
  for (size_t i = 0; i < lines.size(); ++i) {
    body += lines[i];
    if (trailing_newline || i + 1 < lines.size()) body += '\n';
  }
  std::vector<std::string> headers{"Content-Type: application/x-ndjson"};
  if (token) headers.push_back(bearer(token));
  return http("POST", api_url("/api/" + type + "/" + id + "/commit/" + rev + query), headers, body);
}

std::string commit_ok(const std::string& id, const std::vector<std::string>& lines, const std::string& rev,
                      const std::string& type) {
  auto r = post_commit(id, lines, rev, "", Tokens::alice_write, true, type);
  EXPECT_EQ(r.status, 200) << r.body;
  if (r.status != 200) return "";
  return std::string(r.json().at("commitOid").as_string());
}

std::string new_model(const std::string& ns, bool is_private) {
  auto id = ns + "/" + unique_name("commit");
  client(Tokens::alice_write).create_repo(id, {.private_ = is_private});
  return id;
}

json::object repo_info(const std::string& id) {
  auto r = http_get(api_url("/api/models/" + id + "?blobs=true"), {bearer(Tokens::alice_write)});
  EXPECT_EQ(r.status, 200) << r.body;
  return r.json().as_object();
}

std::map<std::string, json::object> siblings(const std::string& id) {
  std::map<std::string, json::object> out;
  auto info = repo_info(id);
  for (auto& s : info.at("siblings").as_array()) out[std::string(s.at("rfilename").as_string())] = s.as_object();
  return out;
}

RawResponse preupload(const std::string& id, const std::string& body, const std::string& rev, const char* token) {
  std::vector<std::string> headers{"Content-Type: application/json"};
  if (token) headers.push_back(bearer(token));
  return http("POST", api_url("/api/models/" + id + "/preupload/" + rev), headers, body);
}

std::string head_of(const std::string& id, const std::string& rev, const std::string& type) {
  auto r = http("POST", api_url("/api/" + type + "/" + id + "/preupload/" + rev),
                {"Content-Type: application/json", bearer(Tokens::alice_write)}, R"({"files":[]})");
  if (r.status != 200) return "";
  return std::string(r.json().at("commitOid").as_string());
}

std::string git_blob_sha1(const std::string& content) {
  std::string object = "blob " + std::to_string(content.size());
  object.push_back('\0');
  return sha1_hex(object + content);
}

std::string put_lfs_object(const std::string& id, const std::string& content) {
  auto object_id = std::string(repo_info(id).at("_id").as_string());
  const std::string data = shared_server().data_dir();
  auto store = blob_store_of(data, "lfs");
  auto oid = sha256_hex(content);
  auto spooled = store->spool_dir() + "/test-" + oid;
  std::ofstream(spooled, std::ios::binary) << content;
  store->put_file(spooled, object_id, oid);
  return oid;
}

int count_commits(const std::string& id, const std::string& rev) {
  auto object_id = std::string(repo_info(id).at("_id").as_string());
  auto git_dir = shared_server().data_dir() + "/repos/" + object_id + ".git";
  auto r = run({"/usr/bin/git", "--git-dir=" + git_dir, "rev-list", "--count", rev});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return std::atoi(r.out.c_str());
}

}  // namespace hfhub::testing
