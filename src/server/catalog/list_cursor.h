#pragma once
// The opaque `cursor` of listing pages: base64url of {"s":<sort>,"v":<sort value>,"i":<_id>}.
// It names the last row served, so the next page is a keyset seek, never an OFFSET scan.
#include <optional>
#include <string>
#include <string_view>

#include "server/stores/repo_query.h"

namespace hfhub::server {

std::string_view repo_sort_name(RepoSort sort);  // "createdAt" ...
std::optional<RepoSort> parse_repo_sort(std::string_view name);

std::string encode_list_cursor(RepoSort sort, const KeysetPosition& position);
// nullopt when the text is not a cursor this server wrote for this sort.
std::optional<KeysetPosition> decode_list_cursor(std::string_view text, RepoSort sort);

}  // namespace hfhub::server
