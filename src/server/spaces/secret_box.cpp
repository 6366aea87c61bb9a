#include "server/spaces/secret_box.h"

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>

#include "common/atomic_write.h"
#include "common/hash.h"

namespace hfhub::server {

namespace {

constexpr size_t kKeyBytes = 32, kNonceBytes = 12, kTagBytes = 16;

using Cipher = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

std::string from_hex(std::string_view hex) {
  std::string out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2)
    out.push_back(char(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16)));
  return out;
}

Cipher start(const std::string& key, std::string_view nonce, std::string_view aad, bool encrypt) {
  Cipher ctx(EVP_CIPHER_CTX_new(), EVP_CIPHER_CTX_free);
  int n = 0;
  auto* k = reinterpret_cast<const unsigned char*>(key.data());
  auto* iv = reinterpret_cast<const unsigned char*>(nonce.data());
  bool ok = ctx && EVP_CipherInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, k, iv, encrypt ? 1 : 0) == 1 &&
            EVP_CipherUpdate(ctx.get(), nullptr, &n, reinterpret_cast<const unsigned char*>(aad.data()),
                             int(aad.size())) == 1;
  if (!ok) throw std::runtime_error("AES-256-GCM setup failed");
  return ctx;
}

}  // namespace

const std::string& SecretBox::key() {
  std::lock_guard lock(mutex_);
  if (!key_.empty()) return key_;
  std::ifstream in(key_file_);
  if (in) {
    std::stringstream text;
    text << in.rdbuf();
    auto hex = text.str();
    while (!hex.empty() && (hex.back() == '\n' || hex.back() == ' ')) hex.pop_back();
    if (hex.size() != 2 * kKeyBytes || !is_lower_hex(hex))
      throw std::runtime_error(key_file_.string() + " is not a 32-byte hex key");
    key_ = from_hex(hex);
    return key_;
  }
  auto hex = random_hex(kKeyBytes);
  // Mode 0600 from creation on: whoever reads the key can open every Space secret.
  write_file_atomic(key_file_, hex + "\n", 0600);
  key_ = from_hex(hex);
  return key_;
}

std::string SecretBox::seal(std::string_view plaintext, std::string_view context) {
  std::string nonce(kNonceBytes, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(nonce.data()), int(nonce.size())) != 1)
    throw std::runtime_error("no random bytes for a nonce");
  auto ctx = start(key(), nonce, context, true);
  std::string out = nonce;
  out.resize(kNonceBytes + plaintext.size() + kTagBytes);
  auto* dst = reinterpret_cast<unsigned char*>(out.data() + kNonceBytes);
  int n = 0, tail = 0;
  bool ok = EVP_CipherUpdate(ctx.get(), dst, &n, reinterpret_cast<const unsigned char*>(plaintext.data()),
                             int(plaintext.size())) == 1 &&
            EVP_CipherFinal_ex(ctx.get(), dst + n, &tail) == 1 &&
            EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, int(kTagBytes), dst + n + tail) == 1;
  if (!ok) throw std::runtime_error("AES-256-GCM sealing failed");
  return out;
}

std::string SecretBox::open(std::string_view sealed, std::string_view context) {
  if (sealed.size() < kNonceBytes + kTagBytes) throw std::runtime_error("sealed secret too short");
  auto body = sealed.substr(kNonceBytes, sealed.size() - kNonceBytes - kTagBytes);
  std::string tag(sealed.substr(sealed.size() - kTagBytes));
  auto ctx = start(key(), sealed.substr(0, kNonceBytes), context, false);
  std::string out(body.size(), '\0');
  auto* dst = reinterpret_cast<unsigned char*>(out.data());
  int n = 0, tail = 0;
  bool ok = EVP_CipherUpdate(ctx.get(), dst, &n, reinterpret_cast<const unsigned char*>(body.data()),
                             int(body.size())) == 1 &&
            EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, int(kTagBytes), tag.data()) == 1 &&
            EVP_CipherFinal_ex(ctx.get(), dst + n, &tail) == 1;
  if (!ok) throw std::runtime_error("a sealed secret does not open under this key");
  return out;
}

}  // namespace hfhub::server
