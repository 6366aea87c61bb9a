#include "common/utf8.h"

#include <cstdint>

namespace hfhub {

// Length of the well-formed UTF-8 sequence starting at s[i] (RFC 3629, table 3-7 of the
// Unicode standard), or 0 when it is ill-formed: overlong forms, UTF-16 surrogates, code
// points above U+10FFFF and truncated sequences all return 0.
size_t utf8_sequence_length(std::string_view s, size_t i) {
  auto byte = [&](size_t k) -> int { return i + k < s.size() ? uint8_t(s[i + k]) : -1; };
  auto in = [](int b, int lo, int hi) { return b >= lo && b <= hi; };
  int b0 = byte(0);
  if (b0 < 0x80) return 1;
  if (in(b0, 0xC2, 0xDF)) return in(byte(1), 0x80, 0xBF) ? 2 : 0;
  if (in(b0, 0xE0, 0xEF)) {
    int lo = b0 == 0xE0 ? 0xA0 : 0x80;  // E0 80..9F would be overlong
    int hi = b0 == 0xED ? 0x9F : 0xBF;  // ED A0..BF would be a surrogate
    return in(byte(1), lo, hi) && in(byte(2), 0x80, 0xBF) ? 3 : 0;
  }
  if (in(b0, 0xF0, 0xF4)) {
    int lo = b0 == 0xF0 ? 0x90 : 0x80;  // F0 80..8F would be overlong
    int hi = b0 == 0xF4 ? 0x8F : 0xBF;  // F4 90.. would exceed U+10FFFF
    return in(byte(1), lo, hi) && in(byte(2), 0x80, 0xBF) && in(byte(3), 0x80, 0xBF) ? 4 : 0;
  }
  return 0;  // a continuation byte, C0/C1 (always overlong) or F5..FF
}

bool is_valid_utf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    size_t n = utf8_sequence_length(s, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

}  // namespace hfhub
