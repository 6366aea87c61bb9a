#include "server/stores/postgres/pg_collection_store.h"

#include "server/stores/collection_columns.h"
#include "server/stores/like_pattern.h"
#include "server/stores/store_error.h"

namespace hfhub::server {

namespace {

std::vector<CollectionRecord> collections_of(const PgResult& r) {
  std::vector<CollectionRecord> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back(collection_from_row(r.row(i), 0));
  return out;
}

std::optional<CollectionRecord> one_collection(const PgResult& r) {
  if (r.empty()) return std::nullopt;
  return collection_from_row(r.row(0), 0);
}

std::optional<CollectionItemRecord> one_item(const PgResult& r) {
  if (r.empty()) return std::nullopt;
  return collection_item_from_row(r.row(0));
}

// Serializes the writes that move positions inside an owner's collections, on every node.
void lock_owner(PgConnection& c, std::string_view owner) {
  c.query("SELECT pg_advisory_xact_lock(hashtext('collections'), hashtext(lower($1)))", PgParams::of(owner));
}

// The same for a collection's items.
void lock_items(PgConnection& c, std::string_view collection_id) {
  c.query("SELECT pg_advisory_xact_lock(hashtext('collection_items'), hashtext($1))", PgParams::of(collection_id));
}

// Closes the gap a removed item leaves, so positions stay 0..n-1 (each takes the count of the
// items before it, as SQLite's store computes it).
void renumber_items(PgConnection& c, std::string_view collection_id) {
  c.query(
      "UPDATE collection_items i SET position = r.pos FROM (SELECT id, (rank() OVER (ORDER BY position) - 1)::integer "
      "AS pos FROM collection_items WHERE collection_id = $1) r WHERE i.id = r.id AND i.position <> r.pos",
      PgParams::of(collection_id));
}

void stamp(PgConnection& c, std::string_view collection_id, int64_t now_ms) {
  c.query("UPDATE collections SET updated_at = $1 WHERE id = $2", PgParams::of(now_ms, collection_id));
}

// Moves a row from `from` to `to` inside one group (`group_match` binds the group as $1): the rows
// between shift by one toward the gap.
void shift_between(PgConnection& c, const std::string& table, const std::string& group_match, std::string_view group,
                   std::string_view id, int64_t from, int64_t to) {
  if (from == to) return;
  bool up = to < from;
  std::string sql = "UPDATE " + table + " SET position = position " + (up ? "+" : "-") + " 1 WHERE " + group_match +
                    " AND id <> $2 AND position " + (up ? ">= $3 AND position < $4" : "> $3 AND position <= $4");
  c.query(sql, up ? PgParams::of(group, id, to, from) : PgParams::of(group, id, from, to));
}

// The listing's SQL with its parameters: only the filters present appear, so each shape is one
// prepared statement; lists of any length are array parameters.
std::string list_sql(const CollectionQuery& q, PgParams& params) {
  auto next = [&params] { return "$" + std::to_string(params.size()); };
  std::string sql = std::string("SELECT ") + kCollectionColumns + " FROM collections c WHERE (NOT c.private";
  if (!q.readers.empty()) {
    params.add_text_array(q.readers);
    sql += " OR lower(c.owner) IN (SELECT lower(x) FROM unnest(" + next() + "::text[]) x)";
  }
  sql += ")";
  if (!q.owners.empty()) {
    params.add_text_array(q.owners);
    sql += " AND lower(c.owner) IN (SELECT lower(x) FROM unnest(" + next() + "::text[]) x)";
  }
  if (!q.items.empty()) {
    std::vector<std::string> types, refs;
    for (auto& [type, ref] : q.items) {
      types.push_back(type);
      refs.push_back(ref);
    }
    params.add_text_array(types);
    std::string types_at = next();
    params.add_text_array(refs);
    sql += " AND EXISTS (SELECT 1 FROM collection_items i JOIN unnest(" + types_at + "::text[], " + next() +
           "::text[]) w(type, ref) ON i.type = w.type AND i.ref = w.ref WHERE i.collection_id = c.id)";
  }
  if (q.q) {
    // ILIKE: any case, as SQLite's LIKE; '\' is PostgreSQL's default escape.
    params.add(like_contains_pattern(*q.q));
    sql += " AND (c.title ILIKE " + next() + " OR c.description ILIKE " + next() + ")";
  }
  // No trending score is kept: trending orders as upvotes do (docs/collections.md#listing).
  sql += q.sort == CollectionSort::LastModified ? " ORDER BY c.updated_at DESC, c.id DESC"
                                                : " ORDER BY c.upvotes DESC, c.updated_at DESC, c.id DESC";
  params.add(q.limit);
  sql += " LIMIT " + next();
  params.add(q.offset);
  return sql + " OFFSET " + next();
}

}  // namespace

std::vector<CollectionRecord> PgCollectionStore::list(const CollectionQuery& q) {
  PgParams params;
  std::string sql = list_sql(q, params);
  return collections_of(db_.connection()->query(sql, params));
}

void PgCollectionStore::insert_collection(const CollectionRecord& r) {
  auto c = db_.connection();
  PgTransaction tx(*c);
  lock_owner(*c, r.owner);
  c->query("UPDATE collections SET position = position + 1 WHERE lower(owner) = lower($1) AND position >= $2",
           PgParams::of(r.owner, r.position));
  c->query(
      "INSERT INTO collections(id, owner, title, title_slug, description, private, theme, position, gating, upvotes, "
      "created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
      PgParams::of(r.id, r.owner, r.title, r.title_slug, r.description, r.is_private, r.theme, r.position,
                   r.gating_json, r.upvotes, r.created_at_ms, r.updated_at_ms));
  tx.commit();
  generation_.bump();
}

std::optional<CollectionRecord> PgCollectionStore::find_collection(std::string_view id) {
  return one_collection(db_.connection()->query(
      std::string("SELECT ") + kCollectionColumns + " FROM collections c WHERE c.id = $1", PgParams::of(id)));
}

std::optional<CollectionRecord> PgCollectionStore::find_by_title(std::string_view owner, std::string_view title_slug) {
  return one_collection(db_.connection()->query(
      std::string("SELECT ") + kCollectionColumns +
          " FROM collections c WHERE lower(c.owner) = lower($1) AND c.title_slug = $2 ORDER BY c.id LIMIT 1",
      PgParams::of(owner, title_slug)));
}

int64_t PgCollectionStore::count_owned(std::string_view owner) {
  return db_.connection()
      ->query("SELECT count(*) FROM collections WHERE lower(owner) = lower($1)", PgParams::of(owner))
      .row(0)
      .int64(0);
}

void PgCollectionStore::update_collection(const CollectionRecord& r, int64_t old_position) {
  auto c = db_.connection();
  PgTransaction tx(*c);
  lock_owner(*c, r.owner);
  shift_between(*c, "collections", "lower(owner) = lower($1)", r.owner, r.id, old_position, r.position);
  c->query(
      "UPDATE collections SET title = $1, title_slug = $2, description = $3, private = $4, theme = $5, "
      "position = $6, gating = $7, updated_at = $8 WHERE id = $9",
      PgParams::of(r.title, r.title_slug, r.description, r.is_private, r.theme, r.position, r.gating_json,
                   r.updated_at_ms, r.id));
  tx.commit();
  generation_.bump();
}

void PgCollectionStore::delete_collection(const CollectionRecord& r) {
  auto c = db_.connection();
  PgTransaction tx(*c);
  lock_owner(*c, r.owner);
  // The collections that held this one as an item: their positions close up after the removal.
  auto holders = c->query(
      "DELETE FROM collection_items WHERE collection_id = $1 OR (type = 'collection' AND ref = $1) "
      "RETURNING collection_id",
      PgParams::of(r.id));
  for (int i = 0; i < holders.rows(); ++i) {
    auto holder = holders.row(i).text_view(0);
    if (holder != r.id) renumber_items(*c, holder);
  }
  c->query("DELETE FROM collections WHERE id = $1", PgParams::of(r.id));
  c->query("UPDATE collections SET position = position - 1 WHERE lower(owner) = lower($1) AND position > $2",
           PgParams::of(r.owner, r.position));
  tx.commit();
  generation_.bump();
}

std::vector<CollectionItemRecord> PgCollectionStore::items_of(std::string_view collection_id, int64_t limit) {
  auto r = db_.connection()->query(
      std::string(kCollectionItemsWithTargets) + "WHERE i.collection_id = $1 ORDER BY i.position LIMIT $2",
      PgParams::of(collection_id, limit));
  std::vector<CollectionItemRecord> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back(collection_item_with_targets_from_row(r.row(i)));
  return out;
}

std::optional<CollectionItemRecord> PgCollectionStore::find_item(std::string_view collection_id,
                                                                 std::string_view item_id) {
  return one_item(db_.connection()->query(std::string("SELECT ") + kCollectionItemColumns +
                                              " FROM collection_items i WHERE i.collection_id = $1 AND i.id = $2",
                                          PgParams::of(collection_id, item_id)));
}

std::optional<CollectionItemRecord> PgCollectionStore::find_item_by_ref(std::string_view collection_id,
                                                                        std::string_view type, std::string_view ref) {
  return one_item(
      db_.connection()->query(std::string("SELECT ") + kCollectionItemColumns +
                                  " FROM collection_items i WHERE i.collection_id = $1 AND i.type = $2 AND i.ref = $3",
                              PgParams::of(collection_id, type, ref)));
}

void PgCollectionStore::add_item(const CollectionItemRecord& item, int64_t now_ms) {
  auto c = db_.connection();
  PgTransaction tx(*c);
  lock_items(*c, item.collection_id);
  // The count read under the lock, not item.position: the caller's count may be another node's
  // append behind (the two agree otherwise).
  c->query(
      "INSERT INTO collection_items(id, collection_id, type, ref, position, note, added_at) "
      "VALUES ($1, $2, $3, $4, (SELECT count(*) FROM collection_items WHERE collection_id = $2), $5, $6)",
      PgParams::of(item.id, item.collection_id, item.type, item.ref, item.note, item.added_at_ms));
  stamp(*c, item.collection_id, now_ms);
  tx.commit();
  generation_.bump();
}

void PgCollectionStore::update_item(const CollectionItemRecord& item, int64_t old_position, int64_t now_ms) {
  auto c = db_.connection();
  PgTransaction tx(*c);
  lock_items(*c, item.collection_id);
  shift_between(*c, "collection_items", "collection_id = $1", item.collection_id, item.id, old_position, item.position);
  c->query("UPDATE collection_items SET position = $1, note = $2 WHERE id = $3",
           PgParams::of(item.position, item.note, item.id));
  stamp(*c, item.collection_id, now_ms);
  tx.commit();
  generation_.bump();
}

void PgCollectionStore::delete_item(const CollectionItemRecord& item, int64_t now_ms) {
  auto c = db_.connection();
  PgTransaction tx(*c);
  lock_items(*c, item.collection_id);
  c->query("DELETE FROM collection_items WHERE id = $1", PgParams::of(item.id));
  c->query("UPDATE collection_items SET position = position - 1 WHERE collection_id = $1 AND position > $2",
           PgParams::of(item.collection_id, item.position));
  stamp(*c, item.collection_id, now_ms);
  tx.commit();
  generation_.bump();
}

}  // namespace hfhub::server
