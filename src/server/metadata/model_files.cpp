#include "server/metadata/model_files.h"

#include <algorithm>
#include <string_view>

namespace hfhub::server {
namespace {

bool has_root_file(const std::vector<RepoFile>& files, std::string_view name) {
  return std::any_of(files.begin(), files.end(), [&](const RepoFile& f) { return f.rfilename == name; });
}

bool has_extension(const std::vector<RepoFile>& files, std::string_view extension) {
  return std::any_of(files.begin(), files.end(), [&](const RepoFile& f) { return f.rfilename.ends_with(extension); });
}

// A root-level file whose name has this stem and extension; sharded checkpoints add a suffix
// (pytorch_model-00001-of-00002.bin).
bool has_root_weights(const std::vector<RepoFile>& files, std::string_view stem, std::string_view extension) {
  return std::any_of(files.begin(), files.end(), [&](const RepoFile& f) {
    return f.rfilename.find('/') == std::string::npos && f.rfilename.starts_with(stem) &&
           f.rfilename.ends_with(extension);
  });
}

}  // namespace

std::optional<std::string> infer_model_library(const std::vector<RepoFile>& files) {
  if (has_root_file(files, "modules.json") && has_root_file(files, "config_sentence_transformers.json"))
    return "sentence-transformers";
  if (has_root_file(files, "model_index.json")) return "diffusers";
  if (has_root_file(files, "adapter_config.json")) return "peft";
  if (has_root_file(files, "config.json")) return "transformers";
  if (has_extension(files, ".gguf")) return "gguf";
  return std::nullopt;
}

std::vector<std::string> model_format_tags(const std::vector<RepoFile>& files) {
  std::vector<std::string> tags;
  if (has_root_weights(files, "pytorch_model", ".bin")) tags.emplace_back("pytorch");
  if (has_root_weights(files, "tf_model", ".h5")) tags.emplace_back("tf");
  if (has_root_weights(files, "flax_model", ".msgpack")) tags.emplace_back("jax");
  if (has_root_file(files, "rust_model.ot")) tags.emplace_back("rust");
  if (has_extension(files, ".onnx")) tags.emplace_back("onnx");
  if (has_extension(files, ".safetensors")) tags.emplace_back("safetensors");
  if (has_extension(files, ".gguf")) tags.emplace_back("gguf");
  return tags;
}

}  // namespace hfhub::server
