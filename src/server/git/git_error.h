#pragma once
// Failures of the git layer, typed so services can answer with the right HTTP status. The
// subtypes are the expected conditions a client can cause; a plain GitError is an unexpected
// failure (I/O, a damaged repository): it answers 500, and its message, which may name server
// paths, goes only to the log.
#include <stdexcept>
#include <string>

namespace hfhub::server {

struct GitError : std::runtime_error {
  using std::runtime_error::runtime_error;
};
// A revision that names no branch, tag or commit.
struct GitRevisionNotFound : GitError {
  using GitError::GitError;
};
// A path that is not in the tree.
struct GitEntryNotFound : GitError {
  using GitError::GitError;
};
// The branch moved since the caller read it (parentCommit / compare-and-swap).
struct GitRefConflict : GitError {
  using GitError::GitError;
};
// A branch or tag that already exists.
struct GitRefExists : GitError {
  using GitError::GitError;
};

// A tree update git refuses: a path under a file, or a file replacing a folder.
struct GitTreeConflict : GitError {
  using GitError::GitError;
};

// Throws GitError with libgit2's last message when rc < 0.
void git_check(int rc, const char* what);

}  // namespace hfhub::server
