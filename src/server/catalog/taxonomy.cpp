#include "server/catalog/taxonomy.h"

#include <algorithm>
#include <array>
#include <set>
#include <stdexcept>

#include <boost/json.hpp>

namespace hfhub::server {

// Defined in the CMake-generated taxonomy_json.cpp (resources/taxonomy.json as a raw string).
std::string_view embedded_taxonomy_json();

namespace json = boost::json;

namespace {

const json::value& member(const json::object& obj, std::string_view key) {
  const json::value* v = obj.if_contains(key);
  if (!v) throw std::invalid_argument("taxonomy: missing \"" + std::string(key) + "\"");
  return *v;
}

std::string string_member(const json::object& obj, std::string_view key) {
  const json::value& v = member(obj, key);
  if (!v.is_string()) throw std::invalid_argument("taxonomy: \"" + std::string(key) + "\" is not a string");
  return std::string(v.get_string());
}

std::string optional_string_member(const json::object& obj, std::string_view key) {
  const json::value* v = obj.if_contains(key);
  return v && v->is_string() ? std::string(v->get_string()) : std::string();
}

bool bool_member(const json::object& obj, std::string_view key) {
  const json::value* v = obj.if_contains(key);
  return v && v->is_bool() && v->get_bool();
}

const json::array& array_member(const json::object& obj, std::string_view key) {
  const json::value& v = member(obj, key);
  if (!v.is_array()) throw std::invalid_argument("taxonomy: \"" + std::string(key) + "\" is not an array");
  return v.get_array();
}

const json::object& as_object(const json::value& v) {
  if (!v.is_object()) throw std::invalid_argument("taxonomy: expected an object");
  return v.get_object();
}

Library parse_library(const json::object& obj) {
  return Library{string_member(obj, "id"), optional_string_member(obj, "prettyLabel"),
                 optional_string_member(obj, "repoName"), optional_string_member(obj, "repoUrl")};
}

// Weight formats the Hub offers as library filters although @huggingface/tasks has no entry
// for them (they are file formats, not code libraries).
const std::array<Library, 7> kFormatLibraries = {{
    {"pytorch", "PyTorch", "pytorch", "https://github.com/pytorch/pytorch"},
    {"tf", "TensorFlow", "tensorflow", "https://github.com/tensorflow/tensorflow"},
    {"jax", "JAX", "jax", "https://github.com/google/jax"},
    {"safetensors", "Safetensors", "safetensors", "https://github.com/huggingface/safetensors"},
    {"onnx", "ONNX", "onnx", "https://github.com/onnx/onnx"},
    {"gguf", "GGUF", "llama.cpp", "https://github.com/ggml-org/llama.cpp"},
    {"tensorboard", "TensorBoard", "tensorboard", "https://github.com/tensorflow/tensorboard"},
}};

const std::array<Label, 42> kLanguages = {{
    {"en", "English"},    {"zh", "Chinese"},    {"fr", "French"},
    {"es", "Spanish"},    {"de", "German"},     {"ru", "Russian"},
    {"ja", "Japanese"},   {"ko", "Korean"},     {"pt", "Portuguese"},
    {"it", "Italian"},    {"ar", "Arabic"},     {"hi", "Hindi"},
    {"vi", "Vietnamese"}, {"tr", "Turkish"},    {"pl", "Polish"},
    {"nl", "Dutch"},      {"id", "Indonesian"}, {"fa", "Persian"},
    {"uk", "Ukrainian"},  {"sv", "Swedish"},    {"th", "Thai"},
    {"cs", "Czech"},      {"ro", "Romanian"},   {"el", "Greek"},
    {"hu", "Hungarian"},  {"da", "Danish"},     {"fi", "Finnish"},
    {"he", "Hebrew"},     {"bn", "Bengali"},    {"ta", "Tamil"},
    {"ur", "Urdu"},       {"sw", "Swahili"},    {"ms", "Malay"},
    {"no", "Norwegian"},  {"ca", "Catalan"},    {"bg", "Bulgarian"},
    {"hr", "Croatian"},   {"sk", "Slovak"},     {"te", "Telugu"},
    {"mr", "Marathi"},    {"eu", "Basque"},     {"multilingual", "Multilingual"},
}};

const std::array<Label, 30> kLicenses = {{
    {"apache-2.0", "Apache License 2.0"},
    {"mit", "MIT"},
    {"openrail", "OpenRAIL"},
    {"openrail++", "OpenRAIL++"},
    {"creativeml-openrail-m", "CreativeML OpenRAIL-M"},
    {"bigscience-openrail-m", "BigScience OpenRAIL-M"},
    {"bigcode-openrail-m", "BigCode OpenRAIL-M"},
    {"cc-by-4.0", "Creative Commons Attribution 4.0"},
    {"cc-by-sa-4.0", "Creative Commons Attribution ShareAlike 4.0"},
    {"cc-by-nc-4.0", "Creative Commons Attribution NonCommercial 4.0"},
    {"cc-by-nc-sa-4.0", "Creative Commons Attribution NonCommercial ShareAlike 4.0"},
    {"cc-by-nc-nd-4.0", "Creative Commons Attribution NonCommercial NoDerivatives 4.0"},
    {"cc0-1.0", "Creative Commons Zero 1.0"},
    {"odc-by", "Open Data Commons Attribution"},
    {"bsd-3-clause", "BSD 3-Clause"},
    {"gpl-3.0", "GNU GPL 3.0"},
    {"agpl-3.0", "GNU AGPL 3.0"},
    {"lgpl-3.0", "GNU LGPL 3.0"},
    {"afl-3.0", "Academic Free License 3.0"},
    {"artistic-2.0", "Artistic License 2.0"},
    {"llama2", "Llama 2 Community License"},
    {"llama3", "Llama 3 Community License"},
    {"llama3.1", "Llama 3.1 Community License"},
    {"llama3.2", "Llama 3.2 Community License"},
    {"llama3.3", "Llama 3.3 Community License"},
    {"gemma", "Gemma Terms of Use"},
    {"unlicense", "The Unlicense"},
    {"wtfpl", "WTFPL"},
    {"other", "Other"},
    {"unknown", "Unknown"},
}};

// Free-form tags the Hub shows under "other" even on an empty catalog.
const std::array<std::string_view, 22> kCommonOtherTags = {
    "conversational",
    "text-generation-inference",
    "endpoints_compatible",
    "autotrain_compatible",
    "custom_code",
    "not-for-all-audiences",
    "merge",
    "mergekit",
    "lora",
    "trl",
    "sft",
    "dpo",
    "4-bit",
    "8-bit",
    "bitsandbytes",
    "gptq",
    "awq",
    "moe",
    "unsloth",
    "imatrix",
    "eval-results",
    "model-index",
};

const std::array<Label, 11> kSizeCategories = {{
    {"n<1K", "< 1K"},
    {"1K<n<10K", "1K - 10K"},
    {"10K<n<100K", "10K - 100K"},
    {"100K<n<1M", "100K - 1M"},
    {"1M<n<10M", "1M - 10M"},
    {"10M<n<100M", "10M - 100M"},
    {"100M<n<1B", "100M - 1B"},
    {"1B<n<10B", "1B - 10B"},
    {"10B<n<100B", "10B - 100B"},
    {"100B<n<1T", "100B - 1T"},
    {"n>1T", "> 1T"},
}};

const std::array<Label, 9> kDatasetModalities = {{
    {"text", "Text"},
    {"image", "Image"},
    {"audio", "Audio"},
    {"video", "Video"},
    {"tabular", "Tabular"},
    {"timeseries", "Time-series"},
    {"geospatial", "Geospatial"},
    {"3d", "3D"},
    {"document", "Document"},
}};

const std::array<Label, 10> kDatasetFormats = {{
    {"parquet", "parquet"},
    {"json", "json"},
    {"csv", "csv"},
    {"text", "text"},
    {"imagefolder", "imagefolder"},
    {"audiofolder", "audiofolder"},
    {"videofolder", "videofolder"},
    {"webdataset", "webdataset"},
    {"arrow", "arrow"},
    {"optimized-parquet", "optimized-parquet"},
}};

const std::array<Label, 2> kRegions = {{{"us", "Region: US"}, {"eu", "Region: EU"}}};

struct Metric {
  std::string_view id;
  std::string_view description;
};

const std::array<Metric, 22> kMetrics = {{
    {"accuracy", "Share of predictions that equal the reference label."},
    {"precision", "Of the items predicted positive, the share that really are positive."},
    {"recall", "Of the items that really are positive, the share the model found."},
    {"f1", "Harmonic mean of precision and recall."},
    {"exact_match", "Share of predictions identical to a reference string after normalisation."},
    {"bleu", "N-gram overlap between a candidate translation and references, with a brevity penalty."},
    {"sacrebleu", "BLEU computed with standard tokenisation so scores are comparable across papers."},
    {"rouge", "Recall-oriented n-gram and longest-common-subsequence overlap, used for summaries."},
    {"meteor", "Unigram alignment score with stemming and synonyms, weighted towards recall."},
    {"bertscore", "Similarity of candidate and reference measured on contextual BERT embeddings."},
    {"wer", "Word error rate: word-level edit distance divided by the reference length."},
    {"cer", "Character error rate: character-level edit distance divided by the reference length."},
    {"perplexity", "Exponential of the mean negative log-likelihood a language model assigns to text."},
    {"squad", "Exact match and F1 over answer spans, as defined by the SQuAD benchmark."},
    {"glue", "The per-task scores of the GLUE language understanding benchmark."},
    {"matthews_correlation", "Correlation between predicted and true binary labels, robust to class imbalance."},
    {"mae", "Mean absolute difference between predictions and targets."},
    {"mse", "Mean squared difference between predictions and targets."},
    {"spearmanr", "Rank correlation between predictions and targets."},
    {"pearsonr", "Linear correlation between predictions and targets."},
    {"roc_auc", "Area under the receiver operating characteristic curve."},
    {"chrf", "Character n-gram F-score between a candidate and references."},
}};

json::object tag_entry(std::string id, std::string_view label, std::string_view type, std::string_view sub_type = {}) {
  json::object o;
  o["id"] = std::move(id);
  o["label"] = label;
  o["type"] = type;
  if (!sub_type.empty()) o["subType"] = sub_type;
  return o;
}

// The part after "prefix:", or empty when `tag` does not start with it.
std::string_view after_prefix(std::string_view tag, std::string_view prefix) {
  if (tag.size() <= prefix.size() + 1 || tag.substr(0, prefix.size()) != prefix || tag[prefix.size()] != ':') return {};
  return tag.substr(prefix.size() + 1);
}

json::object build_models_tags_by_type(const Taxonomy& tax) {
  json::array pipeline, library, language, license, dataset, region, other;
  for (const PipelineTag& p : tax.pipeline_tags())
    if (!p.hide_in_models) pipeline.push_back(tag_entry(p.id, p.label, "pipeline_tag", p.modality));
  for (const Library& l : tax.model_libraries())
    library.push_back(tag_entry(l.id, l.pretty_label.empty() ? l.id : l.pretty_label, "library"));
  for (const Label& l : common_languages()) language.push_back(tag_entry(l.id, l.label, "language"));
  for (const Label& l : common_licenses()) license.push_back(tag_entry("license:" + l.id, l.id, "license"));
  for (const Label& r : kRegions) region.push_back(tag_entry("region:" + r.id, r.label, "region"));
  for (std::string_view t : kCommonOtherTags) other.push_back(tag_entry(std::string(t), t, "other"));
  json::object out;
  out["pipeline_tag"] = std::move(pipeline);
  out["library"] = std::move(library);
  out["language"] = std::move(language);
  out["license"] = std::move(license);
  out["dataset"] = std::move(dataset);
  out["region"] = std::move(region);
  out["other"] = std::move(other);
  return out;
}

json::object build_datasets_tags_by_type(const Taxonomy& tax) {
  json::array task_categories, task_ids, language, license, size, modality, format, library, region;
  std::set<std::string> seen_task_ids;
  for (const PipelineTag& p : tax.pipeline_tags()) {
    if (p.hide_in_datasets) continue;
    task_categories.push_back(tag_entry("task_categories:" + p.id, p.label, "task_categories", p.modality));
    for (const Label& s : p.subtasks)
      if (seen_task_ids.insert(s.id).second)
        task_ids.push_back(tag_entry("task_ids:" + s.id, s.label, "task_ids", p.id));
  }
  for (const Label& l : common_languages()) language.push_back(tag_entry("language:" + l.id, l.label, "language"));
  for (const Label& l : common_licenses()) license.push_back(tag_entry("license:" + l.id, l.id, "license"));
  for (const Label& s : kSizeCategories)
    size.push_back(tag_entry("size_categories:" + s.id, s.label, "size_categories"));
  for (const Label& m : kDatasetModalities) modality.push_back(tag_entry("modality:" + m.id, m.label, "modality"));
  for (const Label& f : kDatasetFormats) format.push_back(tag_entry("format:" + f.id, f.label, "format"));
  for (const Library& l : tax.dataset_libraries())
    library.push_back(tag_entry("library:" + l.id, l.pretty_label.empty() ? l.id : l.pretty_label, "library"));
  for (const Label& r : kRegions) region.push_back(tag_entry("region:" + r.id, r.label, "region"));
  json::object out;
  out["task_categories"] = std::move(task_categories);
  out["task_ids"] = std::move(task_ids);
  out["language"] = std::move(language);
  out["license"] = std::move(license);
  out["size_categories"] = std::move(size);
  out["modality"] = std::move(modality);
  out["format"] = std::move(format);
  out["library"] = std::move(library);
  out["region"] = std::move(region);
  return out;
}

}  // namespace

Taxonomy Taxonomy::from_json(std::string_view text) {
  boost::system::error_code ec;
  json::value root = json::parse(text, ec);
  if (ec) throw std::invalid_argument("taxonomy: " + ec.message());
  const json::object& obj = as_object(root);

  Taxonomy t;
  t.source_version_ = optional_string_member(as_object(member(obj, "source")), "version");
  for (const json::value& v : array_member(obj, "modalities")) {
    const json::object& m = as_object(v);
    t.modalities_.push_back({string_member(m, "id"), string_member(m, "label")});
  }
  for (const json::value& v : array_member(obj, "pipeline_tags")) {
    const json::object& p = as_object(v);
    PipelineTag tag{string_member(p, "id"),         string_member(p, "label"),       string_member(p, "modality"), {},
                    bool_member(p, "hideInModels"), bool_member(p, "hideInDatasets")};
    if (const json::value* subs = p.if_contains("subtasks"); subs && subs->is_array())
      for (const json::value& s : subs->get_array())
        tag.subtasks.push_back({string_member(as_object(s), "id"), string_member(as_object(s), "label")});
    t.pipeline_tags_.push_back(std::move(tag));
  }
  for (const json::value& v : array_member(obj, "model_libraries"))
    t.model_libraries_.push_back(parse_library(as_object(v)));
  for (const Library& f : kFormatLibraries)
    if (!t.find_model_library(f.id)) t.model_libraries_.push_back(f);
  for (const json::value& v : array_member(obj, "dataset_libraries"))
    t.dataset_libraries_.push_back(parse_library(as_object(v)));
  if (const json::value* tl = obj.if_contains("task_libraries"); tl && tl->is_object()) {
    for (const auto& [task, libs] : tl->get_object()) {
      std::vector<std::string> names;
      if (libs.is_array())
        for (const json::value& l : libs.get_array())
          if (l.is_string()) names.emplace_back(l.get_string());
      t.task_libraries_.emplace_back(std::string(task), std::move(names));
    }
  }
  return t;
}

const Taxonomy& Taxonomy::builtin() {
  static const Taxonomy instance = from_json(embedded_taxonomy_json());
  return instance;
}

const PipelineTag* Taxonomy::find_pipeline_tag(std::string_view id) const {
  auto it =
      std::find_if(pipeline_tags_.begin(), pipeline_tags_.end(), [&](const PipelineTag& p) { return p.id == id; });
  return it == pipeline_tags_.end() ? nullptr : &*it;
}

const Library* Taxonomy::find_model_library(std::string_view id) const {
  auto it =
      std::find_if(model_libraries_.begin(), model_libraries_.end(), [&](const Library& l) { return l.id == id; });
  return it == model_libraries_.end() ? nullptr : &*it;
}

std::vector<std::string> Taxonomy::libraries_for_task(std::string_view pipeline_tag) const {
  for (const auto& [task, libs] : task_libraries_)
    if (task == pipeline_tag) return libs;
  return {};
}

std::span<const Label> common_languages() { return kLanguages; }
std::span<const Label> common_licenses() { return kLicenses; }

const std::string& models_tags_by_type_json() {
  static const std::string body = json::serialize(build_models_tags_by_type(Taxonomy::builtin()));
  return body;
}

const std::string& datasets_tags_by_type_json() {
  static const std::string body = json::serialize(build_datasets_tags_by_type(Taxonomy::builtin()));
  return body;
}

const std::string& metrics_json() {
  static const std::string body = [] {
    json::array out;
    for (const Metric& m : kMetrics) out.push_back(json::object{{"id", m.id}, {"description", m.description}});
    return json::serialize(out);
  }();
  return body;
}

std::string models_tags_by_type_json(std::span<const std::pair<std::string, int64_t>> tag_counts, size_t max_per_type) {
  const Taxonomy& tax = Taxonomy::builtin();
  json::object out = build_models_tags_by_type(tax);

  // Every id already listed under some type, so catalog tags are not repeated under "other".
  std::set<std::string, std::less<>> known;
  for (const auto& [type, entries] : out)
    for (const json::value& e : entries.get_array()) known.emplace(e.at("id").get_string());

  std::vector<std::pair<std::string, int64_t>> by_count(tag_counts.begin(), tag_counts.end());
  std::stable_sort(by_count.begin(), by_count.end(), [](const auto& a, const auto& b) { return a.second > b.second; });

  json::array& datasets = out["dataset"].as_array();
  json::array& other = out["other"].as_array();
  json::array arxiv;
  for (const auto& [tag, count] : by_count) {
    if (count <= 0 || known.count(tag)) continue;
    json::array* bucket = nullptr;
    std::string_view label = tag;
    if (std::string_view name = after_prefix(tag, "dataset"); !name.empty()) {
      bucket = &datasets, label = name;
    } else if (!after_prefix(tag, "arxiv").empty()) {
      bucket = &arxiv;
    } else if (tag.find(':') == std::string::npos) {
      bucket = &other;
    }
    if (!bucket || bucket->size() >= max_per_type) continue;
    bucket->push_back(tag_entry(tag, label, bucket == &datasets ? "dataset" : bucket == &arxiv ? "arxiv" : "other"));
    known.insert(tag);
  }
  if (!arxiv.empty()) out["arxiv"] = std::move(arxiv);
  return json::serialize(out);
}

}  // namespace hfhub::server
