#include "common/object_id.h"

#include <atomic>
#include <random>

namespace hfhub {

std::string make_object_id(int64_t epoch_ms) {
  static const uint64_t process_random = std::random_device{}() ^ (uint64_t(std::random_device{}()) << 32);
  static std::atomic<uint32_t> counter{uint32_t(process_random)};
  uint8_t bytes[12];
  uint32_t seconds = uint32_t(epoch_ms / 1000);
  for (int i = 0; i < 4; ++i) bytes[i] = uint8_t(seconds >> (24 - 8 * i));
  for (int i = 0; i < 5; ++i) bytes[4 + i] = uint8_t(process_random >> (8 * i));
  uint32_t c = counter.fetch_add(1, std::memory_order_relaxed);
  for (int i = 0; i < 3; ++i) bytes[9 + i] = uint8_t(c >> (16 - 8 * i));
  static const char* hex = "0123456789abcdef";
  std::string out(24, '0');
  for (int i = 0; i < 12; ++i) {
    out[2 * i] = hex[bytes[i] >> 4];
    out[2 * i + 1] = hex[bytes[i] & 15];
  }
  return out;
}

bool is_object_id(std::string_view t) {
  if (t.size() != 24) return false;
  for (char c : t)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

}  // namespace hfhub
