// The demo catalog's models (demo_catalog.h): foundation models first, then fine-tunes,
// quantizations, adapters and merges of them.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "common/path_segments.h"
#include "server/admin/demo_shared.h"
#include "server/catalog/taxonomy.h"

namespace hfhub::server::demo {

namespace json = boost::json;

namespace {

// Parameter count of a size label: "7B", "135M", "0.5B", "9b"; word sizes are rough guesses.
double parameter_count(std::string_view size) {
  char* end = nullptr;
  std::string s(size);
  double n = std::strtod(s.c_str(), &end);
  if (end != s.c_str() && *end) {
    char unit = char(std::toupper(static_cast<unsigned char>(*end)));
    if (unit == 'B' && end[1] == '\0') return n * 1e9;
    if (unit == 'M' && end[1] == '\0') return n * 1e6;
  }
  for (auto [word, params] : {std::pair<std::string_view, double>{"tiny", 3.9e7},
                              {"small", 2.4e8},
                              {"base", 1.1e8},
                              {"medium", 7.7e8},
                              {"large", 3.4e8},
                              {"mini", 3.8e9},
                              {"dev", 1.2e10},
                              {"schnell", 1.2e10},
                              {"T2V-1.3B", 1.3e9},
                              {"T2V-14B", 1.4e10}}) {
    if (size.find(word) != std::string_view::npos) return params;
  }
  return 1e8;
}

// A model other models derive from, remembered while the derivatives are generated.
struct Foundation {
  size_t family;
  std::string id;
  std::string name;  // without the namespace
  std::string size;
  int64_t created_ms;
};

void add_weights(RepoRecord& r, std::string_view stem, std::string_view ext, int64_t bytes) {
  constexpr int64_t kShard = 5'000'000'000;
  int64_t shards = std::max<int64_t>(1, (bytes + kShard - 1) / kShard);
  if (shards == 1) return add_sibling(r, std::string(stem) + "." + std::string(ext), bytes);
  char name[96];
  for (int64_t i = 1; i <= shards; ++i) {
    std::snprintf(name, sizeof name, "%.*s-%05lld-of-%05lld.%.*s", int(stem.size()), stem.data(), (long long)i,
                  (long long)shards, int(ext.size()), ext.data());
    add_sibling(r, name, bytes / shards);
  }
  add_sibling(r, std::string(stem) + "." + std::string(ext) + ".index.json", 20'000 + shards * 1'500);
}

enum class ModelKind { Original, FineTune, Gguf, Mlx, Adapter, Onnx, Merge };

ModelKind draw_kind(Rng& rng, Lineage lineage) {
  double u = rng.uniform();
  switch (lineage) {
    case Lineage::Llm:
      return u < 0.18   ? ModelKind::Gguf
             : u < 0.26 ? ModelKind::Mlx
             : u < 0.36 ? ModelKind::Adapter
             : u < 0.40 ? ModelKind::Onnx
             : u < 0.45 ? ModelKind::Merge
                        : ModelKind::FineTune;
    case Lineage::Diffusion:
      return u < 0.7 ? ModelKind::Adapter : ModelKind::FineTune;
    case Lineage::Encoder:
      return u < 0.08 ? ModelKind::Onnx : ModelKind::FineTune;
    case Lineage::Standalone:
      return ModelKind::Original;
  }
  return ModelKind::FineTune;
}

class ModelGenerator {
 public:
  ModelGenerator(const DemoOptions& o, const Owners& owners, int64_t now)
      : rng_(o.seed, 0x6d6f64656c73), owners_(owners), now_(now), total_(o.models) {
    for (size_t i = 0;
         i < std::min<size_t>(demo::foundation_datasets().size(), size_t(std::max<int64_t>(o.datasets, 0))); ++i)
      datasets_.push_back(owners.org(i) + "/" + std::string(demo::foundation_datasets()[i].name));
    plan_foundations();
  }

