#include "common/xet/xet_hash.h"

#include <blake3.h>

#include "common/xet/blake3_keys.h"
#include "common/xet/le_bytes.h"

namespace hfhub::xet {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

// Each 8-byte group is printed as a little-endian u64, so the bytes of a group come out in
// reverse order (docs/xet.md#hashes).
std::string MerkleHash::hex() const {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(64, '0');
  for (size_t i = 0; i < 32; ++i) {
    size_t at = (i / 8) * 16 + (7 - i % 8) * 2;
    out[at] = kDigits[bytes[i] >> 4];
    out[at + 1] = kDigits[bytes[i] & 15];
  }
  return out;
}

std::optional<MerkleHash> MerkleHash::from_hex(std::string_view text) {
  if (text.size() != 64) return std::nullopt;
  MerkleHash h;
  for (size_t i = 0; i < 32; ++i) {
    size_t at = (i / 8) * 16 + (7 - i % 8) * 2;
    int hi = hex_value(text[at]), lo = hex_value(text[at + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    h.bytes[i] = uint8_t(hi << 4 | lo);
  }
  return h;
}

uint64_t MerkleHash::mod(uint64_t n) const { return load_u64(bytes.data() + 24) % n; }

uint64_t MerkleHash::truncated() const { return load_u64(bytes.data()); }

bool MerkleHash::is_zero() const {
  for (uint8_t b : bytes)
    if (b) return false;
  return true;
}

MerkleHash blake3_keyed(const std::array<uint8_t, 32>& key, std::string_view data) {
  blake3_hasher hasher;
  blake3_hasher_init_keyed(&hasher, key.data());
  blake3_hasher_update(&hasher, data.data(), data.size());
  MerkleHash out;
  blake3_hasher_finalize(&hasher, out.bytes.data(), out.bytes.size());
  return out;
}

MerkleHash chunk_hash(std::string_view data) { return blake3_keyed(kDataKey, data); }

}  // namespace hfhub::xet
