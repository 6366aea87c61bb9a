#include "server/git/git_error.h"

#include <git2.h>

namespace hfhub::server {

void git_check(int rc, const char* what) {
  if (rc >= 0) return;
  const git_error* e = git_error_last();
  std::string message = std::string(what) + ": " + (e && e->message ? e->message : "libgit2 error");
  if (rc == GIT_EEXISTS) throw GitRefExists(message);
  if (rc == GIT_EMODIFIED || rc == GIT_ELOCKED) throw GitRefConflict(message);
  // libgit2 reports the conflicts of git_tree_create_updated ("D/F conflict when updating tree",
  // "cannot replace 'tree' with 'blob'") as generic errors of the tree class.
  if (rc == GIT_ERROR && e && e->klass == GIT_ERROR_TREE) throw GitTreeConflict(message);
  throw GitError(message);
}

}  // namespace hfhub::server
