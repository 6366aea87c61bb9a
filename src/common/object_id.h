#pragma once
// MongoDB-style ObjectIds: the Hub's `_id`. 12 bytes as 24 hex chars, the first 4 bytes the
// creation time in seconds, so ids sort by creation like on the Hub.
#include <cstdint>
#include <string>
#include <string_view>

namespace hfhub {

std::string make_object_id(int64_t epoch_ms);
bool is_object_id(std::string_view text);

}  // namespace hfhub
