#pragma once
// The files the demo content gives a catalog row (demo_content.h): a model card whose front
// matter repeats the row, configs, a tokenizer and small but valid safetensors weights for a
// model; a card and data files for a dataset; a card and an app for a space. Every byte depends
// only on the row, so two runs (and two repos of the same architecture) write the same blobs.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>

#include "server/model/repo.h"

namespace hfhub::server::demo {

struct DemoFile {
  std::string path;
  std::string bytes;
  bool lfs = false;  // stored as an LFS object behind a pointer, as the Hub's .gitattributes would
};

// A repo's history: an upload commit (with a first, short card), the full card, and a change
// on a second branch.
struct DemoRepoContent {
  std::string upload_summary;  // "Upload model"
  std::vector<DemoFile> upload;
  std::string readme;          // README.md of the second commit, "Update README.md"
  std::string branch_summary;  // the commit on branch "dev"
  DemoFile branch_change;
};

DemoRepoContent demo_repo_content(const RepoRecord& repo);

// ---- shared by the per-type generators ----

// The card metadata of a row: its cardData, or what its tags and fields say when it has none.
boost::json::object demo_card_data(const RepoRecord& repo);
// "---\n<yaml>---\n" for a card's metadata (plain scalars where YAML allows, else quoted).
std::string yaml_front_matter(const boost::json::object& card);
// The tag values after `prefix` ("license:" → "mit").
std::vector<std::string> tag_values(const RepoRecord& repo, std::string_view prefix);
// A short summary line of the row: "Qwen2.5 7B Instruct".
std::string display_title(const RepoRecord& repo);

// Model files (demo_model_files.cpp) and weights (demo_weights.cpp).
DemoRepoContent model_content(const RepoRecord& repo);
std::string model_card_body(const RepoRecord& repo, const boost::json::object& card, int64_t parameters);

enum class WeightLayout { Decoder, Encoder, Generic, Adapter };
WeightLayout weight_layout(const RepoRecord& repo);
// Tensors of one layout, split over `shards` files (1: a single file); their names in order.
struct Weights {
  std::vector<std::string> files;  // the bytes of each shard, a valid safetensors file
  std::string index_json;          // the weight_map index (shards > 1), else empty
  int64_t parameters = 0;
};
Weights demo_weights(WeightLayout layout, int shards, const std::vector<std::string>& shard_names);
// The config.json fields that agree with a layout's tensors.
boost::json::object layout_config(WeightLayout layout);
inline constexpr int kVocabSize = 128;
std::string tokenizer_json();

// Datasets and spaces (demo_repo_files.cpp).
DemoRepoContent dataset_content(const RepoRecord& repo);
DemoRepoContent space_content(const RepoRecord& repo);

}  // namespace hfhub::server::demo
