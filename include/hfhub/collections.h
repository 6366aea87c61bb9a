#pragma once
// Collections as Python's huggingface_hub models them (Collection, CollectionItem), for
// HfApi::list_collections and friends (/api/collections, docs/client.md#collections).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "hfhub/repo_content.h"

namespace hfhub {

struct CollectionItem {
  std::string item_object_id;  // `_id`: the item's id inside the collection
  std::string item_id;         // repo id, paper id, or (collections) the slug
  std::string item_type;       // "model", "dataset", "space", "paper", "collection"
  int64_t position = 0;
  std::optional<std::string> note;  // plain text
};

struct Collection {
  std::string slug;  // "{owner}/{title-slug}-{24-hex id}"
  std::string title;
  std::string owner;                  // the owner's name (Python keeps the whole `owner` object)
  std::vector<CollectionItem> items;  // at most 4 per collection in list_collections
  std::string last_updated;           // `lastUpdated`, ISO-8601 as sent
  int64_t position = 0;               // list_collections: the index in the listing, as Python
  bool private_ = false;              // `private`
  std::string theme;
  int64_t upvotes = 0;
  std::optional<std::string> description;
  std::string endpoint;

  std::string url() const { return endpoint + "/collections/" + slug; }
};

struct ListCollectionsParams : CallOverrides {
  std::vector<std::string> owner;
  std::vector<std::string> item;    // "models/owner/name", "datasets/...", "papers/2311.12983"
  std::optional<std::string> sort;  // "lastModified", "trending", "upvotes"
  std::optional<int64_t> limit;
};

struct CreateCollectionParams : CallOverrides {
  std::optional<std::string> namespace_;  // default: the token's user (whoami)
  std::optional<std::string> description;
  bool private_ = false;
  bool exists_ok = false;  // on 409, return the existing collection
};

struct UpdateCollectionMetadataParams : CallOverrides {
  std::optional<std::string> title;
  std::optional<std::string> description;
  std::optional<int64_t> position;
  std::optional<bool> private_;
  std::optional<std::string> theme;
};

struct DeleteCollectionParams : CallOverrides {
  bool missing_ok = false;  // a 404 is not an error
};

struct AddCollectionItemParams : CallOverrides {
  std::optional<std::string> note;
  bool exists_ok = false;  // on 409, return the collection
};

struct UpdateCollectionItemParams : CallOverrides {
  std::optional<std::string> note;
  std::optional<int64_t> position;
};

}  // namespace hfhub
