#pragma once
// The gear hash table of content-defined chunking (docs/xet.md#chunking), index = byte value.
#include <array>
#include <cstdint>

namespace hfhub::xet {

extern const std::array<uint64_t, 256> kGearTable;

}  // namespace hfhub::xet
