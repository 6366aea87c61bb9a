#pragma once
// Parameter counts from a .safetensors file's header, for the Hub's `safetensors` field. A file
// starts with a little-endian u64 N and N bytes of JSON describing every tensor
// ({"name": {"dtype": "F32", "shape": [2, 3], "data_offsets": [...]}, "__metadata__": {...}}),
// so counting parameters never needs the (possibly 100 GB) tensor data.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace hfhub::server {

// A header larger than this is refused rather than read (the safetensors library's own cap).
inline constexpr uint64_t kSafetensorsMaxHeaderBytes = 25'000'000;

// How many leading bytes of the file parse_safetensors_header needs (8 + N), learned from its
// first 8 bytes. nullopt when fewer than 8 bytes are given or N is 0 or above the cap.
std::optional<uint64_t> safetensors_header_extent(std::string_view first_bytes);

struct SafetensorsCounts {
  std::map<std::string, int64_t> parameters;  // dtype → sum of the element counts of its tensors
  int64_t total = 0;
};

struct SafetensorsHeaderResult {
  bool ok = false;
  SafetensorsCounts counts;
  std::string error;
};

// Parses the header from the file's first bytes (at least safetensors_header_extent of them; more
// is fine). A tensor's parameter count is the product of its shape ([] is a scalar: 1).
SafetensorsHeaderResult parse_safetensors_header(std::string_view first_bytes);

}  // namespace hfhub::server
