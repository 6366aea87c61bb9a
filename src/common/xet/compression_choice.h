#pragma once
// Which compression suits a chunk (docs/xet.md#xorbs): byte grouping pays off on arrays of
// 2- and 4-byte numbers (model weights), whose bytes differ in distribution by position.
#include <string_view>

#include "common/xet/xorb_format.h"

namespace hfhub::xet {

// ByteGrouping4Lz4 when the four byte positions look differently distributed, Lz4 otherwise.
// Looks at the first 4 KiB only, so it costs little next to compression.
Compression choose_compression(std::string_view chunk);

}  // namespace hfhub::xet
