#include "server/admin/demo_catalog.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <map>
#include <random>
#include <set>
#include <span>
#include <string_view>

#include <boost/json.hpp>

#include "common/hash.h"
#include "common/iso_time.h"
#include "server/admin/demo_vocabulary.h"
#include "server/catalog/taxonomy.h"

namespace hfhub::server {

namespace json = boost::json;

namespace {

using demo::Family;
using demo::FoundationDataset;
using demo::Lineage;
using demo::Weighted;
using demo::words;

constexpr int64_t kDayMs = 86'400'000;
// The Hub reports this createdAt for every repo older than its createdAt bookkeeping.
constexpr int64_t kHubFloorMs = 1'646'263'744'000;  // 2022-03-02T23:29:04.000Z

// Random draws built only from mt19937_64 output: the std distributions are
// implementation-defined, and a seed must give the same catalog with every standard library.
class Rng {
 public:
  Rng(uint64_t seed, uint64_t stream) {
    std::seed_seq seq{uint32_t(seed), uint32_t(seed >> 32), uint32_t(stream), uint32_t(stream >> 32)};
    gen_.seed(seq);
  }
  double uniform() { return double(gen_() >> 11) * 0x1.0p-53; }
  bool chance(double p) { return uniform() < p; }
  size_t below(size_t n) { return n == 0 ? 0 : size_t(gen_() % n); }
  int64_t between(int64_t lo, int64_t hi) { return hi <= lo ? lo : lo + int64_t(gen_() % uint64_t(hi - lo)); }
  double normal() {  // Box-Muller
    double u1 = std::max(uniform(), 1e-300), u2 = uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
  }
  double lognormal(double mu, double sigma) { return std::exp(mu + sigma * normal()); }
  double exponential(double mean) { return -mean * std::log(std::max(uniform(), 1e-300)); }
  template <class T>
  const T& pick(const std::vector<T>& v) { return v[below(v.size())]; }
  std::string hex(size_t chars) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string out(chars, '0');
    uint64_t bits = 0;
    for (size_t i = 0; i < chars; ++i) {
      if (i % 16 == 0) bits = gen_();
      out[i] = digits[(bits >> (4 * (i % 16))) & 15];
    }
    return out;
  }

