#pragma once
// What the git_repo*.cpp files share: the per-call Session and small object-id helpers. Private
// to GitRepo's implementation; nothing outside src/server/git/git_repo*.cpp includes it.
#include <git2.h>

#include <mutex>
#include <string>
#include <string_view>

#include "server/git/git_error.h"
#include "server/git/git_repo.h"

namespace hfhub::server {

namespace git_detail {
std::string hex(const git_oid* oid);
bool parse_oid(std::string_view text, git_oid& out);
git_oid oid_or_throw(std::string_view text);  // GitError when `text` is no full lower-hex id
GitCommitInfo describe(const git_commit* c);
}  // namespace git_detail

// Every call runs inside a Session: it holds the handle's mutex (so release_if_stale() on
// another thread never closes the repository under a running call), opens the repository when it
// is closed or stale, and closes it at the end when it went stale meanwhile.
class GitRepo::Session {
 public:
  explicit Session(const GitRepo& repo) : repo_(repo), lock_(repo.mutex_) {
    if (repo_.repo_ && repo_.stale_locked()) repo_.close_locked();
    if (!repo_.repo_) {
      if (repo_.generation_) repo_.opened_at_ = repo_.generation_->load(std::memory_order_acquire);
      git_check(git_repository_open_bare(&repo_.repo_, repo_.path_.c_str()), "open repository");
    }
  }
  ~Session() {
    if (repo_.stale_locked()) repo_.close_locked();
  }
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

 private:
  const GitRepo& repo_;
  std::lock_guard<std::mutex> lock_;
};

}  // namespace hfhub::server
