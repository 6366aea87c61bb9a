#include "client/api/listing.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "client/api/repo_admin.h"
#include "client/api/repo_info.h"
#include "client/http/url.h"
#include "scripted_transport.h"

namespace hfhub::client {

TEST(ListingQuery, ModelsRepeatedKeysAndPythonSemantics) {
  ListModelsParams p;
  p.search = "llama 3";
  p.author = "meta";
  p.filter = {"text-generation", "license:mit"};
  p.library = {"gguf"};
  p.pipeline_tag = "text-generation";
  p.gated = false;
  p.sort = "created_at";
  p.direction = -1;
  p.limit = 5;
  p.full = true;
  p.config = true;
  p.card_data = true;
  EXPECT_EQ(list_models_query(p).encode(),
            "search=llama%203&author=meta&filter=text-generation&filter=license%3Amit&filter=gguf"
            "&pipeline_tag=text-generation&gated=false&config=true&sort=createdAt&direction=-1&limit=5"
            "&full=true&cardData=true");
}

TEST(ListingQuery, ExpandIsRepeatedAndExclusiveWithFull) {
  ListModelsParams p;
  p.expand = {"downloads", "gated"};
  EXPECT_EQ(list_models_query(p).encode(), "expand=downloads&expand=gated");
  p.full = true;
  EXPECT_THROW(list_models_query(p), std::invalid_argument);
}

TEST(ListingQuery, DatasetsLanguageIsPrefixed) {
  ListDatasetsParams p;
  p.language = {"fr"};
  p.sort = "trending_score";
  EXPECT_EQ(list_datasets_query(p).encode(), "filter=language%3Afr&sort=trendingScore");
}

TEST(ListingQuery, EmptyParamsNoQueryString) {
  EXPECT_EQ(list_spaces_query({}).append_to("https://h/api/spaces"), "https://h/api/spaces");
  Query q;
  q.add("a", "1");
  EXPECT_EQ(q.append_to("https://h/x?b=2"), "https://h/x?b=2&a=1");
}

TEST(RepoPaths, RevisionIsQuotedWithoutSafeCharacters) {
  EXPECT_EQ(repo_api_path(RepoType::Model, "org/m"), "/api/models/org/m");
  EXPECT_EQ(repo_api_path(RepoType::Dataset, "org/d", std::string("refs/pr/1")),
            "/api/datasets/org/d/revision/refs%2Fpr%2F1");
  EXPECT_EQ(repo_api_path(RepoType::Space, "gpt2", std::string("v1.0 beta")), "/api/spaces/gpt2/revision/v1.0%20beta");
}

class RepoRequests : public ::testing::Test {
 protected:
  std::shared_ptr<testing::Script> script = std::make_shared<testing::Script>();
  Session session{[] {
                    ClientOptions o;
                    o.endpoint = "https://hub.test";
                    return o;
                  }(),
                  std::make_unique<testing::ScriptedTransport>(script)};
};

TEST_F(RepoRequests, RepoInfoUrlFlags) {
  RepoInfoParams p;
  p.revision = "main";
  p.files_metadata = true;
  p.security_status = true;
  EXPECT_EQ(repo_info_url(session, RepoType::Model, "o/m", p),
            "https://hub.test/api/models/o/m/revision/main?securityStatus=true&blobs=true");
  RepoInfoParams e;
  e.expand = {"sha", "siblings"};
  EXPECT_EQ(repo_info_url(session, RepoType::Dataset, "o/d", e),
            "https://hub.test/api/datasets/o/d?expand=sha&expand=siblings");
  e.files_metadata = true;
  EXPECT_THROW(repo_info_url(session, RepoType::Model, "o/m", e), std::invalid_argument);
  EXPECT_THROW(repo_info_url(session, RepoType::Model, "o/bad--id", {}), std::invalid_argument);
}

TEST_F(RepoRequests, RepoExistsTreatsGatedAsExisting) {
  script->responses = {testing::response(200, R"({"id":"o/m"})"),
                       testing::response(401, "", {{"X-Error-Code", "GatedRepo"}}),
                       testing::response(404, "", {{"X-Error-Code", "RepoNotFound"}}), testing::response(400, "")};
  EXPECT_TRUE(repo_exists(session, RepoType::Model, "o/m"));
  EXPECT_TRUE(repo_exists(session, RepoType::Model, "o/gated"));
  EXPECT_FALSE(repo_exists(session, RepoType::Model, "o/missing"));
  EXPECT_THROW(repo_exists(session, RepoType::Model, "o/x"), BadRequestError);
}

TEST_F(RepoRequests, CreateRepoBodyAndExistOk) {
  script->responses = {testing::response(200, R"({"url":"https://hub.test/datasets/o/d","name":"o/d"})"),
                       testing::response(409, R"({"error":"You already created this dataset repo"})"),
                       testing::response(409, R"({"error":"You already created this dataset repo"})")};
  CreateRepoParams p;
  p.repo_type = RepoType::Dataset;
  p.private_ = true;
  RepoUrl url = create_repo(session, "o/d", p);
  EXPECT_EQ(url.url, "https://hub.test/datasets/o/d");
  EXPECT_EQ(url.repo_id, "o/d");
  EXPECT_EQ(url.repo_type, RepoType::Dataset);
  const auto& req = script->requests.at(0);
  EXPECT_EQ(req.method, "POST");
  EXPECT_EQ(req.url, "https://hub.test/api/repos/create");
  EXPECT_EQ(boost::json::parse(req.body),
            boost::json::parse(R"({"name":"d","organization":"o","type":"dataset","private":true})"));
  EXPECT_EQ(find_header(req.headers, "content-type"), "application/json");

  p.exist_ok = true;
  EXPECT_EQ(create_repo(session, "o/d", p).url, "https://hub.test/datasets/o/d");
  p.exist_ok = false;
  EXPECT_THROW(create_repo(session, "o/d", p), ConflictError);
}

TEST_F(RepoRequests, SpacesNeedAnSdk) {
  CreateRepoParams p;
  p.repo_type = RepoType::Space;
  EXPECT_THROW(create_repo_body(RepoId{"o", "s"}, p), std::invalid_argument);
  p.space_sdk = "gradio";
  EXPECT_EQ(create_repo_body(RepoId{"", "s"}, p),
            boost::json::parse(R"({"name":"s","organization":null,"type":"space","sdk":"gradio"})"));
}

TEST_F(RepoRequests, DeleteRepoMissingOk) {
  script->responses = {testing::response(404, "", {{"X-Error-Code", "RepoNotFound"}}),
                       testing::response(404, "", {{"X-Error-Code", "RepoNotFound"}})};
  EXPECT_NO_THROW(delete_repo(session, "o/m", RepoType::Model, true));
  EXPECT_THROW(delete_repo(session, "o/m", RepoType::Model, false), RepositoryNotFoundError);
  const auto& req = script->requests.at(0);
  EXPECT_EQ(req.method, "DELETE");
  EXPECT_EQ(req.url, "https://hub.test/api/repos/delete");
  EXPECT_EQ(boost::json::parse(req.body), boost::json::parse(R"({"name":"m","organization":"o","type":"model"})"));
}

TEST_F(RepoRequests, MoveAndSettingsBodies) {
  EXPECT_EQ(move_repo_body("a/x", "b/y", RepoType::Space),
            boost::json::parse(R"({"fromRepo":"a/x","toRepo":"b/y","type":"space"})"));
  EXPECT_THROW(move_repo(session, "x", "b/y", RepoType::Model), std::invalid_argument);
  RepoSettings s;
  EXPECT_THROW(repo_settings_body(s), std::invalid_argument);
  s.gated = GatedMode::Off;
  s.private_ = false;
  EXPECT_EQ(repo_settings_body(s), boost::json::parse(R"({"gated":false,"private":false})"));
  s.gated = GatedMode::Manual;
  s.discussions_disabled = true;
  EXPECT_EQ(repo_settings_body(s),
            boost::json::parse(R"({"gated":"manual","private":false,"discussionsDisabled":true})"));
  script->responses = {testing::response(200, "{}")};
  RepoSettings d;
  d.repo_type = RepoType::Dataset;
  d.private_ = true;
  update_repo_settings(session, "o/d", d);
  EXPECT_EQ(script->requests.at(0).method, "PUT");
  EXPECT_EQ(script->requests.at(0).url, "https://hub.test/api/datasets/o/d/settings");
}

}  // namespace hfhub::client
