#pragma once
// The Hub's vocabulary of tasks, libraries, languages and licenses: what tags mean, and the
// bodies of the tag/metric discovery endpoints. Tasks and libraries come from the npm package
// @huggingface/tasks (resources/taxonomy.json, compiled in); languages, licenses and metrics
// are short built-in lists of the common ones.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hfhub::server {

// A tag value and its display name, e.g. {"en", "English"} or {"apache-2.0", "Apache 2.0"}.
struct Label {
  std::string id;
  std::string label;
};

struct PipelineTag {
  std::string id;               // "text-generation"
  std::string label;            // "Text Generation"
  std::string modality;         // "nlp", "cv", "audio", "multimodal", "tabular", "rl", "other"
  std::vector<Label> subtasks;  // dataset task_ids, e.g. {"sentiment-analysis", ...}
  bool hide_in_models = false;
  bool hide_in_datasets = false;
};

struct Library {
  std::string id;            // "transformers"
  std::string pretty_label;  // "Transformers"
  std::string repo_name;
  std::string repo_url;
};

class Taxonomy {
 public:
  // The compiled-in taxonomy, parsed on first use.
  static const Taxonomy& builtin();
  // Parses the resources/taxonomy.json format. Throws std::invalid_argument when malformed.
  static Taxonomy from_json(std::string_view json);

  std::string_view source_version() const { return source_version_; }
  const std::vector<Label>& modalities() const { return modalities_; }
  const std::vector<PipelineTag>& pipeline_tags() const { return pipeline_tags_; }
  // Libraries a model can declare as library_name: the package's list plus the weight formats
  // the Hub also treats as libraries (pytorch, tf, jax, safetensors, onnx, gguf).
  const std::vector<Library>& model_libraries() const { return model_libraries_; }
  const std::vector<Library>& dataset_libraries() const { return dataset_libraries_; }

  const PipelineTag* find_pipeline_tag(std::string_view id) const;
  const Library* find_model_library(std::string_view id) const;
  // Libraries the package lists for a task ("text-generation" -> transformers, ...).
  std::vector<std::string> libraries_for_task(std::string_view pipeline_tag) const;

 private:
  std::string source_version_;
  std::vector<Label> modalities_;
  std::vector<PipelineTag> pipeline_tags_;
  std::vector<Library> model_libraries_;
  std::vector<Library> dataset_libraries_;
  std::vector<std::pair<std::string, std::vector<std::string>>> task_libraries_;
};

// Common ISO 639-1 languages with English names, most used on the Hub first.
std::span<const Label> common_languages();
// Common license tag values (without the "license:" prefix), most used first.
std::span<const Label> common_licenses();

// Response bodies of the no-auth discovery endpoints, built once from Taxonomy::builtin().
const std::string& models_tags_by_type_json();    // GET /api/models-tags-by-type
const std::string& datasets_tags_by_type_json();  // GET /api/datasets-tags-by-type
const std::string& metrics_json();                // GET /api/metrics

// GET /api/models-tags-by-type with the catalog's most frequent tags (RepoStore::tag_counts)
// added: "dataset:*" under "dataset", "arxiv:*" under "arxiv", and plain tags no other type
// claims under "other"; each type holds at most `max_per_type` entries. Not cached: counts
// move as the catalog changes.
std::string models_tags_by_type_json(std::span<const std::pair<std::string, int64_t>> tag_counts,
                                     size_t max_per_type = 100);

}  // namespace hfhub::server
