#pragma once
// Building Xet uploads by hand (xorbs, shards) and calling the CAS with raw HTTP, for the
// bad-input and protocol tests (docs/xet.md#cas-api). Real clients are tested in tests/compat.
#include <string>
#include <vector>

#include "common/xet/shard_format.h"
#include "common/xet/xorb_format.h"
#include "raw_http.h"

namespace hfhub::testing {

// A file cut into fixed chunks (the server never re-chunks), packed into one xorb.
struct XetUpload {
  std::string data;
  std::vector<size_t> chunk_sizes;
  std::string xorb;      // serialized
  xet::XorbIndex index;  // with the xorb hash
  xet::MerkleHash file_hash;
  std::string sha256;
  xet::Shard shard;  // the file's recipe (one term) and the xorb's CAS record

  std::string shard_bytes() const { return xet::serialize_upload_shard(shard); }
  std::vector<xet::MerkleHash> chunk_hashes() const;
};

// `size` random bytes in chunks of at most `chunk` bytes.
XetUpload make_xet_upload(size_t size, size_t chunk = 40000, unsigned seed = 1);
// Recomputes the shard's file hash, verification and sha256 after a test changed terms.
void refresh_recipe(XetUpload& u);

struct XetToken {
  std::string token;
  std::string cas;  // casUrl
};
// GET …/xet-{read|write}-token/main of a model repo as `as`.
XetToken xet_token(const std::string& repo, const std::string& direction, const char* as);
std::string bearer_xet(const XetToken& t);

RawResponse post_xorb(const XetToken& t, const XetUpload& u);
RawResponse post_shard(const XetToken& t, const std::string& bytes, const std::string& path = "/v1/shards");
RawResponse get_reconstruction(const XetToken& t, const xet::MerkleHash& file, const std::string& range = "",
                               const std::string& version = "v2");
// Downloads every fetch entry of a v2 reconstruction (one Range request each), decodes the chunk
// records and applies the offset: the bytes the answer describes.
std::string reconstruct_bytes(const RawResponse& v2, uint64_t length);
// Regular files under <data>/xet/<kind> (xorbs or shards) of the shared server.
size_t stored_xet_objects(const std::string& kind);
// The shared server's URL-signing key.
std::string shared_signing_key();

}  // namespace hfhub::testing
