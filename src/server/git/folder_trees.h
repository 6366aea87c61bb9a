#pragma once
// The trees of a commit's folders by path, each read once while the FolderTrees lives. Big
// trees stay out of libgit2's object cache (it keeps trees of up to 4 KiB), so looking up many
// paths one by one through git_tree_entry_bypath would read and parse the same big folder once
// per path: a request naming 5,000 files of an 8,000-file folder parsed it 5,000 times.
#include <map>
#include <string>
#include <string_view>
#include <utility>

struct git_oid;
struct git_repository;
struct git_tree;
struct git_tree_entry;

namespace hfhub::server {

class FolderTrees {
 public:
  // `root` stays owned by the caller and must outlive this.
  FolderTrees(git_repository* repo, git_tree* root);
  ~FolderTrees();
  FolderTrees(const FolderTrees&) = delete;
  FolderTrees& operator=(const FolderTrees&) = delete;

  // The tree of folder `path` ("" the root); nullptr when no folder is there.
  git_tree* folder(std::string_view path);
  // The entry at `path` (not the root), owned by its folder's tree; nullptr when absent.
  const git_tree_entry* entry(std::string_view path);
  // The object id at `path` ("" the root tree) into `out`; false when nothing is there.
  bool id(std::string_view path, git_oid& out);

 private:
  struct Slot {
    git_tree* tree;
    bool owned;
  };
  git_repository* repo_;
  std::map<std::string, Slot, std::less<>> trees_;
};

}  // namespace hfhub::server
