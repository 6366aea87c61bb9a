#pragma once
// The checks a `git push` must pass before any ref moves, run by git itself as the repository's
// pre-receive hook while the pushed objects sit in quarantine (refused objects never enter the
// repository). The hook is a two-line script under <data>/hooks that execs
// `hfhubd hook pre-receive --data <data>`; git finds it through core.hooksPath, which the HTTP
// backend sets per invocation, so repositories need no hook setup of their own.
//
// Rules, as on the Hub:
//  - only branches (refs/heads/*), tags (refs/tags/*) and existing pull request refs
//    (refs/pr/<num>, moved only: docs/discussions.md#commits) may be pushed; the conversion refs
//    belong to the server;
//  - the default branch (main) cannot be deleted;
//  - every tree entry the push adds follows the commit API's path rules (push_path_rules.h), and
//    git itself checks every pushed object (receive.fsckObjects, set by the HTTP backend and in
//    each repository's config);
//  - every LFS pointer the push adds must name an object already uploaded to this repository
//    (git-lfs uploads through the batch API before it pushes refs, so `git push` with git-lfs
//    installed passes; a pointer committed without its object does not).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "server/stores/blob_store.h"

namespace hfhub::server {

// The environment variable through which the backend tells the hook which repository (its `_id`)
// is being pushed to.
inline constexpr const char* kPushRepoIdEnv = "HFHUB_REPO_ID";
// Set when the pusher may move only some refs (a reader's own pull requests,
// docs/discussions.md#permissions): the refs, comma-separated.
inline constexpr const char* kPushOnlyRefsEnv = "HFHUB_PUSH_ONLY_REFS";

// One line of pre-receive's stdin: "<old> <new> <ref>".
struct RefUpdate {
  std::string old_oid;
  std::string new_oid;
  std::string ref;
  bool deletes() const;  // new is all zeros
};

// The updates of a pre-receive stdin; nullopt when a line is malformed.
std::optional<std::vector<RefUpdate>> parse_ref_updates(std::string_view text);
// Why the server refuses this ref update, or nullopt when the ref rules allow it.
std::optional<std::string> ref_update_refusal(const RefUpdate& update);

// Writes <data>/hooks/pre-receive (only when its content changes) and returns <data>/hooks.
std::string install_push_hooks(const std::string& data_dir, const std::string& hfhubd_path);

// The path of the running executable (/proc/self/exe), for the hook to call back.
std::string current_executable();

// The whole pre-receive check of a push to repository `repo_id`, given the hook's stdin; `lfs` is
// the server's LFS blob store (files or S3: app/blob_stores.h builds it for the hook). Runs
// in the hook's environment (GIT_DIR and the quarantine variables set by git). `only_refs`, when
// set, are the only refs the pusher may move. Returns the exit code: 0 accepts the push;
// otherwise `messages` says why (git relays it as "remote: ...").
int run_pre_receive(BlobStore& lfs, std::string_view repo_id, std::string_view updates,
                    std::string& messages, const std::optional<std::vector<std::string>>& only_refs = std::nullopt);

}  // namespace hfhub::server
