#pragma once
// What HfApi returns about a repository's content: tree entries, refs, commits, LFS objects,
// file metadata and safetensors headers. Named after huggingface_hub's data classes (RepoFile,
// RepoFolder, GitRefs, GitCommitInfo, LFSFileInfo, HfFileMetadata, SafetensorsRepoMetadata).
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "hfhub/types.h"

namespace hfhub {

// Per-call overrides of the HfApi's options, like Python's per-method `token=` / `endpoint=`.
struct CallOverrides {
  std::optional<std::string> token;     // "" sends no token at all (Python token=False)
  std::optional<std::string> endpoint;  // another Hub for this call
};

// The arguments every repository-content call takes.
struct RepoCall : CallOverrides {
  RepoType repo_type = RepoType::Model;
  std::optional<std::string> revision;  // branch, tag, commit or refs/pr/N; nullopt = "main"
};

struct LastCommitInfo {
  std::string oid;  // `id`
  std::string title;
  std::string date;  // ISO-8601 as sent
};

struct BlobSecurityInfo {
  std::string status;              // "safe" | "unsafe" | ...
  std::string av_scan;             // compact JSON
  std::string pickle_import_scan;  // compact JSON
};

// A file of the tree (tree, paths-info). `blob_id` is the git blob id (of the LFS pointer for
// LFS files); `size` is the content size.
struct RepoFile {
  std::string path;
  int64_t size = 0;
  std::string blob_id;
  std::optional<BlobLfsInfo> lfs;
  std::optional<std::string> xet_hash;        // "xetHash": the file is Xet-backed
  std::optional<LastCommitInfo> last_commit;  // expand=true
  std::optional<BlobSecurityInfo> security;   // expand=true
};

struct RepoFolder {
  std::string path;
  std::string tree_id;
  std::optional<LastCommitInfo> last_commit;  // expand=true
};

using RepoEntry = std::variant<RepoFile, RepoFolder>;

struct GitRefInfo {
  std::string name;           // "main"
  std::string ref;            // "refs/heads/main"
  std::string target_commit;  // 40-hex
};

struct GitRefs {
  std::vector<GitRefInfo> branches;
  std::vector<GitRefInfo> converts;
  std::vector<GitRefInfo> tags;
  std::optional<std::vector<GitRefInfo>> pull_requests;  // include_pull_requests only
};

struct GitCommitInfo {
  std::string commit_id;
  std::vector<std::string> authors;
  std::string created_at;  // ISO-8601 as sent
  std::string title;
  std::string message;
  std::optional<std::string> formatted_title;    // formatted=true
  std::optional<std::string> formatted_message;  // formatted=true
};

struct LfsFileInfo {
  std::string file_oid;  // `fileOid`: the object's sha256, what a deletion names
  std::string filename;
  std::string oid;        // sha256
  std::string pushed_at;  // ISO-8601 as sent
  std::optional<std::string> ref;
  int64_t size = 0;
};

// HEAD on a resolve URL (get_hf_file_metadata).
// How to fetch a Xet-backed file through the CAS (Python's XetFileData; docs/xet.md#resolve).
struct XetFileData {
  std::string file_hash;           // X-Xet-Hash
  std::string refresh_route;       // Link rel="xet-auth" (else X-Xet-Refresh-Route): the read-token URL
  std::string reconstruction_url;  // Link rel="xet-reconstruction-info", when given
};

struct HfFileMetadata {
  std::optional<std::string> commit_hash;    // X-Repo-Commit
  std::optional<std::string> etag;           // X-Linked-Etag or ETag, without W/ and quotes
  std::string location;                      // where the bytes are (Location, else the URL)
  std::optional<int64_t> size;               // X-Linked-Size, else Content-Length
  std::optional<XetFileData> xet_file_data;  // X-Xet-Hash and a refresh route: downloadable through the CAS
};

struct TensorInfo {
  std::string dtype;
  std::vector<int64_t> shape;
  std::pair<int64_t, int64_t> data_offsets{0, 0};
  int64_t parameter_count = 0;
};

struct SafetensorsFileMetadata {
  std::map<std::string, std::string> metadata;  // "__metadata__"
  std::map<std::string, TensorInfo> tensors;
  std::map<std::string, int64_t> parameter_count;  // dtype -> count
};

struct SafetensorsRepoMetadata {
  std::map<std::string, std::string> metadata;  // the index's "metadata", as JSON text per key
  bool sharded = false;
  std::map<std::string, std::string> weight_map;  // tensor -> file
  std::map<std::string, SafetensorsFileMetadata> files_metadata;
  std::map<std::string, int64_t> parameter_count;
};

}  // namespace hfhub

namespace hfhub {

// list_repo_tree: GET /api/{t}s/{id}/tree/{rev}[/{path}].
struct ListTreeParams : RepoCall {
  std::string path_in_repo;  // "" = root
  bool recursive = false;
  bool expand = false;  // last_commit + security on every entry (slower)
};

struct PathsInfoParams : RepoCall {
  bool expand = false;
};

struct ListRefsParams : RepoCall {
  bool include_pull_requests = false;
};

struct ListCommitsParams : RepoCall {
  bool formatted = false;  // expand[]=formatted: title and message as HTML
};

// create_branch: `revision` is the starting point (default: main's head).
struct CreateBranchParams : RepoCall {
  bool exist_ok = false;  // swallow 409 (the branch exists)
};

// create_tag: tags `revision` (default main).
struct CreateTagParams : RepoCall {
  std::optional<std::string> tag_message;
  bool exist_ok = false;
};

// super_squash_history: squashes `revision` (a branch, default main) into one commit.
struct SuperSquashParams : RepoCall {
  std::optional<std::string> commit_message;
};

}  // namespace hfhub
