// GET /api/models|datasets|spaces: filters, sorting, keyset pages, expand, field shapes.
#include <gtest/gtest.h>

#include <algorithm>
#include <regex>
#include <set>

#include "common/iso_time.h"
#include "common/link_header.h"
#include "raw_http.h"
#include "server_fixture.h"

namespace hfhub::testing {
namespace {

std::string api(const std::string& path) { return shared_server().endpoint() + path; }

TEST(CatalogListing, DefaultModelItemHasTheHubFields) {
  auto r = http_get(api("/api/models?limit=5"));
  ASSERT_EQ(r.status, 200);
  auto items = r.json().as_array();
  ASSERT_EQ(items.size(), 5u);
  for (auto& v : items) {
    auto& o = v.as_object();
    for (auto* key : {"_id", "id", "likes", "trendingScore", "private", "downloads", "tags", "createdAt", "modelId"})
      EXPECT_TRUE(o.contains(key)) << key << " missing in " << boost::json::serialize(o);
    EXPECT_EQ(o.at("id"), o.at("modelId"));
    EXPECT_EQ(o.at("_id").as_string().size(), 24u);
    EXPECT_FALSE(o.at("private").as_bool());
    // ISO-8601 UTC with milliseconds.
    EXPECT_TRUE(std::regex_match(std::string(o.at("createdAt").as_string()),
                                 std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)")));
    EXPECT_FALSE(o.contains("siblings"));  // only with full=true
  }
}

TEST(CatalogListing, NewestFirstWithFilterFollowsKeysetPagesToTheEnd) {
  auto api_client = client();
  ListModelsParams p;
  p.sort = "createdAt";
  p.direction = -1;
  p.filter = {"text-generation"};
  std::vector<ModelInfo> all;
  // Page by page through the raw Link headers, 7 per page.
  std::string url = api("/api/models?sort=createdAt&direction=-1&limit=7&filter=text-generation");
  std::set<std::string> ids;
  int64_t previous = INT64_MAX;
  int pages = 0;
  while (!url.empty()) {
    auto r = http_get(url);
    ASSERT_EQ(r.status, 200) << url;
    auto items = r.json().as_array();
    for (auto& v : items) {
      auto& o = v.as_object();
      EXPECT_TRUE(ids.insert(std::string(o.at("id").as_string())).second) << "repeated " << o.at("id");
      auto created = *parse_iso8601(std::string(o.at("createdAt").as_string()));
      EXPECT_LE(created, previous);
      previous = created;
      auto& tags = o.at("tags").as_array();
      EXPECT_NE(std::find(tags.begin(), tags.end(), boost::json::value("text-generation")), tags.end());
    }
    ++pages;
    auto link = r.header("link");
    url = link.empty() ? "" : parse_next_link(link).value_or("");
    if (!url.empty()) EXPECT_EQ(url.rfind(shared_server().endpoint(), 0), 0u) << "Link must be absolute";
    if (link.empty()) EXPECT_LE(items.size(), 7u);
  }
  EXPECT_GT(pages, 2);
  // The typed client walks the same pages lazily and finds the same set.
  std::set<std::string> via_client;
  for (auto& m : api_client.list_models(p)) via_client.insert(m.id);
  EXPECT_EQ(via_client, ids);
}

TEST(CatalogListing, AscendingAndOtherSortKeys) {
  for (std::string key : {"downloads", "likes", "lastModified", "trendingScore"}) {
    auto r = http_get(api("/api/models?limit=40&expand=" + key + "&sort=" + key));
    ASSERT_EQ(r.status, 200);
    auto items = r.json().as_array();
    ASSERT_FALSE(items.empty());
    for (size_t i = 1; i < items.size(); ++i) {
      auto a = items[i - 1].at(key), b = items[i].at(key);
      if (a.is_string())
        EXPECT_GE(a.as_string(), b.as_string()) << key;
      else
        EXPECT_GE(a.to_number<double>(), b.to_number<double>()) << key;
    }
  }
  auto r = http_get(api("/api/models?limit=30&sort=createdAt&direction=1"));
  auto items = r.json().as_array();
  for (size_t i = 1; i < items.size(); ++i)
    EXPECT_LE(items[i - 1].at("createdAt").as_string(), items[i].at("createdAt").as_string());
}

TEST(CatalogListing, UnknownSortFallsBackToLastModifiedDescending) {
  auto fallback = http_get(api("/api/models?limit=20&sort=created&expand=lastModified"));
  auto reference = http_get(api("/api/models?limit=20&sort=lastModified&expand=lastModified"));
  ASSERT_EQ(fallback.status, 200);
  EXPECT_EQ(fallback.body, reference.body);
}

TEST(CatalogListing, SearchAuthorPipelineLibraryFilters) {
  auto r = http_get(api("/api/models?search=LLAMA&limit=100"));
  ASSERT_EQ(r.status, 200);
  auto items = r.json().as_array();
  ASSERT_FALSE(items.empty());
  for (auto& v : items) {
    std::string id(v.at("id").as_string());
    std::transform(id.begin(), id.end(), id.begin(), ::tolower);
    EXPECT_NE(id.find("llama"), std::string::npos) << id;
  }
  auto first_author = std::string(http_get(api("/api/models?limit=1&full=true")).json().at(0).at("author").as_string());
  for (auto& v : json_array(http_get(api("/api/models?full=true&limit=1000&author=" + first_author))))
    EXPECT_EQ(v.at("author").as_string(), first_author);
  for (auto& v : json_array(http_get(api("/api/models?pipeline_tag=text-to-image&limit=100"))))
    EXPECT_EQ(v.at("pipeline_tag").as_string(), "text-to-image");
  auto lib = http_get(api("/api/models?library=diffusers&limit=100")).json().as_array();
  ASSERT_FALSE(lib.empty());
  for (auto& v : lib) {
    auto& tags = v.at("tags").as_array();
    EXPECT_NE(std::find(tags.begin(), tags.end(), boost::json::value("diffusers")), tags.end());
  }
  // Repeated and comma-joined filters both mean "all of these tags".
  auto repeated = http_get(api("/api/models?filter=text-generation&filter=conversational&limit=50"));
  auto joined = http_get(api("/api/models?filter=text-generation,conversational&limit=50"));
  EXPECT_EQ(repeated.body, joined.body);
  EXPECT_EQ(http_get(api("/api/models?filter=no-such-tag-anywhere")).body, "[]");
}

TEST(CatalogListing, ExpandReturnsOnlyIdsAndRequestedKeys) {
  auto r = http_get(api("/api/models?limit=3&expand=downloads&expand[]=author&expand=gitalyUid&expand=xetEnabled"));
  ASSERT_EQ(r.status, 200);
  for (auto& v : json_array(r)) {
    std::set<std::string> keys;
    for (auto& kv : v.as_object()) keys.insert(std::string(kv.key()));
    // Unknown names (gitalyUid) are ignored; every repo takes Xet (docs/xet.md#negotiation).
    EXPECT_EQ(keys, (std::set<std::string>{"_id", "id", "downloads", "author", "xetEnabled"}));
    EXPECT_EQ(v.at("xetEnabled"), true);
  }
}

TEST(CatalogListing, FullConfigAndCardData) {
  auto r = http_get(api("/api/models?limit=20&full=true&config=true&cardData=true&library=transformers"));
  ASSERT_EQ(r.status, 200);
  bool saw_config = false;
  for (auto& v : json_array(r)) {
    auto& o = v.as_object();
    for (auto* key : {"author", "sha", "lastModified", "gated", "siblings"}) EXPECT_TRUE(o.contains(key)) << key;
    if (o.contains("config")) {
      saw_config = true;
      EXPECT_TRUE(o.at("config").is_object());
    }
    if (o.contains("cardData")) {
      EXPECT_TRUE(o.at("cardData").is_object());
    }
  }
  EXPECT_TRUE(saw_config);
}

TEST(CatalogListing, LimitDefaultsAndClamp) {
  EXPECT_EQ(http_get(api("/api/models")).json().as_array().size(), 30u);
  // The fixture holds a few hundred models (< 1000): a limit clamped to 1000 returns all of them
  // in one page, as many as walking pages of 50 finds.
  size_t paged = 0;
  for (std::string url = api("/api/models?limit=50"); !url.empty();) {
    auto page = http_get(url);
    paged += page.json().as_array().size();
    url = parse_next_link(page.header("link")).value_or("");
  }
  auto r = http_get(api("/api/models?limit=10000"));
  ASSERT_EQ(r.status, 200);
  EXPECT_GT(paged, 200u);
  EXPECT_EQ(r.json().as_array().size(), paged);
  EXPECT_TRUE(r.header("link").empty());
}

TEST(CatalogListing, DatasetsAndSpaces) {
  auto d = http_get(api("/api/datasets?limit=5"));
  ASSERT_EQ(d.status, 200);
  for (auto& v : json_array(d)) EXPECT_TRUE(v.as_object().contains("downloads"));
  auto s = http_get(api("/api/spaces?limit=5"));
  ASSERT_EQ(s.status, 200);
  for (auto& v : json_array(s)) EXPECT_TRUE(v.as_object().contains("sdk"));
  auto c = client();
  int n = 0;
  for (auto& ds : c.list_datasets({.limit = 12})) {
    EXPECT_FALSE(ds.id.empty());
    ++n;
  }
  EXPECT_EQ(n, 12);
}

TEST(CatalogListing, EveryResponseCarriesRequestIdAndRateLimitHeaders) {
  auto r = http_get(api("/api/models?limit=1"));
  EXPECT_FALSE(r.header("x-request-id").empty());
  EXPECT_TRUE(std::regex_match(r.header("ratelimit"), std::regex(R"("api";r=\d+;t=\d+)"))) << r.header("ratelimit");
  EXPECT_TRUE(std::regex_match(r.header("ratelimit-policy"), std::regex(R"("fixed window";"api";q=\d+;w=300)")));
  auto a = http_get(api("/api/models?limit=1")), b = http_get(api("/api/models?limit=1"));
  EXPECT_NE(a.header("x-request-id"), b.header("x-request-id"));
}

}  // namespace
}  // namespace hfhub::testing
