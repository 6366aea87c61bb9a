// The LFS service against a real FsBlobStore in a temp dir: batch answers, single and multipart
// uploads, their verification, and the cleanup of abandoned parts.
#include "server/lfs/lfs_service.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <functional>
#include <limits>

#include "common/hash.h"
#include "server/http/error_table.h"
#include "server/lfs/multipart_upload.h"
#include "server/stores/fs/fs_blob_store.h"

namespace hfhub::server {
namespace {

namespace fs = std::filesystem;

constexpr int64_t kChunk = 1 << 20;

class LfsServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("hfhub-lfs-" + random_hex(6));
    blobs_ = std::make_unique<FsBlobStore>((root_ / "lfs").string(), (root_ / "tmp").string());
    service_ = std::make_unique<LfsService>(
        *blobs_, LfsService::Options{.signing_key = "k", .chunk_size = kChunk, .multipart_threshold = 2 * kChunk});
    repo_.object_id = "0123456789abcdef01234567";
    repo_.id = "alice/model";
  }
  void TearDown() override { fs::remove_all(root_); }

  boost::json::object batch(LfsBatchRequest::Operation op, std::vector<LfsObjectSpec> objects,
                            std::vector<std::string> transfers = {"basic", "multipart"}) {
    LfsBatchRequest r{op, std::move(transfers), std::move(objects)};
    LfsLinks links{"http://hub.test", "http://hub.test/alice/model.git/info/lfs/verify", "Bearer hf_x"};
    return boost::json::parse(service_->batch(repo_, r, links)).as_object();
  }
  SignedTransfer transfer(const std::string& content, int64_t chunk = 0) {
    SignedTransfer t;
    t.repo = repo_.object_id;
    t.oid = sha256_hex(content);
    t.size = int64_t(content.size());
    t.chunk = chunk;
    return t;
  }
  int http_status(const std::function<void()>& f) {
    try {
      f();
    } catch (const DomainError& e) {
      return error_status(e);
    }
    return 200;
  }

  fs::path root_;
  std::unique_ptr<FsBlobStore> blobs_;
  std::unique_ptr<LfsService> service_;
  RepoRecord repo_;
};

TEST(MultipartMath, PartsCoverTheObject) {
  EXPECT_EQ(multipart_part_count(10, 4), 3);
  EXPECT_EQ(multipart_part_size(10, 4, 1), 4);
  EXPECT_EQ(multipart_part_size(10, 4, 3), 2);
  EXPECT_EQ(multipart_part_count(8, 4), 2);
  EXPECT_EQ(multipart_part_size(8, 4, 2), 4);
}

TEST(MultipartMath, EtagDigest) {
  auto sha = sha256_hex("x");
  EXPECT_EQ(etag_digest("\"" + sha + "\""), sha);
  EXPECT_EQ(etag_digest("W/\"" + sha + "\""), sha);
  EXPECT_EQ(etag_digest(sha), sha);
  EXPECT_EQ(etag_digest("\"../../etc\""), "");
}

TEST_F(LfsServiceTest, BatchAsksOnlyForMissingObjects) {
  std::string stored_content = "already here";
  auto body = service_->spool(stored_content);
  service_->receive_object(transfer(stored_content), *body);

  auto missing = sha256_hex("missing");
  auto out = batch(LfsBatchRequest::Operation::Upload,
                   {{sha256_hex(stored_content), int64_t(stored_content.size())}, {missing, 7}});
  EXPECT_EQ(out["transfer"], "basic");
  auto& objects = out["objects"].as_array();
  ASSERT_EQ(objects.size(), 2u);
  EXPECT_FALSE(objects[0].as_object().contains("actions"));
  auto& actions = objects[1].at("actions").as_object();
  EXPECT_TRUE(actions.at("upload").at("href").as_string().starts_with("http://hub.test/api/lfs-storage/"));
  EXPECT_FALSE(actions.at("upload").as_object().contains("header"));
  EXPECT_EQ(actions.at("verify").at("href"), "http://hub.test/alice/model.git/info/lfs/verify");
  EXPECT_EQ(actions.at("verify").at("header").at("Authorization"), "Bearer hf_x");
}

