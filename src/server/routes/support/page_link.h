#pragma once
// The absolute URL of a listing's next page, for `Link: <url>; rel="next"` (docs/hub-behaviour.md#pagination):
// the request's own URL with one query parameter (cursor, p) set, every other parameter kept
// as the client sent it, since clients follow the link verbatim.
#include <string>
#include <string_view>

#include "server/http/request.h"

namespace hfhub::server {

// `value` must already be URL-safe (digits, base64url).
std::string next_page_url(std::string_view base_url, const Request& request, std::string_view param,
                          std::string_view value);

}  // namespace hfhub::server
