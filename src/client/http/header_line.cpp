#include "client/http/header_line.h"

#include <string>

#include "common/ascii.h"

namespace hfhub::client {

void add_header_line(std::string_view line, HeaderList& headers) {
  if (line.starts_with("HTTP/")) {
    headers.clear();
  } else if (auto colon = line.find(':'); colon != std::string_view::npos) {
    headers.emplace_back(std::string(trim_whitespace(line.substr(0, colon))),
                         std::string(trim_whitespace(line.substr(colon + 1))));
  }
}

}  // namespace hfhub::client
