#pragma once
// The query string of a listing or repo-info request, as the catalog reads it. The catalog owns
// this interface and the HTTP side implements it (routes/support/query_view.h), so the catalog
// never sees a Request; it reads each parameter when its rules get to it, which keeps the order
// in which a malformed one is reported.
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hfhub::server {

class CatalogQuery {
 public:
  virtual ~CatalogQuery() = default;
  // The first value of `name` (or `name[]`).
  virtual std::optional<std::string_view> get(std::string_view name) const = 0;
  // Every value of `name`: repeated, bracketed and (when split_commas) comma-joined forms.
  virtual std::vector<std::string> all(std::string_view name, bool split_commas = true) const = 0;
  // true/True/1/"" and false/False/0; nullopt when absent; InvalidParameter when malformed.
  virtual std::optional<bool> boolean(std::string_view name) const = 0;
  // Every parameter in arrival order (the response cache's key).
  virtual const std::vector<std::pair<std::string, std::string>>& items() const = 0;
};

}  // namespace hfhub::server
