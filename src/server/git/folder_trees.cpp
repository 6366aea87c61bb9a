#include "server/git/folder_trees.h"

#include <git2.h>

#include <string>

#include "common/path_segments.h"
#include "server/git/git_error.h"

namespace hfhub::server {

FolderTrees::FolderTrees(git_repository* repo, git_tree* root) : repo_(repo) { trees_.emplace("", Slot{root, false}); }

FolderTrees::~FolderTrees() {
  for (auto& [path, slot] : trees_)
    if (slot.owned) git_tree_free(slot.tree);
}

git_tree* FolderTrees::folder(std::string_view path) {
  if (auto it = trees_.find(path); it != trees_.end()) return it->second.tree;
  git_tree* found = nullptr;
  if (auto* parent = folder(path_parent(path))) {
    const git_tree_entry* e = git_tree_entry_byname(parent, std::string(path_basename(path)).c_str());
    if (e && git_tree_entry_type(e) == GIT_OBJECT_TREE)
      git_check(git_tree_lookup(&found, repo_, git_tree_entry_id(e)), "lookup tree");
  }
  trees_.emplace(std::string(path), Slot{found, found != nullptr});
  return found;
}

const git_tree_entry* FolderTrees::entry(std::string_view path) {
  auto* parent = folder(path_parent(path));
  return parent ? git_tree_entry_byname(parent, std::string(path_basename(path)).c_str()) : nullptr;
}

bool FolderTrees::id(std::string_view path, git_oid& out) {
  if (path.empty()) {
    git_oid_cpy(&out, git_tree_id(trees_.find("")->second.tree));
    return true;
  }
  auto* e = entry(path);
  if (e) git_oid_cpy(&out, git_tree_entry_id(e));
  return e != nullptr;
}

}  // namespace hfhub::server
