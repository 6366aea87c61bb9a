#pragma once
// A fine-grained token's scopes as rows of `token_scopes`, in every engine: one row per
// permission, ('' type, '' name, '' id) for a global one.
#include <functional>
#include <string>
#include <string_view>

#include "server/model/account.h"

namespace hfhub::server {

// Calls `put(entity_type, entity_name, entity_id, permission)` for each row of `token`, in order.
void for_each_scope_row(
    const AccessToken& token,
    const std::function<void(std::string_view, const std::string&, const std::string&, std::string_view)>& put);
// Adds one row, read back in insertion order: consecutive rows of one entity form one scope. A
// permission or type this build does not know (a newer build wrote it) is skipped: never granted.
void add_scope_row(AccessToken& token, std::string_view entity_type, const std::string& entity_name,
                   const std::string& entity_id, std::string_view permission);

}  // namespace hfhub::server
