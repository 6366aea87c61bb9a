#pragma once
// The commit API's path rules (common/repo_path.h), applied to the trees a `git push` adds, so
// that git cannot store what the API refuses: `.git` folders in any letter case, `.` and `..`,
// a leading "..\" (a backslash inside a name is stored), slashes inside a name, control
// characters, invalid UTF-8, over-long paths, and entries the API never writes (symbolic links,
// submodules, odd modes). Only new trees are read: a tree the repository already holds was
// checked when it came, so a push costs what it adds.
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace hfhub::server {

// The new trees of a push, raw (git's binary tree format), by hex id; and the root tree of
// each new commit, which gives the trees their paths.
struct PushedTrees {
  std::unordered_map<std::string, std::string> trees;
  std::vector<std::string> commit_roots;
};

// Why an entry named `name` with octal `mode` under folder `prefix` ("" or "a/b/") is refused;
// empty when the rules allow it.
std::string tree_entry_refusal(std::string_view prefix, std::string_view mode, std::string_view name);

// One message per refused entry (at most `max_messages`, then a count of the rest); empty when
// every entry of every new tree passes. A malformed tree is refused too.
std::vector<std::string> pushed_path_refusals(const PushedTrees& pushed, size_t max_messages);

// A tree id named in a commit object ("tree <hex>" on its first line); empty if none.
std::string commit_tree_id(std::string_view commit_object);

}  // namespace hfhub::server
