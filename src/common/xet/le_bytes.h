#pragma once
// Little-endian loads and stores for the Xet binary formats (every integer in xorbs and shards
// is little-endian). memcpy keeps them free of alignment and aliasing trouble.
#include <cstdint>
#include <cstring>
#include <string>

namespace hfhub::xet {

inline uint64_t load_le(const uint8_t* p, int n) {
  uint64_t v = 0;
  for (int i = n - 1; i >= 0; --i) v = (v << 8) | p[i];
  return v;
}
inline uint32_t load_u24(const uint8_t* p) { return uint32_t(load_le(p, 3)); }
inline uint32_t load_u32(const uint8_t* p) { return uint32_t(load_le(p, 4)); }
inline uint64_t load_u64(const uint8_t* p) { return load_le(p, 8); }

inline void append_le(std::string& out, uint64_t v, int n) {
  for (int i = 0; i < n; ++i) out.push_back(char(uint8_t(v >> (8 * i))));
}
inline void append_u32(std::string& out, uint32_t v) { append_le(out, v, 4); }
inline void append_u64(std::string& out, uint64_t v) { append_le(out, v, 8); }
inline void append_bytes(std::string& out, const void* p, size_t n) { out.append(static_cast<const char*>(p), n); }

}  // namespace hfhub::xet
