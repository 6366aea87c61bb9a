#include "client/json/repo_info_json.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "client/json/account_json.h"
#include "hfhub/errors.h"

namespace hfhub::client {

namespace json = boost::json;

TEST(ModelInfoJson, ListingItemWithoutOptionalFields) {
  auto v = json::parse(R"({"_id":"6a0e3141f27e4e44e999a28a","id":"org/m","likes":0,"private":false,
    "downloads":0,"tags":["transformers"],"createdAt":"2026-05-20T22:00:28.000Z","modelId":"org/m"})");
  ModelInfo m = parse_model_info(v);
  EXPECT_EQ(m.id, "org/m");
  EXPECT_EQ(m.object_id, "6a0e3141f27e4e44e999a28a");
  EXPECT_EQ(m.created_at, "2026-05-20T22:00:28.000Z");
  EXPECT_EQ(m.private_, false);
  EXPECT_EQ(m.likes, 0);
  ASSERT_TRUE(m.tags);
  EXPECT_EQ(m.tags->size(), 1u);
  EXPECT_FALSE(m.author);
  EXPECT_FALSE(m.sha);
  EXPECT_FALSE(m.last_modified);
  EXPECT_FALSE(m.pipeline_tag);
  EXPECT_FALSE(m.library_name);
  EXPECT_FALSE(m.gated);
  EXPECT_FALSE(m.siblings);
  EXPECT_FALSE(m.card_data);
  EXPECT_FALSE(m.safetensors);
}

TEST(ModelInfoJson, FullInfoResponse) {
  auto v = json::parse(R"({"_id":"x","id":"google/g","author":"google","sha":"0123456789abcdef0123456789abcdef01234567",
    "lastModified":"2026-01-01T00:00:00.000Z","private":true,"gated":"manual","disabled":false,
    "downloads":12,"downloadsAllTime":99,"likes":3,"pipeline_tag":"text-generation","library_name":"transformers",
    "cardData":{"license":"mit","tags":["a"]},"config":{"model_type":"gemma"},
    "safetensors":{"parameters":{"BF16":2000,"F32":5},"total":2005},"trendingScore":7,"usedStorage":4096,
    "siblings":[{"rfilename":"README.md"},
                {"rfilename":"model.safetensors","size":10,"blobId":"b1",
                 "lfs":{"sha256":"aa","size":10,"pointerSize":134}}],
    "spaces":["s/one"],"unknownField":{"ignored":true}})");
  ModelInfo m = parse_model_info(v);
  EXPECT_EQ(m.author, "google");
  EXPECT_EQ(m.sha->size(), 40u);
  EXPECT_EQ(m.private_, true);
  EXPECT_EQ(m.gated, GatedMode::Manual);
  EXPECT_EQ(m.disabled, false);
  EXPECT_EQ(m.downloads, 12);
  EXPECT_EQ(m.downloads_all_time, 99);
  EXPECT_EQ(m.pipeline_tag, "text-generation");
  EXPECT_EQ(m.library_name, "transformers");
  ASSERT_TRUE(m.card_data);
  EXPECT_EQ(json::parse(*m.card_data).at("license"), "mit");
  EXPECT_EQ(json::parse(*m.config).at("model_type"), "gemma");
  ASSERT_TRUE(m.safetensors);
  EXPECT_EQ(m.safetensors->total, 2005);
  EXPECT_EQ(m.safetensors->parameters.at("BF16"), 2000);
  EXPECT_EQ(m.trending_score, 7.0);
  EXPECT_EQ(m.used_storage, 4096);
  ASSERT_TRUE(m.siblings);
  ASSERT_EQ(m.siblings->size(), 2u);
  EXPECT_EQ((*m.siblings)[0].rfilename, "README.md");
  EXPECT_FALSE((*m.siblings)[0].size);
  EXPECT_FALSE((*m.siblings)[0].lfs);
  const RepoSibling& st = (*m.siblings)[1];
  EXPECT_EQ(st.size, 10);
  EXPECT_EQ(st.blob_id, "b1");
  ASSERT_TRUE(st.lfs);
  EXPECT_EQ(st.lfs->sha256, "aa");
  EXPECT_EQ(st.lfs->pointer_size, 134);
  EXPECT_EQ(m.spaces, std::vector<std::string>{"s/one"});
  EXPECT_EQ(json::parse(m.raw_json).at("unknownField").at("ignored"), true);
}

