// arXiv ids (docs/papers.md#ids): the forms the Hub's papers use, and their unversioned key.
#include <gtest/gtest.h>

#include "common/arxiv_id.h"

namespace hfhub {
namespace {

TEST(ArxivId, Forms) {
  for (auto id : {"2311.12983", "2311.12983v2", "1501.0001", "0704.0001v12", "hep-th/9901001", "math.AG/0309136",
                  "hep-th/9901001v3", "solv-int/9901001"})
    EXPECT_TRUE(is_arxiv_id(id)) << id;
  for (auto id : {"", "2311", "2311.123", "2311.123456", "23110.12983", "2311.12983v", "2311.12983v2x",
                  "../2311.12983", "2311.12983/", "HEP-TH/9901001", "hep-th/990100", "hep-th/9901001/x",
                  "2311.12983 ", "a/1234567"})
    EXPECT_FALSE(is_arxiv_id(id)) << id;
}

TEST(ArxivId, CanonicalDropsTheVersion) {
  EXPECT_EQ(canonical_arxiv_id("2311.12983v2"), "2311.12983");
  EXPECT_EQ(canonical_arxiv_id("2311.12983"), "2311.12983");
  EXPECT_EQ(canonical_arxiv_id("hep-th/9901001v3"), "hep-th/9901001");
  EXPECT_EQ(canonical_arxiv_id("solv-int/9901001"), "solv-int/9901001");  // the archive's 'v' stays
  EXPECT_FALSE(canonical_arxiv_id("nope"));
}

}  // namespace
}  // namespace hfhub
