#pragma once
// A commit's changes applied to a tree in one pass. The changes are first gathered into a tree
// of the folders they touch (each folder's existing tree is read once, and looked up by binary
// search); then every touched folder is written exactly once, deepest first. The cost grows with
// the number of changes plus the size of the touched folders, never with their product, so a
// commit of 100,000 deletions in one folder costs one rewrite of that folder, not 100,000.
#include <git2.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "server/git/git_error.h"

namespace hfhub::server {

// A removal whose target is not in the tree (or is a folder where a file was named, or the
// reverse).
struct GitRemoveTargetMissing : GitEntryNotFound {
  GitRemoveTargetMissing(std::string missing_path, bool is_folder)
      : GitEntryNotFound(missing_path), path(std::move(missing_path)), folder(is_folder) {}
  std::string path;
  bool folder;
};

class TreeEdit {
 public:
  enum class Target { Any, File, Folder };

  // Edits `base` (nullptr: start from the empty tree); `base` must outlive the edit.
  TreeEdit(git_repository* repo, const git_tree* base);
  ~TreeEdit();
  TreeEdit(const TreeEdit&) = delete;
  TreeEdit& operator=(const TreeEdit&) = delete;

  // `path` is a valid repo path (see common/repo_path.h). Changes apply in the order given.
  // Removes the file or folder at `path`; throws GitRemoveTargetMissing.
  void remove(std::string_view path, Target target);
  // Stores blob `blob` at `path`, creating its folders; throws GitTreeConflict.
  void put(std::string_view path, const git_oid& blob, bool executable);
  // Writes the touched trees and returns the new root tree. Folders left empty disappear, as in
  // git.
  git_oid write();
  // How many trees write() wrote: one per touched folder (the proof of one pass, for tests).
  size_t trees_written() const { return trees_written_; }

 private:
  struct Node;
  struct Change;
  Node* child_folder(Node& parent, std::string_view name, bool create, std::string_view path);
  bool write_folder(Node& node, git_oid& out);

  git_repository* repo_;
  std::unique_ptr<Node> root_;
  size_t trees_written_ = 0;
};

}  // namespace hfhub::server
