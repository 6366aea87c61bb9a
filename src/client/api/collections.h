#pragma once
// /api/collections: list, get, create, update, delete, and the item routes, as Python's HfApi
// calls them (docs/client.md#collections).
#include <memory>
#include <string_view>

#include <boost/json.hpp>

#include "client/http/session.h"
#include "hfhub/collections.h"
#include "hfhub/paginated.h"

namespace hfhub::client {

Paginated<Collection> list_collections(std::shared_ptr<Session> session, const ListCollectionsParams& params);
Collection get_collection(Session& session, std::string_view slug);
// `ns` is the namespace already resolved (Python asks whoami when none is given).
Collection create_collection(Session& session, std::string_view title, std::string_view ns,
                             const CreateCollectionParams& params);
Collection update_collection_metadata(Session& session, std::string_view slug,
                                      const UpdateCollectionMetadataParams& params);
void delete_collection(Session& session, std::string_view slug, bool missing_ok);
Collection add_collection_item(Session& session, std::string_view slug, std::string_view item_id,
                               std::string_view item_type, const AddCollectionItemParams& params);
void update_collection_item(Session& session, std::string_view slug, std::string_view item_object_id,
                            const UpdateCollectionItemParams& params);
void delete_collection_item(Session& session, std::string_view slug, std::string_view item_object_id, bool missing_ok);

// Parsing, as Python's Collection: slug, title, owner, items, lastUpdated, private, theme and
// upvotes are required; `position` too unless given (list answers carry none).
Collection parse_collection(const boost::json::object& o, std::string_view endpoint,
                            std::optional<int64_t> position = std::nullopt);

}  // namespace hfhub::client
