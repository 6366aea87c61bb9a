// A demo model's files (demo_files.h): the files its row lists, each small and valid of its
// kind (configs that agree with the weights, a WordLevel tokenizer, safetensors weights, a GGUF
// header), plus the card and the chart the card shows.
#include <algorithm>
#include <map>
#include <string>

#include <boost/json.hpp>

#include "server/admin/demo_files.h"

namespace hfhub::server::demo {

namespace json = boost::json;

namespace {

constexpr const char* kTransformersVersion = "4.46.0";

bool lfs_tracked(std::string_view path) {
  for (const char* ext : {".safetensors", ".gguf", ".onnx", ".joblib", ".bin", ".pt", ".pth", ".ckpt", ".h5",
                          ".msgpack", ".parquet", ".png", ".jpg"})
    if (path.ends_with(ext)) return true;
  return false;
}

std::string pretty(const json::value& v) { return json::serialize(v) + "\n"; }

bool has_tag(const RepoRecord& repo, std::string_view tag) {
  return std::find(repo.tags.begin(), repo.tags.end(), tag) != repo.tags.end();
}

json::object row_config(const RepoRecord& repo) {
  boost::system::error_code ec;
  json::value v = repo.config_json.empty() ? json::value() : json::parse(repo.config_json, ec);
  json::object out;
  if (!ec && v.is_object())
    for (const char* key : {"architectures", "model_type"})
      if (const json::value* field = v.get_object().if_contains(key)) out[key] = *field;
  return out;
}

std::string model_config(const RepoRecord& repo, WeightLayout layout) {
  json::object config = row_config(repo);
  for (const auto& kv : layout_config(layout)) config[kv.key()] = kv.value();
  config["transformers_version"] = kTransformersVersion;
  return pretty(config);
}

std::string tokenizer_config(const RepoRecord& repo) {
  json::object c{{"bos_token", "<s>"},
                 {"eos_token", "</s>"},
                 {"unk_token", "<unk>"},
                 {"pad_token", "<pad>"},
                 {"model_max_length", 4096},
                 {"tokenizer_class", "PreTrainedTokenizerFast"},
                 {"clean_up_tokenization_spaces", false}};
  if (has_tag(repo, "conversational"))
    c["chat_template"] =
        "{% for message in messages %}<s>{{ message['role'] }}\n{{ message['content'] }}</s>\n{% endfor %}"
        "{% if add_generation_prompt %}<s>assistant\n{% endif %}";
  return pretty(c);
}

// A GGUF v3 file with no tensors and one key: the header tools read first.
std::string gguf_file(const RepoRecord& repo) {
  auto u32 = [](std::string& s, uint32_t v) {
    for (int b = 0; b < 4; ++b) s.push_back(char((v >> (8 * b)) & 0xff));
  };
  auto u64 = [](std::string& s, uint64_t v) {
    for (int b = 0; b < 8; ++b) s.push_back(char((v >> (8 * b)) & 0xff));
  };
  json::object config = row_config(repo);
  std::string arch = config.contains("model_type") ? std::string(config["model_type"].as_string()) : "llama";
  std::string out = "GGUF";
  u32(out, 3);
  u64(out, 0);  // tensors
  u64(out, 1);  // key-value pairs
  std::string key = "general.architecture";
  u64(out, key.size()), out += key;
  u32(out, 8);  // a string
  u64(out, arch.size()), out += arch;
  return out;
}

std::string small_file(std::string_view path) {
  if (path == "generation_config.json")
    return pretty({{"bos_token_id", 1},
                   {"eos_token_id", 2},
                   {"pad_token_id", 3},
                   {"do_sample", true},
                   {"temperature", 0.7},
                   {"top_p", 0.9},
                   {"max_new_tokens", 256},
                   {"transformers_version", kTransformersVersion}});
  if (path == "special_tokens_map.json")
    return pretty({{"bos_token", "<s>"}, {"eos_token", "</s>"}, {"unk_token", "<unk>"}, {"pad_token", "<pad>"}});
  if (path == "scheduler/scheduler_config.json")
    return pretty({{"_class_name", "EulerDiscreteScheduler"},
                   {"num_train_timesteps", 1000},
                   {"beta_start", 0.00085},
                   {"beta_end", 0.012}});
  if (path == "modules.json")
    return pretty(json::array{
        {{"idx", 0}, {"name", "0"}, {"path", ""}, {"type", "sentence_transformers.models.Transformer"}},
        {{"idx", 1}, {"name", "1"}, {"path", "1_Pooling"}, {"type", "sentence_transformers.models.Pooling"}}});
  if (path == "sentence_bert_config.json") return pretty({{"max_seq_length", 128}, {"do_lower_case", false}});
  if (path == "1_Pooling/config.json")
    return pretty(
        {{"word_embedding_dimension", 64}, {"pooling_mode_cls_token", false}, {"pooling_mode_mean_tokens", true}});
  if (path.ends_with(".json")) return "{}\n";
  // Weights in formats the demo does not build (ONNX, joblib): recognisable filler bytes.
  std::string out;
  while (out.size() < 4096) out += "hfhub demo placeholder for " + std::string(path) + "\n";
  return out;
}

std::string model_index(const RepoRecord& repo) {
  bool xl = repo.id.find("xl") != std::string::npos;
  json::object index{{"_class_name", xl ? "StableDiffusionXLPipeline" : "FluxPipeline"},
                     {"_diffusers_version", "0.31.0"},
                     {"scheduler", json::array{"diffusers", "EulerDiscreteScheduler"}},
                     {"vae", json::array{"diffusers", "AutoencoderKL"}},
                     {"text_encoder", json::array{"transformers", "CLIPTextModel"}}};
  index[xl ? "unet" : "transformer"] = json::array{"diffusers", xl ? "UNet2DConditionModel" : "FluxTransformer2DModel"};
  return pretty(index);
}

std::string adapter_config(const RepoRecord& repo) {
  json::object c = layout_config(WeightLayout::Adapter);
  auto bases = tag_values(repo, "base_model:");
  c["base_model_name_or_path"] = bases.empty() ? "" : bases.front();
  c["peft_type"] = "LORA";
  c["task_type"] = "CAUSAL_LM";
  c["lora_dropout"] = 0.05;
  c["bias"] = "none";
  return pretty(c);
}

// A bar chart of made-up scores, the image the card shows.
std::string eval_chart(const RepoRecord& repo) {
  std::string svg =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"360\" height=\"140\" viewBox=\"0 0 360 140\">\n"
      "<rect width=\"360\" height=\"140\" fill=\"#f8fafc\"/>\n";
  size_t h = std::hash<std::string>{}(repo.id);
  const char* names[] = {"MMLU", "ARC", "GSM8K", "HellaSwag"};
  for (int i = 0; i < 4; ++i) {
    int score = 40 + int((h >> (8 * i)) % 50);
    int y = 12 + 30 * i;
    svg += "<text x=\"8\" y=\"" + std::to_string(y + 14) + "\" font-size=\"12\" font-family=\"sans-serif\">" +
           names[i] + "</text>\n<rect x=\"90\" y=\"" + std::to_string(y) + "\" width=\"" + std::to_string(score * 2) +
           "\" height=\"18\" fill=\"#6366f1\"/>\n<text x=\"" + std::to_string(96 + score * 2) + "\" y=\"" +
           std::to_string(y + 14) + "\" font-size=\"12\" font-family=\"sans-serif\">" + std::to_string(score) +
           "</text>\n";
  }
  return svg + "</svg>\n";
}

// "model-00001-of-00003.safetensors" → "model.safetensors" (the group), else the name itself.
std::string weight_group(const std::string& path) {
  auto dash = path.rfind("-of-");
  if (dash == std::string::npos || dash < 6) return path;
  return path.substr(0, dash - 6) + path.substr(path.find('.', dash));
}

// Adds the weights of each safetensors group the row lists; returns the root files' parameters.
int64_t add_weights(const RepoRecord& repo, std::vector<DemoFile>& out) {
  std::map<std::string, std::vector<std::string>> groups;
  for (const Sibling& s : repo.siblings)
    if (s.rfilename.ends_with(".safetensors")) groups[weight_group(s.rfilename)].push_back(s.rfilename);
  int64_t root_parameters = 0;
  for (auto& [group, names] : groups) {
    std::sort(names.begin(), names.end());
    const bool root = group.find('/') == std::string::npos;
    WeightLayout layout = root ? weight_layout(repo) : WeightLayout::Generic;
    Weights w = demo_weights(layout, int(names.size()), names);
    for (size_t i = 0; i < names.size() && i < w.files.size(); ++i)
      out.push_back({names[i], std::move(w.files[i]), true});
    if (!w.index_json.empty()) out.push_back({group + ".index.json", pretty(json::parse(w.index_json)), false});
    if (root) root_parameters += w.parameters;
  }
  return root_parameters;
}

std::string file_for(const RepoRecord& repo, const std::string& path) {
  if (path == "config.json") return model_config(repo, weight_layout(repo));
  if (path == "tokenizer.json") return tokenizer_json();
  if (path == "tokenizer_config.json") return tokenizer_config(repo);
  if (path == "adapter_config.json") return adapter_config(repo);
  if (path == "model_index.json") return model_index(repo);
  if (path.ends_with(".gguf")) return gguf_file(repo);
  return small_file(path);
}

}  // namespace

DemoRepoContent model_content(const RepoRecord& repo) {
  DemoRepoContent c;
  c.upload_summary = "Upload model";
  int64_t parameters = add_weights(repo, c.upload);
  for (const Sibling& s : repo.siblings) {
    const std::string& path = s.rfilename;
    if (path == ".gitattributes" || path == "README.md" || path.ends_with(".safetensors") ||
        path.ends_with(".safetensors.index.json"))
      continue;
    c.upload.push_back({path, file_for(repo, path), lfs_tracked(path)});
  }
  c.upload.push_back({"assets/eval.svg", eval_chart(repo), false});
  json::object card = demo_card_data(repo);
  std::string front = yaml_front_matter(card);
  c.upload.push_back({"README.md", front + "\n# " + display_title(repo) + "\n\nWeights uploaded; the card follows.\n"});
  c.readme = front + model_card_body(repo, card, parameters);
  bool has_config =
      std::any_of(c.upload.begin(), c.upload.end(), [](const DemoFile& f) { return f.path == "config.json"; });
  if (has_config) {
    json::object config = json::parse(model_config(repo, weight_layout(repo))).as_object();
    config["max_position_embeddings"] = 8192;
    config["rope_scaling"] = {{"type", "linear"}, {"factor", 2.0}};
    c.branch_summary = "Extend the context to 8k tokens";
    c.branch_change = {"config.json", pretty(config), false};
  } else {
    c.branch_summary = "Draft a shorter card";
    c.branch_change = {"README.md", front + "\n# " + display_title(repo) + "\n\nA shorter card, under review.\n"};
  }
  return c;
}

std::string tokenizer_json() {
  json::object vocab;
  int id = 0;
  for (const char* special : {"<unk>", "<s>", "</s>", "<pad>"}) vocab[special] = id++;
  for (const char* word : {"the",   "a",     "of",  "and",   "to",   "in",  "is",    "that", "for",   "it",    "with",
                           "as",    "on",    "was", "model", "data", "hub", "token", "text", "image", "train", "test",
                           "hello", "world", "you", "we",    "this", "be",  "are",   "not",  "demo"})
    vocab[word] = id++;
  for (char ch = '!'; ch <= '~' && id < kVocabSize; ++ch)
    if (!vocab.contains(std::string(1, ch))) vocab[std::string(1, ch)] = id++;
  json::array added;
  for (int i = 0; i < 4; ++i)
    added.push_back({{"id", i},
                     {"content", std::array{"<unk>", "<s>", "</s>", "<pad>"}[size_t(i)]},
                     {"single_word", false},
                     {"lstrip", false},
                     {"rstrip", false},
                     {"normalized", false},
                     {"special", true}});
  return pretty({{"version", "1.0"},
                 {"truncation", nullptr},
                 {"padding", nullptr},
                 {"added_tokens", std::move(added)},
                 {"normalizer", {{"type", "Lowercase"}}},
                 {"pre_tokenizer", {{"type", "Whitespace"}}},
                 {"post_processor", nullptr},
                 {"decoder", nullptr},
                 {"model", {{"type", "WordLevel"}, {"vocab", std::move(vocab)}, {"unk_token", "<unk>"}}}});
}

}  // namespace hfhub::server::demo
