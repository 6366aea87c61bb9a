// Small but valid safetensors weights for the demo content (demo_files.h): the tensors of a
// scaled-down model of each layout, with shapes that agree with layout_config(), so the
// parameter count the metadata reads from the header is the one the config implies.
#include <cstring>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "server/admin/demo_files.h"

namespace hfhub::server::demo {

namespace json = boost::json;

namespace {

constexpr int kHidden = 64, kLayers = 2, kHeads = 4, kKvHeads = 2, kIntermediate = 256, kPositions = 128;
constexpr int kHeadDim = kHidden / kHeads, kLoraRank = 8;

struct Tensor {
  std::string name;
  std::vector<int64_t> shape;
  bool ones = false;  // norm weights start at 1
};

int64_t elements(const Tensor& t) {
  int64_t n = 1;
  for (int64_t d : t.shape) n *= d;
  return n;
}

std::vector<Tensor> decoder_tensors() {
  std::vector<Tensor> t{{"model.embed_tokens.weight", {kVocabSize, kHidden}}};
  for (int l = 0; l < kLayers; ++l) {
    std::string p = "model.layers." + std::to_string(l) + ".";
    t.push_back({p + "input_layernorm.weight", {kHidden}, true});
    t.push_back({p + "self_attn.q_proj.weight", {kHidden, kHidden}});
    t.push_back({p + "self_attn.k_proj.weight", {kKvHeads * kHeadDim, kHidden}});
    t.push_back({p + "self_attn.v_proj.weight", {kKvHeads * kHeadDim, kHidden}});
    t.push_back({p + "self_attn.o_proj.weight", {kHidden, kHidden}});
    t.push_back({p + "post_attention_layernorm.weight", {kHidden}, true});
    t.push_back({p + "mlp.gate_proj.weight", {kIntermediate, kHidden}});
    t.push_back({p + "mlp.up_proj.weight", {kIntermediate, kHidden}});
    t.push_back({p + "mlp.down_proj.weight", {kHidden, kIntermediate}});
  }
  t.push_back({"model.norm.weight", {kHidden}, true});
  t.push_back({"lm_head.weight", {kVocabSize, kHidden}});
  return t;
}

std::vector<Tensor> encoder_tensors() {
  std::vector<Tensor> t{{"embeddings.word_embeddings.weight", {kVocabSize, kHidden}},
                        {"embeddings.position_embeddings.weight", {kPositions, kHidden}},
                        {"embeddings.token_type_embeddings.weight", {2, kHidden}},
                        {"embeddings.LayerNorm.weight", {kHidden}, true},
                        {"embeddings.LayerNorm.bias", {kHidden}}};
  for (int l = 0; l < kLayers; ++l) {
    std::string p = "encoder.layer." + std::to_string(l) + ".";
    for (const char* m :
         {"attention.self.query", "attention.self.key", "attention.self.value", "attention.output.dense"}) {
      t.push_back({p + m + ".weight", {kHidden, kHidden}});
      t.push_back({p + m + ".bias", {kHidden}});
    }
    t.push_back({p + "attention.output.LayerNorm.weight", {kHidden}, true});
    t.push_back({p + "attention.output.LayerNorm.bias", {kHidden}});
    t.push_back({p + "intermediate.dense.weight", {kIntermediate, kHidden}});
    t.push_back({p + "intermediate.dense.bias", {kIntermediate}});
    t.push_back({p + "output.dense.weight", {kHidden, kIntermediate}});
    t.push_back({p + "output.dense.bias", {kHidden}});
    t.push_back({p + "output.LayerNorm.weight", {kHidden}, true});
    t.push_back({p + "output.LayerNorm.bias", {kHidden}});
  }
  t.push_back({"pooler.dense.weight", {kHidden, kHidden}});
  t.push_back({"pooler.dense.bias", {kHidden}});
  return t;
}

// A small convolutional network: what image, audio and diffusion weights look like.
std::vector<Tensor> generic_tensors() {
  constexpr int c = 32;
  std::vector<Tensor> t{{"conv_in.weight", {c, 4, 3, 3}}, {"conv_in.bias", {c}}};
  for (int b = 0; b < kLayers; ++b) {
    std::string p = "blocks." + std::to_string(b) + ".";
    t.push_back({p + "norm.weight", {c}, true});
    t.push_back({p + "norm.bias", {c}});
    t.push_back({p + "conv.weight", {c, c, 3, 3}});
    t.push_back({p + "conv.bias", {c}});
  }
  t.push_back({"conv_out.weight", {4, c, 3, 3}});
  t.push_back({"conv_out.bias", {4}});
  return t;
}

std::vector<Tensor> adapter_tensors() {
  std::vector<Tensor> t;
  for (int l = 0; l < kLayers; ++l)
    for (const char* m : {"q_proj", "v_proj"}) {
      std::string p = "base_model.model.model.layers." + std::to_string(l) + ".self_attn." + m;
      t.push_back({p + ".lora_A.weight", {kLoraRank, kHidden}});
      t.push_back({p + ".lora_B.weight", {kHidden, kLoraRank}});
    }
  return t;
}

// Decoders ship in bfloat16 as on the Hub; the others in float32.
bool bf16(WeightLayout layout) { return layout == WeightLayout::Decoder || layout == WeightLayout::Adapter; }

// Little-endian values from a fixed xorshift stream: small weights, ones for norms.
void append_values(std::string& data, const Tensor& t, bool half, uint64_t& state) {
  for (int64_t i = 0, n = elements(t); i < n; ++i) {
    float v = 1.0f;
    if (!t.ones) {
      state ^= state << 13, state ^= state >> 7, state ^= state << 17;
      v = float(int64_t(state % 2001) - 1000) * 5e-5f;
    }
    uint32_t bits;
    std::memcpy(&bits, &v, 4);
    for (int b = half ? 2 : 0; b < 4; ++b) data.push_back(char((bits >> (8 * b)) & 0xff));
  }
}

// One safetensors file: u64 header length, the JSON header (padded with spaces to 8 bytes, as
// the format allows), then the tensors' bytes in header order.
std::string safetensors_file(const std::vector<Tensor>& tensors, bool half, uint64_t seed) {
  json::object header;
  std::string data;
  uint64_t state = seed | 1;
  for (const Tensor& t : tensors) {
    size_t begin = data.size();
    append_values(data, t, half, state);
    json::array shape;
    for (int64_t d : t.shape) shape.emplace_back(d);
    header[t.name] = {{"dtype", half ? "BF16" : "F32"},
                      {"shape", std::move(shape)},
                      {"data_offsets", json::array{begin, data.size()}}};
  }
  header["__metadata__"] = {{"format", "pt"}};
  std::string text = json::serialize(header);
  text.append((8 - text.size() % 8) % 8, ' ');
  std::string out(8, '\0');
  for (int b = 0; b < 8; ++b) out[size_t(b)] = char((uint64_t(text.size()) >> (8 * b)) & 0xff);
  return out + text + data;
}

}  // namespace

WeightLayout weight_layout(const RepoRecord& repo) {
  if (repo.library_name == "peft") return WeightLayout::Adapter;
  const std::string pipeline = repo.pipeline_tag.value_or("");
  if (pipeline == "text-generation" || pipeline == "image-text-to-text" || pipeline == "text2text-generation")
    return WeightLayout::Decoder;
  for (const char* task : {"fill-mask", "feature-extraction", "sentence-similarity", "text-classification",
                           "token-classification", "question-answering", "zero-shot-classification", "text-ranking"})
    if (pipeline == task) return WeightLayout::Encoder;
  return WeightLayout::Generic;
}

Weights demo_weights(WeightLayout layout, int shards, const std::vector<std::string>& shard_names) {
  std::vector<Tensor> tensors = layout == WeightLayout::Decoder   ? decoder_tensors()
                                : layout == WeightLayout::Encoder ? encoder_tensors()
                                : layout == WeightLayout::Adapter ? adapter_tensors()
                                                                  : generic_tensors();
  Weights out;
  for (const Tensor& t : tensors) out.parameters += elements(t);
  shards = std::max(1, std::min<int>(shards, int(tensors.size())));
  json::object weight_map;
  int64_t total_size = 0;
  for (int s = 0; s < shards; ++s) {
    size_t from = tensors.size() * size_t(s) / size_t(shards), to = tensors.size() * size_t(s + 1) / size_t(shards);
    std::vector<Tensor> part(tensors.begin() + long(from), tensors.begin() + long(to));
    for (const Tensor& t : part) {
      total_size += elements(t) * (bf16(layout) ? 2 : 4);
      if (size_t(s) < shard_names.size()) weight_map[t.name] = shard_names[size_t(s)];
    }
    out.files.push_back(safetensors_file(part, bf16(layout), 0x5eed0000u + uint64_t(layout) * 131 + uint64_t(s)));
  }
  if (shards > 1)
    out.index_json =
        json::serialize(json::object{{"metadata", {{"total_size", total_size}}}, {"weight_map", weight_map}});
  return out;
}

boost::json::object layout_config(WeightLayout layout) {
  switch (layout) {
    case WeightLayout::Decoder:
      return {{"vocab_size", kVocabSize},
              {"hidden_size", kHidden},
              {"intermediate_size", kIntermediate},
              {"num_hidden_layers", kLayers},
              {"num_attention_heads", kHeads},
              {"num_key_value_heads", kKvHeads},
              {"head_dim", kHeadDim},
              {"hidden_act", "silu"},
              {"max_position_embeddings", 4096},
              {"rms_norm_eps", 1e-6},
              {"rope_theta", 10000.0},
              {"tie_word_embeddings", false},
              {"bos_token_id", 1},
              {"eos_token_id", 2},
              {"pad_token_id", 3},
              {"torch_dtype", "bfloat16"}};
    case WeightLayout::Encoder:
      return {{"vocab_size", kVocabSize},
              {"hidden_size", kHidden},
              {"intermediate_size", kIntermediate},
              {"num_hidden_layers", kLayers},
              {"num_attention_heads", kHeads},
              {"hidden_act", "gelu"},
              {"max_position_embeddings", kPositions},
              {"type_vocab_size", 2},
              {"layer_norm_eps", 1e-12},
              {"pad_token_id", 3},
              {"torch_dtype", "float32"}};
    case WeightLayout::Generic:
      return {{"num_channels", 4}, {"hidden_size", 32}, {"num_blocks", kLayers}, {"torch_dtype", "float32"}};
    case WeightLayout::Adapter:
      break;
  }
  return {{"r", kLoraRank}, {"lora_alpha", 16}, {"target_modules", json::array{"q_proj", "v_proj"}}};
}

}  // namespace hfhub::server::demo
