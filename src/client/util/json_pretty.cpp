#include "client/util/json_pretty.h"

#include <boost/json.hpp>

namespace hfhub::client {

namespace json = boost::json;

static void write(std::string& out, const json::value& v, int indent, int depth) {
  auto newline = [&](int d) {
    out += '\n';
    out.append(size_t(indent * d), ' ');
  };
  if (v.is_object()) {
    const auto& o = v.as_object();
    if (o.empty()) {
      out += "{}";
      return;
    }
    out += '{';
    bool first = true;
    for (const auto& [k, item] : o) {
      if (!first) out += ',';
      first = false;
      newline(depth + 1);
      out += json::serialize(json::string(k));
      out += ": ";
      write(out, item, indent, depth + 1);
    }
    newline(depth);
    out += '}';
  } else if (v.is_array()) {
    const auto& a = v.as_array();
    if (a.empty()) {
      out += "[]";
      return;
    }
    out += '[';
    bool first = true;
    for (const auto& item : a) {
      if (!first) out += ',';
      first = false;
      newline(depth + 1);
      write(out, item, indent, depth + 1);
    }
    newline(depth);
    out += ']';
  } else {
    out += json::serialize(v);
  }
}

std::string pretty_json(const json::value& v, int indent) {
  std::string out;
  write(out, v, indent, 0);
  return out;
}

}  // namespace hfhub::client
