#pragma once
// JSON text with 2-space indentation, like Python's json.dumps(v, indent=2): one member or
// element per line, `": "` after keys, empty containers as [] and {}. Key order is preserved.
#include <string>

#include <boost/json/value.hpp>

namespace hfhub::client {

std::string pretty_json(const boost::json::value& v, int indent = 2);

}  // namespace hfhub::client
