// Collections as huggingface_hub's Collection and CollectionItem read them (docs/client.md#collections).
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "client/api/collections.h"
#include "hfhub/errors.h"

namespace hfhub::client {
namespace {

const char* kCollection = R"({"slug":"alice/my-things-0123456789abcdef01234567","title":"My things",
  "owner":{"name":"alice","type":"user"},"lastUpdated":"2026-12-03T14:00:00.000Z","position":2,"private":true,
  "theme":"pink","upvotes":3,"description":"d","items":[
   {"_id":"aaaaaaaaaaaaaaaaaaaaaaaa","id":"alice/bert","type":"model","position":0,"note":{"text":"<b>","html":"&lt;b&gt;"}},
   {"_id":"bbbbbbbbbbbbbbbbbbbbbbbb","id":"0123456789abcdef01234567","slug":"bob/x-0123456789abcdef01234567",
    "type":"collection","position":1}]})";

TEST(CollectionJson, SingleAnswer) {
  auto c = parse_collection(boost::json::parse(kCollection).as_object(), "http://hub");
  EXPECT_EQ(c.slug, "alice/my-things-0123456789abcdef01234567");
  EXPECT_EQ(c.owner, "alice");
  EXPECT_EQ(c.position, 2);
  EXPECT_TRUE(c.private_);
  EXPECT_EQ(c.description, "d");
  EXPECT_EQ(c.url(), "http://hub/collections/alice/my-things-0123456789abcdef01234567");
  ASSERT_EQ(c.items.size(), 2u);
  EXPECT_EQ(c.items[0].note, "<b>");
  EXPECT_EQ(c.items[0].item_object_id, "aaaaaaaaaaaaaaaaaaaaaaaa");
  EXPECT_EQ(c.items[1].item_id, "bob/x-0123456789abcdef01234567");  // a collection item is named by its slug
  EXPECT_FALSE(c.items[1].note.has_value());
}

TEST(CollectionJson, ListAnswersTakeThePositionGiven) {
  auto o = boost::json::parse(kCollection).as_object();
  o.erase("position");
  EXPECT_EQ(parse_collection(o, "http://hub", 7).position, 7);
  EXPECT_THROW(parse_collection(o, "http://hub"), InvalidResponseError);
  o.erase("theme");
  EXPECT_THROW(parse_collection(o, "http://hub", 0), InvalidResponseError);
}

}  // namespace
}  // namespace hfhub::client
