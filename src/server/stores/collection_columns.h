#pragma once
// The columns of collections and their items, as both engines select them, and their readers
// (templates over the engine's row type, stored_flag.h).
#include "server/stores/collection_store.h"
#include "server/stores/stored_flag.h"

namespace hfhub::server {

// A collection read as alias `c`, with its item count: 13 columns, read by collection_from_row.
inline constexpr const char* kCollectionColumns =
    "c.id, c.owner, c.title, c.title_slug, c.description, c.private, c.theme, c.position, c.gating, c.upvotes, "
    "c.created_at, c.updated_at, (SELECT count(*) FROM collection_items n WHERE n.collection_id = c.id)";

template <class Row>
CollectionRecord collection_from_row(const Row& r, int i) {
  CollectionRecord c;
  c.id = r.text(i);
  c.owner = r.text(i + 1);
  c.title = r.text(i + 2);
  c.title_slug = r.text(i + 3);
  c.description = r.text(i + 4);
  c.is_private = stored_flag(r, i + 5);
  c.theme = r.text(i + 6);
  c.position = r.int64(i + 7);
  c.gating_json = r.text(i + 8);
  c.upvotes = r.int64(i + 9);
  c.created_at_ms = r.int64(i + 10);
  c.updated_at_ms = r.int64(i + 11);
  c.item_count = r.int64(i + 12);
  return c;
}

// An item read as alias `i`: 7 columns.
inline constexpr const char* kCollectionItemColumns =
    "i.id, i.collection_id, i.type, i.ref, i.position, i.note, i.added_at";

template <class Row>
CollectionItemRecord collection_item_from_row(const Row& r) {
  CollectionItemRecord item;
  item.id = r.text(0);
  item.collection_id = r.text(1);
  item.type = r.text(2);
  item.ref = r.text(3);
  item.position = r.int64(4);
  item.note = r.optional_text(5);
  item.added_at_ms = r.int64(6);
  return item;
}

// The items with what they point at: the item (0..6), its repo (7..16, null when none) and its
// collection (17..29, null when none). Followed by a WHERE clause on `i`.
inline constexpr const char* kCollectionItemsWithTargets =
    "SELECT i.id, i.collection_id, i.type, i.ref, i.position, i.note, i.added_at, "
    "r.type, r.id, r.author, r.private, r.gated, r.likes, r.downloads, r.last_modified, r.pipeline_tag, r.sdk, "
    "c.id, c.owner, c.title, c.title_slug, c.description, c.private, c.theme, c.position, c.gating, c.upvotes, "
    "c.created_at, c.updated_at, (SELECT count(*) FROM collection_items n WHERE n.collection_id = c.id) "
    "FROM collection_items i"
    " LEFT JOIN repos r ON i.type IN ('model', 'dataset', 'space') AND r.object_id = i.ref"
    " LEFT JOIN collections c ON i.type = 'collection' AND c.id = i.ref ";

// A row of kCollectionItemsWithTargets.
template <class Row>
CollectionItemRecord collection_item_with_targets_from_row(const Row& r) {
  auto item = collection_item_from_row(r);
  if (!r.is_null(7)) {
    CollectionRepoTarget t;
    t.type = RepoType(r.int64(7));
    t.id = r.text(8);
    t.author = r.text(9);
    t.is_private = stored_flag(r, 10);
    t.gated = r.int64(11);
    t.likes = r.int64(12);
    t.downloads = r.int64(13);
    t.last_modified_ms = r.int64(14);
    t.pipeline_tag = r.optional_text(15);
    t.sdk = r.optional_text(16);
    item.repo = std::move(t);
  }
  if (!r.is_null(17)) item.collection = collection_from_row(r, 17);
  return item;
}

}  // namespace hfhub::server
