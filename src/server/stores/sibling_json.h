#pragma once
// A repo's file list as the `siblings` column holds it, in every engine: a JSON array of
// {"rfilename", "size"?, "blobId"?, "lfs": {"sha256", "size"}?}.
#include <string>
#include <string_view>
#include <vector>

#include "server/model/repo.h"

namespace hfhub::server {

std::string siblings_to_json(const std::vector<Sibling>& siblings);
// An empty text is an empty list.
std::vector<Sibling> siblings_from_json(std::string_view text);

}  // namespace hfhub::server
