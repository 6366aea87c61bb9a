#pragma once
// The demo catalog's vocabulary: the fixed words, names and weighted choices the generator
// (demo_catalog.cpp) draws from. Data only; the order of every list is part of the output, since
// the generator picks by index, so reordering or editing an entry changes every seeded catalog.
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace hfhub::server::demo {

// A value drawn with probability weight / (sum of the list's weights).
struct Weighted {
  std::string_view value;
  double weight;
};

// Splits a space-separated list: "a b  c" -> {"a", "b", "c"}.
std::vector<std::string> words(std::string_view text);

// ---------------------------------------------------------------------------------------------
// Accounts

const std::vector<std::string>& first_names();
const std::vector<std::string>& last_names();
// Invented organisations; deliberately not the names of real companies.
const std::vector<std::string>& org_names();

// ---------------------------------------------------------------------------------------------
// Model families: what foundation models exist and what their derivatives look like.

enum class Lineage { Llm, Diffusion, Encoder, Standalone };

struct Family {
  std::string_view name;          // id prefix, "Qwen2.5"
  std::string_view model_type;    // config.json model_type; empty when not a transformers model
  std::string_view architecture;  // config.json architectures[0]
  std::string_view auto_model;    // transformersInfo.auto_model
  std::string_view pipeline;
  std::string_view library;
  std::string_view sizes;     // space-separated
  std::string_view variants;  // space-separated; "_" = no variant
  std::string_view license;
  Lineage lineage;
  bool chat;
  double weight;  // share of the derived models
};
// Weights put text-generation at ~30% before the 15% of untagged models, ~25% after.
std::span<const Family> model_families();

// Words in derived model and dataset names: "Qwen2.5-7B-medqa-sft-1a", "FLUX.1-dev-anime-2b".
const std::vector<std::string>& topics();
const std::vector<std::string>& image_styles();

// ---------------------------------------------------------------------------------------------
// Datasets

// The datasets published first, by the orgs, which foundation models cite.
struct FoundationDataset {
  std::string_view name, task, modality, format, size, license, languages;
};
std::span<const FoundationDataset> foundation_datasets();

// task_categories of the other datasets; "" = any other task the taxonomy offers datasets.
std::span<const Weighted> dataset_task_weights();
const std::vector<std::string>& dataset_size_categories();  // smallest first
const std::vector<std::string>& dataset_name_suffixes();

// ---------------------------------------------------------------------------------------------
// Spaces

std::span<const Weighted> space_sdk_weights();
const std::vector<std::string>& space_subjects();
const std::vector<std::string>& space_app_words();
const std::vector<std::string>& space_emojis();
const std::vector<std::string>& space_colors();
const std::vector<std::string>& space_runtime_stages();  // repeats weight the draw

}  // namespace hfhub::server::demo
