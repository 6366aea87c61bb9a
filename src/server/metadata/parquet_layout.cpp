#include "server/metadata/parquet_layout.h"

#include <vector>

#include "common/split.h"

namespace hfhub::server {

namespace {

constexpr std::string_view kSuffix = ".parquet";

// "train-00000-of-00002" → "train"; "train" → "train".
std::string_view split_of_stem(std::string_view stem) { return stem.substr(0, stem.find('-')); }

}  // namespace

std::optional<ParquetLocation> parquet_location(std::string_view path) {
  if (!path.ends_with(kSuffix)) return std::nullopt;
  auto parts = split(path, '/');
  auto stem = parts.back().substr(0, parts.back().size() - kSuffix.size());
  ParquetLocation out;
  switch (parts.size()) {
    case 1:
      out.config = kDefaultParquetConfig;
      out.split = split_of_stem(stem);
      break;
    case 2:
      out.config = parts[0] == "data" ? kDefaultParquetConfig : parts[0];
      out.split = split_of_stem(stem);
      break;
    case 3:
      out.config = parts[0] == "data" ? kDefaultParquetConfig : parts[0];
      out.split = parts[1];
      break;
    default:
      return std::nullopt;
  }
  for (auto* s : {&out.config, &out.split})
    if (s->empty()) return std::nullopt;
  return out;
}

}  // namespace hfhub::server
