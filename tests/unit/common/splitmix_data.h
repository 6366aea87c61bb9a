#pragma once
// Deterministic test bytes: SplitMix64 from `seed`, each output little-endian, truncated to n
// bytes. xet-core's chunking vectors are defined over this stream (docs/xet.md#chunking).
#include <cstdint>
#include <string>

namespace hfhub::test {

inline std::string splitmix_data(size_t n, uint64_t seed) {
  std::string out;
  out.reserve(n + 8);
  uint64_t state = seed;
  while (out.size() < n) {
    state += 0x9E3779B97F4A7C15ull;
    uint64_t z = state;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    z ^= z >> 31;
    for (int i = 0; i < 8; ++i) out.push_back(char(uint8_t(z >> (8 * i))));
  }
  out.resize(n);
  return out;
}

}  // namespace hfhub::test
