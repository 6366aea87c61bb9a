#pragma once
// Tolerant field readers: a missing key, a null, or a value of the wrong type reads as nullopt
// (the Hub omits fields freely; Python tolerates all of them).
#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hfhub::client {

std::optional<std::string> get_string(const boost::json::object& o, std::string_view key);
std::optional<int64_t> get_int(const boost::json::object& o, std::string_view key);
std::optional<double> get_double(const boost::json::object& o, std::string_view key);
std::optional<bool> get_bool(const boost::json::object& o, std::string_view key);
std::optional<std::vector<std::string>> get_string_list(const boost::json::object& o, std::string_view key);
// Compact JSON text of any non-null value.
std::optional<std::string> get_raw(const boost::json::object& o, std::string_view key);
const boost::json::object* get_object(const boost::json::object& o, std::string_view key);

}  // namespace hfhub::client
