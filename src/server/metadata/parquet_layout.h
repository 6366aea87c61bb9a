#pragma once
// Which config and split a parquet file of a dataset belongs to, from where it sits. The layouts
// the Hub produces (refs/convert/parquet) and the ones datasets use on their main branch:
//   {config}/{split}/0000.parquet            (parquet conversion, current)
//   {config}/{split}-00000-of-00001.parquet  (parquet conversion, older; uploads by config)
//   data/{split}-00000-of-00001.parquet      (push_to_hub: the "default" config)
//   {split}.parquet, {split}-xxx.parquet     (top level: the "default" config)
#include <optional>
#include <string>
#include <string_view>

namespace hfhub::server {

struct ParquetLocation {
  std::string config;
  std::string split;
};

inline constexpr std::string_view kDefaultParquetConfig = "default";

// nullopt when `path` is not a .parquet file in one of the layouts.
std::optional<ParquetLocation> parquet_location(std::string_view path);

}  // namespace hfhub::server
