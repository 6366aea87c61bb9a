// derive_content_metadata against a real bare git repo and LFS store in a temporary directory:
// regular files come from git, LFS files (a safetensors header) from the blob store.
#include "server/metadata/content_metadata.h"
#include "server/metadata/repo_at_revision.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <filesystem>
#include <fstream>

#include "common/hash.h"
#include "server/git/git_store.h"
#include "server/stores/fs/fs_blob_store.h"

namespace hfhub::server {
namespace {

namespace json = boost::json;

constexpr const char* kRepoId = "0123456789abcdef01234567";

std::string safetensors_file(const std::string& header_json, size_t data_bytes) {
  std::string out(8, '\0');
  uint64_t n = header_json.size();
  for (int i = 0; i < 8; ++i) out[i] = char((n >> (8 * i)) & 0xff);
  return out + header_json + std::string(data_bytes, '\0');
}

class ContentMetadataTest : public ::testing::Test {
 protected:
  ContentMetadataTest() : dir_(make_dir()), git_(dir_), blobs_(dir_ + "/lfs", dir_ + "/tmp") {
    GitSignature sig{"test", "test@example.com", 1'700'000'000'000};
    git_.create(kRepoId, {{".gitattributes", "*.safetensors filter=lfs diff=lfs merge=lfs -text\n"}}, sig, "init");
    repo_ = git_.open_for_write(kRepoId);
    record_.type = RepoType::Model;
    record_.object_id = kRepoId;
  }
  ~ContentMetadataTest() override {
    repo_.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  static std::string make_dir() {
    char tmpl[] = "/tmp/hfhub-content-meta-XXXXXX";
    return mkdtemp(tmpl);
  }

  // Stores `content` as an LFS object and returns the pointer to commit.
  LfsPointer put_lfs(const std::string& content) {
    auto oid = sha256_hex(content);
    auto spooled = blobs_.spool_dir() + "/" + oid;
    std::ofstream(spooled, std::ios::binary) << content;
    blobs_.put_file(spooled, kRepoId, oid);
    return LfsPointer{oid, int64_t(content.size())};
  }

  void commit(std::vector<GitChange> changes) {
    GitCommitSpec spec;
    spec.ref = "refs/heads/main";
    spec.parent = spec.expected_head = repo_->resolve("refs/heads/main");
    spec.changes = std::move(changes);
    spec.message = "change";
    spec.author = {"test", "test@example.com", 1'700'000'000'000};
    head_ = repo_->commit(spec);
  }

  void derive() {
    record_.siblings.clear();
    for (auto& f : repo_->files(head_)) record_.siblings.push_back(sibling_of(f));
    derive_content_metadata(record_, *repo_, blobs_);
  }

  std::string dir_;
  GitStore git_;
  FsBlobStore blobs_;
  std::unique_ptr<GitRepo> repo_;
  std::string head_;
  RepoRecord record_;
};

const std::string kWeights = safetensors_file(R"({"w":{"dtype":"F32","shape":[2,3],"data_offsets":[0,24]},)"
                                              R"("b":{"dtype":"BF16","shape":[4],"data_offsets":[24,32]}})",
                                              32);

TEST_F(ContentMetadataTest, CardConfigAndSafetensorsFromGitAndLfs) {
  auto weights = put_lfs(kWeights);
  commit({{GitChange::Put, "README.md", "---\nlicense: apache-2.0\npipeline_tag: fill-mask\n---\n# M\n", false},
          {GitChange::Put, "config.json", R"({"model_type":"bert","architectures":["BertModel"]})", false},
          {GitChange::Put, "model.safetensors", format_lfs_pointer(weights), false}});
  record_.extra_json = R"({"gguf":{"total":1},"safetensors":{"total":999}})";
  derive();

  auto card = json::parse(record_.card_data_json);
  EXPECT_EQ(card.at("license").as_string(), "apache-2.0");
  EXPECT_EQ(record_.pipeline_tag.value_or(""), "fill-mask");
  EXPECT_EQ(record_.library_name.value_or(""), "transformers");
  EXPECT_EQ(json::parse(record_.config_json).at("model_type").as_string(), "bert");
  EXPECT_NE(std::find(record_.tags.begin(), record_.tags.end(), "safetensors"), record_.tags.end());
  EXPECT_NE(std::find(record_.tags.begin(), record_.tags.end(), "license:apache-2.0"), record_.tags.end());

  auto extra = json::parse(record_.extra_json).as_object();
  EXPECT_EQ(extra.at("gguf").at("total").as_int64(), 1) << "other Hub fields are kept";
  EXPECT_EQ(extra.at("safetensors").at("total").as_int64(), 10);
  EXPECT_EQ(extra.at("safetensors").at("parameters").at("F32").as_int64(), 6);
  EXPECT_EQ(extra.at("safetensors").at("parameters").at("BF16").as_int64(), 4);
}

TEST_F(ContentMetadataTest, RemovedFilesTakeTheirFieldsAway) {
  auto weights = put_lfs(kWeights);
  commit({{GitChange::Put, "README.md", "---\npipeline_tag: fill-mask\n---\n", false},
          {GitChange::Put, "model.safetensors", format_lfs_pointer(weights), false}});
  derive();
  ASSERT_FALSE(record_.extra_json.empty());

  commit({{GitChange::Remove, "README.md", "", false}, {GitChange::Remove, "model.safetensors", "", false}});
  derive();
  EXPECT_TRUE(record_.card_data_json.empty());
  EXPECT_FALSE(record_.pipeline_tag);
  EXPECT_TRUE(record_.extra_json.empty()) << record_.extra_json;
}

TEST_F(ContentMetadataTest, MissingLfsObjectLeavesSafetensorsOut) {
  // A pointer whose object the store does not hold (e.g. pushed by git without its LFS upload).
  commit({{GitChange::Put, "model.safetensors", format_lfs_pointer({std::string(64, 'a'), 100}), false}});
  record_.extra_json = R"({"widgetData":[]})";
  EXPECT_NO_THROW(derive());
  auto extra = json::parse(record_.extra_json).as_object();
  EXPECT_FALSE(extra.contains("safetensors"));
  EXPECT_TRUE(extra.contains("widgetData"));
}

TEST_F(ContentMetadataTest, SpaceSdkComesFromTheCardWhenItNamesOne) {
  record_.type = RepoType::Space;
  record_.sdk = "gradio";
  commit({{GitChange::Put, "README.md", "---\ntitle: x\n---\n", false}});
  derive();
  EXPECT_EQ(record_.sdk.value_or(""), "gradio");
  commit({{GitChange::Put, "README.md", "---\nsdk: docker\n---\n", false}});
  derive();
  EXPECT_EQ(record_.sdk.value_or(""), "docker");
}

}  // namespace
}  // namespace hfhub::server
