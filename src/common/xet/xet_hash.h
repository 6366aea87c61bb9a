#pragma once
// The 32-byte hashes of the Xet protocol (docs/xet.md#hashes) and their string form: four
// 8-byte groups, each read as a little-endian u64 and printed as 16 lowercase hex digits.
#include <array>
#include <compare>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace hfhub::xet {

struct MerkleHash {
  std::array<uint8_t, 32> bytes{};

  // The string form of URLs, JSON and X-Xet-Hash (64 lowercase hex digits).
  std::string hex() const;
  // The inverse of hex(); nullopt unless exactly 64 hex digits (either case).
  static std::optional<MerkleHash> from_hex(std::string_view text);
  // Bytes 24..31 as a little-endian u64, modulo n: the Merkle branching rule and dedup eligibility.
  uint64_t mod(uint64_t n) const;
  // Bytes 0..7 as a little-endian u64: the keys of a shard's lookup tables.
  uint64_t truncated() const;
  bool is_zero() const;

  auto operator<=>(const MerkleHash&) const = default;
};

// A malformed xorb, shard or hash input: the server answers 400 with the message.
struct FormatError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// BLAKE3 in keyed mode (Debian's reference C implementation, built from librust-blake3-dev).
MerkleHash blake3_keyed(const std::array<uint8_t, 32>& key, std::string_view data);

// A chunk's identity: BLAKE3 keyed with DATA_KEY over its bytes.
MerkleHash chunk_hash(std::string_view data);

}  // namespace hfhub::xet

template <>
struct std::hash<hfhub::xet::MerkleHash> {
  size_t operator()(const hfhub::xet::MerkleHash& h) const noexcept { return size_t(h.truncated()); }
};
