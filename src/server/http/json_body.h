#pragma once
// Request bodies as JSON objects, with typed field access that answers 400 on a wrong type.
#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <string_view>

#include "server/http/request.h"

namespace hfhub::server {

class JsonBody {
 public:
  // Throws DomainError 400 InvalidJson unless the body is one JSON object.
  static JsonBody parse(const Request& request);
  explicit JsonBody(boost::json::object o) : object_(std::move(o)) {}

  std::optional<std::string> string(std::string_view key) const;  // null counts as absent
  std::optional<bool> boolean(std::string_view key) const;
  bool has(std::string_view key) const { return object_.contains(key); }
  const boost::json::value* raw(std::string_view key) const { return object_.if_contains(key); }
  const boost::json::object& object() const { return object_; }
  std::string required_string(std::string_view key) const;

 private:
  boost::json::object object_;
};

}  // namespace hfhub::server
