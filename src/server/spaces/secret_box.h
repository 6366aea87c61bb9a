#pragma once
// Sealing Space secrets at rest (docs/spaces.md#secrets): AES-256-GCM under a key kept in the data
// dir (`space-secrets.key`, mode 0600), created the first time a secret is written. Each sealed
// value is nonce (12 bytes) + ciphertext + tag (16 bytes); the Space's _id and the secret's key are
// authenticated with it, so a row copied onto another Space or key does not open.
#include <filesystem>
#include <mutex>
#include <string>
#include <string_view>

namespace hfhub::server {

class SecretBox {
 public:
  explicit SecretBox(std::filesystem::path key_file) : key_file_(std::move(key_file)) {}

  std::string seal(std::string_view plaintext, std::string_view context);
  // Throws std::runtime_error when the bytes were not sealed under this key and context.
  std::string open(std::string_view sealed, std::string_view context);

 private:
  const std::string& key();  // 32 bytes, loaded or created on first use

  std::filesystem::path key_file_;
  std::mutex mutex_;
  std::string key_;
};

}  // namespace hfhub::server
