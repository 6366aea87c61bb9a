#include "server/http/router.h"

#include <gtest/gtest.h>

#include "server/http/error_table.h"

namespace hfhub::server {
namespace {

Request req(std::string method, std::string path) {
  Request r;
  r.method = std::move(method);
  r.path = std::move(path);
  return r;
}

class RouterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    list = router.add("GET", "/api/{type}");
    revision = router.add("GET", "/api/{type}/{repo:repo}/revision/{rev*}");
    info = router.add("GET", "/api/{type}/{repo:repo}");
    tree = router.add("GET", "/api/{type}/{repo:repo}/tree/{rev}/{path*}");
    create = router.add("POST", "/api/repos/create");
  }
  Router router;
  size_t list, revision, info, tree, create;
};

TEST_F(RouterTest, RepoIdsOfTwoOrOneSegments) {
  auto m = router.match(req("GET", "/api/models/meta-llama/Llama-3"));
  EXPECT_EQ(m.index, info);
  EXPECT_EQ(m.params["type"], "models");
  EXPECT_EQ(m.params["repo"], "meta-llama/Llama-3");
  m = router.match(req("GET", "/api/models/gpt2"));
  EXPECT_EQ(m.index, info);
  EXPECT_EQ(m.params["repo"], "gpt2");
  m = router.match(req("GET", "/api/models/gpt2/revision/main"));
  EXPECT_EQ(m.index, revision);
  EXPECT_EQ(m.params["repo"], "gpt2");
  EXPECT_EQ(m.params["rev"], "main");
}

TEST_F(RouterTest, RevisionsRawOrEncodedCaptureTheSame) {
  auto raw = router.match(req("GET", "/api/models/a/b/revision/refs/pr/1"));
  auto enc = router.match(req("GET", "/api/models/a/b/revision/refs%2Fpr%2F1"));
  EXPECT_EQ(raw.params["rev"], "refs/pr/1");
  EXPECT_EQ(enc.params["rev"], "refs/pr/1");
  auto t = router.match(req("GET", "/api/datasets/a/b/tree/main/dir%2Fsub/file.txt"));
  EXPECT_EQ(t.index, tree);
  EXPECT_EQ(t.params["path"], "dir/sub/file.txt");
}

TEST_F(RouterTest, NotFoundAndMethodNotAllowed) {
  try {
    router.match(req("GET", "/nope"));
    FAIL();
  } catch (const DomainError& e) {
    EXPECT_EQ(error_status(e), 404);
  }
  try {
    router.match(req("DELETE", "/api/repos/create"));
    FAIL();
  } catch (const DomainError& e) {
    EXPECT_EQ(error_status(e), 405);
  }
  EXPECT_THROW(router.match(req("GET", "/api/models/a/%zz")), DomainError);
}

TEST_F(RouterTest, HeadIsServedByGetRoutes) {
  EXPECT_EQ(router.match(req("HEAD", "/api/models")).index, list);
  EXPECT_EQ(router.match(req("POST", "/api/repos/create")).index, create);
}

TEST(QueryParams, RepeatedBracketAndCommaForms) {
  auto q = *QueryParams::parse("expand=a&expand[]=b&expand=c,d&filter=x%20y&full=True&e=");
  EXPECT_EQ(q.all("expand"), (std::vector<std::string>{"a", "b", "c", "d"}));
  EXPECT_EQ(q.get("filter"), "x y");
  EXPECT_EQ(q.boolean("full"), true);
  EXPECT_EQ(q.boolean("missing"), std::nullopt);
  EXPECT_EQ(q.all("search", false), std::vector<std::string>{});
  EXPECT_FALSE(QueryParams::parse("a=%4").has_value());
  auto bad = *QueryParams::parse("full=perhaps");
  EXPECT_THROW(bad.boolean("full"), DomainError);
}

}  // namespace
}  // namespace hfhub::server
