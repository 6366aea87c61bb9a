// The S3 blob store against a real S3-compatible server (tests/s3/run.sh starts MinIO and sets
// HFHUB_TEST_S3_ENDPOINT, HFHUB_TEST_S3_BUCKET and the AWS_* keys). Without one there is no store
// to talk to, so these tests say so and skip: the integration_s3 test always runs them.
#include <fcntl.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "common/hash.h"
#include "server/stores/s3/s3_blob_store.h"
#include "server/stores/store_error.h"

namespace hfhub::server {
namespace {

namespace fs = std::filesystem;

std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

std::optional<S3Options> test_store() {
  const char* endpoint = std::getenv("HFHUB_TEST_S3_ENDPOINT");
  const char* bucket = std::getenv("HFHUB_TEST_S3_BUCKET");
  if (!endpoint || !*endpoint || !bucket || !*bucket) return std::nullopt;
  S3Options o;
  o.endpoint = endpoint;
  o.bucket = bucket;
  o.credentials = {env("AWS_ACCESS_KEY_ID"), env("AWS_SECRET_ACCESS_KEY"), "us-east-1"};
  o.backoff_base_ms = 1;
  return o;
}

class S3BlobStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto options = test_store();
    if (!options) GTEST_SKIP() << "no S3 server configured (tests/s3/run.sh runs these)";
    dir_ = fs::temp_directory_path() / ("hfhub-s3-store-" + random_hex(6));
    fs::create_directories(dir_ / "spool");
    client_ = std::make_shared<S3Client>(*options);
    store_ = std::make_unique<S3BlobStore>(client_, S3BlobStoreOptions{.prefix = "unit/" + random_hex(6),
                                                                      .spool_dir = (dir_ / "spool").string(),
                                                                      .cache_dir = (dir_ / "cache").string(),
                                                                      .cache_bytes = int64_t(64) << 20,
                                                                      .part_size = int64_t(5) << 20});
  }
  void TearDown() override {
    std::error_code ec;
    if (!dir_.empty()) fs::remove_all(dir_, ec);
  }
  // A spooled file of `content`; returns its path and oid.
  std::pair<std::string, std::string> spool(const std::string& content) {
    auto path = (dir_ / "spool" / random_hex(6)).string();
    std::ofstream(path, std::ios::binary) << content;
    return {path, sha256_hex(content)};
  }
  std::string read_all(const std::shared_ptr<FileHandle>& f) {
    std::string out(size_t(f->size()), '\0');
    out.resize(size_t(::pread(f->fd(), out.data(), out.size(), 0)));
    return out;
  }

  // A store that takes direct uploads (the LFS store of a server with blob-store = s3).
  std::unique_ptr<S3BlobStore> staged_store() {
    auto prefix = "unit/" + random_hex(6);
    return std::make_unique<S3BlobStore>(client_, S3BlobStoreOptions{.prefix = prefix + "/lfs",
                                                                     .spool_dir = (dir_ / "spool").string(),
                                                                     .cache_dir = (dir_ / "cache2").string(),
                                                                     .staging_prefix = prefix + "/staging/lfs"});
  }
  // A client's request to a presigned URL: no credentials of its own.
  S3Response put_to(const std::string& url, const std::string& body) const {
    return client_->perform({.method = "PUT", .body = body, .presigned_url = url});
  }

  fs::path dir_;
  std::shared_ptr<S3Client> client_;
  std::unique_ptr<S3BlobStore> store_;
  const std::string repo_ = "abcdef0123456789abcdef01", other_ = "0123456789abcdef01234567";
};

TEST_F(S3BlobStoreTest, StoresReadsAndRemovesAnObject) {
  auto [path, oid] = spool("hello, object store");
  EXPECT_FALSE(store_->size(repo_, oid));
  store_->put_file(path, repo_, oid);
  EXPECT_FALSE(fs::exists(path)) << "put_file takes the spooled file";
  EXPECT_EQ(store_->size(repo_, oid), 19);
  EXPECT_EQ(store_->read_prefix(repo_, oid, 5), "hello");
  EXPECT_TRUE(store_->modified(repo_, oid).has_value());
  auto file = store_->open(repo_, oid);
  ASSERT_TRUE(file);
  EXPECT_EQ(read_all(file), "hello, object store");
  EXPECT_TRUE(store_->remove(repo_, oid));
  EXPECT_FALSE(store_->remove(repo_, oid));
  EXPECT_FALSE(store_->size(repo_, oid));
  EXPECT_FALSE(store_->open(repo_, oid));
}

