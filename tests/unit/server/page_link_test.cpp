#include "server/routes/support/page_link.h"

#include <gtest/gtest.h>

namespace hfhub::server {
namespace {

Request request(std::string path, std::string query) {
  Request r;
  r.path = std::move(path);
  r.query_string = std::move(query);
  return r;
}

TEST(PageLink, ReplacesOnlyTheOneParameter) {
  auto r = request("/api/models/a/b/tree/main", "recursive=true&cursor=old&expand=false");
  EXPECT_EQ(next_page_url("http://h", r, "cursor", "new"),
            "http://h/api/models/a/b/tree/main?recursive=true&expand=false&cursor=new");
}

TEST(PageLink, AddsTheParameterToAnEmptyQuery) {
  EXPECT_EQ(next_page_url("http://h", request("/x", ""), "p", "2"), "http://h/x?p=2");
}

TEST(PageLink, KeepsEncodedPathsAndParametersVerbatim) {
  // A parameter that merely starts like the replaced one stays.
  auto r = request("/api/models/a/b/tree/refs%2Fpr%2F1/d%2Fe", "expand%5B%5D=formatted&px=1&p=3");
  EXPECT_EQ(next_page_url("https://hub.example", r, "p", "4"),
            "https://hub.example/api/models/a/b/tree/refs%2Fpr%2F1/d%2Fe?expand%5B%5D=formatted&px=1&p=4");
}

}  // namespace
}  // namespace hfhub::server
