#include "common/hash.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <stdexcept>

namespace hfhub {

static std::string to_hex(const unsigned char* p, size_t n) {
  static const char* hex = "0123456789abcdef";
  std::string out(2 * n, '0');
  for (size_t i = 0; i < n; ++i) {
    out[2 * i] = hex[p[i] >> 4];
    out[2 * i + 1] = hex[p[i] & 15];
  }
  return out;
}

static std::string digest_hex(const EVP_MD* md, std::string_view data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (!EVP_Digest(data.data(), data.size(), out, &len, md, nullptr)) throw std::runtime_error("EVP_Digest failed");
  return to_hex(out, len);
}

std::string sha256_hex(std::string_view data) { return digest_hex(EVP_sha256(), data); }
std::string sha1_hex(std::string_view data) { return digest_hex(EVP_sha1(), data); }

std::string hmac_sha256_hex(std::string_view key, std::string_view data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (!HMAC(EVP_sha256(), key.data(), int(key.size()), reinterpret_cast<const unsigned char*>(data.data()), data.size(),
            out, &len))
    throw std::runtime_error("HMAC failed");
  return to_hex(out, len);
}

std::string random_hex(size_t n_bytes) {
  std::string buf(n_bytes, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(buf.data()), int(n_bytes)) != 1)
    throw std::runtime_error("RAND_bytes failed");
  return to_hex(reinterpret_cast<const unsigned char*>(buf.data()), n_bytes);
}

bool is_lower_hex(std::string_view text) {
  for (char c : text)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

HashStream::HashStream(Algorithm algorithm) : ctx_(EVP_MD_CTX_new()) {
  const EVP_MD* md = algorithm == Algorithm::Sha256 ? EVP_sha256() : EVP_sha1();
  if (!ctx_ || EVP_DigestInit_ex(static_cast<EVP_MD_CTX*>(ctx_), md, nullptr) != 1) {
    EVP_MD_CTX_free(static_cast<EVP_MD_CTX*>(ctx_));
    throw std::runtime_error("digest init failed");
  }
}

HashStream::~HashStream() { EVP_MD_CTX_free(static_cast<EVP_MD_CTX*>(ctx_)); }

void HashStream::update(const void* data, size_t size) { EVP_DigestUpdate(static_cast<EVP_MD_CTX*>(ctx_), data, size); }

std::string HashStream::hex_digest() {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (EVP_DigestFinal_ex(static_cast<EVP_MD_CTX*>(ctx_), out, &len) != 1) throw std::runtime_error("digest failed");
  return to_hex(out, len);
}

GitBlobSha1Stream::GitBlobSha1Stream(uint64_t size) : HashStream(Algorithm::Sha1) {
  std::string header = "blob " + std::to_string(size);
  update(header.c_str(), header.size() + 1);  // the header ends with a NUL byte
}

bool constant_time_equal(std::string_view a, std::string_view b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace hfhub