 private:
  std::mt19937_64 gen_;
};

std::string_view pick_weighted(Rng& rng, std::span<const Weighted> items) {
  double total = 0;
  for (const Weighted& w : items) total += w.weight;
  double x = rng.uniform() * total;
  for (const Weighted& w : items) {
    if (x < w.weight) return w.value;
    x -= w.weight;
  }
  return items.back().value;
}

// An ObjectId laid out like make_object_id (creation seconds first, so `_id` order follows
// createdAt) but with the other 8 bytes drawn from the seeded generator, for determinism.
std::string seeded_object_id(Rng& rng, int64_t created_ms) {
  char head[9];
  std::snprintf(head, sizeof head, "%08x", unsigned(uint32_t(created_ms / 1000)));
  return std::string(head) + rng.hex(16);
}

std::string base36(int64_t n) {
  std::string out;
  do {
    out.insert(out.begin(), "0123456789abcdefghijklmnopqrstuvwxyz"[n % 36]);
    n /= 36;
  } while (n > 0);
  return out;
}

std::string join(std::initializer_list<std::string_view> parts) {
  std::string out;
  for (std::string_view p : parts) {
    if (p.empty()) continue;
    if (!out.empty()) out += '-';
    out += p;
  }
  return out;
}

json::array to_json_array(const std::vector<std::string>& v) {
  json::array a;
  for (const std::string& s : v) a.emplace_back(s);
  return a;
}

// ---------------------------------------------------------------------------------------------
// Accounts

std::string capitalized(std::string_view w) {
  std::string s(w);
  if (!s.empty()) s[0] = char(std::toupper(static_cast<unsigned char>(s[0])));
  return s;
}

std::string display_name_of_org(std::string_view name) {
  std::string out;
  for (const std::string& part : words([&] {
         std::string s(name);
         std::replace(s.begin(), s.end(), '-', ' ');
         return s;
       }())) {
    if (!out.empty()) out += ' ';
    if (part == "ai" || part == "ml" || part == "nlp") {
      for (char c : part) out += char(std::toupper(static_cast<unsigned char>(c)));
    } else {
      out += capitalized(part);
    }
  }
  return out;
}

Account make_account(Rng& rng, AccountKind kind, std::string name, std::string fullname, int64_t now) {
  Account a;
  a.kind = kind;
  a.created_at_ms = rng.between(kHubFloorMs, std::max(kHubFloorMs + 1, now - 30 * kDayMs));
  a.object_id = seeded_object_id(rng, a.created_at_ms);
  a.email = kind == AccountKind::User ? name + "@example.com" : "";
  a.avatar_url = "/avatars/" + sha256_hex(name).substr(0, 32) + ".svg";
  a.name = std::move(name);
  a.fullname = std::move(fullname);
  return a;
}

// ---------------------------------------------------------------------------------------------
// Models

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
  for (auto [word, params] : {std::pair<std::string_view, double>{"tiny", 3.9e7}, {"small", 2.4e8}, {"base", 1.1e8},
                              {"medium", 7.7e8}, {"large", 3.4e8}, {"mini", 3.8e9}, {"dev", 1.2e10},
                              {"schnell", 1.2e10}, {"T2V-1.3B", 1.3e9}, {"T2V-14B", 1.4e10}}) {
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

class Owners {
 public:
  explicit Owners(const DemoAccounts& a) {
    for (const Account& o : a.orgs) orgs_.push_back(o.name);
    for (const Account& u : a.users) users_.push_back(u.name);
  }
  const std::string& org(size_t i) const { return orgs_[i % orgs_.size()]; }
  // Uploads are skewed: a few namespaces own a large share, as on the Hub.
  const std::string& any(Rng& rng) const {
    const auto& pool = (users_.empty() || rng.chance(0.3)) ? orgs_ : users_;
    double u = rng.uniform();
    return pool[std::min(pool.size() - 1, size_t(u * u * double(pool.size())))];
  }

 private:
  std::vector<std::string> orgs_, users_;
};

// Fields every repo type gets the same way: dates, popularity, visibility, sha, `_id`.
void fill_common(Rng& rng, RepoRecord& r, int64_t now, int64_t created, double popularity) {
  r.created_at_ms = std::clamp(created, kHubFloorMs, now);
  int64_t idle = now - r.created_at_ms;
  r.last_modified_ms = r.created_at_ms + (rng.chance(0.3) ? std::min<int64_t>(idle, rng.between(1000, 600'000))
                                                          : std::min<int64_t>(idle, int64_t(rng.exponential(15.0 * kDayMs))));
  r.object_id = seeded_object_id(rng, r.created_at_ms);
  r.sha = rng.hex(40);
  double age_days = double(idle) / kDayMs;
  if (age_days < 30) popularity *= std::max(0.02, age_days / 30);
  r.downloads = int64_t(popularity);
  r.downloads_all_time = r.downloads + int64_t(double(r.downloads) * std::max(0.0, age_days / 30 - 1) *
                                               (0.2 + 0.6 * rng.uniform()));
  r.likes = int64_t(std::pow(popularity, 0.55) * rng.lognormal(-1.6, 0.8));
  // Trending follows recent likes: a burst that decays over two weeks, then a trickle.
  double recent = age_days < 14 ? double(r.likes) * (1.0 - age_days / 14) : double(r.likes) * 0.02 * rng.uniform();
  r.trending_score = std::floor(recent);
  r.is_private = rng.chance(0.02);
  if (rng.chance(0.03)) r.gated = rng.chance(0.5) ? Gated::Auto : Gated::Manual;
}

// createdAt: ~20% in the last week, the rest skewed towards recent times since `earliest`.
int64_t draw_created(Rng& rng, int64_t now, int64_t earliest) {
  int64_t week_ago = now - 7 * kDayMs;
  earliest = std::min(std::max(earliest, kHubFloorMs), week_ago);
  if (rng.chance(0.2)) return week_ago + int64_t(rng.uniform() * double(now - week_ago));
  return earliest + int64_t(std::pow(rng.uniform(), 0.6) * double(week_ago - earliest));
}

// Sizes only: LFS hashes would add ~100 bytes per weight file to every row of a 1M-repo
// catalog, and no listing shows them (only repo info with blobs=true).
void add_sibling(RepoRecord& r, std::string name, int64_t size) {
  r.siblings.push_back(Sibling{std::move(name), size, std::nullopt, std::nullopt, std::nullopt});
  r.used_storage += size;
}

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
      return u < 0.18 ? ModelKind::Gguf : u < 0.26 ? ModelKind::Mlx : u < 0.36 ? ModelKind::Adapter
             : u < 0.40 ? ModelKind::Onnx : u < 0.45 ? ModelKind::Merge : ModelKind::FineTune;
    case Lineage::Diffusion: return u < 0.7 ? ModelKind::Adapter : ModelKind::FineTune;
    case Lineage::Encoder: return u < 0.08 ? ModelKind::Onnx : ModelKind::FineTune;
    case Lineage::Standalone: return ModelKind::Original;
  }
  return ModelKind::FineTune;
}

class ModelGenerator {
 public:
  ModelGenerator(const DemoOptions& o, const Owners& owners, int64_t now)
      : rng_(o.seed, 0x6d6f64656c73), owners_(owners), now_(now), total_(o.models) {
    for (size_t i = 0; i < std::min<size_t>(demo::foundation_datasets().size(), size_t(std::max<int64_t>(o.datasets, 0))); ++i)
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
      case ModelKind::Gguf: name = join({stem, rng_.chance(0.5) ? topic : "", uid, "GGUF"}); break;
      case ModelKind::Mlx: name = join({stem, uid, rng_.chance(0.6) ? "4bit" : "8bit"}); break;
      case ModelKind::Onnx: name = join({stem, uid, "ONNX"}); break;
      case ModelKind::Merge: name = join({stem, topic, "merge", uid}); break;
      case ModelKind::Adapter:
        name = fam.lineage == Lineage::Diffusion ? join({fam.name, rng_.pick(demo::image_styles()), "lora", uid})
                                                 : join({stem, topic, "lora", uid});
        break;
      case ModelKind::FineTune:
        name = fam.lineage == Lineage::Llm ? join({stem, topic, rng_.chance(0.5) ? "sft" : "dpo", uid})
               : fam.lineage == Lineage::Diffusion ? join({stem, rng_.pick(demo::image_styles()), uid})
                                                   : join({stem, "finetuned", topic, uid});
        break;
      case ModelKind::Original: name = join({stem, uid}); break;
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
  RepoRecord build(const Family& fam, ModelKind kind, std::string id, const Foundation* base, const std::string& size) {
    RepoRecord r;
    r.type = RepoType::Model;
    r.author = id.substr(0, id.find('/'));
    r.id = std::move(id);
    std::string library(fam.library);
    if (kind == ModelKind::Gguf) library = "gguf";
    if (kind == ModelKind::Mlx) library = "mlx";
    if (kind == ModelKind::Onnx) library = "transformers.js";
    if (kind == ModelKind::Adapter && fam.lineage == Lineage::Llm) library = "peft";
    r.library_name = library;
    r.pipeline_tag = std::string(fam.pipeline);

    const bool transformers_like = !fam.model_type.empty();
    auto& t = r.tags;
    t.push_back(library);
    if (kind == ModelKind::Adapter && library == "peft") t.push_back("transformers");
    if (kind == ModelKind::Onnx) t.push_back("onnx");
    else if (kind != ModelKind::Gguf && (transformers_like || fam.lineage == Lineage::Diffusion)) t.push_back("safetensors");
    if (transformers_like) t.push_back(std::string(fam.model_type));
    t.push_back(std::string(fam.pipeline));
    if (kind == ModelKind::Adapter) t.push_back("lora");
    if (kind == ModelKind::Adapter && fam.lineage == Lineage::Diffusion) t.push_back("template:sd-lora");
    if (kind == ModelKind::Merge) t.push_back("mergekit"), t.push_back("merge");
    if (kind == ModelKind::FineTune && fam.lineage == Lineage::Llm) t.push_back("trl");
    if (fam.chat) t.push_back("conversational");
    std::vector<std::string> languages;
    if (fam.lineage != Lineage::Standalone && rng_.chance(0.4)) {
      languages.push_back(rng_.chance(0.8) ? "en" : common_languages()[rng_.below(common_languages().size())].id);
      while (languages.size() < 4 && rng_.chance(0.3)) {
        std::string lang = common_languages()[rng_.below(20)].id;
        if (std::find(languages.begin(), languages.end(), lang) == languages.end()) languages.push_back(lang);
      }
    }
    t.insert(t.end(), languages.begin(), languages.end());
    std::vector<std::string> datasets;
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
      std::string_view relation = kind == ModelKind::Gguf || kind == ModelKind::Mlx || kind == ModelKind::Onnx ? "quantized"
                                  : kind == ModelKind::Adapter                       ? "adapter"
                                  : kind == ModelKind::Merge                         ? "merge"
                                                                                     : "finetune";
      t.push_back("base_model:" + base->id);
      t.push_back("base_model:" + std::string(relation) + ":" + base->id);
    }
    std::string license(fam.license);
    if (base && rng_.chance(0.2)) license = common_licenses()[rng_.below(common_licenses().size())].id;
    t.push_back("license:" + license);
    if (fam.lineage == Lineage::Llm && library == "transformers") t.push_back("text-generation-inference");
    if (library == "transformers" || library == "gguf" || library == "sentence-transformers") t.push_back("endpoints_compatible");
    t.push_back("region:us");

    add_files(r, fam, kind, size);
    if (rng_.chance(0.7)) {
      json::object card{{"license", license}, {"library_name", library}, {"pipeline_tag", fam.pipeline}};
      if (!languages.empty()) card["language"] = to_json_array(languages);
      if (!datasets.empty()) card["datasets"] = to_json_array(datasets);
      if (base) card["base_model"] = base->id;
      json::array card_tags;
      for (const std::string& tag : t)
        if (tag == "lora" || tag == "trl" || tag == "merge" || tag == "mergekit") card_tags.emplace_back(tag);
      if (!card_tags.empty()) card["tags"] = std::move(card_tags);
      r.card_data_json = json::serialize(card);
    }
    double params = parameter_count(size);
    if (kind == ModelKind::Adapter && library == "peft") {
      r.config_json = json::serialize(json::object{
          {"peft", {{"base_model_name_or_path", base ? base->id : ""}, {"task_type", "CAUSAL_LM"}}}});
    } else if (transformers_like && kind != ModelKind::Gguf) {
      json::object config{{"architectures", json::array{fam.architecture}}, {"model_type", fam.model_type}};
      r.config_json = json::serialize(config);
      json::object extra;
      if (kind != ModelKind::Adapter && kind != ModelKind::Onnx)
        extra["safetensors"] = {{"parameters", {{"BF16", int64_t(params)}}}, {"total", int64_t(params)}};
      extra["transformersInfo"] = {{"auto_model", fam.auto_model}, {"pipeline_tag", fam.pipeline},
                                   {"processor", "AutoTokenizer"}};
      r.extra_json = json::serialize(extra);
    } else if (kind == ModelKind::Gguf) {
      r.extra_json = json::serialize(json::object{
          {"gguf", {{"total", int64_t(params)}, {"architecture", fam.model_type}, {"context_length", 32768}}}});
    }
    return r;
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
                      int64_t(double(params) * (quant[1] == '8' ? 1.07 : quant[1] == '5' ? 0.71 : 0.6)));
        return;
      case ModelKind::Adapter:
        if (fam.lineage != Lineage::Diffusion) add_sibling(r, "adapter_config.json", rng_.between(600, 1'200));
        add_weights(r, fam.lineage == Lineage::Diffusion ? "pytorch_lora_weights" : "adapter_model",
                    "safetensors", std::max<int64_t>(2'000'000, params / 200));
        return;
      case ModelKind::Onnx:
        add_sibling(r, "config.json", rng_.between(600, 2'000));
        add_sibling(r, "onnx/model.onnx", params * 4);
        add_sibling(r, "onnx/model_quantized.onnx", params);
        return tokenizer();
      default: break;
    }
    if (fam.lineage == Lineage::Diffusion) {
      add_sibling(r, "model_index.json", rng_.between(500, 900));
      add_sibling(r, "scheduler/scheduler_config.json", rng_.between(400, 800));
      add_weights(r, fam.name == "stable-diffusion-xl" ? "unet/diffusion_pytorch_model" : "transformer/diffusion_pytorch_model",
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
  std::vector<std::string> datasets_;          // foundation dataset ids the models can cite
  std::vector<Foundation> plan_;               // the first plan_.size() models, in stream order
  std::vector<std::vector<size_t>> by_family_; // indices into plan_
};

// ---------------------------------------------------------------------------------------------
// Datasets and spaces

std::string_view modality_of(const PipelineTag& task) {
  if (task.id == "robotics") return "video";
  if (task.id == "time-series-forecasting") return "timeseries";
  if (task.modality == "cv" || task.modality == "multimodal") return "image";
  if (task.modality == "audio") return "audio";
  if (task.modality == "tabular") return "tabular";
  return "text";
}

std::string_view format_for(Rng& rng, std::string_view modality) {
  if (modality == "image") return rng.chance(0.6) ? "imagefolder" : "parquet";
  if (modality == "audio") return rng.chance(0.6) ? "audiofolder" : "parquet";
  if (modality == "tabular" || modality == "timeseries") return rng.chance(0.5) ? "csv" : "parquet";
  double u = rng.uniform();
  return u < 0.6 ? "parquet" : u < 0.85 ? "json" : u < 0.95 ? "csv" : "text";
}

void generate_datasets(const DemoOptions& o, const Owners& owners, int64_t now, const RepoSink& sink) {
  Rng rng(o.seed, 0x6461746173657473);
  const Taxonomy& tax = Taxonomy::builtin();
  std::vector<const PipelineTag*> dataset_tasks;
  for (const PipelineTag& p : tax.pipeline_tags())
    if (!p.hide_in_datasets && p.id != "other") dataset_tasks.push_back(&p);
  const auto& sizes = demo::dataset_size_categories();
  const auto& suffixes = demo::dataset_name_suffixes();

  for (int64_t i = 0; i < o.datasets; ++i) {
    RepoRecord r;
    r.type = RepoType::Dataset;
    const bool foundation = i < int64_t(demo::foundation_datasets().size());
    FoundationDataset spec{};
    if (foundation) {
      spec = demo::foundation_datasets()[i];
      r.id = owners.org(size_t(i)) + "/" + std::string(spec.name);
    } else {
      std::string_view task = pick_weighted(rng, demo::dataset_task_weights());
      const PipelineTag* p = task.empty() ? dataset_tasks[rng.below(dataset_tasks.size())] : tax.find_pipeline_tag(task);
      spec.task = p->id;
      spec.modality = modality_of(*p);
      spec.format = format_for(rng, spec.modality);
      spec.size = sizes[std::min(sizes.size() - 1, size_t(rng.exponential(1.5)))];
      spec.license = common_licenses()[rng.below(common_licenses().size())].id;
      spec.languages = spec.modality == "text" || rng.chance(0.3) ? (rng.chance(0.8) ? "en" : "fr") : "";
      r.id = owners.any(rng) + "/" + join({rng.pick(demo::topics()), rng.pick(suffixes), base36(i)});
    }
    r.author = r.id.substr(0, r.id.find('/'));
    const PipelineTag* task = tax.find_pipeline_tag(spec.task);
    auto& t = r.tags;
    t.push_back("task_categories:" + std::string(spec.task));
    if (task && !task->subtasks.empty() && rng.chance(0.2)) t.push_back("task_ids:" + rng.pick(task->subtasks).id);
    std::vector<std::string> languages = words(spec.languages);
    for (const std::string& l : languages) t.push_back("language:" + l);
    t.push_back("license:" + std::string(spec.license));
    t.push_back("size_categories:" + std::string(spec.size));
    t.push_back("format:" + std::string(spec.format));
    t.push_back("modality:" + std::string(spec.modality));
    if (spec.modality == "image" && rng.chance(0.5)) t.push_back("modality:text");
    t.push_back("library:datasets");
    if (spec.format != "imagefolder" && spec.format != "audiofolder") {
      if (rng.chance(0.6)) t.push_back("library:pandas");
      if (rng.chance(0.4)) t.push_back("library:polars");
    }
    if (rng.chance(0.6)) t.push_back("library:mlcroissant");
    if (rng.chance(0.05)) {
      char paper[24];
      std::snprintf(paper, sizeof paper, "arxiv:%02d%02d.%05d", int(rng.between(20, 26)), int(rng.between(1, 13)),
                    int(rng.between(1, 20000)));
      t.push_back(paper);
    }
    t.push_back("region:us");

    add_sibling(r, ".gitattributes", 2307);
    add_sibling(r, "README.md", rng.between(300, 20'000));
    std::string ext = spec.format == "json" ? "jsonl" : spec.format == "csv" ? "csv" : spec.format == "text" ? "txt" : "parquet";
    int64_t shards = 1 + int64_t(rng.exponential(1.0));
    for (int64_t s = 0; s < shards; ++s) {
      char name[64];
      std::snprintf(name, sizeof name, "data/train-%05lld-of-%05lld.%s", (long long)s, (long long)shards, ext.c_str());
      add_sibling(r, name, rng.between(100'000, 500'000'000));
    }
    add_sibling(r, "data/test-00000-of-00001." + ext, rng.between(10'000, 50'000'000));

    if (rng.chance(0.7)) {
      json::object card{{"license", spec.license}, {"task_categories", json::array{spec.task}},
                        {"size_categories", json::array{spec.size}}};
      if (!languages.empty()) card["language"] = to_json_array(languages);
      card["pretty_name"] = display_name_of_org(r.id.substr(r.id.find('/') + 1));
      r.card_data_json = json::serialize(card);
    }
    if (rng.chance(0.5))
      r.extra_json = json::serialize(json::object{
          {"description", "A " + std::string(spec.modality) + " dataset for " + (task ? task->label : std::string(spec.task)) +
                              " (" + std::string(spec.size) + " rows)."}});
    int64_t created = foundation ? kHubFloorMs + int64_t(rng.uniform() * double(now - 60 * kDayMs - kHubFloorMs))
                                 : draw_created(rng, now, kHubFloorMs);
    fill_common(rng, r, now, created, foundation ? 5'000 + rng.lognormal(9, 1.5) : rng.lognormal(1.2, 2.3));
    if (foundation) r.is_private = false;
    sink(std::move(r));
  }
}

void generate_spaces(const DemoOptions& o, const Owners& owners, int64_t now, const RepoSink& sink) {
  Rng rng(o.seed, 0x737061636573);
  const auto& subjects = demo::space_subjects();
  const auto& apps = demo::space_app_words();
  const auto& emojis = demo::space_emojis();
  const auto& colors = demo::space_colors();
  const auto& stages = demo::space_runtime_stages();
  for (int64_t i = 0; i < o.spaces; ++i) {
    RepoRecord r;
    r.type = RepoType::Space;
    const std::string& subject = rng.pick(subjects);
    const std::string& app = rng.pick(apps);
    r.id = owners.any(rng) + "/" + join({subject, app, base36(i)});
    r.author = r.id.substr(0, r.id.find('/'));
    std::string sdk(pick_weighted(rng, demo::space_sdk_weights()));
    r.sdk = sdk;
    r.tags.push_back(sdk);
    if (sdk == "gradio" && rng.chance(0.1)) r.tags.push_back("mcp-server");
    if (subject == "leaderboard" || subject == "arena") r.tags.push_back("leaderboard");
    r.tags.push_back("region:us");

    add_sibling(r, ".gitattributes", 1519);
    add_sibling(r, "README.md", rng.between(250, 2'000));
    if (sdk == "docker") add_sibling(r, "Dockerfile", rng.between(200, 1'500));
    if (sdk == "static") {
      add_sibling(r, "index.html", rng.between(1'000, 30'000));
    } else {
      add_sibling(r, "app.py", rng.between(800, 40'000));
      add_sibling(r, "requirements.txt", rng.between(20, 400));
    }
    std::string title = capitalized(subject) + " " + capitalized(app);
    std::string license = common_licenses()[rng.below(8)].id;
    if (rng.chance(0.9)) {
      json::object card{{"title", title}, {"emoji", rng.pick(emojis)}, {"colorFrom", rng.pick(colors)},
                        {"colorTo", rng.pick(colors)}, {"sdk", sdk}, {"pinned", rng.chance(0.1)}, {"license", license}};
      if (sdk == "gradio") card["sdk_version"] = "5.9.1", card["app_file"] = "app.py";
      if (sdk == "streamlit") card["sdk_version"] = "1.41.0", card["app_file"] = "app.py";
      r.card_data_json = json::serialize(card);
    }
    std::string subdomain = r.id;
    for (char& c : subdomain) c = std::isalnum(static_cast<unsigned char>(c)) ? char(std::tolower(c)) : '-';
    json::object runtime{{"stage", rng.pick(stages)},
                         {"hardware", {{"current", "cpu-basic"}, {"requested", "cpu-basic"}}},
                         {"storage", nullptr},
                         {"replicas", {{"current", 1}, {"requested", 1}}}};
    r.extra_json = json::serialize(json::object{{"runtime", runtime}, {"subdomain", subdomain}, {"host", "https://" + subdomain + ".hf.space"}});
    fill_common(rng, r, now, draw_created(rng, now, kHubFloorMs), rng.lognormal(1.0, 2.2));
    r.downloads = r.downloads_all_time = 0;  // spaces are visited, not downloaded
    r.gated = Gated::No;
    sink(std::move(r));
  }
}

int64_t resolve_now(const DemoOptions& o) { return o.now_ms > 0 ? o.now_ms : now_ms(); }

}  // namespace

DemoAccounts generate_demo_accounts(const DemoOptions& o) {
  Rng rng(o.seed, 0x6163636f756e7473);
  const int64_t now = resolve_now(o);
  DemoAccounts out;
  std::set<std::string> taken;
  // At least one org: foundation repos are published by organisations.
  for (int64_t i = 0; i < std::max<int64_t>(1, o.orgs); ++i) {
    const std::vector<std::string>& names = demo::org_names();
    std::string name = size_t(i) < names.size() ? names[size_t(i)] : names[size_t(i) % names.size()] + "-" + base36(i);
    taken.insert(name);
    std::string fullname = display_name_of_org(name);
    out.orgs.push_back(make_account(rng, AccountKind::Org, std::move(name), std::move(fullname), now));
  }
  for (int64_t i = 0; i < o.users; ++i) {
    const std::string& first = rng.pick(demo::first_names());
    const std::string& last = rng.pick(demo::last_names());
    std::string name;
    switch (rng.below(4)) {
      case 0: name = first + "-" + last; break;
      case 1: name = first + last.substr(0, 1); break;
      case 2: name = first + "_" + last; break;
      default: name = first.substr(0, 1) + last; break;
    }
    if (!taken.insert(name).second) taken.insert(name += std::to_string(i));
    out.users.push_back(make_account(rng, AccountKind::User, std::move(name), capitalized(first) + " " + capitalized(last), now));
  }
  for (const Account& org : out.orgs) {
    if (out.users.empty()) break;
    size_t members = std::min<size_t>(out.users.size(), 2 + rng.below(7));
    std::set<size_t> chosen;
    while (chosen.size() < members) {
      size_t u = rng.below(out.users.size());
      if (!chosen.insert(u).second) continue;
      double x = rng.uniform();
      OrgRole role = chosen.size() == 1 ? OrgRole::Admin
                     : x < 0.4          ? OrgRole::Write
                     : x < 0.7          ? OrgRole::Read
                     : x < 0.9          ? OrgRole::Contributor
                                        : OrgRole::Admin;
      out.memberships.push_back({org.name, out.users[u].name, role});
    }
  }
  return out;
}

void generate_demo_repos(const DemoOptions& o, RepoType type, const RepoSink& sink) {
  const int64_t now = resolve_now(o);
  DemoAccounts accounts = generate_demo_accounts(o);
  Owners owners(accounts);
  switch (type) {
    case RepoType::Model: ModelGenerator(o, owners, now).run(sink); break;
    case RepoType::Dataset: generate_datasets(o, owners, now, sink); break;
    case RepoType::Space: generate_spaces(o, owners, now, sink); break;
  }
}

DemoReport seed_demo_catalog(AccountStore& accounts, RepoStore& repos, const DemoOptions& o, const DemoProgress& progress) {
  DemoOptions options = o;
  options.now_ms = resolve_now(o);  // one "now" for accounts and every repo type
  DemoReport report;
  DemoAccounts demo = generate_demo_accounts(options);

  auto ensure = [&](Account a) {
    if (auto existing = accounts.find_account(a.name)) {
      ++report.accounts_existing;
      return existing->rowid;
    }
    accounts.create_account(a);
    ++report.accounts_created;
    return a.rowid;
  };
  std::map<std::string, int64_t, std::less<>> rowids;
  for (const Account& a : demo.orgs) rowids[a.name] = ensure(a);
  for (const Account& a : demo.users) rowids[a.name] = ensure(a);
  for (const DemoMembership& m : demo.memberships) {
    accounts.set_membership(rowids.at(m.org), rowids.at(m.user), m.role);
    ++report.memberships;
  }

  const size_t batch_size = std::max<size_t>(1, options.batch_size);
  auto start = std::chrono::steady_clock::now();
  for (RepoType type : {RepoType::Model, RepoType::Dataset, RepoType::Space}) {
    const int64_t total = type == RepoType::Model ? options.models : type == RepoType::Dataset ? options.datasets : options.spaces;
    int64_t& done = type == RepoType::Model ? report.models : type == RepoType::Dataset ? report.datasets : report.spaces;
    std::vector<RepoRecord> batch;
    batch.reserve(std::min<size_t>(batch_size, size_t(std::max<int64_t>(total, 0))));
    auto flush = [&] {
      if (batch.empty()) return;
      repos.upsert_repos(batch);
      done += int64_t(batch.size());
      batch.clear();
      if (progress) progress(type, done, total);
    };
    generate_demo_repos(options, type, [&](RepoRecord&& r) {
      batch.push_back(std::move(r));
      if (batch.size() >= batch_size) flush();
    });
    flush();
  }
  report.repo_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return report;
}

}  // namespace hfhub::server
