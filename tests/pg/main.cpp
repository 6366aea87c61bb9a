#include <gtest/gtest.h>

#include "pg_test_cluster.h"

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  ::testing::AddGlobalTestEnvironment(new hfhub::testing::PgTestCluster);
  return RUN_ALL_TESTS();
}