TEST_F(S3BlobStoreTest, LargeObjectsGoInPartsAndArriveWhole) {
  std::string big(size_t(11) << 20, '\0');
  for (size_t i = 0; i < big.size(); ++i) big[i] = char((i * 2654435761u) >> 13);
  auto [path, oid] = spool(big);
  store_->put_file(path, repo_, oid);
  EXPECT_EQ(store_->size(repo_, oid), int64_t(big.size()));
  fs::remove_all(dir_ / "cache");  // served from the store, not from the upload's copy
  auto file = store_->open(repo_, oid);
  ASSERT_TRUE(file);
  EXPECT_EQ(sha256_hex(read_all(file)), oid);
}

TEST_F(S3BlobStoreTest, CopiesBetweenReposAndRemovesARepoWhole) {
  auto [a, oid_a] = spool("first");
  auto [b, oid_b] = spool("second");
  store_->put_file(a, repo_, oid_a);
  store_->put_file(b, repo_, oid_b);
  EXPECT_TRUE(store_->link_object(repo_, other_, oid_a));
  EXPECT_FALSE(store_->link_object(other_, repo_, sha256_hex("never stored")));
  store_->link_all(repo_, other_);
  EXPECT_EQ(store_->size(other_, oid_b), 6);
  store_->remove_all(repo_);
  EXPECT_FALSE(store_->size(repo_, oid_a));
  EXPECT_FALSE(store_->size(repo_, oid_b));
  EXPECT_EQ(store_->read_prefix(other_, oid_a, 100), "first");
}

TEST_F(S3BlobStoreTest, PresignedDownloadUrlNamesTheObject) {
  auto [path, oid] = spool("signed");
  store_->put_file(path, repo_, oid);
  auto url = store_->download_url(repo_, oid, 60);
  ASSERT_TRUE(url);
  EXPECT_NE(url->find("/" + store_->key_of(repo_, oid) + "?"), std::string::npos);
  EXPECT_NE(url->find("X-Amz-Expires=60&"), std::string::npos);
}

TEST_F(S3BlobStoreTest, RefusesMalformedIds) {
  EXPECT_THROW(store_->size("../etc", sha256_hex("x")), StoreError);
  EXPECT_THROW(store_->size(repo_, "not-a-sha"), StoreError);
}

TEST_F(S3BlobStoreTest, AWrongSecretIsAClearErrorNotARetryLoop) {
  auto options = client_->options();
  options.credentials.secret_key = "wrong-secret";
  S3Client wrong(options);
  try {
    wrong.head("anything");
    FAIL() << "a wrong signature was accepted";
  } catch (const StoreError& e) {
    EXPECT_NE(std::string(e.what()).find("403"), std::string::npos) << e.what();
  }
  try {
    wrong.list("unit/");
    FAIL() << "a wrong signature was accepted";
  } catch (const StoreError& e) {
    EXPECT_NE(std::string(e.what()).find("SignatureDoesNotMatch"), std::string::npos) << e.what();
  }
}

TEST_F(S3BlobStoreTest, AnUnreachableStoreFailsAfterItsRetries) {
  auto options = client_->options();
  options.endpoint = "http://127.0.0.1:1";
  options.max_attempts = 3;
  S3Client down(options);
  try {
    down.head("anything");
    FAIL() << "no store answered";
  } catch (const StoreError& e) {
    EXPECT_NE(std::string(e.what()).find("after 3 attempts"), std::string::npos) << e.what();
  }
}

