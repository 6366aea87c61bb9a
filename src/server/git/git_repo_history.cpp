// GitRepo's history reads: the commit log, commit counts, and each path's last commit.
#include <git2.h>

#include <memory>
#include <optional>

#include "common/path_segments.h"
#include "server/git/folder_trees.h"
#include "server/git/git_owned.h"
#include "server/git/git_repo_internal.h"

namespace hfhub::server {

namespace {
using Commit = GitCommitPtr;
using Revwalk = GitRevwalkPtr;
using namespace git_detail;

// A history walk from `commit`, newest first (topological, then time).
Revwalk walk_from(git_repository* repo, std::string_view commit) {
  git_oid oid = oid_or_throw(commit);
  Revwalk walk;
  git_check(git_revwalk_new(walk.out(), repo), "revwalk");
  git_revwalk_sorting(walk.get(), GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME);
  git_check(git_revwalk_push(walk.get(), &oid), "revwalk push");
  return walk;
}

}  // namespace

std::vector<GitCommitInfo> GitRepo::log(std::string_view commit, size_t skip, size_t limit) const {
  Session session(*this);
  Revwalk walk = walk_from(repo_, commit);
  std::vector<GitCommitInfo> out;
  git_oid next;
  size_t index = 0;
  while (out.size() < limit && git_revwalk_next(&next, walk.get()) == 0) {
    if (index++ < skip) continue;
    Commit c;
    git_check(git_commit_lookup(c.out(), repo_, &next), "lookup commit");
    out.push_back(describe(c.get()));
  }
  return out;
}

size_t GitRepo::count_commits(std::string_view commit) const {
  Session session(*this);
  git_oid oid = oid_or_throw(commit);
  Revwalk walk;
  git_check(git_revwalk_new(walk.out(), repo_), "revwalk");
  git_check(git_revwalk_push(walk.get(), &oid), "revwalk push");
  size_t n = 0;
  git_oid next;
  while (git_revwalk_next(&next, walk.get()) == 0) ++n;
  return n;
}

namespace {

// A commit's root tree and the folders read from it, handed from one commit of a history walk
// to the next: a commit's parent is usually the commit walked next.
struct CommitTrees {
  std::shared_ptr<git_tree> root;
  std::unique_ptr<FolderTrees> folders;

  static CommitTrees of(git_repository* repo, const git_commit* commit) {
    git_tree* tree = nullptr;
    git_check(git_commit_tree(&tree, commit), "commit tree");
    CommitTrees out;
    out.root.reset(tree, git_tree_free);
    out.folders = std::make_unique<FolderTrees>(repo, tree);
    return out;
  }
};

// Whether `path` differs between a commit (`mine`) and its parent (`theirs`, null for a root
// commit). A path whose folder kept its id is unchanged, without reading that folder.
bool path_changed(FolderTrees& mine, FolderTrees* theirs, const std::string& path) {
  git_oid a, b;
  if (!theirs) return mine.id(path, a);
  if (auto folder = path_parent(path); !folder.empty()) {
    if (mine.id(folder, a) && theirs->id(folder, b) && git_oid_equal(&a, &b)) return false;
  }
  bool here = mine.id(path, a), there = theirs->id(path, b);
  return here != there || (here && !git_oid_equal(&a, &b));
}

// The trees of commit `c` and of its first parent (none for a root commit). `carried`, the
// previous commit's parent's trees, serves as c's when it is c's tree (the usual case).
struct TreesWithParent {
  CommitTrees mine, theirs;
};
TreesWithParent trees_with_parent(git_repository* repo, const git_commit* c, CommitTrees& carried) {
  TreesWithParent out;
  if (carried.root && git_oid_equal(git_tree_id(carried.root.get()), git_commit_tree_id(c)))
    out.mine = std::move(carried);
  else
    out.mine = CommitTrees::of(repo, c);
  if (git_commit_parentcount(c) > 0) {
    Commit parent;
    git_check(git_commit_parent(parent.out(), c, 0), "commit parent");
    out.theirs = CommitTrees::of(repo, parent.get());
  }
  return out;
}

}  // namespace

std::map<std::string, GitCommitInfo> GitRepo::last_commits(std::string_view commit,
                                                           const std::vector<std::string>& paths,
                                                           size_t max_commits) const {
  Session session(*this);
  std::map<std::string, GitCommitInfo> found;
  std::vector<std::string> pending = paths;
  Revwalk walk = walk_from(repo_, commit);
  git_oid next;
  CommitTrees carried;  // the last commit's parent's trees
  for (size_t walked = 0; !pending.empty() && walked < max_commits && git_revwalk_next(&next, walk.get()) == 0;
       ++walked) {
    Commit c;
    git_check(git_commit_lookup(c.out(), repo_, &next), "lookup commit");
    auto [mine, theirs] = trees_with_parent(repo_, c.get(), carried);
    std::vector<std::string> still;
    std::optional<GitCommitInfo> info;
    for (auto& path : pending) {
      if (path_changed(*mine.folders, theirs.folders.get(), path)) {
        if (!info) info = describe(c.get());
        found.emplace(path, *info);
      } else {
        still.push_back(path);
      }
    }
    pending.swap(still);
    carried = std::move(theirs);
  }
  return found;
}

GitRepo::PathLog GitRepo::path_log(std::string_view commit, const std::string& path, size_t skip, size_t limit,
                                   size_t max_commits) const {
  Session session(*this);
  PathLog out;
  Revwalk walk = walk_from(repo_, commit);
  git_oid next;
  CommitTrees carried;  // as in last_commits: the last commit's parent's trees
  size_t matched = 0, walked = 0;
  while (git_revwalk_next(&next, walk.get()) == 0) {
    if (walked++ == max_commits) {
      out.complete = false;
      break;
    }
    Commit c;
    git_check(git_commit_lookup(c.out(), repo_, &next), "lookup commit");
    auto [mine, theirs] = trees_with_parent(repo_, c.get(), carried);
    if (path_changed(*mine.folders, theirs.folders.get(), path) && matched++ >= skip) {
      if (out.commits.size() == limit) {
        out.more = true;
        break;
      }
      out.commits.push_back(describe(c.get()));
    }
    carried = std::move(theirs);
  }
  return out;
}

}  // namespace hfhub::server
