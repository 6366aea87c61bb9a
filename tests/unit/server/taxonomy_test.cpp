#include "server/catalog/taxonomy.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json.hpp>
#include <set>
#include <stdexcept>

namespace hfhub::server {
namespace {

namespace json = boost::json;

// Finds the entry with this id in one tag-type array, or nullptr.
const json::object* find_entry(const json::object& body, std::string_view type, std::string_view id) {
  for (const json::value& e : body.at(type).as_array())
    if (e.at("id").as_string() == id) return &e.as_object();
  return nullptr;
}

TEST(Taxonomy, BuiltinHasRealPipelineTagsFromTheTasksPackage) {
  const Taxonomy& tax = Taxonomy::builtin();
  EXPECT_FALSE(tax.source_version().empty());
  EXPECT_GT(tax.pipeline_tags().size(), 40u);

  const PipelineTag* tg = tax.find_pipeline_tag("text-generation");
  ASSERT_NE(tg, nullptr);
  EXPECT_EQ(tg->label, "Text Generation");
  EXPECT_EQ(tg->modality, "nlp");
  const PipelineTag* asr = tax.find_pipeline_tag("automatic-speech-recognition");
  ASSERT_NE(asr, nullptr);
  EXPECT_EQ(asr->modality, "audio");
  const PipelineTag* tc = tax.find_pipeline_tag("text-classification");
  ASSERT_NE(tc, nullptr);
  bool has_sentiment = false;
  for (const Label& s : tc->subtasks) has_sentiment |= s.id == "sentiment-analysis";
  EXPECT_TRUE(has_sentiment);
  EXPECT_EQ(tax.find_pipeline_tag("no-such-task"), nullptr);
}

TEST(Taxonomy, ModelLibrariesIncludePackageLibrariesAndWeightFormats) {
  const Taxonomy& tax = Taxonomy::builtin();
  const Library* tf = tax.find_model_library("transformers");
  ASSERT_NE(tf, nullptr);
  EXPECT_EQ(tf->pretty_label, "Transformers");
  EXPECT_NE(tf->repo_url.find("github.com"), std::string::npos);
  for (const char* id : {"diffusers", "sentence-transformers", "peft", "mlx", "timm", "transformers.js", "gguf", "onnx",
                         "pytorch", "safetensors"})
    EXPECT_NE(tax.find_model_library(id), nullptr) << id;
  std::set<std::string> ids;
  for (const Library& l : tax.model_libraries()) EXPECT_TRUE(ids.insert(l.id).second) << "duplicate " << l.id;
  EXPECT_FALSE(tax.dataset_libraries().empty());
}

TEST(Taxonomy, LibrariesForTaskComeFromThePackage) {
  auto libs = Taxonomy::builtin().libraries_for_task("text-generation");
  EXPECT_NE(std::find(libs.begin(), libs.end(), "transformers"), libs.end());
  EXPECT_TRUE(Taxonomy::builtin().libraries_for_task("no-such-task").empty());
}

TEST(Taxonomy, FromJsonRejectsMalformedInput) {
  EXPECT_THROW(Taxonomy::from_json("not json"), std::invalid_argument);
  EXPECT_THROW(Taxonomy::from_json("[]"), std::invalid_argument);
  EXPECT_THROW(Taxonomy::from_json(R"({"source":{},"modalities":[]})"), std::invalid_argument);
  Taxonomy minimal = Taxonomy::from_json(
      R"({"source":{"version":"1"},"modalities":[],"pipeline_tags":[{"id":"x","label":"X","modality":"nlp"}],)"
      R"("model_libraries":[],"dataset_libraries":[]})");
  EXPECT_EQ(minimal.source_version(), "1");
  ASSERT_EQ(minimal.pipeline_tags().size(), 1u);
  // The weight-format libraries are always there, even when the package lists none.
  EXPECT_NE(minimal.find_model_library("gguf"), nullptr);
}

TEST(Taxonomy, ModelsTagsByTypeHasTheHubShape) {
  json::object body = json::parse(models_tags_by_type_json()).as_object();
  for (const char* key : {"pipeline_tag", "library", "language", "license", "dataset", "region", "other"})
    ASSERT_TRUE(body.contains(key)) << key;

  const json::object* tg = find_entry(body, "pipeline_tag", "text-generation");
  ASSERT_NE(tg, nullptr);
  EXPECT_EQ(tg->at("label").as_string(), "Text Generation");
  EXPECT_EQ(tg->at("type").as_string(), "pipeline_tag");
  EXPECT_EQ(tg->at("subType").as_string(), "nlp");
  // Tasks the Hub hides from model pages are not offered as model filters.
  EXPECT_EQ(find_entry(body, "pipeline_tag", "other"), nullptr);

  const json::object* lib = find_entry(body, "library", "transformers");
  ASSERT_NE(lib, nullptr);
  EXPECT_EQ(lib->at("type").as_string(), "library");
  EXPECT_FALSE(lib->contains("subType"));

  const json::object* en = find_entry(body, "language", "en");
  ASSERT_NE(en, nullptr);
  EXPECT_EQ(en->at("label").as_string(), "English");
  EXPECT_GE(body.at("language").as_array().size(), 40u);
  ASSERT_NE(find_entry(body, "license", "license:apache-2.0"), nullptr);
  EXPECT_GE(body.at("license").as_array().size(), 25u);
  ASSERT_NE(find_entry(body, "region", "region:us"), nullptr);
  ASSERT_NE(find_entry(body, "other", "conversational"), nullptr);
  // Cached: the same string object every time.
  EXPECT_EQ(&models_tags_by_type_json(), &models_tags_by_type_json());
}

TEST(Taxonomy, DatasetsTagsByTypeUsesPrefixedIds) {
  json::object body = json::parse(datasets_tags_by_type_json()).as_object();
  for (const char* key : {"task_categories", "task_ids", "language", "license", "size_categories", "modality", "format",
                          "library", "region"})
    ASSERT_TRUE(body.contains(key)) << key;
  const json::object* tc = find_entry(body, "task_categories", "task_categories:text-generation");
  ASSERT_NE(tc, nullptr);
  EXPECT_EQ(tc->at("subType").as_string(), "nlp");
  EXPECT_NE(find_entry(body, "task_ids", "task_ids:sentiment-analysis"), nullptr);
  EXPECT_NE(find_entry(body, "size_categories", "size_categories:1K<n<10K"), nullptr);
  EXPECT_NE(find_entry(body, "modality", "modality:text"), nullptr);
  EXPECT_NE(find_entry(body, "format", "format:parquet"), nullptr);
  EXPECT_NE(find_entry(body, "library", "library:datasets"), nullptr);
  EXPECT_NE(find_entry(body, "language", "language:fr"), nullptr);
  // Hidden-for-datasets tasks are not categories.
  EXPECT_EQ(find_entry(body, "task_categories", "task_categories:audio-text-to-text"), nullptr);
  // task ids are unique even though several tasks share subtasks (e.g. closed-domain-qa).
  std::set<std::string> ids;
  for (const json::value& e : body.at("task_ids").as_array())
    EXPECT_TRUE(ids.insert(std::string(e.at("id").as_string())).second) << e.at("id").as_string();
}

TEST(Taxonomy, MetricsListCommonEvaluateMetricsWithDescriptions) {
  json::array metrics = json::parse(metrics_json()).as_array();
  EXPECT_GE(metrics.size(), 20u);
  std::set<std::string> ids;
  for (const json::value& m : metrics) {
    ids.insert(std::string(m.at("id").as_string()));
    EXPECT_FALSE(m.at("description").as_string().empty());
  }
  for (const char* id : {"accuracy", "bleu", "rouge", "f1", "wer", "perplexity", "bertscore"})
    EXPECT_TRUE(ids.count(id)) << id;
}

TEST(Taxonomy, ModelsTagsByTypeAddsFrequentCatalogTags) {
  std::vector<std::pair<std::string, int64_t>> counts = {
      {"dataset:openlab/wiki-clean", 12},
      {"arxiv:2401.00001", 3},
      {"my-custom-tag", 7},
      {"transformers", 1000},  // already a library: not repeated under "other"
      {"zero-count", 0},
      {"weird:prefix", 4},
      {"another-tag", 9}};
  json::object body = json::parse(models_tags_by_type_json(counts)).as_object();
  const json::object* ds = find_entry(body, "dataset", "dataset:openlab/wiki-clean");
  ASSERT_NE(ds, nullptr);
  EXPECT_EQ(ds->at("label").as_string(), "openlab/wiki-clean");
  ASSERT_TRUE(body.contains("arxiv"));
  EXPECT_NE(find_entry(body, "arxiv", "arxiv:2401.00001"), nullptr);
  EXPECT_NE(find_entry(body, "other", "my-custom-tag"), nullptr);
  EXPECT_EQ(find_entry(body, "other", "transformers"), nullptr);
  EXPECT_EQ(find_entry(body, "other", "zero-count"), nullptr);
  EXPECT_EQ(find_entry(body, "other", "weird:prefix"), nullptr);

  // Most frequent first within the added tags.
  const json::array& other = body.at("other").as_array();
  size_t pos_another = 0, pos_custom = 0;
  for (size_t i = 0; i < other.size(); ++i) {
    if (other[i].at("id").as_string() == "another-tag") pos_another = i;
    if (other[i].at("id").as_string() == "my-custom-tag") pos_custom = i;
  }
  EXPECT_LT(pos_another, pos_custom);

  // The cap applies per type.
  json::object capped = json::parse(models_tags_by_type_json(counts, 0)).as_object();
  EXPECT_TRUE(capped.at("dataset").as_array().empty());
}

}  // namespace
}  // namespace hfhub::server
