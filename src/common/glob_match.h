#pragma once
// Glob patterns with the semantics of Python's fnmatch (case-sensitive, as on POSIX), which
// huggingface_hub uses for allow/ignore/delete patterns: '*' matches any run of characters
// including '/', '?' one character, [seq] / [!seq] a character set with ranges. A pattern that
// ends with '/' stands for everything under that folder ("dir/" -> "dir/*"), as in
// huggingface_hub's filter_repo_objects. Shared by uploads and downloads.
#include <string>
#include <string_view>
#include <vector>

namespace hfhub {

// fnmatch.fnmatchcase(name, pattern).
bool glob_match(std::string_view pattern, std::string_view name);

// True if `path` matches one of `patterns` (a trailing '/' in a pattern means "dir/*").
bool matches_any(std::string_view path, const std::vector<std::string>& patterns);

// filter_repo_objects: the paths matching `allow` (all when empty) and no `ignore` pattern, in
// their original order.
std::vector<std::string> filter_repo_paths(const std::vector<std::string>& paths, const std::vector<std::string>& allow,
                                           const std::vector<std::string>& ignore);
bool path_is_selected(std::string_view path, const std::vector<std::string>& allow,
                      const std::vector<std::string>& ignore);

}  // namespace hfhub