TEST(ModelInfoJson, GatedValues) {
  EXPECT_EQ(parse_model_info(json::parse(R"({"id":"a/b","gated":false})")).gated, GatedMode::Off);
  EXPECT_EQ(parse_model_info(json::parse(R"({"id":"a/b","gated":"auto"})")).gated, GatedMode::Auto);
  EXPECT_EQ(parse_model_info(json::parse(R"({"id":"a/b","gated":"manual"})")).gated, GatedMode::Manual);
  EXPECT_FALSE(parse_model_info(json::parse(R"({"id":"a/b","gated":"weird"})")).gated);
  EXPECT_FALSE(parse_model_info(json::parse(R"({"id":"a/b","gated":null})")).gated);
}

TEST(ModelInfoJson, WrongTypesReadAsAbsent) {
  ModelInfo m = parse_model_info(json::parse(R"({"id":"a/b","likes":"many","private":"no","tags":"x"})"));
  EXPECT_FALSE(m.likes);
  EXPECT_FALSE(m.private_);
  EXPECT_FALSE(m.tags);
}

TEST(ModelInfoJson, NonObjectIsAnInvalidResponse) {
  EXPECT_THROW(parse_model_info(json::parse("[1,2]")), InvalidResponseError);
}

TEST(DatasetAndSpaceJson, TypeSpecificFields) {
  DatasetInfo d = parse_dataset_info(
      json::parse(R"({"id":"o/d","description":"desc","citation":"@x","paperswithcode_id":"p","downloads":5})"));
  EXPECT_EQ(d.description, "desc");
  EXPECT_EQ(d.citation, "@x");
  EXPECT_EQ(d.paperswithcode_id, "p");
  EXPECT_EQ(d.downloads, 5);
  SpaceInfo s = parse_space_info(json::parse(
      R"({"id":"o/s","sdk":"gradio","subdomain":"o-s","runtime":{"stage":"RUNNING"},"models":["m/1"],"datasets":[]})"));
  EXPECT_EQ(s.sdk, "gradio");
  EXPECT_EQ(s.subdomain, "o-s");
  EXPECT_EQ(json::parse(*s.runtime).at("stage"), "RUNNING");
  EXPECT_EQ(s.models, std::vector<std::string>{"m/1"});
  ASSERT_TRUE(s.datasets);
  EXPECT_TRUE(s.datasets->empty());
}

TEST(UserJson, WhoamiV2) {
  User u = parse_user(json::parse(R"({"type":"user","id":"1","name":"alice","fullname":"Alice",
    "email":"a@x","emailVerified":true,"isPro":false,
    "orgs":[{"type":"org","name":"acme","fullname":"Acme"}],
    "auth":{"type":"access_token","accessToken":{"displayName":"laptop","role":"fineGrained",
      "fineGrained":{"global":[]}}}})"));
  EXPECT_EQ(u.name, "alice");
  EXPECT_EQ(u.type, "user");
  EXPECT_EQ(u.email_verified, true);
  ASSERT_EQ(u.orgs.size(), 1u);
  EXPECT_EQ(u.orgs[0].name, "acme");
  EXPECT_EQ(u.orgs[0].fullname, "Acme");
  ASSERT_TRUE(u.auth && u.auth->access_token);
  EXPECT_EQ(u.auth->access_token->display_name, "laptop");
  EXPECT_EQ(u.auth->access_token->role, "fineGrained");
}

TEST(UserJson, NameIsRequired) { EXPECT_THROW(parse_user(json::parse(R"({"type":"user"})")), InvalidResponseError); }

TEST(TagsJson, TagsByType) {
  TagsByType tags = parse_tags_by_type(json::parse(R"({"pipeline_tag":[{"id":"text-generation",
    "label":"Text Generation","type":"pipeline_tag","subType":"nlp"}],"library":[{"id":"gguf","label":"GGUF"}]})"));
  ASSERT_EQ(tags.size(), 2u);
  const TagInfo& t = tags.at("pipeline_tag").at(0);
  EXPECT_EQ(t.id, "text-generation");
  EXPECT_EQ(t.label, "Text Generation");
  EXPECT_EQ(t.sub_type, "nlp");
  EXPECT_FALSE(tags.at("library").at(0).type);
}

TEST(MetricsJson, List) {
  auto metrics = parse_metrics(json::parse(R"([{"id":"accuracy","description":"Fraction correct"},{"id":"bleu"}])"));
  ASSERT_EQ(metrics.size(), 2u);
  EXPECT_EQ(metrics[0].id, "accuracy");
  EXPECT_EQ(metrics[0].description, "Fraction correct");
  EXPECT_FALSE(metrics[1].description);
}

}  // namespace hfhub::client
