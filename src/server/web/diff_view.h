#pragma once
// A structured diff (git/tree_diff.h) as the commit page shows it (templates/_diff.mustache): per
// file its header, status and counts, and its hunks with old and new line numbers; LFS changes as
// sizes; binary, too-large and truncated files as notices.
#include <functional>
#include <string>

#include "server/git/tree_diff.h"
#include "server/web/templates.h"

namespace hfhub::server {

// `file_url(path)`: the page of a file on the diff's new side (empty: no link).
View diff_view(const TreeDiff& diff, const std::function<std::string(const std::string& path)>& file_url);

}  // namespace hfhub::server