TEST_F(LfsServiceTest, BatchFlagsInvalidObjectsOneByOne) {
  auto out = batch(LfsBatchRequest::Operation::Upload, {{"NOT-A-SHA", 1}, {sha256_hex("a"), -1}, {sha256_hex("b"), 1}});
  auto& objects = out["objects"].as_array();
  EXPECT_EQ(objects[0].at("error").at("code"), 422);
  EXPECT_EQ(objects[1].at("error").at("code"), 422);
  EXPECT_FALSE(objects[2].as_object().contains("error"));
}

TEST_F(LfsServiceTest, MultipartOnlyWhenOfferedAndNeeded) {
  auto big = sha256_hex("big");
  // Up to the threshold one PUT is cheaper than parts to assemble, even when multipart is offered.
  auto medium = batch(LfsBatchRequest::Operation::Upload, {{big, 2 * kChunk}});
  EXPECT_EQ(medium["transfer"], "basic");
  EXPECT_FALSE(medium["objects"].as_array()[0].at("actions").at("upload").as_object().contains("header"));

  auto out = batch(LfsBatchRequest::Operation::Upload, {{big, 3 * kChunk - 5}, {sha256_hex("s"), 10}});
  EXPECT_EQ(out["transfer"], "multipart");
  auto& header = out["objects"].as_array()[0].at("actions").at("upload").at("header").as_object();
  EXPECT_EQ(header.at("chunk_size"), boost::json::value(std::to_string(kChunk)));
  EXPECT_EQ(header.size(), 4u);  // chunk_size + parts 1..3
  EXPECT_TRUE(header.at("3").as_string().find("/" + big + "/3?") != boost::json::string::npos);
  EXPECT_FALSE(out["objects"].as_array()[1].at("actions").at("upload").as_object().contains("header"));

  auto basic_only = batch(LfsBatchRequest::Operation::Upload, {{big, 3 * kChunk}}, {"basic"});
  EXPECT_EQ(basic_only["transfer"], "basic");
  EXPECT_FALSE(basic_only["objects"].as_array()[0].at("actions").at("upload").as_object().contains("header"));
}

TEST_F(LfsServiceTest, HugeObjectsGetBiggerParts) {
  int64_t huge = int64_t(1) << 40;
  EXPECT_EQ(service_->chunk_size_for(kChunk * 3), kChunk);
  EXPECT_LE(multipart_part_count(huge, service_->chunk_size_for(huge)), 100);
}

// Found by tests/fuzz/lfs_batch_fuzz: the part arithmetic computed size + chunk - 1, a signed
// overflow (undefined; in practice the default part size and an empty part list) for sizes near
// INT64_MAX.
TEST_F(LfsServiceTest, LargestSizeABatchMayNameStillSplitsIntoParts) {
  constexpr int64_t kLargest = std::numeric_limits<int64_t>::max();
  int64_t chunk = service_->chunk_size_for(kLargest);
  EXPECT_GE(chunk, kLargest / 100);
  EXPECT_EQ(multipart_part_count(kLargest, chunk), 100);
  EXPECT_EQ(multipart_part_count(kLargest, 1), kLargest);
  EXPECT_EQ(multipart_part_size(kLargest, chunk, 100), kLargest - 99 * chunk);

  auto out = batch(LfsBatchRequest::Operation::Upload, {{sha256_hex("huge"), kLargest}});
  EXPECT_EQ(out["transfer"], "multipart");
  auto& header = out["objects"].as_array()[0].at("actions").at("upload").at("header").as_object();
  EXPECT_EQ(header.at("chunk_size"), boost::json::value(std::to_string(chunk)));
  EXPECT_EQ(header.size(), 101u);  // chunk_size + parts 1..100
}

TEST_F(LfsServiceTest, DownloadLinksOnlyForStoredObjects) {
  std::string content = "payload";
  service_->receive_object(transfer(content), *service_->spool(content));
  auto out = batch(LfsBatchRequest::Operation::Download, {{sha256_hex(content), 7}, {sha256_hex("nope"), 4}});
  auto& objects = out["objects"].as_array();
  EXPECT_TRUE(objects[0].at("actions").at("download").at("href").as_string().find("/api/lfs-storage/") !=
              boost::json::string::npos);
  EXPECT_EQ(objects[1].at("error").at("code"), 404);
}