TEST_F(S3BlobStoreTest, ADirectUploadCountsOnlyOnceItsBytesHashToItsOid) {
  auto store = staged_store();
  const std::string content = "bytes that went straight to the store";
  const auto oid = sha256_hex(content);
  auto upload = store->direct_upload(repo_, oid, int64_t(content.size()), 0, 300);
  ASSERT_TRUE(upload);
  ASSERT_TRUE(upload->part_urls.empty());
  EXPECT_NE(upload->url.find("/staging/lfs/" + repo_ + "/" + oid + "/"), std::string::npos) << upload->url;

  // Wrong bytes of the right size: never stored, and deleted, so they cannot come back.
  std::string wrong = content;
  wrong[3] ^= 1;
  EXPECT_EQ(put_to(upload->url, wrong).status, 200);
  EXPECT_FALSE(store->size(repo_, oid));
  auto key = store->key_of(repo_, oid);
  const auto staging = key.substr(0, key.find("/lfs/")) + "/staging/lfs/" + repo_ + "/";
  EXPECT_TRUE(client_->list(staging).empty());
  // The right bytes, through a fresh URL: stored at the first check, the staged copy gone.
  upload = store->direct_upload(repo_, oid, int64_t(content.size()), 0, 300);
  EXPECT_EQ(put_to(upload->url, content).status, 200);
  EXPECT_EQ(store->size(repo_, oid), int64_t(content.size()));
  EXPECT_EQ(store->read_prefix(repo_, oid, 100), content);
  EXPECT_TRUE(client_->list(staging).empty());
}

TEST_F(S3BlobStoreTest, AStagedUploadOfAnotherSizeIsDroppedUnread) {
  auto store = staged_store();
  const std::string content = "twelve bytes";
  const auto oid = sha256_hex(content);
  auto upload = store->direct_upload(repo_, oid, 5, 0, 300);  // the batch was told 5 bytes
  EXPECT_EQ(put_to(upload->url, content).status, 200);
  EXPECT_FALSE(store->size(repo_, oid));
}

TEST_F(S3BlobStoreTest, ADirectMultipartUploadIsJoinedThenVerified) {
  auto store = staged_store();
  const int64_t chunk = int64_t(5) << 20;
  std::string content(size_t(chunk) + 1000, 'p');
  content[17] = 'q';
  const auto oid = sha256_hex(content);
  auto upload = store->direct_upload(repo_, oid, int64_t(content.size()), chunk, 300);
  ASSERT_TRUE(upload);
  ASSERT_EQ(upload->part_urls.size(), 2u);
  std::vector<std::string> etags;
  for (size_t i = 0; i < 2; ++i) {
    auto r = put_to(upload->part_urls[i], content.substr(i * size_t(chunk), size_t(chunk)));
    ASSERT_EQ(r.status, 200) << r.body;
    etags.push_back(r.header("etag"));
  }
  EXPECT_THROW(store->complete_direct_upload(repo_, oid, upload->staging, {etags[1], etags[0]}), StoreRejected);
  EXPECT_THROW(store->complete_direct_upload(repo_, oid, upload->staging, {"<x/>"}), StoreRejected);
  store->complete_direct_upload(repo_, oid, upload->staging, etags);
  EXPECT_EQ(store->size(repo_, oid), int64_t(content.size()));
  // Parts under S3's 5 MiB floor, or objects above one copy's 5 GiB: hfhubd takes them.
  EXPECT_FALSE(store->direct_upload(repo_, oid, int64_t(content.size()), 1 << 20, 300));
  EXPECT_FALSE(store->direct_upload(repo_, oid, (int64_t(5) << 30) + 1, 0, 300));
}

TEST_F(S3BlobStoreTest, APinnedCopyRefusesASourceThatChanged) {
  auto [path, oid] = spool("pinned");
  store_->put_file(path, repo_, oid);
  auto key = store_->key_of(repo_, oid);
  auto info = client_->head(key);
  ASSERT_TRUE(info);
  EXPECT_FALSE(client_->copy(key, key + ".copy", "0123456789abcdef0123456789abcdef"));
  EXPECT_FALSE(client_->head(key + ".copy"));
  EXPECT_TRUE(client_->copy(key, key + ".copy", info->etag));
  EXPECT_EQ(client_->get_range(key + ".copy", 0, 100), "pinned");
  client_->remove(key + ".copy");
}

TEST_F(S3BlobStoreTest, RemovingAnObjectRemovesItsStagedUploads) {
  auto store = staged_store();
  const std::string content = "staged, then deleted";
  const auto oid = sha256_hex(content);
  auto upload = store->direct_upload(repo_, oid, int64_t(content.size()), 0, 300);
  EXPECT_EQ(put_to(upload->url, content).status, 200);
  store->remove(repo_, oid);
  EXPECT_FALSE(store->size(repo_, oid));
}

}  // namespace
}  // namespace hfhub::server
