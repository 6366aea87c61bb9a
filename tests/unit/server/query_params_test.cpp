// Query strings split and decoded with Boost.URL (QueryParams::parse) and rebuilt for the next
// page's link (next_page_url), keeping what hand-written splitting did before.
#include <gtest/gtest.h>

#include "server/http/request.h"
#include "server/routes/support/page_link.h"

namespace hfhub::server {
namespace {

using Items = std::vector<std::pair<std::string, std::string>>;

TEST(QueryParamsDecoding, PlusIsASpaceAndAnEscapedPlusIsAPlus) {
  auto q = *QueryParams::parse("search=a+b%2Bc&a+key=1");
  EXPECT_EQ(q.items(), (Items{{"search", "a b+c"}, {"a key", "1"}}));
}

TEST(QueryParamsDecoding, EmptyItemsAreSkippedAndTheFirstEqualsSplits) {
  EXPECT_EQ(QueryParams::parse("")->items(), Items{});
  auto q = *QueryParams::parse("a=1&&b&=x&c=d=e&");
  EXPECT_EQ(q.items(), (Items{{"a", "1"}, {"b", ""}, {"", "x"}, {"c", "d=e"}}));
}

TEST(QueryParamsDecoding, RawCharactersOutsideRfc3986AreKept) {
  auto q = *QueryParams::parse("filter={\"a\"}|b&expand[]=x^y&z=%C3%A9");
  EXPECT_EQ(q.items(), (Items{{"filter", "{\"a\"}|b"}, {"expand[]", "x^y"}, {"z", "\xC3\xA9"}}));
}

TEST(QueryParamsDecoding, MalformedEscapesAreRefused) {
  EXPECT_FALSE(QueryParams::parse("a=%zz").has_value());
  EXPECT_FALSE(QueryParams::parse("%=1").has_value());
  EXPECT_FALSE(QueryParams::parse("a=1&b=%").has_value());
}

TEST(PageLinkQuery, DropsEmptyItemsAndEveryCopyOfTheParameter) {
  Request r;
  r.path = "/api/models";
  r.query_string = "cursor=a&&search=x+y&cursor&limit=5";
  EXPECT_EQ(next_page_url("http://h", r, "cursor", "b"), "http://h/api/models?search=x+y&limit=5&cursor=b");
}

}  // namespace
}  // namespace hfhub::server
