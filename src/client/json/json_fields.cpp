#include "client/json/json_fields.h"

namespace hfhub::client {

namespace json = boost::json;

static const json::value* field(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  return (v && !v->is_null()) ? v : nullptr;
}

std::optional<std::string> get_string(const json::object& o, std::string_view key) {
  auto* v = field(o, key);
  if (!v || !v->is_string()) return std::nullopt;
  return std::string(v->as_string());
}

std::optional<int64_t> get_int(const json::object& o, std::string_view key) {
  auto* v = field(o, key);
  if (!v) return std::nullopt;
  if (v->is_int64()) return v->as_int64();
  if (v->is_uint64()) return int64_t(v->as_uint64());
  if (v->is_double()) return int64_t(v->as_double());
  return std::nullopt;
}

std::optional<double> get_double(const json::object& o, std::string_view key) {
  auto* v = field(o, key);
  if (!v || !v->is_number()) return std::nullopt;
  return v->to_number<double>();
}

std::optional<bool> get_bool(const json::object& o, std::string_view key) {
  auto* v = field(o, key);
  if (!v || !v->is_bool()) return std::nullopt;
  return v->as_bool();
}

std::optional<std::vector<std::string>> get_string_list(const json::object& o, std::string_view key) {
  auto* v = field(o, key);
  if (!v || !v->is_array()) return std::nullopt;
  std::vector<std::string> out;
  for (const auto& item : v->as_array())
    if (item.is_string()) out.emplace_back(item.as_string());
  return out;
}

std::optional<std::string> get_raw(const json::object& o, std::string_view key) {
  auto* v = field(o, key);
  if (!v) return std::nullopt;
  return json::serialize(*v);
}

const json::object* get_object(const json::object& o, std::string_view key) {
  auto* v = field(o, key);
  return (v && v->is_object()) ? &v->as_object() : nullptr;
}

}  // namespace hfhub::client
