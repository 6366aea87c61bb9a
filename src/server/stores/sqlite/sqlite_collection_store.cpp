#include "server/stores/sqlite/sqlite_collection_store.h"

#include "server/stores/collection_columns.h"
#include "server/stores/like_pattern.h"
#include "server/stores/store_error.h"

namespace hfhub::server {

namespace {

std::optional<CollectionRecord> one_collection(SqliteStatement& st) {
  std::optional<CollectionRecord> out;
  if (st.step()) out = collection_from_row(st, 0);
  st.reset();
  return out;
}

std::optional<CollectionItemRecord> one_item(SqliteStatement& st) {
  std::optional<CollectionItemRecord> out;
  if (st.step()) out = collection_item_from_row(st);
  st.reset();
  return out;
}

// Closes the gap a removed item leaves, so positions stay 0..n-1.
void renumber_items(SqliteConnection& c, std::string_view collection_id) {
  c.cached(
       "UPDATE collection_items SET position = (SELECT COUNT(*) FROM collection_items j WHERE j.collection_id = "
       "collection_items.collection_id AND j.position < collection_items.position) WHERE collection_id = ?")
      .bind(1, collection_id)
      .run();
}

void stamp(SqliteConnection& c, std::string_view collection_id, int64_t now_ms) {
  c.cached("UPDATE collections SET updated_at = ? WHERE id = ?").bind(1, now_ms).bind(2, collection_id).run();
}

// Moves a row from `from` to `to` inside one group (an owner's collections, a collection's items):
// the rows between shift by one toward the gap.
void shift_between(SqliteConnection& c, const std::string& table, const std::string& group_column,
                   std::string_view group, std::string_view id, int64_t from, int64_t to) {
  if (from == to) return;
  std::string sql = "UPDATE " + table + " SET position = position " + (to < from ? "+" : "-") + " 1 WHERE " +
                    group_column + " = ? AND id != ? AND position " +
                    (to < from ? ">= ? AND position < ?" : "> ? AND position <= ?");
  auto& st = c.cached(sql);
  st.bind(1, group).bind(2, id);
  if (to < from)
    st.bind(3, to).bind(4, from);
  else
    st.bind(3, from).bind(4, to);
  st.run();
}

std::string placeholders(size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) out += i ? ",?" : "?";
  return out;
}

std::string list_sql(const CollectionQuery& q) {
  std::string sql = std::string("SELECT ") + kCollectionColumns + " FROM collections c WHERE (c.private = 0";
  if (!q.readers.empty()) sql += " OR c.owner IN (" + placeholders(q.readers.size()) + ")";
  sql += ")";
  if (!q.owners.empty()) sql += " AND c.owner IN (" + placeholders(q.owners.size()) + ")";
  if (!q.items.empty()) {
    sql += " AND EXISTS (SELECT 1 FROM collection_items i WHERE i.collection_id = c.id AND (";
    for (size_t k = 0; k < q.items.size(); ++k)
      sql += k ? " OR (i.type = ? AND i.ref = ?)" : "(i.type = ? AND i.ref = ?)";
    sql += "))";
  }
  if (q.q) sql += " AND (c.title LIKE ? ESCAPE '\\' OR c.description LIKE ? ESCAPE '\\')";
  // No trending score is kept: trending orders as upvotes do (docs/collections.md#listing).
  sql += q.sort == CollectionSort::LastModified ? " ORDER BY c.updated_at DESC, c.id DESC"
                                                : " ORDER BY c.upvotes DESC, c.updated_at DESC, c.id DESC";
  return sql + " LIMIT ? OFFSET ?";
}

}  // namespace

