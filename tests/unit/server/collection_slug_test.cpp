// The title part of a collection slug (docs/collections.md#slugs).
#include <gtest/gtest.h>

#include "server/collections/collection_service.h"

namespace hfhub::server {
namespace {

TEST(CollectionSlug, TitleSlug) {
  EXPECT_EQ(collection_title_slug("Test Collection 1"), "test-collection-1");
  EXPECT_EQ(collection_title_slug("  ICCV -- Oct. 2023!! "), "iccv-oct-2023");
  EXPECT_EQ(collection_title_slug("Test Collection 3f1c-aa"), "test-collection-3f1c-aa");
  EXPECT_EQ(collection_title_slug("日本語"), "collection");
  EXPECT_EQ(collection_title_slug("Café au lait"), "caf-au-lait");
  CollectionRecord c;
  c.owner = "alice";
  c.title_slug = "x";
  c.id = "0123456789abcdef01234567";
  EXPECT_EQ(collection_slug(c), "alice/x-0123456789abcdef01234567");
}

}  // namespace
}  // namespace hfhub::server
