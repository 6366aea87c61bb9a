#pragma once
// GitHub-style pagination links: Link: <ABSOLUTE_URL>; rel="next"
#include <optional>
#include <string>
#include <string_view>

namespace hfhub {

std::string format_next_link(std::string_view absolute_url);
// The URL of the rel="next" entry of a Link header, if any.
std::optional<std::string> parse_next_link(std::string_view header);

}  // namespace hfhub
