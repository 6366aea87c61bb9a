#include "server/stores/sqlite/sqlite_xet_store.h"

#include <algorithm>

#include "common/iso_time.h"
#include "server/stores/xet_index_codec.h"

namespace hfhub::server {

namespace {

using xet::MerkleHash;

std::string_view raw(const MerkleHash& h) { return xet_hash_bytes(h); }
MerkleHash hash_from(std::string_view bytes) { return xet_hash_from_bytes(bytes); }

std::vector<MerkleHash> all_hashes(SqliteConnection& c, const char* sql) {
  auto& st = c.cached(sql);
  std::vector<MerkleHash> out;
  while (st.step()) out.push_back(hash_from(st.blob(0)));
  st.reset();
  return out;
}

}  // namespace

bool SqliteXetStore::has_xorb(const MerkleHash& hash) {
  auto& st = db_.connection().cached("SELECT 1 FROM xet_xorbs WHERE hash = ?");
  st.bind_blob(1, raw(hash));
  bool found = st.step();
  st.reset();
  return found;
}

std::optional<XetXorbRecord> SqliteXetStore::xorb(const MerkleHash& hash) {
  auto& st = db_.connection().cached("SELECT serialized_size, unpacked_size, chunks FROM xet_xorbs WHERE hash = ?");
  st.bind_blob(1, raw(hash));
  if (!st.step()) return std::nullopt;
  XetXorbRecord r;
  r.index.hash = hash;
  r.index.serialized_size = uint64_t(st.int64(0));
  r.index.unpacked_size = uint64_t(st.int64(1));
  r.index.chunks = unpack_xorb_chunks(st.blob(2));
  st.reset();
  return r;
}

bool SqliteXetStore::put_xorb(const XetXorbRecord& xorb) {
  auto& c = db_.connection();
  c.cached(
       "INSERT INTO xet_xorbs(hash, serialized_size, unpacked_size, chunks) VALUES (?,?,?,?) "
       "ON CONFLICT(hash) DO NOTHING")
      .bind_blob(1, raw(xorb.index.hash))
      .bind(2, int64_t(xorb.index.serialized_size))
      .bind(3, int64_t(xorb.index.unpacked_size))
      .bind_blob(4, pack_xorb_chunks(xorb.index.chunks))
      .run();
  return sqlite3_changes(c.handle()) > 0;
}

void SqliteXetStore::remove_xorb(const MerkleHash& hash) {
  auto& c = db_.connection();
  SqliteTransaction tx(c);
  c.cached("DELETE FROM xet_dedup_chunks WHERE xorb = ?").bind_blob(1, raw(hash)).run();
  c.cached("DELETE FROM xet_shard_xorbs WHERE xorb = ?").bind_blob(1, raw(hash)).run();
  c.cached("DELETE FROM xet_xorbs WHERE hash = ?").bind_blob(1, raw(hash)).run();
  tx.commit();
}

std::vector<MerkleHash> SqliteXetStore::xorb_hashes() {
  return all_hashes(db_.connection(), "SELECT hash FROM xet_xorbs");
}

std::optional<XetFileRecord> SqliteXetStore::file(const MerkleHash& file_hash) {
  auto& st = db_.connection().cached("SELECT size, sha256, terms FROM xet_files WHERE file_hash = ?");
  st.bind_blob(1, raw(file_hash));
  if (!st.step()) return std::nullopt;
  XetFileRecord r;
  r.file_hash = file_hash;
  r.size = uint64_t(st.int64(0));
  r.sha256 = st.text(1);
  r.terms = unpack_file_terms(st.blob(2));
  st.reset();
  return r;
}

void SqliteXetStore::put_files(std::span<const XetFileRecord> files, std::string_view repo_object_id) {
  auto& c = db_.connection();
  const int64_t now = now_ms();
  SqliteTransaction tx(c);
  for (auto& f : files) {
    c.cached(
         "INSERT INTO xet_files(file_hash, size, sha256, terms, created_at) VALUES (?,?,?,?,?) "
         "ON CONFLICT(file_hash) DO NOTHING")
        .bind_blob(1, raw(f.file_hash))
        .bind(2, int64_t(f.size))
        .bind(3, std::string_view(f.sha256))
        .bind_blob(4, pack_file_terms(f.terms))
        .bind(5, now)
        .run();
    c.cached(
         "INSERT INTO xet_repo_files(repo, file_hash, sha256, size, committed, linked_at) VALUES (?,?,?,?,0,?) "
         "ON CONFLICT(repo, file_hash) DO NOTHING")
        .bind(1, repo_object_id)
        .bind_blob(2, raw(f.file_hash))
        .bind(3, std::string_view(f.sha256))
        .bind(4, int64_t(f.size))
        .bind(5, now)
        .run();
  }
  tx.commit();
}

std::vector<MerkleHash> SqliteXetStore::file_hashes() {
  return all_hashes(db_.connection(), "SELECT file_hash FROM xet_files");
}

void SqliteXetStore::remove_file(const MerkleHash& file_hash) {
  auto& c = db_.connection();
  SqliteTransaction tx(c);
  c.cached("DELETE FROM xet_repo_files WHERE file_hash = ?").bind_blob(1, raw(file_hash)).run();
  c.cached("DELETE FROM xet_files WHERE file_hash = ?").bind_blob(1, raw(file_hash)).run();
  tx.commit();
}

std::optional<XetRepoFile> SqliteXetStore::repo_file(std::string_view repo_object_id, std::string_view sha256) {
  if (sha256.empty()) return std::nullopt;
  auto& st = db_.connection().cached(
      "SELECT file_hash, size FROM xet_repo_files WHERE repo = ? AND sha256 = ? ORDER BY committed DESC LIMIT 1");
  st.bind(1, repo_object_id).bind(2, sha256);
  if (!st.step()) return std::nullopt;
  XetRepoFile f{std::string(sha256), hash_from(st.blob(0)), uint64_t(st.int64(1))};
  st.reset();
  return f;
}

std::vector<XetRepoFile> SqliteXetStore::repo_files(std::string_view repo_object_id,
                                                    std::span<const std::string> sha256s) {
  std::vector<XetRepoFile> out;
  if (sha256s.empty()) return out;
  // One probe of xet_repo_files_by_sha256 per element of the list (json_each).
  const std::string array = xet_sha256_list(sha256s);
  auto& st = db_.connection().cached(
      "SELECT sha256, file_hash, size FROM xet_repo_files WHERE repo = ?1 AND sha256 IN "
      "(SELECT value FROM json_each(?2)) ORDER BY sha256, committed DESC");
  st.bind(1, repo_object_id).bind(2, std::string_view(array));
  while (st.step()) {
    std::string sha256 = st.text(0);
    // As repo_file: a committed row first when one sha256 has several.
    if (!out.empty() && out.back().sha256 == sha256) continue;
    out.push_back({std::move(sha256), hash_from(st.blob(1)), uint64_t(st.int64(2))});
  }
  st.reset();
  return out;
}

bool SqliteXetStore::repo_has_file(std::string_view repo_object_id, const MerkleHash& file_hash) {
  auto& st = db_.connection().cached("SELECT 1 FROM xet_repo_files WHERE repo = ? AND file_hash = ?");
  st.bind(1, repo_object_id).bind_blob(2, raw(file_hash));
  bool found = st.step();
  st.reset();
  return found;
}

void SqliteXetStore::link_repo_file(std::string_view repo_object_id, const XetRepoFile& file) {
  db_.connection()
      .cached(
          "INSERT INTO xet_repo_files(repo, file_hash, sha256, size, committed, linked_at) VALUES (?,?,?,?,1,?) "
          "ON CONFLICT(repo, file_hash) DO UPDATE SET committed = 1")
      .bind(1, repo_object_id)
      .bind_blob(2, raw(file.file_hash))
      .bind(3, std::string_view(file.sha256))
      .bind(4, int64_t(file.size))
      .bind(5, now_ms())
      .run();
}

bool SqliteXetStore::unlink_repo_file(std::string_view repo_object_id, std::string_view sha256) {
  auto& c = db_.connection();
  c.cached("DELETE FROM xet_repo_files WHERE repo = ? AND sha256 = ?").bind(1, repo_object_id).bind(2, sha256).run();
  return sqlite3_changes(c.handle()) > 0;
}

void SqliteXetStore::link_repo_files(std::string_view from, std::string_view to) {
  db_.connection()
      .cached(
          "INSERT OR IGNORE INTO xet_repo_files(repo, file_hash, sha256, size, committed, linked_at) "
          "SELECT ?, file_hash, sha256, size, 1, ? FROM xet_repo_files WHERE repo = ? AND committed = 1")
      .bind(1, to)
      .bind(2, now_ms())
      .bind(3, from)
      .run();
}

void SqliteXetStore::unlink_repo(std::string_view repo_object_id) {
  db_.connection().cached("DELETE FROM xet_repo_files WHERE repo = ?").bind(1, repo_object_id).run();
}

bool SqliteXetStore::file_linked(const MerkleHash& file_hash) {
  auto& st = db_.connection().cached("SELECT 1 FROM xet_repo_files WHERE file_hash = ? LIMIT 1");
  st.bind_blob(1, raw(file_hash));
  bool found = st.step();
  st.reset();
  return found;
}

std::optional<MerkleHash> SqliteXetStore::xorb_of_chunk(const MerkleHash& chunk_hash) {
  auto& st = db_.connection().cached("SELECT xorb FROM xet_dedup_chunks WHERE chunk_hash = ?");
  st.bind_blob(1, raw(chunk_hash));
  if (!st.step()) return std::nullopt;
  auto xorb = hash_from(st.blob(0));
  st.reset();
  return xorb;
}

void SqliteXetStore::put_dedup_chunks(const MerkleHash& xorb, std::span<const MerkleHash> chunk_hashes) {
  if (chunk_hashes.empty()) return;
  auto& c = db_.connection();
  SqliteTransaction tx(c);
  for (auto& h : chunk_hashes)
    c.cached("INSERT INTO xet_dedup_chunks(chunk_hash, xorb) VALUES (?,?) ON CONFLICT(chunk_hash) DO NOTHING")
        .bind_blob(1, raw(h))
        .bind_blob(2, raw(xorb))
        .run();
  tx.commit();
}

void SqliteXetStore::put_shard_xorbs(std::string_view shard_sha256, std::span<const MerkleHash> xorbs) {
  auto& c = db_.connection();
  SqliteTransaction tx(c);
  int64_t position = 0;
  for (auto& x : xorbs)
    c.cached("INSERT INTO xet_shard_xorbs(shard, position, xorb) VALUES (?,?,?) ON CONFLICT DO NOTHING")
        .bind(1, shard_sha256)
        .bind(2, position++)
        .bind_blob(3, raw(x))
        .run();
  tx.commit();
}

std::vector<MerkleHash> SqliteXetStore::xorb_neighbours(const MerkleHash& xorb, size_t limit) {
  std::vector<MerkleHash> out{xorb};
  auto& c = db_.connection();
  auto& where = c.cached("SELECT shard, position FROM xet_shard_xorbs WHERE xorb = ? LIMIT 1");
  where.bind_blob(1, raw(xorb));
  if (!where.step()) return out;
  const std::string shard = where.text(0);
  const int64_t position = where.int64(1);
  where.reset();
  const auto half = int64_t(limit / 2);
  auto& around =
      c.cached("SELECT xorb FROM xet_shard_xorbs WHERE shard = ? AND position BETWEEN ? AND ? ORDER BY position");
  around.bind(1, std::string_view(shard)).bind(2, position - half).bind(3, position + half);
  while (around.step() && out.size() < limit) {
    auto h = hash_from(around.blob(0));
    if (std::find(out.begin(), out.end(), h) == out.end()) out.push_back(h);
  }
  around.reset();
  return out;
}

}  // namespace hfhub::server
