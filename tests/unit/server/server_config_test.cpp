#include "server/app/server_config.h"

#include <gtest/gtest.h>

#include <fstream>

namespace hfhub::server {
namespace {

TEST(ServerConfig, FileAndKeys) {
  auto file = std::filesystem::temp_directory_path() / "hfhub-config-test.conf";
  {
    std::ofstream out(file);
    out << "# comment\ndata = /tmp/x\nport = 9000  # trailing\npublic-url = https://hub.internal/\n"
           "rate-limit-api-anonymous = 42\nrate-limit = off\n";
  }
  ServerConfig c;
  c.load_file(file);
  EXPECT_EQ(c.data_dir, "/tmp/x");
  EXPECT_EQ(c.port, 9000);
  EXPECT_EQ(c.public_url, "https://hub.internal");
  EXPECT_EQ(c.rate_limit.quotas[0].anonymous, 42);
  EXPECT_FALSE(c.rate_limit.enabled);
  std::filesystem::remove(file);
}

TEST(ServerConfig, WorkPerRequestCaps) {
  ServerConfig c;
  EXPECT_EQ(c.paths_info_max_paths, 1000u);
  EXPECT_EQ(c.tree_page_max, 1000u);
  EXPECT_EQ(c.last_commit_depth, 5000u);
  c.set("paths-info-max-paths", "2000");
  c.set("tree-page-max", "200");
  c.set("last-commit-depth", "100");
  EXPECT_EQ(c.paths_info_max_paths, 2000u);
  EXPECT_EQ(c.tree_page_max, 200u);
  EXPECT_EQ(c.last_commit_depth, 100u);
  // Below the Python client's batch of 500 paths, its copies would fail.
  EXPECT_THROW(c.set("paths-info-max-paths", "499"), std::invalid_argument);
  EXPECT_THROW(c.set("tree-page-max", "0"), std::invalid_argument);
  EXPECT_THROW(c.set("last-commit-depth", "-1"), std::invalid_argument);
}

TEST(ServerConfig, RejectsUnknownKeysAndBadValues) {
  ServerConfig c;
  EXPECT_THROW(c.set("prot", "1"), std::invalid_argument);
  EXPECT_THROW(c.set("port", "70000"), std::invalid_argument);
  EXPECT_THROW(c.set("port", "80a"), std::invalid_argument);
  EXPECT_THROW(c.set("rate-limit", "maybe"), std::invalid_argument);
  EXPECT_THROW(c.set("rate-limit-api-everyone", "5"), std::invalid_argument);
  EXPECT_THROW(c.load_file("/nonexistent/hfhub.conf"), std::invalid_argument);
}

TEST(ServerConfig, GitTimeout) {
  ServerConfig c;
  EXPECT_EQ(c.git_timeout_seconds, 1800);
  c.set("git-timeout", "0");
  EXPECT_EQ(c.git_timeout_seconds, 0);
  c.set("git-timeout", "30");
  EXPECT_EQ(c.git_timeout_seconds, 30);
  EXPECT_THROW(c.set("git-timeout", "-1"), std::invalid_argument);
  EXPECT_THROW(c.set("git-timeout", "1h"), std::invalid_argument);
}

// A CA file that cannot be read stops the start, rather than failing every https delivery.
TEST(ServerConfig, WebhookCaFileMustBeReadable) {
  ServerConfig c;
  EXPECT_TRUE(c.webhook_ca_file.empty());
  EXPECT_THROW(c.set("webhook-ca-file", "/nonexistent/ca.pem"), std::invalid_argument);
  c.set("webhook-ca-file", "/dev/null");
  EXPECT_EQ(c.webhook_ca_file, "/dev/null");
}

}  // namespace
}  // namespace hfhub::server

TEST(ServerConfig, DatabaseIsSqliteOrAPostgresUrl) {
  hfhub::server::ServerConfig c;
  EXPECT_FALSE(c.database_is_postgres());
  c.set("database", "sqlite");
  EXPECT_FALSE(c.database_is_postgres());
  c.set("database", "postgresql://hub@db.internal:5432/hfhub");
  EXPECT_TRUE(c.database_is_postgres());
  c.set("database", "postgres://hub@db/hfhub");
  EXPECT_TRUE(c.database_is_postgres());
  EXPECT_THROW(c.set("database", "mysql://db/hfhub"), std::invalid_argument);
  c.set("database-pool", "32");
  EXPECT_EQ(c.database_pool, 32);
  EXPECT_THROW(c.set("database-pool", "0"), std::invalid_argument);
}

namespace hfhub::server {
namespace {

TEST(ServerConfig, BlobStoreOnS3) {
  ServerConfig c;
  EXPECT_FALSE(c.blob_store.s3);
  c.set("blob-store", "s3");
  c.set("s3-endpoint", "http://127.0.0.1:9000/");
  c.set("s3-bucket", "blobs");
  c.set("s3-prefix", "/prod/");
  c.set("s3-presign-ttl", "600");
  c.set("s3-proxy-downloads", "true");
  c.set("s3-part-size-mb", "8");
  EXPECT_TRUE(c.blob_store.s3);
  EXPECT_EQ(c.blob_store.endpoint, "http://127.0.0.1:9000");
  EXPECT_EQ(c.blob_store.prefix, "prod");
  EXPECT_EQ(c.blob_store.presign_ttl, 600);
  EXPECT_TRUE(c.blob_store.proxy_downloads);
  EXPECT_EQ(c.blob_store.part_size, int64_t(8) << 20);
  EXPECT_THROW(c.set("blob-store", "gcs"), std::invalid_argument);
  EXPECT_THROW(c.set("s3-endpoint", "s3.amazonaws.com"), std::invalid_argument);  // no scheme
  // SigV4 caps a presigned URL at 7 days; S3 parts are 5 MiB to 5 GiB.
  EXPECT_THROW(c.set("s3-presign-ttl", "604801"), std::invalid_argument);
  EXPECT_THROW(c.set("s3-part-size-mb", "4"), std::invalid_argument);
}

}  // namespace
}  // namespace hfhub::server
