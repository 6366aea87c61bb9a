#pragma once
// UTF-8 well-formedness (RFC 3629): repo paths must be valid UTF-8, and the web file view shows a
// file as text only when it is.
#include <cstddef>
#include <string_view>

namespace hfhub {

// Length of the well-formed UTF-8 sequence starting at s[i], or 0 when it is ill-formed.
size_t utf8_sequence_length(std::string_view s, size_t i);
bool is_valid_utf8(std::string_view s);

}  // namespace hfhub