  void run(const RepoSink& sink) {
    for (int64_t i = 0; i < total_; ++i) sink(i < int64_t(plan_.size()) ? foundation(size_t(i)) : derived(i));
  }

 private:
  // Every family x size x variant, interleaved across families so a small catalog still covers them.
  void plan_foundations() {
    const std::span<const Family> families = demo::model_families();
    std::vector<std::vector<Foundation>> per_family(families.size());
    for (size_t f = 0; f < families.size(); ++f)
      for (const std::string& size : words(families[f].sizes))
        for (const std::string& variant : words(families[f].variants)) {
          std::string name = join({families[f].name, size, variant == "_" ? "" : variant});
          per_family[f].push_back({f, owners_.org(f) + "/" + name, name, size, 0});
        }
    for (size_t round = 0; plan_.size() < size_t(total_); ++round) {
      bool any = false;
      for (auto& list : per_family)
        if (round < list.size()) plan_.push_back(list[round]), any = true;
      if (!any) break;
    }
    if (plan_.size() > size_t(total_)) plan_.resize(size_t(total_));
    by_family_.resize(families.size());
    for (size_t i = 0; i < plan_.size(); ++i) by_family_[plan_[i].family].push_back(i);
  }

  RepoRecord foundation(size_t i) {
    Foundation& f = plan_[i];
    const Family& fam = demo::model_families()[f.family];
    // Foundations are older, so derivatives can be created after them.
    f.created_ms = kHubFloorMs + int64_t(std::pow(rng_.uniform(), 1.5) * double(now_ - 45 * kDayMs - kHubFloorMs));
    RepoRecord r = build(fam, ModelKind::Original, f.id, nullptr, f.size);
    fill_common(rng_, r, now_, f.created_ms, 20'000 + rng_.lognormal(10, 1.8));
    r.is_private = false;
    if (fam.license == "llama3.1" || fam.license == "llama3.2" || fam.license == "gemma") r.gated = Gated::Manual;
    return r;
  }

  RepoRecord derived(int64_t index) {
    size_t f = draw_family();
    const Family& fam = demo::model_families()[f];
    const Foundation* base = by_family_[f].empty() ? nullptr : &plan_[by_family_[f][rng_.below(by_family_[f].size())]];
    ModelKind kind = base ? draw_kind(rng_, fam.lineage) : ModelKind::Original;
    // Browser (ONNX) conversions are made of small models only.
    if (kind == ModelKind::Onnx && parameter_count(base->size) > 4e9) kind = ModelKind::FineTune;
    std::string size = base ? base->size : words(fam.sizes).front();
    std::string stem = base ? base->name : join({fam.name, size});
    std::string uid = base36(index);
    const std::string& topic = rng_.pick(demo::topics());
    std::string name;
    switch (kind) {
      case ModelKind::Gguf:
        name = join({stem, rng_.chance(0.5) ? topic : "", uid, "GGUF"});
        break;
      case ModelKind::Mlx:
        name = join({stem, uid, rng_.chance(0.6) ? "4bit" : "8bit"});
        break;
      case ModelKind::Onnx:
        name = join({stem, uid, "ONNX"});
        break;
      case ModelKind::Merge:
        name = join({stem, topic, "merge", uid});
        break;
      case ModelKind::Adapter:
        name = fam.lineage == Lineage::Diffusion ? join({fam.name, rng_.pick(demo::image_styles()), "lora", uid})
                                                 : join({stem, topic, "lora", uid});
        break;
      case ModelKind::FineTune:
        name = fam.lineage == Lineage::Llm         ? join({stem, topic, rng_.chance(0.5) ? "sft" : "dpo", uid})
               : fam.lineage == Lineage::Diffusion ? join({stem, rng_.pick(demo::image_styles()), uid})
                                                   : join({stem, "finetuned", topic, uid});
        break;
      case ModelKind::Original:
        name = join({stem, uid});
        break;
    }
    RepoRecord r = build(fam, kind, owners_.any(rng_) + "/" + name, base, size);
    fill_common(rng_, r, now_, draw_created(rng_, now_, base ? base->created_ms + kDayMs : kHubFloorMs),
                rng_.lognormal(1.6, 2.4));
    // Fresh uploads often carry neither a task nor a library until their README lands.
    if (rng_.chance(0.15)) {
      drop_field_and_tag(r, r.pipeline_tag);
      std::erase(r.tags, std::string("conversational"));
    }
    if (rng_.chance(0.10)) drop_field_and_tag(r, r.library_name);
    if (rng_.chance(0.01)) r.tags.insert(r.tags.end() - 1, "not-for-all-audiences");
    return r;
  }

  static void drop_field_and_tag(RepoRecord& r, std::optional<std::string>& field) {
    if (!field) return;
    std::erase(r.tags, *field);
    field.reset();
  }

  size_t draw_family() {
    static const double total = [] {
      double t = 0;
      for (const Family& f : demo::model_families()) t += f.weight;
      return t;
    }();
    const std::span<const Family> families = demo::model_families();
    double x = rng_.uniform() * total;
    for (size_t i = 0; i < families.size(); ++i) {
      if (x < families[i].weight) return i;
      x -= families[i].weight;
    }
    return families.size() - 1;
  }

  // Tags, files, card data and config, in the order the Hub writes tags.
  // What the tags say that the model card repeats.
  struct CardFacts {
    std::vector<std::string> languages;
    std::vector<std::string> datasets;
    std::string license;
  };

  // Tags, files, card data and config, in the order the Hub writes tags.
  RepoRecord build(const Family& fam, ModelKind kind, std::string id, const Foundation* base, const std::string& size) {
    RepoRecord r;
    r.type = RepoType::Model;
    r.author = std::string(split_first_segment(id).first);
    r.id = std::move(id);
    std::string library(fam.library);
    if (kind == ModelKind::Gguf) library = "gguf";
    if (kind == ModelKind::Mlx) library = "mlx";
    if (kind == ModelKind::Onnx) library = "transformers.js";
    if (kind == ModelKind::Adapter && fam.lineage == Lineage::Llm) library = "peft";
    r.library_name = library;
    r.pipeline_tag = std::string(fam.pipeline);
    CardFacts facts = add_tags(r, fam, kind, base, library);
    add_files(r, fam, kind, size);
    add_card(r, fam, base, library, facts);
    add_config(r, fam, kind, base, library, size);
    return r;
  }

  CardFacts add_tags(RepoRecord& r, const Family& fam, ModelKind kind, const Foundation* base,
                     const std::string& library) {
    CardFacts facts;
    const bool transformers_like = !fam.model_type.empty();
    auto& t = r.tags;
    t.push_back(library);
    if (kind == ModelKind::Adapter && library == "peft") t.push_back("transformers");
    if (kind == ModelKind::Onnx)
      t.push_back("onnx");
    else if (kind != ModelKind::Gguf && (transformers_like || fam.lineage == Lineage::Diffusion))
      t.push_back("safetensors");
    if (transformers_like) t.push_back(std::string(fam.model_type));
    t.push_back(std::string(fam.pipeline));
    if (kind == ModelKind::Adapter) t.push_back("lora");
    if (kind == ModelKind::Adapter && fam.lineage == Lineage::Diffusion) t.push_back("template:sd-lora");
    if (kind == ModelKind::Merge) t.push_back("mergekit"), t.push_back("merge");
    if (kind == ModelKind::FineTune && fam.lineage == Lineage::Llm) t.push_back("trl");
    if (fam.chat) t.push_back("conversational");
    std::vector<std::string>& languages = facts.languages;
    if (fam.lineage != Lineage::Standalone && rng_.chance(0.4)) {
      languages.push_back(rng_.chance(0.8) ? "en" : common_languages()[rng_.below(common_languages().size())].id);
      while (languages.size() < 4 && rng_.chance(0.3)) {
        std::string lang = common_languages()[rng_.below(20)].id;
        if (std::find(languages.begin(), languages.end(), lang) == languages.end()) languages.push_back(lang);
      }
    }
    t.insert(t.end(), languages.begin(), languages.end());
    std::vector<std::string>& datasets = facts.datasets;
    if (base && !datasets_.empty() && rng_.chance(0.2)) {
      datasets.push_back(rng_.pick(datasets_));
      t.push_back("dataset:" + datasets.back());
    }
    if (rng_.chance(0.05)) t.push_back("arxiv:1910.09700");  // the model card template's citation
    if (rng_.chance(0.12)) {
      char paper[24];
      std::snprintf(paper, sizeof paper, "arxiv:%02d%02d.%05d", int(rng_.between(17, 26)), int(rng_.between(1, 13)),
                    int(rng_.between(1, 20000)));
      t.push_back(paper);
    }
    if (base) {
      std::string_view relation = kind == ModelKind::Gguf || kind == ModelKind::Mlx || kind == ModelKind::Onnx
                                      ? "quantized"
                                  : kind == ModelKind::Adapter ? "adapter"
                                  : kind == ModelKind::Merge   ? "merge"
                                                               : "finetune";
      t.push_back("base_model:" + base->id);
      t.push_back("base_model:" + std::string(relation) + ":" + base->id);
    }
    std::string& license = facts.license;
    license = fam.license;
    if (base && rng_.chance(0.2)) license = common_licenses()[rng_.below(common_licenses().size())].id;
    t.push_back("license:" + license);
    if (fam.lineage == Lineage::Llm && library == "transformers") t.push_back("text-generation-inference");
    if (library == "transformers" || library == "gguf" || library == "sentence-transformers")
      t.push_back("endpoints_compatible");
    t.push_back("region:us");
    return facts;
  }

  void add_card(RepoRecord& r, const Family& fam, const Foundation* base, const std::string& library,
                const CardFacts& facts) {
    if (rng_.chance(0.7)) {
      json::object card{{"license", facts.license}, {"library_name", library}, {"pipeline_tag", fam.pipeline}};
      if (!facts.languages.empty()) card["language"] = to_json_array(facts.languages);
      if (!facts.datasets.empty()) card["datasets"] = to_json_array(facts.datasets);
      if (base) card["base_model"] = base->id;
      json::array card_tags;
      for (const std::string& tag : r.tags)
        if (tag == "lora" || tag == "trl" || tag == "merge" || tag == "mergekit") card_tags.emplace_back(tag);
      if (!card_tags.empty()) card["tags"] = std::move(card_tags);
      r.card_data_json = json::serialize(card);
    }
  }

  void add_config(RepoRecord& r, const Family& fam, ModelKind kind, const Foundation* base, const std::string& library,
                  const std::string& size) {
    const bool transformers_like = !fam.model_type.empty();
    double params = parameter_count(size);
    if (kind == ModelKind::Adapter && library == "peft") {
      r.config_json = json::serialize(
          json::object{{"peft", {{"base_model_name_or_path", base ? base->id : ""}, {"task_type", "CAUSAL_LM"}}}});
    } else if (transformers_like && kind != ModelKind::Gguf) {
      json::object config{{"architectures", json::array{fam.architecture}}, {"model_type", fam.model_type}};
      r.config_json = json::serialize(config);
      json::object extra;
      if (kind != ModelKind::Adapter && kind != ModelKind::Onnx)
        extra["safetensors"] = {{"parameters", {{"BF16", int64_t(params)}}}, {"total", int64_t(params)}};
      extra["transformersInfo"] = {
          {"auto_model", fam.auto_model}, {"pipeline_tag", fam.pipeline}, {"processor", "AutoTokenizer"}};
      r.extra_json = json::serialize(extra);
    } else if (kind == ModelKind::Gguf) {
      r.extra_json = json::serialize(json::object{
          {"gguf", {{"total", int64_t(params)}, {"architecture", fam.model_type}, {"context_length", 32768}}}});
    }
  }

  void add_files(RepoRecord& r, const Family& fam, ModelKind kind, const std::string& size) {
    const int64_t params = int64_t(parameter_count(size));
    add_sibling(r, ".gitattributes", 1519);
    add_sibling(r, "README.md", rng_.between(800, 12'000));
    auto tokenizer = [&] {
      add_sibling(r, "tokenizer.json", rng_.between(2'000'000, 11'000'000));
      add_sibling(r, "tokenizer_config.json", rng_.between(1'000, 60'000));
      add_sibling(r, "special_tokens_map.json", rng_.between(300, 700));
    };
    switch (kind) {
      case ModelKind::Gguf:
        for (const char* quant : {"Q4_K_M", "Q5_K_M", "Q8_0"})
          add_sibling(r, std::string(fam.name) + "-" + size + "-" + quant + ".gguf",
                      int64_t(double(params) * (quant[1] == '8'   ? 1.07
                                                : quant[1] == '5' ? 0.71
                                                                  : 0.6)));
        return;
      case ModelKind::Adapter:
        if (fam.lineage != Lineage::Diffusion) add_sibling(r, "adapter_config.json", rng_.between(600, 1'200));
        add_weights(r, fam.lineage == Lineage::Diffusion ? "pytorch_lora_weights" : "adapter_model", "safetensors",
                    std::max<int64_t>(2'000'000, params / 200));
        return;
      case ModelKind::Onnx:
        add_sibling(r, "config.json", rng_.between(600, 2'000));
        add_sibling(r, "onnx/model.onnx", params * 4);
        add_sibling(r, "onnx/model_quantized.onnx", params);
        return tokenizer();
      default:
        break;
    }
    if (fam.lineage == Lineage::Diffusion) {
      add_sibling(r, "model_index.json", rng_.between(500, 900));
      add_sibling(r, "scheduler/scheduler_config.json", rng_.between(400, 800));
      add_weights(
          r, fam.name == "stable-diffusion-xl" ? "unet/diffusion_pytorch_model" : "transformer/diffusion_pytorch_model",
          "safetensors", params * 2);
      add_sibling(r, "vae/diffusion_pytorch_model.safetensors", 167'000'000);
      add_sibling(r, "text_encoder/model.safetensors", 246'000'000);
      return;
    }
    if (fam.lineage == Lineage::Standalone) {
      add_sibling(r, "config.json", rng_.between(300, 3'000));
      add_sibling(r, fam.library == "sklearn" ? "model.joblib" : "model.safetensors", rng_.between(50'000, 80'000'000));
      return;
    }
    add_sibling(r, "config.json", rng_.between(600, 4'000));
    if (fam.lineage == Lineage::Llm) add_sibling(r, "generation_config.json", rng_.between(150, 300));
    add_weights(r, "model", "safetensors", int64_t(double(params) * (kind == ModelKind::Mlx ? 0.6 : 2.0)));
    if (fam.library == "sentence-transformers") {
      add_sibling(r, "modules.json", 349);
      add_sibling(r, "sentence_bert_config.json", 53);
      add_sibling(r, "1_Pooling/config.json", 296);
    }
    if (!fam.model_type.empty()) tokenizer();
  }

  Rng rng_;
  const Owners& owners_;
  int64_t now_;
  int64_t total_;
  std::vector<std::string> datasets_;           // foundation dataset ids the models can cite
  std::vector<Foundation> plan_;                // the first plan_.size() models, in stream order
  std::vector<std::vector<size_t>> by_family_;  // indices into plan_
};

}  // namespace

void generate_models(const DemoOptions& o, const Owners& owners, int64_t now, const RepoSink& sink) {
  ModelGenerator(o, owners, now).run(sink);
}

}  // namespace hfhub::server::demo
