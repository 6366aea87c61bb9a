// A card's metadata as the repo page shows it (server/metadata/card_display.h).
#include "server/metadata/card_display.h"

#include <gtest/gtest.h>

namespace hfhub::server {
namespace {

const CardUrlBase kBase{"acme/llm", "main"};

TEST(CardDisplay, ParameterCountsReadLikeTheHub) {
  EXPECT_EQ(format_parameter_count(7'241'732'096), "7.24B params");
  EXPECT_EQ(format_parameter_count(124'439'808), "124M params");
  EXPECT_EQ(format_parameter_count(1'100'048'384), "1.1B params");
  EXPECT_EQ(format_parameter_count(22'713'216), "22.7M params");
  EXPECT_EQ(format_parameter_count(6'000'000'000), "6B params");
  EXPECT_EQ(format_parameter_count(999'600'000), "1B params");
  EXPECT_EQ(format_parameter_count(4'390), "4.39k params");
  EXPECT_EQ(format_parameter_count(950), "950 params");
  EXPECT_EQ(format_parameter_count(0), "0 params");
  EXPECT_EQ(format_parameter_count(1'020'000'000'000), "1.02T params");
}

TEST(CardDisplay, FieldsAndLinksFromTheCard) {
  RepoRecord repo;
  repo.type = RepoType::Model;
  repo.id = "acme/llm";
  repo.card_data_json = R"({"license":"apache-2.0","language":["en","fr"],"datasets":["acme/web","bad id!"],
      "base_model":"meta-llama/Llama-2-7b-hf","tags":["text-generation","llama"],"pipeline_tag":"text-generation",
      "library_name":"transformers"})";
  repo.extra_json = R"({"safetensors":{"parameters":{"BF16":7241732096},"total":7241732096}})";
  auto d = card_display(repo, kBase);
  EXPECT_EQ(d.license, "apache-2.0");
  EXPECT_FALSE(d.license_link);
  EXPECT_EQ(d.languages, (std::vector<std::string>{"en", "fr"}));
  ASSERT_EQ(d.datasets.size(), 2u);
  EXPECT_EQ(d.datasets[0].text, "acme/web");
  EXPECT_EQ(d.datasets[0].href, "/datasets/acme/web");
  EXPECT_EQ(d.datasets[1].href, "");  // not a repo id: shown as text only
  ASSERT_EQ(d.base_models.size(), 1u);
  EXPECT_EQ(d.base_models[0].href, "/meta-llama/Llama-2-7b-hf");
  EXPECT_EQ(d.tags, (std::vector<std::string>{"text-generation", "llama"}));
  EXPECT_EQ(d.pipeline_tag, "text-generation");
  EXPECT_EQ(d.library_name, "transformers");
  EXPECT_EQ(d.parameters, 7241732096u);
  EXPECT_EQ(d.parameters_text, "7.24B params");
}

TEST(CardDisplay, RowFieldsWinAndListsOfBaseModels) {
  RepoRecord repo;
  repo.pipeline_tag = "image-classification";  // what metadata derived (files may decide the library)
  repo.library_name = "timm";
  repo.card_data_json = R"({"license":"other","license_name":"acme-license","license_link":"LICENSE.md",
      "base_model":["a/b","c/d"],"pipeline_tag":"text-generation","language":"de"})";
  auto d = card_display(repo, kBase);
  EXPECT_EQ(d.license, "acme-license");
  EXPECT_EQ(d.license_link, "/acme/llm/blob/main/LICENSE.md");
  ASSERT_EQ(d.base_models.size(), 2u);
  EXPECT_EQ(d.base_models[1].href, "/c/d");
  EXPECT_EQ(d.pipeline_tag, "image-classification");
  EXPECT_EQ(d.library_name, "timm");
  EXPECT_EQ(d.languages, (std::vector<std::string>{"de"}));
  EXPECT_FALSE(d.parameters);
}

TEST(CardDisplay, OddMetadataIsLeftOut) {
  RepoRecord repo;
  repo.card_data_json = R"j({"license":42,"license_link":"javascript:alert(1)","datasets":{"a":1},"tags":[1,"ok"]})j";
  repo.extra_json = R"({"safetensors":{"total":"many"}})";
  auto d = card_display(repo, kBase);
  EXPECT_FALSE(d.license);
  EXPECT_FALSE(d.license_link);
  EXPECT_TRUE(d.datasets.empty());
  EXPECT_EQ(d.tags, (std::vector<std::string>{"ok"}));
  EXPECT_FALSE(d.parameters);
  repo.card_data_json = "not json";
  repo.extra_json = "";
  EXPECT_FALSE(card_display(repo, kBase).license);
}

TEST(CardDisplay, RepoPagePaths) {
  EXPECT_EQ(repo_url_path(RepoType::Model, "gpt2"), "gpt2");
  EXPECT_EQ(repo_url_path(RepoType::Dataset, "ns/d"), "datasets/ns/d");
  EXPECT_EQ(repo_url_path(RepoType::Space, "ns/s"), "spaces/ns/s");
}

}  // namespace
}  // namespace hfhub::server
