#pragma once
// Base64 (RFC 4648): the standard alphabet, and the URL-safe one without padding for cursors.
#include <optional>
#include <string>
#include <string_view>

namespace hfhub {

std::string base64_encode(std::string_view data);
std::string base64url_encode(std::string_view data);  // no padding
// Decodes either alphabet, padded or not. nullopt on any invalid character or length.
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace hfhub
