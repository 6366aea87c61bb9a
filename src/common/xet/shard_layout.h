#pragma once
// The fixed parts of the shard format (docs/xet.md#shards), shared by the reader and the writers.
#include <cstddef>
#include <cstdint>

namespace hfhub::xet::shard {

inline constexpr size_t kRecordBytes = 48;   // header, every info record, bookends
inline constexpr size_t kFooterBytes = 200;  // the optional trailer
inline constexpr uint64_t kVersion = 2;
inline constexpr uint64_t kFooterVersion = 1;
// "HFRepoMetaData\0" and 17 fixed bytes.
inline constexpr uint8_t kMagic[32] = {0x48, 0x46, 0x52, 0x65, 0x70, 0x6f, 0x4d, 0x65, 0x74, 0x61, 0x44,
                                       0x61, 0x74, 0x61, 0x00, 0x55, 0x69, 0x67, 0x45, 0x6a, 0x7b, 0x81,
                                       0x57, 0x83, 0xa5, 0xbd, 0xd9, 0x5c, 0xcd, 0xd1, 0x4a, 0xa9};
// file_flags of a FileDataSequenceHeader.
inline constexpr uint32_t kFileHasVerification = 1u << 31;
inline constexpr uint32_t kFileHasMetadataExt = 1u << 30;

// Footer field offsets.
inline constexpr size_t kFooterCasInfoOffset = 16;
inline constexpr size_t kFooterHmacKey = 72;
inline constexpr size_t kFooterCreated = 104;
inline constexpr size_t kFooterExpiry = 112;

}  // namespace hfhub::xet::shard
