#pragma once
// A repo's `tags`, assembled from its card and files in the order the Hub writes them. Tags are
// what `?filter=` matches, so prefixes matter: `license:mit`, `dataset:squad`, and for datasets
// `language:en` (a model's languages are bare codes).
#include <optional>
#include <string>
#include <vector>

#include <boost/json/object.hpp>

namespace hfhub::server {

// What the files of a model add to its tags (see model_files.h and repo_metadata.h).
struct ModelFileFacts {
  std::optional<std::string> library_name;  // the card's, else inferred
  std::vector<std::string> format_tags;     // pytorch, safetensors, gguf …
  std::optional<std::string> model_type;    // config.json `model_type`
  bool has_chat_template = false;           // tokenizer_config.json → "conversational"
};

// library, formats, model_type, pipeline_tag, card tags, conversational, languages,
// dataset:<id>, base_model:<id>, license:<id>, region:us.
std::vector<std::string> model_tags(const boost::json::object& card, const ModelFileFacts& facts);

// task_categories:, task_ids:, annotations_creators:, language_creators:, multilinguality:,
// source_datasets:, language:, license:, size_categories:, region:us, then the card's own tags
// (the Hub lists them after region:us for datasets).
std::vector<std::string> dataset_tags(const boost::json::object& card);

// sdk, card tags, region:us.
std::vector<std::string> space_tags(const boost::json::object& card);

}  // namespace hfhub::server
