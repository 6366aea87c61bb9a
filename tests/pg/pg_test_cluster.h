#pragma once
// The PostgreSQL the store tests run against: $HFHUB_TEST_DATABASE_URL when set (a URL of a
// database on a server where the tests may CREATE DATABASE), else a throwaway cluster started with
// scripts/pg-test-server.sh for the test binary and stopped at its end.
#include <gtest/gtest.h>

#include <string>

#include "pg_url.h"

namespace hfhub::testing {

class PgTestCluster : public ::testing::Environment {
 public:
  void SetUp() override;
  void TearDown() override;
};

// A new empty database on the test server; its postgresql:// URL.
std::string fresh_pg_database();

}  // namespace hfhub::testing
