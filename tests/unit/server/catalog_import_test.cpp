#include "server/admin/catalog_import.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <sstream>

#include "common/iso_time.h"
#include "common/object_id.h"
#include "server/admin/demo_catalog.h"
#include "store_test_support.h"

namespace hfhub::server {
namespace {

namespace json = boost::json;

// A real `/api/models?full=true&cardData=true&config=true` item, trimmed.
constexpr std::string_view kModelLine =
    R"({"_id":"6a0e2efc6278d8b2e623e194","id":"sstoica12/UAS_qwen7b_medmcqa","author":"sstoica12",)"
    R"("sha":"1993fd1a13a3aebc3cfb2db24c7c8f32f79b52ed","lastModified":"2026-05-20T22:03:07.000Z",)"
    R"("createdAt":"2026-05-20T22:00:28.000Z","private":false,"gated":"manual","disabled":false,)"
    R"("downloads":12,"downloadsAllTime":40,"likes":3,"trendingScore":2,"usedStorage":15231234,)"
    R"("tags":["transformers","safetensors","qwen2","text-generation","conversational","arxiv:1910.09700",)"
    R"("text-generation-inference","endpoints_compatible","region:us"],"pipeline_tag":"text-generation",)"
    R"("library_name":"transformers","siblings":[{"rfilename":".gitattributes"},{"rfilename":"config.json"},)"
    R"({"rfilename":"model.safetensors","size":15231234,"blobId":"0a1b2c","lfs":{"sha256":)"
    R"("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","size":15231234,"pointerSize":134}}],)"
    R"("cardData":{"license":"apache-2.0","base_model":"Qwen/Qwen2.5-7B"},)"
    R"("config":{"architectures":["Qwen2ForCausalLM"],"model_type":"qwen2"},)"
    R"("safetensors":{"parameters":{"BF16":7615616512},"total":7615616512},"modelId":"sstoica12/UAS_qwen7b_medmcqa"})";

constexpr int64_t kNow = 1'767'225'600'000;  // 2026-01-01T00:00:00Z

std::optional<RepoRecord> parse(std::string_view line, std::string* error_out = nullptr,
                                RepoType type = RepoType::Model) {
  std::string error;
  auto r = parse_catalog_item(line, type, kNow, error);
  if (error_out) *error_out = error;
  return r;
}

// The reason a line is rejected ("" when it is accepted).
std::string rejection(std::string_view line) {
  std::string error;
  auto r = parse(line, &error);
  return r ? "" : error;
}

TEST(CatalogImport, ParsesAFullListingItem) {
  std::string error;
  auto r = parse(kModelLine, &error);
  ASSERT_TRUE(r.has_value()) << error;
  EXPECT_EQ(r->type, RepoType::Model);
  EXPECT_EQ(r->id, "sstoica12/UAS_qwen7b_medmcqa");
  EXPECT_EQ(r->author, "sstoica12");
  EXPECT_EQ(r->object_id, "6a0e2efc6278d8b2e623e194");
  EXPECT_EQ(r->sha, "1993fd1a13a3aebc3cfb2db24c7c8f32f79b52ed");
  EXPECT_EQ(r->created_at_ms, *parse_iso8601("2026-05-20T22:00:28.000Z"));
  EXPECT_EQ(r->last_modified_ms, *parse_iso8601("2026-05-20T22:03:07.000Z"));
  EXPECT_EQ(r->gated, Gated::Manual);
  EXPECT_FALSE(r->is_private);
  EXPECT_EQ(r->downloads, 12);
  EXPECT_EQ(r->downloads_all_time, 40);
  EXPECT_EQ(r->likes, 3);
  EXPECT_EQ(r->trending_score, 2);
  EXPECT_EQ(r->used_storage, 15231234);
  ASSERT_EQ(r->tags.size(), 9u);
  EXPECT_EQ(r->tags.back(), "region:us");
  EXPECT_EQ(r->pipeline_tag, "text-generation");
  EXPECT_EQ(r->library_name, "transformers");
  ASSERT_EQ(r->siblings.size(), 3u);
  EXPECT_EQ(r->siblings[2].rfilename, "model.safetensors");
  EXPECT_EQ(r->siblings[2].size, 15231234);
  EXPECT_EQ(r->siblings[2].blob_id, "0a1b2c");
  EXPECT_EQ(r->siblings[2].lfs_sha256, std::string(64, 'a'));
  EXPECT_FALSE(r->siblings[0].size.has_value());
  EXPECT_EQ(json::parse(r->card_data_json).at("base_model").as_string(), "Qwen/Qwen2.5-7B");
  EXPECT_EQ(json::parse(r->config_json).at("model_type").as_string(), "qwen2");
  // Fields without a column travel in extra_json; the legacy modelId duplicate is dropped.
  json::object extra = json::parse(r->extra_json).as_object();
  EXPECT_TRUE(extra.contains("safetensors"));
  EXPECT_FALSE(extra.contains("modelId"));
  EXPECT_FALSE(extra.contains("tags"));
}

TEST(CatalogImport, FillsMissingFieldsFromWhatIsThere) {
  auto minimal = parse(R"({"id":"openlab-ai/tiny-model"})");
  ASSERT_TRUE(minimal.has_value());
  EXPECT_EQ(minimal->author, "openlab-ai");
  EXPECT_EQ(minimal->created_at_ms, kNow);
  EXPECT_EQ(minimal->last_modified_ms, kNow);
  EXPECT_TRUE(is_object_id(minimal->object_id));
  EXPECT_EQ(minimal->sha.size(), 40u);
  EXPECT_EQ(minimal->sha, parse(R"({"id":"openlab-ai/tiny-model"})")->sha);  // stable across imports
  EXPECT_EQ(minimal->gated, Gated::No);
  EXPECT_TRUE(minimal->tags.empty());
  EXPECT_TRUE(minimal->card_data_json.empty());
  EXPECT_TRUE(minimal->extra_json.empty());

  // createdAt from the ObjectId's timestamp when absent; `_id` from createdAt when absent.
  auto from_id = parse(R"({"id":"a/b","_id":"6a0e2efc6278d8b2e623e194"})");
  ASSERT_TRUE(from_id.has_value());
  EXPECT_EQ(from_id->created_at_ms, int64_t(0x6a0e2efc) * 1000);
  auto from_date = parse(R"({"id":"a/b","createdAt":"2024-02-03T04:05:06.000Z"})");
  ASSERT_TRUE(from_date.has_value());
  char head[9];
  std::snprintf(head, sizeof head, "%08x", unsigned(*parse_iso8601("2024-02-03T04:05:06Z") / 1000));
  EXPECT_EQ(from_date->object_id.substr(0, 8), head);

  // null means "no value", as the Hub writes it.
  auto nulls = parse(R"({"id":"a/b","pipeline_tag":null,"cardData":null,"gated":null,"downloads":null})");
  ASSERT_TRUE(nulls.has_value());
  EXPECT_FALSE(nulls->pipeline_tag.has_value());
  EXPECT_EQ(nulls->downloads, 0);

  // Legacy one-segment ids keep the author they are given.
  auto legacy = parse(R"({"id":"gpt2","author":"openai-community"})");
  ASSERT_TRUE(legacy.has_value());
  EXPECT_EQ(legacy->id, "gpt2");
  EXPECT_EQ(legacy->author, "openai-community");
}

TEST(CatalogImport, SpacesAndDatasetsKeepTheirFields) {
  auto space = parse(R"({"id":"ns/app","sdk":"gradio","tags":["gradio","region:us"],"likes":5,)"
                     R"("runtime":{"stage":"RUNNING"},"subdomain":"ns-app"})",
                     nullptr, RepoType::Space);
  ASSERT_TRUE(space.has_value());
  EXPECT_EQ(space->type, RepoType::Space);
  EXPECT_EQ(space->sdk, "gradio");
  json::object extra = json::parse(space->extra_json).as_object();
  EXPECT_EQ(extra.at("runtime").at("stage").as_string(), "RUNNING");
  EXPECT_EQ(extra.at("subdomain").as_string(), "ns-app");

  auto dataset = parse(R"({"id":"ns/data","tags":["task_categories:text-generation","size_categories:1K<n<10K"],)"
                       R"("description":"Some rows.","citation":"@misc{x}"})",
                       nullptr, RepoType::Dataset);
  ASSERT_TRUE(dataset.has_value());
  EXPECT_EQ(dataset->type, RepoType::Dataset);
  EXPECT_EQ(json::parse(dataset->extra_json).at("description").as_string(), "Some rows.");
}

TEST(CatalogImport, RejectsInvalidItemsWithAReason) {
  EXPECT_NE(rejection("{not json").find("not valid JSON"), std::string::npos);
  EXPECT_EQ(rejection("[1,2]"), "not a JSON object");
  EXPECT_EQ(rejection(R"({"author":"x"})"), "missing id");
  EXPECT_NE(rejection(R"({"id":"bad--name/x"})").find("invalid repo id"), std::string::npos);
  EXPECT_NE(rejection(R"({"id":"a/b/c"})").find("invalid repo id"), std::string::npos);
  EXPECT_NE(rejection(R"({"id":42})").find("id must be a string"), std::string::npos);
  EXPECT_NE(rejection(R"({"id":"a/b","author":"c"})").find("not the namespace"), std::string::npos);
  EXPECT_NE(rejection(R"({"id":"a/b","_id":"xyz"})").find("ObjectId"), std::string::npos);
  EXPECT_NE(rejection(R"({"id":"a/b","createdAt":"yesterday"})").find("ISO-8601"), std::string::npos);
  EXPECT_NE(rejection(R"({"id":"a/b","lastModified":12345})").find("ISO-8601"), std::string::npos);
  EXPECT_NE(rejection(R"({"id":"a/b","downloads":-1})").find("non-negative"), std::string::npos);
  EXPECT_NE(rejection(R"({"id":"a/b","likes":"many"})").find("number"), std::string::npos);
  EXPECT_NE(rejection(R"({"id":"a/b","likes":1.5})").find("whole number"), std::string::npos);
  EXPECT_NE(rejection(R"({"id":"a/b","trendingScore":-3})").find("non-negative"), std::string::npos);
  EXPECT_NE(rejection(R"({"id":"a/b","gated":true})").find("gated"), std::string::npos);
  EXPECT_NE(rejection(R"({"id":"a/b","gated":"sometimes"})").find("gated"), std::string::npos);
  EXPECT_NE(rejection(R"({"id":"a/b","private":"no"})").find("true or false"), std::string::npos);
  EXPECT_NE(rejection(R"({"id":"a/b","sha":"abc"})").find("sha"), std::string::npos);
  EXPECT_NE(rejection(R"({"id":"a/b","tags":"x"})").find("array"), std::string::npos);
  EXPECT_NE(rejection(R"({"id":"a/b","tags":["ok","two\nlines"]})").find("line break"), std::string::npos);
  EXPECT_NE(rejection(R"({"id":"a/b","tags":[""]})").find("empty"), std::string::npos);
  EXPECT_NE(rejection(R"({"id":"a/b","siblings":[{"size":1}]})").find("rfilename"), std::string::npos);
  EXPECT_NE(rejection(R"({"id":"a/b","siblings":[{"rfilename":"../etc/passwd"}]})").find("relative"),
            std::string::npos);
  EXPECT_NE(rejection(R"({"id":"a/b","siblings":[{"rfilename":"w.bin","lfs":{"sha256":"zz"}}]})").find("lfs"),
            std::string::npos);
  EXPECT_NE(rejection(R"({"id":"a/b","cardData":"license: mit"})").find("object"), std::string::npos);
  EXPECT_EQ(rejection(R"({"id":"a/b","gated":false,"private":true})"), "");
}

class CatalogImportStoreTest : public TempDatabaseTest {
 protected:
  ImportReport run(const std::string& text, RepoType type = RepoType::Model, ImportOptions o = {}) {
    std::istringstream in(text);
    o.now_ms = kNow;
    return import_catalog_jsonl(repos_, accounts_, in, type, o);
  }
};

TEST_F(CatalogImportStoreTest, ImportsValidLinesAndReportsInvalidOnesByLineNumber) {
  std::string text = "\xEF\xBB\xBF" + std::string(kModelLine) + "\r\n" +
                     "\n"  // blank lines are skipped, not rejected
                     R"({"id":"openlab-ai/second","downloads":5,"private":true})"
                     "\n"
                     R"({"id":"bad--id/x"})"
                     "\n"
                     "garbage\n"
                     R"({"id":"openlab-ai/third","gated":"auto"})";
  std::vector<std::pair<int64_t, int64_t>> progress;
  ImportOptions o;
  o.batch_size = 2;
  o.progress = [&](int64_t lines, int64_t imported) { progress.emplace_back(lines, imported); };
  ImportReport report = run(text, RepoType::Model, o);
  EXPECT_EQ(report.lines, 5);
  EXPECT_EQ(report.imported, 3);
  EXPECT_EQ(report.rejected, 2);
  ASSERT_EQ(report.errors.size(), 2u);
  EXPECT_EQ(report.errors[0].line, 4);
  EXPECT_NE(report.errors[0].reason.find("invalid repo id"), std::string::npos);
  EXPECT_EQ(report.errors[1].line, 5);
  EXPECT_EQ(report.accounts_created, 2);  // sstoica12, openlab-ai
  EXPECT_EQ(progress.size(), 2u);
  EXPECT_EQ(progress.back().second, 3);

  EXPECT_EQ(repos_.count_repos(RepoType::Model), 3);
  auto first = repos_.find_repo(RepoType::Model, "sstoica12/UAS_qwen7b_medmcqa");
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(first->object_id, "6a0e2efc6278d8b2e623e194");
  EXPECT_EQ(first->gated, Gated::Manual);
  EXPECT_EQ(first->siblings.size(), 3u);
  auto second = repos_.find_repo(RepoType::Model, "openlab-ai/second");
  ASSERT_TRUE(second.has_value());
  EXPECT_TRUE(second->is_private);
  EXPECT_EQ(second->downloads, 5);
  auto owner = accounts_.find_account("openlab-ai");
  ASSERT_TRUE(owner.has_value());
  EXPECT_EQ(owner->kind, AccountKind::User);

  // Re-importing updates in place and creates no accounts.
  ImportReport again = run(text);
  EXPECT_EQ(again.imported, 3);
  EXPECT_EQ(again.accounts_created, 0);
  EXPECT_EQ(repos_.count_repos(RepoType::Model), 3);
}

TEST_F(CatalogImportStoreTest, CapsMessagesButCountsEveryRejection) {
  std::string text;
  for (int i = 0; i < 25; ++i)
    text += "{\"id\":\"x/" + std::string(i % 2 ? "ok" : "bad..") + std::to_string(i) + "\"}\n";
  ImportOptions o;
  o.max_messages = 5;
  ImportReport report = run(text, RepoType::Model, o);
  EXPECT_EQ(report.lines, 25);
  EXPECT_EQ(report.imported, 12);
  EXPECT_EQ(report.rejected, 13);
  EXPECT_EQ(report.errors.size(), 5u);
  EXPECT_EQ(report.errors.front().line, 1);
}

TEST_F(CatalogImportStoreTest, AccountCreationIsOptional) {
  ImportOptions o;
  o.create_missing_accounts = false;
  ImportReport report = run(R"({"id":"nobody-yet/model"})", RepoType::Model, o);
  EXPECT_EQ(report.imported, 1);
  EXPECT_EQ(report.accounts_created, 0);
  EXPECT_FALSE(accounts_.find_account("nobody-yet").has_value());

  o.create_missing_accounts = true;
  o.missing_account_kind = AccountKind::Org;
  run(R"({"id":"some-org/data"})", RepoType::Dataset, o);
  auto org = accounts_.find_account("some-org");
  ASSERT_TRUE(org.has_value());
  EXPECT_EQ(org->kind, AccountKind::Org);
  EXPECT_TRUE(repos_.find_repo(RepoType::Dataset, "some-org/data").has_value());
  EXPECT_FALSE(repos_.find_repo(RepoType::Model, "some-org/data").has_value());
}

// The demo generator's records, written out in the listing item format, import unchanged:
// the two ends agree on the format.
TEST_F(CatalogImportStoreTest, DemoCatalogRoundTripsThroughTheItemFormat) {
  DemoOptions demo;
  demo.models = 300;
  demo.now_ms = kNow;
  std::vector<RepoRecord> generated;
  generate_demo_repos(demo, RepoType::Model, [&](RepoRecord&& r) { generated.push_back(std::move(r)); });
  std::string text;
  for (const RepoRecord& r : generated) {
    json::object item{{"_id", r.object_id},
                      {"id", r.id},
                      {"author", r.author},
                      {"sha", r.sha},
                      {"createdAt", format_iso8601_ms(r.created_at_ms)},
                      {"lastModified", format_iso8601_ms(r.last_modified_ms)},
                      {"private", r.is_private},
                      {"downloads", r.downloads},
                      {"likes", r.likes},
                      {"trendingScore", r.trending_score}};
    item["gated"] = r.gated == Gated::No ? json::value(false) : json::value(gated_name(r.gated));
    json::array tags;
    for (const auto& t : r.tags) tags.emplace_back(t);
    item["tags"] = std::move(tags);
    if (r.pipeline_tag) item["pipeline_tag"] = *r.pipeline_tag;
    if (r.library_name) item["library_name"] = *r.library_name;
    json::array siblings;
    for (const auto& s : r.siblings) siblings.push_back(json::object{{"rfilename", s.rfilename}});
    item["siblings"] = std::move(siblings);
    if (!r.card_data_json.empty()) item["cardData"] = json::parse(r.card_data_json);
    text += json::serialize(item) + "\n";
  }
  ImportReport report = run(text);
  ASSERT_EQ(report.rejected, 0) << report.errors.front().line << ": " << report.errors.front().reason;
  EXPECT_EQ(report.imported, 300);
  for (size_t i : {size_t(0), size_t(150), size_t(299)}) {
    auto stored = repos_.find_repo(RepoType::Model, generated[i].id);
    ASSERT_TRUE(stored.has_value());
    EXPECT_EQ(stored->object_id, generated[i].object_id);
    EXPECT_EQ(stored->created_at_ms, generated[i].created_at_ms);
    EXPECT_EQ(stored->tags, generated[i].tags);
    EXPECT_EQ(stored->pipeline_tag, generated[i].pipeline_tag);
    EXPECT_EQ(stored->gated, generated[i].gated);
  }
}

}  // namespace
}  // namespace hfhub::server
