#pragma once
// libcurl hands response headers over one line at a time, for every response it reads:
// redirects and 100-continue produce several blocks, and only the last one describes the body.
#include <string_view>

#include "client/http/http_message.h"

namespace hfhub::client {

// Adds one header line ("Name: value\r\n") to `headers`; a status line ("HTTP/...") starts a new
// response, so it drops the headers of the one before. Other lines (the blank end) are ignored.
void add_header_line(std::string_view line, HeaderList& headers);

}  // namespace hfhub::client