TEST_F(LfsServiceTest, UploadMustMatchHashAndSize) {
  std::string content = "the real bytes";
  auto t = transfer(content);
  EXPECT_EQ(http_status([&] { service_->receive_object(t, *service_->spool("other bytes....")); }), 400);
  EXPECT_EQ(http_status([&] { service_->receive_object(t, *service_->spool("the real bytez")); }), 400);
  EXPECT_FALSE(blobs_->size(repo_.object_id, t.oid));
  EXPECT_EQ(http_status([&] { service_->receive_object(t, *service_->spool(content)); }), 200);
  EXPECT_EQ(blobs_->size(repo_.object_id, t.oid), int64_t(content.size()));
  // Nothing left behind in the spool dir.
  for (auto& e : fs::directory_iterator(root_ / "tmp")) ADD_FAILURE() << "left over: " << e.path();
}

TEST_F(LfsServiceTest, MultipartAssemblesPartsInOrder) {
  std::string content(2 * kChunk + 123, 'x');
  for (size_t i = 0; i < content.size(); i += 4096) content[i] = char('a' + (i / 4096) % 26);
  auto t = transfer(content, kChunk);
  std::vector<MultipartPart> parts;
  for (int64_t n = 3; n >= 1; --n) {  // any arrival order
    auto part = t;
    part.action = SignedTransfer::Action::Part;
    part.part = n;
    auto bytes = content.substr(size_t((n - 1) * kChunk), size_t(kChunk));
    parts.push_back({n, service_->receive_part(part, *service_->spool(bytes))});
  }
  service_->complete_multipart(t, parts);
  EXPECT_EQ(blobs_->size(repo_.object_id, t.oid), int64_t(content.size()));
  EXPECT_FALSE(fs::exists(root_ / "tmp" / "multipart" / (repo_.object_id + "-" + t.oid)));
  // A retried completion after success is fine.
  EXPECT_EQ(http_status([&] { service_->complete_multipart(t, parts); }), 200);
}

TEST_F(LfsServiceTest, MultipartRefusesWrongPartsAndWrongContent) {
  std::string content(2 * kChunk + 10, 'y');
  auto t = transfer(content, kChunk);
  auto part = t;
  part.action = SignedTransfer::Action::Part;
  part.part = 1;
  EXPECT_EQ(http_status([&] { service_->receive_part(part, *service_->spool("short")); }), 400);
  part.part = 4;  // only 3 parts
  EXPECT_EQ(http_status([&] { service_->receive_part(part, *service_->spool(std::string(10, 'y'))); }), 400);

  std::vector<MultipartPart> parts;
  for (int64_t n = 1; n <= 3; ++n) {
    part.part = n;
    auto bytes = n == 3 ? std::string(10, 'z') : std::string(size_t(kChunk), 'y');  // last part wrong
    parts.push_back({n, service_->receive_part(part, *service_->spool(bytes))});
  }
  auto missing_one = std::vector<MultipartPart>(parts.begin(), parts.begin() + 2);
  EXPECT_EQ(http_status([&] { service_->complete_multipart(t, missing_one); }), 400);
  auto wrong_etag = parts;
  wrong_etag[0].etag = "\"" + sha256_hex("nope") + "\"";
  EXPECT_EQ(http_status([&] { service_->complete_multipart(t, wrong_etag); }), 400);
  EXPECT_EQ(http_status([&] { service_->complete_multipart(t, parts); }), 400);  // hash mismatch
  EXPECT_FALSE(blobs_->size(repo_.object_id, t.oid));
}

TEST_F(LfsServiceTest, SweepRemovesOnlyStaleUploads) {
  auto parts = root_ / "tmp" / "multipart";
  fs::create_directories(parts / "old");
  fs::create_directories(parts / "fresh");
  std::ofstream(parts / "old" / "1-x") << "x";
  fs::last_write_time(parts / "old", fs::file_time_type::clock::now() - std::chrono::hours(48));
  EXPECT_EQ(service_->sweep_stale_uploads(std::chrono::hours(24)), 1);
  EXPECT_FALSE(fs::exists(parts / "old"));
  EXPECT_TRUE(fs::exists(parts / "fresh"));
}

}  // namespace
}  // namespace hfhub::server
