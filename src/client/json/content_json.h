#pragma once
// JSON -> repository-content values (docs/hub-behaviour.md#browsing-a-repo, #other-write-endpoints): tree and
// paths-info entries, refs, commits, LFS objects. Paths the server sends are checked with the repo path rules: a
// client may join them to a local folder, so a bad one is an InvalidResponseError, never used.
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "hfhub/repo_content.h"

namespace hfhub::client {

// {"type":"file"|"directory", "oid", "size", "path", "lfs"?, "lastCommit"?, "securityFileStatus"?}.
// Anything but "file" is a folder, like Python.
RepoEntry parse_repo_entry(const boost::json::object& o);
// {"branches", "converts", "tags", "pullRequests"?} of {"name", "ref", "targetCommit"}.
GitRefs parse_git_refs(const boost::json::value& v);
// {"id", "title", "message", "authors":[{"user"}], "date", "formatted"?:{"title","message"}}.
GitCommitInfo parse_git_commit(const boost::json::object& o);
// {"fileOid", "filename", "oid", "pushedAt", "ref"?, "size"}.
LfsFileInfo parse_lfs_file(const boost::json::object& o);

}  // namespace hfhub::client
