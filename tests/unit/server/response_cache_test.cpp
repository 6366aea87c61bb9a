#include "server/services/response_cache.h"

#include <gtest/gtest.h>

#include <thread>

namespace hfhub::server {
namespace {

std::shared_ptr<const CachedResponse> body(std::string text) {
  return std::make_shared<CachedResponse>(CachedResponse{std::move(text), std::nullopt});
}

TEST(ResponseCache, HitsOnlyAtTheSameGeneration) {
  ResponseCache cache(1 << 20, std::chrono::seconds(60));
  cache.put("k", 7, body("[1]"));
  ASSERT_TRUE(cache.get("k", 7));
  EXPECT_EQ(cache.get("k", 7)->body, "[1]");
  EXPECT_FALSE(cache.get("k", 8));  // a write happened: stale
  EXPECT_FALSE(cache.get("k", 7));  // and the stale entry is gone
  EXPECT_FALSE(cache.get("other", 7));
}

TEST(ResponseCache, ExpiresAfterTtl) {
  ResponseCache cache(1 << 20, std::chrono::milliseconds(1));
  cache.put("k", 1, body("x"));
  std::this_thread::sleep_for(std::chrono::milliseconds(5));
  EXPECT_FALSE(cache.get("k", 1));
}

TEST(ResponseCache, EvictsLeastRecentlyUsedWithinTheByteBound) {
  ResponseCache cache(8 * 1024, std::chrono::seconds(60));
  std::string kb(600, 'x');  // ~730 bytes an entry with the key and overhead
  for (int i = 0; i < 6; ++i) cache.put("k" + std::to_string(i), 1, body(kb));
  ASSERT_TRUE(cache.get("k0", 1));  // k0 is now the most recent
  for (int i = 6; i < 12; ++i) cache.put("k" + std::to_string(i), 1, body(kb));
  EXPECT_LE(cache.bytes(), 8 * 1024u);
  EXPECT_TRUE(cache.get("k11", 1));
  EXPECT_FALSE(cache.get("k1", 1));
  cache.put("huge", 1, body(std::string(4096, 'y')));  // over an eighth of the bound: not kept
  EXPECT_FALSE(cache.get("huge", 1));
}

}  // namespace
}  // namespace hfhub::server
