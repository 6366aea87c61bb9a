#pragma once
// Digests and randomness through OpenSSL libcrypto.
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

}  // namespace hfhub
