#include "client/http/http_message.h"
#include "common/ascii.h"

namespace hfhub::client {

std::optional<std::string> find_header(const HeaderList& headers, std::string_view name) {
  for (const auto& [k, v] : headers)
    if (ascii_iequals(k, name)) return v;
  return std::nullopt;
}

}  // namespace hfhub::client
