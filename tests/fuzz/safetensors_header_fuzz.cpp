// The first bytes of a pushed .safetensors file (its u64 length and JSON header): parameter counts
// come out non-negative and consistent, or the header is refused with a message.
#include <cstdint>
#include <string>

#include "fuzz_check.h"
#include "server/metadata/safetensors_header.h"

using namespace hfhub::server;
using hfhub::fuzz::check;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto extent = safetensors_header_extent(bytes);
  if (extent) check(*extent > 8 && *extent <= 8 + kSafetensorsMaxHeaderBytes, "a header extent out of range");
  auto result = parse_safetensors_header(bytes);
  if (!result.ok) {
    check(!result.error.empty(), "a refused header without a message");
    return 0;
  }
  check(extent && *extent <= bytes.size(), "a header parsed from fewer bytes than its extent");
  int64_t sum = 0;
  for (auto& [dtype, count] : result.counts.parameters) {
    check(count >= 0, "a negative parameter count");
    check(!__builtin_add_overflow(sum, count, &sum), "the per-dtype counts overflow");
  }
  check(sum == result.counts.total, "the total is not the sum of the per-dtype counts");
  return 0;
}
