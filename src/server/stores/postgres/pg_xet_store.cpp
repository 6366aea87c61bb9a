#include "server/stores/postgres/pg_xet_store.h"

#include <algorithm>

#include "common/iso_time.h"
#include "server/stores/xet_index_codec.h"

namespace hfhub::server {

namespace {

using xet::MerkleHash;

// A bytea parameter holding the hash's 32 bytes.
PgParams& add_hash(PgParams& p, const MerkleHash& h) { return p.add_bytes(xet_hash_bytes(h)); }

PgParams hash_param(const MerkleHash& h) {
  PgParams p;
  p.add_bytes(xet_hash_bytes(h));
  return p;
}

MerkleHash hash_at(const PgRow& row, int col) { return xet_hash_from_bytes(row.bytes(col)); }

bool any_row(PgDatabase& db, std::string_view sql, const PgParams& params) {
  auto c = db.connection();
  return !c->query(sql, params).empty();
}

std::vector<MerkleHash> all_hashes(PgDatabase& db, std::string_view sql) {
  auto c = db.connection();
  auto r = c->query(sql);
  std::vector<MerkleHash> out;
  out.reserve(size_t(r.rows()));
  for (int i = 0; i < r.rows(); ++i) out.push_back(hash_at(r.row(i), 0));
  return out;
}

}  // namespace

bool PgXetStore::has_xorb(const MerkleHash& hash) {
  return any_row(db_, "SELECT 1 FROM xet_xorbs WHERE hash = $1", hash_param(hash));
}

std::optional<XetXorbRecord> PgXetStore::xorb(const MerkleHash& hash) {
  auto c = db_.connection();
  auto r = c->query("SELECT serialized_size, unpacked_size, chunks FROM xet_xorbs WHERE hash = $1", hash_param(hash));
  if (r.empty()) return std::nullopt;
  auto row = r.row(0);
  XetXorbRecord x;
  x.index.hash = hash;
  x.index.serialized_size = uint64_t(row.int64(0));
  x.index.unpacked_size = uint64_t(row.int64(1));
  x.index.chunks = unpack_xorb_chunks(row.bytes(2));
  return x;
}

bool PgXetStore::put_xorb(const XetXorbRecord& xorb) {
  PgParams p = hash_param(xorb.index.hash);
  p.add(int64_t(xorb.index.serialized_size)).add(int64_t(xorb.index.unpacked_size));
  p.add_bytes(pack_xorb_chunks(xorb.index.chunks));
  auto c = db_.connection();
  return c->query(
              "INSERT INTO xet_xorbs(hash, serialized_size, unpacked_size, chunks) VALUES ($1, $2, $3, $4) "
              "ON CONFLICT (hash) DO NOTHING",
              p)
             .affected() > 0;
}

void PgXetStore::remove_xorb(const MerkleHash& hash) {
  auto c = db_.connection();
  PgTransaction tx(*c);
  c->query("DELETE FROM xet_dedup_chunks WHERE xorb = $1", hash_param(hash));
  c->query("DELETE FROM xet_shard_xorbs WHERE xorb = $1", hash_param(hash));
  c->query("DELETE FROM xet_xorbs WHERE hash = $1", hash_param(hash));
  tx.commit();
}

std::vector<MerkleHash> PgXetStore::xorb_hashes() { return all_hashes(db_, "SELECT hash FROM xet_xorbs"); }

std::optional<XetFileRecord> PgXetStore::file(const MerkleHash& file_hash) {
  auto c = db_.connection();
  auto r = c->query("SELECT size, sha256, terms FROM xet_files WHERE file_hash = $1", hash_param(file_hash));
  if (r.empty()) return std::nullopt;
  auto row = r.row(0);
  XetFileRecord f;
  f.file_hash = file_hash;
  f.size = uint64_t(row.int64(0));
  f.sha256 = row.text(1);
  f.terms = unpack_file_terms(row.bytes(2));
  return f;
}

void PgXetStore::put_files(std::span<const XetFileRecord> files, std::string_view repo_object_id) {
  const int64_t now = now_ms();
  auto c = db_.connection();
  PgTransaction tx(*c);
  for (auto& f : files) {
    PgParams file = hash_param(f.file_hash);
    file.add(int64_t(f.size)).add(f.sha256).add_bytes(pack_file_terms(f.terms)).add(now);
    c->query(
        "INSERT INTO xet_files(file_hash, size, sha256, terms, created_at) VALUES ($1, $2, $3, $4, $5) "
        "ON CONFLICT (file_hash) DO NOTHING",
        file);
    PgParams link = PgParams::of(repo_object_id);
    add_hash(link, f.file_hash).add(f.sha256).add(int64_t(f.size)).add(now);
    c->query(
        "INSERT INTO xet_repo_files(repo, file_hash, sha256, size, committed, linked_at) "
        "VALUES ($1, $2, $3, $4, false, $5) ON CONFLICT (repo, file_hash) DO NOTHING",
        link);
  }
  tx.commit();
}

std::vector<MerkleHash> PgXetStore::file_hashes() { return all_hashes(db_, "SELECT file_hash FROM xet_files"); }

void PgXetStore::remove_file(const MerkleHash& file_hash) {
  auto c = db_.connection();
  PgTransaction tx(*c);
  c->query("DELETE FROM xet_repo_files WHERE file_hash = $1", hash_param(file_hash));
  c->query("DELETE FROM xet_files WHERE file_hash = $1", hash_param(file_hash));
  tx.commit();
}

std::optional<XetRepoFile> PgXetStore::repo_file(std::string_view repo_object_id, std::string_view sha256) {
  if (sha256.empty()) return std::nullopt;
  auto c = db_.connection();
  auto r = c->query(
      "SELECT file_hash, size FROM xet_repo_files WHERE repo = $1 AND sha256 = $2 ORDER BY committed DESC LIMIT 1",
      PgParams::of(repo_object_id, sha256));
  if (r.empty()) return std::nullopt;
  return XetRepoFile{std::string(sha256), hash_at(r.row(0), 0), uint64_t(r.row(0).int64(1))};
}

std::vector<XetRepoFile> PgXetStore::repo_files(std::string_view repo_object_id, std::span<const std::string> sha256s) {
  std::vector<XetRepoFile> out;
  if (sha256s.empty()) return out;
  // One probe of xet_repo_files_by_sha256 per element of the list.
  auto c = db_.connection();
  auto r = c->query(
      "SELECT sha256, file_hash, size FROM xet_repo_files WHERE repo = $1 AND sha256 IN "
      "(SELECT json_array_elements_text($2::json)) ORDER BY sha256, committed DESC",
      PgParams::of(repo_object_id, xet_sha256_list(sha256s)));
  for (int i = 0; i < r.rows(); ++i) {
    auto row = r.row(i);
    // As repo_file: a committed row first when one sha256 has several.
    if (!out.empty() && out.back().sha256 == row.text_view(0)) continue;
    out.push_back({row.text(0), hash_at(row, 1), uint64_t(row.int64(2))});
  }
  return out;
}

bool PgXetStore::repo_has_file(std::string_view repo_object_id, const MerkleHash& file_hash) {
  PgParams p = PgParams::of(repo_object_id);
  return any_row(db_, "SELECT 1 FROM xet_repo_files WHERE repo = $1 AND file_hash = $2", add_hash(p, file_hash));
}

void PgXetStore::link_repo_file(std::string_view repo_object_id, const XetRepoFile& file) {
  PgParams p = PgParams::of(repo_object_id);
  add_hash(p, file.file_hash).add(file.sha256).add(int64_t(file.size)).add(now_ms());
  auto c = db_.connection();
  c->query(
      "INSERT INTO xet_repo_files(repo, file_hash, sha256, size, committed, linked_at) "
      "VALUES ($1, $2, $3, $4, true, $5) ON CONFLICT (repo, file_hash) DO UPDATE SET committed = true",
      p);
}

bool PgXetStore::unlink_repo_file(std::string_view repo_object_id, std::string_view sha256) {
  auto c = db_.connection();
  return c->query("DELETE FROM xet_repo_files WHERE repo = $1 AND sha256 = $2", PgParams::of(repo_object_id, sha256))
             .affected() > 0;
}

void PgXetStore::link_repo_files(std::string_view from, std::string_view to) {
  auto c = db_.connection();
  c->query(
      "INSERT INTO xet_repo_files(repo, file_hash, sha256, size, committed, linked_at) "
      "SELECT $1, file_hash, sha256, size, true, $2 FROM xet_repo_files WHERE repo = $3 AND committed "
      "ON CONFLICT (repo, file_hash) DO NOTHING",
      PgParams::of(to, now_ms(), from));
}

void PgXetStore::unlink_repo(std::string_view repo_object_id) {
  auto c = db_.connection();
  c->query("DELETE FROM xet_repo_files WHERE repo = $1", PgParams::of(repo_object_id));
}

bool PgXetStore::file_linked(const MerkleHash& file_hash) {
  return any_row(db_, "SELECT 1 FROM xet_repo_files WHERE file_hash = $1 LIMIT 1", hash_param(file_hash));
}

std::optional<MerkleHash> PgXetStore::xorb_of_chunk(const MerkleHash& chunk_hash) {
  auto c = db_.connection();
  auto r = c->query("SELECT xorb FROM xet_dedup_chunks WHERE chunk_hash = $1", hash_param(chunk_hash));
  if (r.empty()) return std::nullopt;
  return hash_at(r.row(0), 0);
}

void PgXetStore::put_dedup_chunks(const MerkleHash& xorb, std::span<const MerkleHash> chunk_hashes) {
  if (chunk_hashes.empty()) return;
  auto c = db_.connection();
  PgTransaction tx(*c);
  for (auto& h : chunk_hashes) {
    PgParams p = hash_param(h);
    c->query("INSERT INTO xet_dedup_chunks(chunk_hash, xorb) VALUES ($1, $2) ON CONFLICT (chunk_hash) DO NOTHING",
             add_hash(p, xorb));
  }
  tx.commit();
}

void PgXetStore::put_shard_xorbs(std::string_view shard_sha256, std::span<const MerkleHash> xorbs) {
  auto c = db_.connection();
  PgTransaction tx(*c);
  int64_t position = 0;
  for (auto& x : xorbs) {
    PgParams p = PgParams::of(shard_sha256, position++);
    c->query("INSERT INTO xet_shard_xorbs(shard, position, xorb) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
             add_hash(p, x));
  }
  tx.commit();
}

std::vector<MerkleHash> PgXetStore::xorb_neighbours(const MerkleHash& xorb, size_t limit) {
  std::vector<MerkleHash> out{xorb};
  auto c = db_.connection();
  auto where = c->query("SELECT shard, position FROM xet_shard_xorbs WHERE xorb = $1 LIMIT 1", hash_param(xorb));
  if (where.empty()) return out;
  const auto half = int64_t(limit / 2);
  const int64_t position = where.row(0).int64(1);
  auto around = c->query(
      "SELECT xorb FROM xet_shard_xorbs WHERE shard = $1 AND position BETWEEN $2::bigint AND $3::bigint "
      "ORDER BY position",
      PgParams::of(where.row(0).text_view(0), position - half, position + half));
  for (int i = 0; i < around.rows() && out.size() < limit; ++i) {
    auto h = hash_at(around.row(i), 0);
    if (std::find(out.begin(), out.end(), h) == out.end()) out.push_back(h);
  }
  return out;
}

}  // namespace hfhub::server