std::vector<CollectionRecord> SqliteCollectionStore::list(const CollectionQuery& q) {
  auto& st = db_.connection().cached(list_sql(q));
  int i = 1;
  for (auto& r : q.readers) st.bind(i++, std::string_view(r));
  for (auto& o : q.owners) st.bind(i++, std::string_view(o));
  for (auto& [type, ref] : q.items) {
    st.bind(i++, std::string_view(type));
    st.bind(i++, std::string_view(ref));
  }
  std::string pattern = q.q ? like_contains_pattern(*q.q) : "";
  if (q.q) {
    st.bind(i++, std::string_view(pattern));
    st.bind(i++, std::string_view(pattern));
  }
  st.bind(i++, q.limit);
  st.bind(i, q.offset);
  std::vector<CollectionRecord> out;
  while (st.step()) out.push_back(collection_from_row(st, 0));
  st.reset();
  return out;
}

void SqliteCollectionStore::insert_collection(const CollectionRecord& r) {
  auto& c = db_.connection();
  SqliteTransaction tx(c);
  c.cached("UPDATE collections SET position = position + 1 WHERE owner = ? AND position >= ?")
      .bind(1, std::string_view(r.owner))
      .bind(2, r.position)
      .run();
  auto& st = c.cached(
      "INSERT INTO collections(id, owner, title, title_slug, description, private, theme, position, gating, upvotes, "
      "created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)");
  st.bind(1, std::string_view(r.id)).bind(2, std::string_view(r.owner)).bind(3, std::string_view(r.title));
  st.bind(4, std::string_view(r.title_slug)).bind(5, std::string_view(r.description)).bind(6, int64_t(r.is_private));
  st.bind(7, std::string_view(r.theme)).bind(8, r.position).bind(9, std::string_view(r.gating_json));
  st.bind(10, r.upvotes).bind(11, r.created_at_ms).bind(12, r.updated_at_ms).run();
  tx.commit();
  changed();
}

std::optional<CollectionRecord> SqliteCollectionStore::find_collection(std::string_view id) {
  auto& st =
      db_.connection().cached(std::string("SELECT ") + kCollectionColumns + " FROM collections c WHERE c.id = ?");
  st.bind(1, id);
  return one_collection(st);
}

std::optional<CollectionRecord> SqliteCollectionStore::find_by_title(std::string_view owner,
                                                                     std::string_view title_slug) {
  auto& st =
      db_.connection().cached(std::string("SELECT ") + kCollectionColumns +
                              " FROM collections c WHERE c.owner = ? AND c.title_slug = ? ORDER BY c.id LIMIT 1");
  st.bind(1, owner).bind(2, title_slug);
  return one_collection(st);
}

int64_t SqliteCollectionStore::count_owned(std::string_view owner) {
  auto& st = db_.connection().cached("SELECT COUNT(*) FROM collections WHERE owner = ?");
  st.bind(1, owner);
  int64_t n = st.step() ? st.int64(0) : 0;
  st.reset();
  return n;
}

void SqliteCollectionStore::update_collection(const CollectionRecord& r, int64_t old_position) {
  auto& c = db_.connection();
  SqliteTransaction tx(c);
  shift_between(c, "collections", "owner", r.owner, r.id, old_position, r.position);
  auto& st = c.cached(
      "UPDATE collections SET title = ?, title_slug = ?, description = ?, private = ?, theme = ?, position = ?, "
      "gating = ?, updated_at = ? WHERE id = ?");
  st.bind(1, std::string_view(r.title)).bind(2, std::string_view(r.title_slug));
  st.bind(3, std::string_view(r.description)).bind(4, int64_t(r.is_private)).bind(5, std::string_view(r.theme));
  st.bind(6, r.position).bind(7, std::string_view(r.gating_json)).bind(8, r.updated_at_ms);
  st.bind(9, std::string_view(r.id)).run();
  tx.commit();
  changed();
}

