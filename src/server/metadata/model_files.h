#pragma once
// What a model repo's file names say about it. Each library looks for its own files
// (transformers: config.json, diffusers: model_index.json …), so the Hub infers `library_name`
// and weight-format tags from them when the card does not say.
#include <optional>
#include <string>
#include <vector>

#include "server/metadata/repo_files.h"

namespace hfhub::server {

// sentence-transformers (modules.json + config_sentence_transformers.json), diffusers
// (model_index.json), peft (adapter_config.json), transformers (config.json), gguf (only *.gguf
// weights); nullopt otherwise. Most specific first: a sentence-transformers repo also has config.json.
std::optional<std::string> infer_model_library(const std::vector<RepoFile>& files);

// Weight formats present, in the Hub's tag order: pytorch (pytorch_model*.bin), tf (tf_model.h5),
// jax (flax_model*.msgpack), rust (rust_model.ot), onnx (*.onnx), safetensors (*.safetensors),
// gguf (*.gguf).
std::vector<std::string> model_format_tags(const std::vector<RepoFile>& files);

}  // namespace hfhub::server
