// GET /api/models-tags-by-type, /api/datasets-tags-by-type, /api/metrics through libhfhub.
#include <gtest/gtest.h>

#include <algorithm>

#include "raw_http.h"
#include "server_fixture.h"

namespace hfhub::testing {
namespace {

TEST(Taxonomy, ModelTagsCarryTheHubsPipelineTagsAndLibraries) {
  auto tags = client().get_model_tags();
  ASSERT_TRUE(tags.count("pipeline_tag"));
  ASSERT_TRUE(tags.count("library"));
  auto& pipelines = tags.at("pipeline_tag");
  auto text_gen = std::find_if(pipelines.begin(), pipelines.end(), [](auto& t) { return t.id == "text-generation"; });
  ASSERT_NE(text_gen, pipelines.end());
  EXPECT_EQ(text_gen->label, "Text Generation");
  EXPECT_EQ(text_gen->type.value_or(""), "pipeline_tag");
  auto& libs = tags.at("library");
  EXPECT_TRUE(std::any_of(libs.begin(), libs.end(), [](auto& t) { return t.id == "transformers"; }));
  // Anonymous, no rate-limit surprises, JSON object of arrays.
  auto raw = http_get(shared_server().endpoint() + "/api/models-tags-by-type");
  ASSERT_EQ(raw.status, 200);
  EXPECT_TRUE(raw.json().is_object());
}

TEST(Taxonomy, DatasetTagsAndMetrics) {
  auto tags = client().get_dataset_tags();
  ASSERT_TRUE(tags.count("task_categories"));
  EXPECT_FALSE(tags.at("task_categories").empty());
  auto metrics = client().list_metrics();
  ASSERT_FALSE(metrics.empty());
  auto accuracy = std::find_if(metrics.begin(), metrics.end(), [](auto& m) { return m.id == "accuracy"; });
  ASSERT_NE(accuracy, metrics.end());
  EXPECT_FALSE(accuracy->description.value_or("").empty());
}

}  // namespace
}  // namespace hfhub::testing
