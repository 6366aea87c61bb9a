#pragma once
// The request's QueryParams seen through the catalog's CatalogQuery interface.
#include "server/catalog/catalog_query.h"
#include "server/http/request.h"

namespace hfhub::server {

class QueryView final : public CatalogQuery {
 public:
  explicit QueryView(const QueryParams& query) : query_(query) {}

  std::optional<std::string_view> get(std::string_view name) const override { return query_.get(name); }
  std::vector<std::string> all(std::string_view name, bool split_commas = true) const override {
    return query_.all(name, split_commas);
  }
  std::optional<bool> boolean(std::string_view name) const override { return query_.boolean(name); }
  const std::vector<std::pair<std::string, std::string>>& items() const override { return query_.items(); }

 private:
  const QueryParams& query_;
};

}  // namespace hfhub::server
