#pragma once
// The Xet CAS (docs/xet.md#cas-api): xorb and shard uploads checked before anything is stored,
// global-dedup answers, reconstructions, and the xorb bytes behind signed transfer URLs. Bytes go
// to the xorb and shard BlobStores, indexes to the XetStore; a token's grant decides what a
// caller may reach. Blocking work (hashing, decompression, SQLite): run it on a worker.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "common/file_handle.h"
#include "server/http/spooled_body.h"
#include "server/stores/blob_store.h"
#include "server/stores/xet_store.h"
#include "server/xet/reconstruction.h"
#include "server/xet/xet_tokens.h"

namespace hfhub::server {

struct XetFetchFile {
  std::shared_ptr<FileHandle> file;
  int64_t size = 0;  // of the stored xorb
};

class CasService {
 public:
  // `direct_fetch_ttl` > 0: reconstructions send clients to presigned URLs of the xorbs' objects
  // (blob-store = s3 without s3-proxy-downloads), valid that many seconds.
  CasService(XetStore& index, BlobStore& xorbs, BlobStore& shards, XetTokens& tokens, int64_t direct_fetch_ttl = 0)
      : index_(index), xorbs_(xorbs), shards_(shards), tokens_(tokens), direct_fetch_ttl_(direct_fetch_ttl) {}

  XetTokens& tokens() { return tokens_; }
  XetStore& index() { return index_; }
  // The grant of a request's Authorization header (401/403, see XetTokens::authorize).
  XetGrant authorize(std::optional<std::string_view> authorization, XetScope needed) const;

  // A hash in a URL path: 400 unless 64 hex digits.
  static xet::MerkleHash path_hash(std::string_view text);

  // POST /v1/xorbs: `bytes` are the body, `body` its spooled file. 400 XetInvalidXorb (nothing
  // stored) unless it decodes and hashes to `hash`; else durable, then indexed. False when the
  // xorb was already stored.
  bool upload_xorb(const xet::MerkleHash& hash, std::string_view bytes, SpooledBody& body);
  // POST /v1/shards: parsed and verified against the stored xorbs (docs/xet.md#cas-api), stored,
  // then its files recorded and linked to the grant's repo. 400 XetInvalidShard (nothing
  // stored) on any failure. True when it recorded a file that was not known.
  bool upload_shard(const XetGrant& grant, std::string_view bytes, SpooledBody& body);
  // GET /v1/chunks: a dedup shard naming the xorb that holds the chunk (chunk hashes keyed with a
  // fresh HMAC key); 404 XetNotFound when no xorb is known for it.
  std::string dedup_shard(const xet::MerkleHash& chunk_hash);
  // The file behind a reconstruction, when the grant's repo may read it; 404 XetNotFound otherwise
  // (an unknown file and another repo's look the same).
  XetFileRecord readable_file(const XetGrant& grant, const xet::MerkleHash& file_hash);
  // Bytes [begin, end) of `file`, begin < end <= file.size.
  XetReconstruction reconstruct(const XetFileRecord& file, uint64_t begin, uint64_t end);
  // The stored xorb a valid transfer signature names; 403 XetTransferInvalid for a bad or expired
  // one, 404 when the xorb is gone.
  XetFetchFile open_fetch(const XetFetchGrant& grant, std::string_view signature);
  // A reconstruction's fetch URL that leads to the xorb's object in the blob store itself (a
  // presigned GET the client sends its Range to), so its bytes skip hfhubd; nullopt when hfhubd
  // serves fetches (a filesystem store, or s3-proxy-downloads).
  std::optional<std::string> direct_fetch_url(const xet::MerkleHash& xorb) const;

 private:
  XetStore& index_;
  BlobStore& xorbs_;
  BlobStore& shards_;
  XetTokens& tokens_;
  int64_t direct_fetch_ttl_ = 0;
};

// The BlobStore "repo" of a Xet object: the first two hex digits of its hash (a fan-out).
inline std::string xet_fanout(std::string_view hex) { return std::string(hex.substr(0, 2)); }

}  // namespace hfhub::server
