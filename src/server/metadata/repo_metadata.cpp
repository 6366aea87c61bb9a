#include "server/metadata/repo_metadata.h"

#include <algorithm>
#include <array>
#include <string_view>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include "server/metadata/card_data.h"
#include "server/metadata/model_files.h"
#include "server/metadata/repo_tags.h"
#include "server/metadata/safetensors_header.h"

namespace hfhub::server {
namespace {

namespace json = boost::json;

// Front matter sits at the top of a README; a card whose metadata does not end within 1 MiB
// is not worth holding a commit for.
constexpr size_t kReadmeReadBytes = size_t(1) << 20;
// config.json, tokenizer_config.json and the safetensors index are small, but some tokenizer
// configs list every added token; larger files are skipped, not truncated into invalid JSON.
constexpr size_t kJsonFileMaxBytes = size_t(16) << 20;

constexpr std::string_view kSafetensorsIndex = "model.safetensors.index.json";
constexpr std::array<std::string_view, 5> kTokenizerConfigKeys{"bos_token", "eos_token", "pad_token", "unk_token",
                                                               "chat_template"};

std::optional<std::string> read_prefix(const RepoFiles& repo, std::string_view path, size_t max_bytes) {
  if (!repo.read_prefix || !repo.find(path)) return std::nullopt;
  return repo.read_prefix(path, max_bytes);
}

std::optional<json::object> read_json_object(const RepoFiles& repo, std::string_view path) {
  const RepoFile* file = repo.find(path);
  if (!file || content_size(*file) > int64_t(kJsonFileMaxBytes)) return std::nullopt;
  auto text = read_prefix(repo, path, kJsonFileMaxBytes);
  if (!text) return std::nullopt;
  boost::system::error_code ec;
  json::value v = json::parse(*text, ec);
  if (ec || !v.is_object()) return std::nullopt;
  return std::move(v.get_object());
}

std::optional<std::string> string_field(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  if (!v || !v->is_string() || v->get_string().empty()) return std::nullopt;
  return std::string(v->get_string());
}

bool has_chat_template(const std::optional<json::object>& tokenizer_config) {
  if (!tokenizer_config) return false;
  const json::value* t = tokenizer_config->if_contains("chat_template");
  return t && ((t->is_string() && !t->get_string().empty()) || (t->is_array() && !t->get_array().empty()));
}

// The Hub's `config` field: what a client needs to pick a loader and a chat format, without
// shipping the whole config.json.
std::string model_config_json(const json::object& config, const std::optional<json::object>& tokenizer_config) {
  json::object out;
  if (const json::value* a = config.if_contains("architectures"); a && a->is_array()) out["architectures"] = *a;
  if (auto model_type = string_field(config, "model_type")) out["model_type"] = *model_type;
  if (tokenizer_config) {
    json::object subset;
    for (std::string_view key : kTokenizerConfigKeys)
      if (const json::value* v = tokenizer_config->if_contains(key); v && !v->is_null()) subset[key] = *v;
    if (!subset.empty()) out["tokenizer_config"] = std::move(subset);
  }
  return json::serialize(out);
}

// Weight files whose headers are counted: the shards the index names (a repo may also hold a
// consolidated copy that must not be counted twice), else every root-level .safetensors file.
std::optional<std::vector<std::string>> safetensors_shards(const RepoFiles& repo) {
  std::vector<std::string> shards;
  if (repo.find(kSafetensorsIndex)) {
    auto index = read_json_object(repo, kSafetensorsIndex);
    const json::value* map = index ? index->if_contains("weight_map") : nullptr;
    if (!map || !map->is_object()) return std::nullopt;
    for (const auto& kv : map->get_object()) {
      if (!kv.value().is_string()) return std::nullopt;
      std::string shard(kv.value().get_string());
      if (std::find(shards.begin(), shards.end(), shard) == shards.end()) shards.push_back(std::move(shard));
    }
    return shards;
  }
  for (const RepoFile& f : repo.files)
    if (f.rfilename.find('/') == std::string::npos && f.rfilename.ends_with(".safetensors"))
      shards.push_back(f.rfilename);
  return shards;
}

// "" unless every shard's header reads: a partial count would publish a wrong model size.
std::string safetensors_json(const RepoFiles& repo) {
  auto shards = safetensors_shards(repo);
  if (!shards || shards->empty()) return "";
  SafetensorsCounts sum;
  for (const std::string& shard : *shards) {
    auto head = read_prefix(repo, shard, 8);
    auto extent = head ? safetensors_header_extent(*head) : std::nullopt;
    if (!extent) return "";
    auto bytes = read_prefix(repo, shard, size_t(*extent));
    if (!bytes) return "";
    SafetensorsHeaderResult parsed = parse_safetensors_header(*bytes);
    if (!parsed.ok) return "";
    for (const auto& [dtype, n] : parsed.counts.parameters) sum.parameters[dtype] += n;
    sum.total += parsed.counts.total;
  }
  json::object parameters;
  for (const auto& [dtype, n] : sum.parameters) parameters[dtype] = n;
  return json::serialize(json::object{{"parameters", std::move(parameters)}, {"total", sum.total}});
}

void derive_model(const json::object& card, const RepoFiles& repo, DerivedMetadata& out) {
  auto config = read_json_object(repo, "config.json");
  auto tokenizer_config = read_json_object(repo, "tokenizer_config.json");

  ModelFileFacts facts;
  facts.library_name = card_string(card, "library_name");
  if (!facts.library_name) facts.library_name = infer_model_library(repo.files);
  facts.format_tags = model_format_tags(repo.files);
  if (config) facts.model_type = string_field(*config, "model_type");
  facts.has_chat_template = has_chat_template(tokenizer_config);

  out.tags = model_tags(card, facts);
  out.pipeline_tag = card_string(card, "pipeline_tag");
  out.library_name = facts.library_name;
  if (config) out.config_json = model_config_json(*config, tokenizer_config);
  out.safetensors_json = safetensors_json(repo);
}

}  // namespace

DerivedMetadata derive_repo_metadata(RepoType type, const RepoFiles& repo) {
  DerivedMetadata out;
  for (const RepoFile& f : repo.files) out.used_storage += content_size(f);

  json::object card;
  if (auto readme = read_prefix(repo, "README.md", kReadmeReadBytes))
    if (auto parsed = parse_card_data(*readme)) card = std::move(*parsed);
  if (!card.empty()) out.card_data_json = json::serialize(card);

  switch (type) {
    case RepoType::Model:
      derive_model(card, repo, out);
      break;
    case RepoType::Dataset:
      out.tags = dataset_tags(card);
      break;
    case RepoType::Space:
      out.tags = space_tags(card);
      out.sdk = card_string(card, "sdk");
      break;
  }
  return out;
}

}  // namespace hfhub::server
