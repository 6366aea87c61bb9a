#pragma once
// Digests and randomness through OpenSSL libcrypto.
#include <cstdint>
#include <string>
#include <string_view>

namespace hfhub {

std::string sha256_hex(std::string_view data);
std::string sha1_hex(std::string_view data);
std::string hmac_sha256_hex(std::string_view key, std::string_view data);
// Cryptographically random bytes, hex-encoded (2 * n_bytes chars).
std::string random_hex(size_t n_bytes);
// Compares in time independent of where the inputs differ (signatures, token hashes).
bool constant_time_equal(std::string_view a, std::string_view b);
// Only the digits 0-9 and a-f: the form of git object ids, sha256 oids and `_id`s (empty is true).
bool is_lower_hex(std::string_view text);

// A digest over data that arrives in pieces (an upload hashed while it is written, a cached
// file verified without reading it whole).
class HashStream {
 public:
  enum class Algorithm { Sha1, Sha256 };
  explicit HashStream(Algorithm algorithm);
  ~HashStream();
  HashStream(const HashStream&) = delete;
  HashStream& operator=(const HashStream&) = delete;

  void update(const void* data, size_t size);
  void update(std::string_view data) { update(data.data(), data.size()); }
  // The digest of everything so far, lowercase hex; call once, at the end.
  std::string hex_digest();

 private:
  void* ctx_;  // EVP_MD_CTX, kept out of the header
};

class Sha256Stream : public HashStream {
 public:
  Sha256Stream() : HashStream(Algorithm::Sha256) {}
};

// The git object id of a blob of `size` bytes: sha1 of "blob <size>\0" followed by the content
// (what the Hub reports as the etag / oid of a regular, non-LFS file).
class GitBlobSha1Stream : public HashStream {
 public:
  explicit GitBlobSha1Stream(uint64_t size);
};

}  // namespace hfhub
