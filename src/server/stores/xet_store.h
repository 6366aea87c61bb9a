#pragma once
// The indexes of the Xet CAS (docs/xet.md#server-storage). The bytes of xorbs and shards live in
// BlobStores; this store keeps what is looked up: each xorb's chunk index, each file's
// reconstruction terms, the sha256 -> file link of the files committed to or uploaded for a repo,
// and the chunk -> xorb map of global-dedup candidates. Every write is one transaction.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/xet/shard_format.h"
#include "common/xet/xorb_format.h"

namespace hfhub::server {

// A stored xorb: where each chunk sits in its serialized bytes.
struct XetXorbRecord {
  xet::XorbIndex index;
};

// A file the CAS can reconstruct.
struct XetFileRecord {
  xet::MerkleHash file_hash;
  uint64_t size = 0;
  std::string sha256;  // lowercase hex; empty when the shard carried none
  std::vector<xet::FileTerm> terms;
};

// A Xet-backed file that a repo may read: uploaded with one of its write tokens, or committed.
struct XetRepoFile {
  std::string sha256;
  xet::MerkleHash file_hash;
  uint64_t size = 0;
};

class XetStore {
 public:
  virtual ~XetStore() = default;

  virtual bool has_xorb(const xet::MerkleHash& hash) = 0;
  virtual std::optional<XetXorbRecord> xorb(const xet::MerkleHash& hash) = 0;
  // Records a xorb whose bytes are already durable in the blob store; a known hash is a no-op
  // that returns false.
  virtual bool put_xorb(const XetXorbRecord& xorb) = 0;
  virtual void remove_xorb(const xet::MerkleHash& hash) = 0;
  // Every xorb hash, for garbage collection.
  virtual std::vector<xet::MerkleHash> xorb_hashes() = 0;

  virtual std::optional<XetFileRecord> file(const xet::MerkleHash& file_hash) = 0;
  // Records the files of an accepted shard and links each to `repo_object_id`, in one
  // transaction. Known files are kept as they are.
  virtual void put_files(std::span<const XetFileRecord> files, std::string_view repo_object_id) = 0;
  // Every file hash still recorded, for garbage collection.
  virtual std::vector<xet::MerkleHash> file_hashes() = 0;
  virtual void remove_file(const xet::MerkleHash& file_hash) = 0;

  // The repo's Xet-backed file with this sha256, if it has one.
  virtual std::optional<XetRepoFile> repo_file(std::string_view repo_object_id, std::string_view sha256) = 0;
  // The same for many sha256s in one query (a tree or paths-info page): the Xet-backed ones only,
  // each once, in no particular order.
  virtual std::vector<XetRepoFile> repo_files(std::string_view repo_object_id,
                                              std::span<const std::string> sha256s) = 0;
  // Whether `file_hash` is linked to the repo (a read token may reconstruct only those).
  virtual bool repo_has_file(std::string_view repo_object_id, const xet::MerkleHash& file_hash) = 0;
  virtual void link_repo_file(std::string_view repo_object_id, const XetRepoFile& file) = 0;
  virtual bool unlink_repo_file(std::string_view repo_object_id, std::string_view sha256) = 0;
  virtual void unlink_repo(std::string_view repo_object_id) = 0;
  // Links to `to` every file committed to `from` (repo duplication): no xorb is copied.
  virtual void link_repo_files(std::string_view from, std::string_view to) = 0;
  // Whether any repo still links the file (garbage collection).
  virtual bool file_linked(const xet::MerkleHash& file_hash) = 0;

  // Global dedup: the xorb that holds a candidate chunk, and recording a xorb's candidates.
  virtual std::optional<xet::MerkleHash> xorb_of_chunk(const xet::MerkleHash& chunk_hash) = 0;
  virtual void put_dedup_chunks(const xet::MerkleHash& xorb, std::span<const xet::MerkleHash> chunk_hashes) = 0;
  // The xorbs an accepted shard named, in order (its CAS section, then the xorbs its files use).
  // A known shard is a no-op.
  virtual void put_shard_xorbs(std::string_view shard_sha256, std::span<const xet::MerkleHash> xorbs) = 0;
  // Up to `limit` xorbs named by a shard that names `xorb`, the nearest to it in that shard's
  // order, `xorb` first; just `xorb` when no shard names it.
  virtual std::vector<xet::MerkleHash> xorb_neighbours(const xet::MerkleHash& xorb, size_t limit) = 0;
};

}  // namespace hfhub::server
