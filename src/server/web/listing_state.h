#pragma once
// What a listing page shows, read from its URL and written back into the URLs it links to, so
// every state of a listing (search, filters, sort, page) is a link that can be shared.
#include <optional>
#include <string>
#include <string_view>

#include "hfhub/repo_id.h"
#include "server/http/request.h"

namespace hfhub::server {

struct ListingState {
  RepoType type = RepoType::Model;
  std::string search;
  std::string author;    // a namespace: the profile pages list one account's repos
  std::string task;      // a pipeline tag ("text-generation")
  std::string library;   // "transformers"
  std::string language;  // "en"
  std::string license;   // "apache-2.0"
  std::string gated;     // "", "true" or "false"
  std::string visibility;  // "", "public" or "private" (private: the caller's own and their orgs')
  std::string sort = "trending";  // trending, likes, downloads, created, updated
  std::string cursor;    // the catalog's keyset cursor of the page shown; empty: the first

  static ListingState from_form(RepoType type, const QueryParams& form);
  // The page's own URL (with `cursor` replaced when given).
  std::string url(std::optional<std::string_view> cursor = std::nullopt) const;
  // The same query for CatalogService::list, the one GET /api/models... serves.
  std::string catalog_query(size_t limit) const;
  // The catalog's sort key of `sort` ("trendingScore" ...).
  std::string_view catalog_sort() const;
};

// "/models", "/datasets", "/spaces".
std::string listing_path(RepoType type);
// The repo page's path: "/ns/name", "/datasets/ns/name", "/spaces/ns/name".
std::string repo_page_path(RepoType type, std::string_view id);

}  // namespace hfhub::server
