#pragma once
// RAII for libgit2 objects, one deleter per type, for the git/ layer's own use.
#include <git2.h>

namespace hfhub::server {

template <class T, void (*Free)(T*)>
struct GitOwned {
  T* p = nullptr;
  GitOwned() = default;
  GitOwned(const GitOwned&) = delete;
  GitOwned& operator=(const GitOwned&) = delete;
  GitOwned(GitOwned&& o) noexcept : p(o.p) { o.p = nullptr; }
  ~GitOwned() {
    if (p) Free(p);
  }
  T** out() { return &p; }
  T* get() const { return p; }
};

using GitCommitPtr = GitOwned<git_commit, git_commit_free>;
using GitTreePtr = GitOwned<git_tree, git_tree_free>;
using GitTreeEntryPtr = GitOwned<git_tree_entry, git_tree_entry_free>;
using GitTreeBuilderPtr = GitOwned<git_treebuilder, git_treebuilder_free>;
using GitBlobPtr = GitOwned<git_blob, git_blob_free>;
using GitReferencePtr = GitOwned<git_reference, git_reference_free>;
using GitObjectPtr = GitOwned<git_object, git_object_free>;
using GitOdbPtr = GitOwned<git_odb, git_odb_free>;
using GitRevwalkPtr = GitOwned<git_revwalk, git_revwalk_free>;
using GitSignaturePtr = GitOwned<git_signature, git_signature_free>;

}  // namespace hfhub::server
