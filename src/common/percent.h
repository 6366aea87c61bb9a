#pragma once
// Percent-encoding (RFC 3986) as the Hub clients use it.
#include <optional>
#include <string>
#include <string_view>

namespace hfhub {

// Encodes everything but unreserved characters and those in `safe` (Python's quote(s, safe=...)).
std::string percent_encode(std::string_view text, std::string_view safe = "");
// Decodes %XX escapes; '+' is kept literally (paths), unless plus_as_space (query strings).
// nullopt on a malformed escape.
std::optional<std::string> percent_decode(std::string_view text, bool plus_as_space = false);

}  // namespace hfhub
