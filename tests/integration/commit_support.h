#pragma once
// Building and sending commits (NDJSON, docs/hub-behaviour.md#commit-payload) and reading back what they did, for
// the write-API integration tests.
#include <boost/json.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "raw_http.h"
#include "server_fixture.h"

namespace hfhub::testing {

std::string api_url(const std::string& path);

// One NDJSON line each.
std::string header_line(const std::string& summary, const std::optional<std::string>& parent = std::nullopt);
std::string file_line(const std::string& path, const std::string& bytes);  // base64, as Python sends
std::string text_line(const std::string& path, const std::string& text);   // encoding utf-8 (JS type)
std::string lfs_line(const std::string& path, const std::string& oid, std::optional<int64_t> size);
std::string deleted_file_line(const std::string& path);
std::string deleted_folder_line(const std::string& path);

// POST /api/{type}/{id}/commit/{rev} (rev as it goes on the wire, e.g. "refs%2Fpr%2F1"); lines
// joined by "\n" with a trailing one (Python) or without (JS).
RawResponse post_commit(const std::string& id, const std::vector<std::string>& lines, const std::string& rev = "main",
                        const std::string& query = "", const char* token = Tokens::alice_write,
                        bool trailing_newline = true, const std::string& type = "models");
// Commits and expects success; returns the commit sha.
std::string commit_ok(const std::string& id, const std::vector<std::string>& lines, const std::string& rev = "main",
                      const std::string& type = "models");

// A new model repo owned by `ns` (alice writes to alice and acme).
std::string new_model(const std::string& ns = "alice", bool is_private = false);

// GET /api/models/{id}?blobs=true as alice.
boost::json::object repo_info(const std::string& id);
// rfilename → sibling object.
std::map<std::string, boost::json::object> siblings(const std::string& id);
// The commit a revision names, as preupload reports it (commitOid); empty when it answers an error.
std::string head_of(const std::string& id, const std::string& rev = "main", const std::string& type = "models");

// POST /api/{type}/{id}/preupload/{rev} with `body` as alice.
RawResponse preupload(const std::string& id, const std::string& body, const std::string& rev = "main",
                      const char* token = Tokens::alice_write);

// The git blob id of `content`: sha1("blob <n>\0" + content).
std::string git_blob_sha1(const std::string& content);
// Stores `content` in the server's LFS store for the repo, as a finished LFS upload would.
std::string put_lfs_object(const std::string& id, const std::string& content);
// How many commits `rev` has in its history (read from the bare repo with git).
int count_commits(const std::string& id, const std::string& rev);

}  // namespace hfhub::testing
