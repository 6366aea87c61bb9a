#pragma once
// Repo cards (templates/_card.mustache) from a catalog listing: the listings, the home page and
// the profile pages all list repos through CatalogService::list, the call GET /api/models
// serves, so they share its visibility rules, cache and keyset cursors.
#include <optional>
#include <string>

#include "server/web/listing_state.h"
#include "server/web/templates.h"
#include "server/web/web_call.h"

namespace hfhub::server {

struct Cards {
  ViewList items;
  std::optional<std::string> next_cursor;
};

Cards list_cards(const WebCall& web, const ListingState& state, size_t limit);

}  // namespace hfhub::server
