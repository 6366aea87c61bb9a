#pragma once
// The Xet CAS indexes in PostgreSQL (migration 1's xet_* tables, docs/xet.md#server-storage):
// the same rows and packed blobs as SqliteXetStore (stores/xet_index_codec.h).
#include "server/stores/postgres/pg_database.h"
#include "server/stores/xet_store.h"

namespace hfhub::server {

class PgXetStore final : public XetStore {
 public:
  explicit PgXetStore(PgDatabase& db) : db_(db) {}

  bool has_xorb(const xet::MerkleHash& hash) override;
  std::optional<XetXorbRecord> xorb(const xet::MerkleHash& hash) override;
  bool put_xorb(const XetXorbRecord& xorb) override;
  void remove_xorb(const xet::MerkleHash& hash) override;
  std::vector<xet::MerkleHash> xorb_hashes() override;

  std::optional<XetFileRecord> file(const xet::MerkleHash& file_hash) override;
  void put_files(std::span<const XetFileRecord> files, std::string_view repo_object_id) override;
  std::vector<xet::MerkleHash> file_hashes() override;
  void remove_file(const xet::MerkleHash& file_hash) override;

  std::optional<XetRepoFile> repo_file(std::string_view repo_object_id, std::string_view sha256) override;
  std::vector<XetRepoFile> repo_files(std::string_view repo_object_id, std::span<const std::string> sha256s) override;
  bool repo_has_file(std::string_view repo_object_id, const xet::MerkleHash& file_hash) override;
  void link_repo_file(std::string_view repo_object_id, const XetRepoFile& file) override;
  bool unlink_repo_file(std::string_view repo_object_id, std::string_view sha256) override;
  void unlink_repo(std::string_view repo_object_id) override;
  void link_repo_files(std::string_view from, std::string_view to) override;
  bool file_linked(const xet::MerkleHash& file_hash) override;

  std::optional<xet::MerkleHash> xorb_of_chunk(const xet::MerkleHash& chunk_hash) override;
  void put_dedup_chunks(const xet::MerkleHash& xorb, std::span<const xet::MerkleHash> chunk_hashes) override;
  void put_shard_xorbs(std::string_view shard_sha256, std::span<const xet::MerkleHash> xorbs) override;
  std::vector<xet::MerkleHash> xorb_neighbours(const xet::MerkleHash& xorb, size_t limit) override;

 private:
  PgDatabase& db_;
};

}  // namespace hfhub::server