void SqliteCollectionStore::delete_collection(const CollectionRecord& r) {
  auto& c = db_.connection();
  SqliteTransaction tx(c);
  // The collections that held this one as an item: their positions close up after the removal.
  std::vector<std::string> holders;
  auto& q = c.cached("SELECT collection_id FROM collection_items WHERE type = 'collection' AND ref = ?");
  q.bind(1, std::string_view(r.id));
  while (q.step()) holders.push_back(q.text(0));
  q.reset();
  c.cached("DELETE FROM collection_items WHERE collection_id = ? OR (type = 'collection' AND ref = ?)")
      .bind(1, std::string_view(r.id))
      .bind(2, std::string_view(r.id))
      .run();
  for (auto& h : holders)
    if (h != r.id) renumber_items(c, h);
  c.cached("DELETE FROM collections WHERE id = ?").bind(1, std::string_view(r.id)).run();
  c.cached("UPDATE collections SET position = position - 1 WHERE owner = ? AND position > ?")
      .bind(1, std::string_view(r.owner))
      .bind(2, r.position)
      .run();
  tx.commit();
  changed();
}

std::vector<CollectionItemRecord> SqliteCollectionStore::items_of(std::string_view collection_id, int64_t limit) {
  auto& st = db_.connection().cached(std::string(kCollectionItemsWithTargets) +
                                     "WHERE i.collection_id = ? ORDER BY i.position LIMIT ?");
  st.bind(1, collection_id).bind(2, limit);
  std::vector<CollectionItemRecord> out;
  while (st.step()) out.push_back(collection_item_with_targets_from_row(st));
  st.reset();
  return out;
}

std::optional<CollectionItemRecord> SqliteCollectionStore::find_item(std::string_view collection_id,
                                                                     std::string_view item_id) {
  auto& st = db_.connection().cached(std::string("SELECT ") + kCollectionItemColumns +
                                     " FROM collection_items i WHERE i.collection_id = ? AND i.id = ?");
  st.bind(1, collection_id).bind(2, item_id);
  return one_item(st);
}

std::optional<CollectionItemRecord> SqliteCollectionStore::find_item_by_ref(std::string_view collection_id,
                                                                            std::string_view type,
                                                                            std::string_view ref) {
  auto& st = db_.connection().cached(std::string("SELECT ") + kCollectionItemColumns +
                                     " FROM collection_items i WHERE i.collection_id = ? AND i.type = ? AND i.ref = ?");
  st.bind(1, collection_id).bind(2, type).bind(3, ref);
  return one_item(st);
}

void SqliteCollectionStore::add_item(const CollectionItemRecord& item, int64_t now_ms) {
  auto& c = db_.connection();
  SqliteTransaction tx(c);
  auto& st = c.cached(
      "INSERT INTO collection_items(id, collection_id, type, ref, position, note, added_at) VALUES (?,?,?,?,?,?,?)");
  st.bind(1, std::string_view(item.id)).bind(2, std::string_view(item.collection_id));
  st.bind(3, std::string_view(item.type)).bind(4, std::string_view(item.ref)).bind(5, item.position);
  st.bind(6, item.note).bind(7, item.added_at_ms).run();
  stamp(c, item.collection_id, now_ms);
  tx.commit();
  changed();
}

void SqliteCollectionStore::update_item(const CollectionItemRecord& item, int64_t old_position, int64_t now_ms) {
  auto& c = db_.connection();
  SqliteTransaction tx(c);
  shift_between(c, "collection_items", "collection_id", item.collection_id, item.id, old_position, item.position);
  c.cached("UPDATE collection_items SET position = ?, note = ? WHERE id = ?")
      .bind(1, item.position)
      .bind(2, item.note)
      .bind(3, std::string_view(item.id))
      .run();
  stamp(c, item.collection_id, now_ms);
  tx.commit();
  changed();
}

void SqliteCollectionStore::delete_item(const CollectionItemRecord& item, int64_t now_ms) {
  auto& c = db_.connection();
  SqliteTransaction tx(c);
  c.cached("DELETE FROM collection_items WHERE id = ?").bind(1, std::string_view(item.id)).run();
  c.cached("UPDATE collection_items SET position = position - 1 WHERE collection_id = ? AND position > ?")
      .bind(1, std::string_view(item.collection_id))
      .bind(2, item.position)
      .run();
  stamp(c, item.collection_id, now_ms);
  tx.commit();
  changed();
}

}  // namespace hfhub::server
