// The demo content's files (server/admin/demo_files.h) are valid of their kind: safetensors
// weights whose header the metadata parser counts as the layout's parameters, front matter that
// the card parser reads back as the row's card data, a tokenizer of kVocabSize tokens. And the
// two store helpers the import uses: FsBlobStore::link_object and GitStore::DeferredSync.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <filesystem>
#include <set>

#include "common/atomic_write.h"
#include "common/hash.h"
#include "server/admin/demo_catalog.h"
#include "server/admin/demo_files.h"
#include "server/git/git_store.h"
#include "server/metadata/card_data.h"
#include "server/metadata/safetensors_header.h"
#include "server/stores/fs/fs_blob_store.h"

namespace hfhub::server {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;
using demo::WeightLayout;

std::vector<RepoRecord> small_catalog(RepoType type) {
  DemoOptions o;
  o.models = 300;
  o.datasets = o.spaces = 40;
  o.now_ms = 1'760'000'000'000;
  std::vector<RepoRecord> out;
  generate_demo_repos(o, type, [&](RepoRecord&& r) { out.push_back(std::move(r)); });
  return out;
}

TEST(DemoFiles, WeightsAreValidSafetensorsWithTheLayoutsParameters) {
  for (WeightLayout layout :
       {WeightLayout::Decoder, WeightLayout::Encoder, WeightLayout::Generic, WeightLayout::Adapter}) {
    for (int shards : {1, 3}) {
      std::vector<std::string> names{"a.safetensors", "b.safetensors", "c.safetensors"};
      demo::Weights w = demo::demo_weights(layout, shards, names);
      ASSERT_EQ(w.files.size(), size_t(shards));
      int64_t total = 0;
      for (const std::string& file : w.files) {
        auto extent = safetensors_header_extent(file);
        ASSERT_TRUE(extent);
        EXPECT_EQ(*extent % 8, 0u) << "the header is padded to 8 bytes";
        auto parsed = parse_safetensors_header(file);
        ASSERT_TRUE(parsed.ok) << parsed.error;
        total += parsed.counts.total;
        // The data section is exactly the tensors' bytes.
        auto header = json::parse(file.substr(8, *extent - 8)).as_object();
        int64_t end = 0;
        for (auto& kv : header)
          if (kv.key() != "__metadata__") end = std::max(end, kv.value().at("data_offsets").as_array()[1].as_int64());
        EXPECT_EQ(int64_t(*extent) + end, int64_t(file.size()));
      }
      EXPECT_EQ(total, w.parameters);
      EXPECT_EQ(w.index_json.empty(), shards == 1);
      if (shards > 1) EXPECT_FALSE(json::parse(w.index_json).at("weight_map").as_object().empty());
    }
  }
  EXPECT_EQ(demo::demo_weights(WeightLayout::Decoder, 1, {}).files,
            demo::demo_weights(WeightLayout::Decoder, 1, {}).files)
      << "the same bytes every time, so repos can share them";
}

TEST(DemoFiles, FrontMatterReadsBackAsTheRowsCardData) {
  for (RepoType type : {RepoType::Model, RepoType::Dataset, RepoType::Space})
    for (const RepoRecord& row : small_catalog(type)) {
      json::object card = demo::demo_card_data(row);
      auto parsed = parse_card_data(demo::yaml_front_matter(card) + "\n# Title\n");
      ASSERT_TRUE(parsed) << row.id;
      EXPECT_EQ(*parsed, card) << row.id << "\n" << demo::yaml_front_matter(card);
      if (!row.card_data_json.empty()) EXPECT_EQ(card, json::parse(row.card_data_json)) << row.id;
    }
}

TEST(DemoFiles, AModelsContentHoldsItsCardConfigTokenizerAndWeights) {
  int full = 0;
  for (const RepoRecord& row : small_catalog(RepoType::Model)) {
    demo::DemoRepoContent c = demo::demo_repo_content(row);
    std::set<std::string> paths;
    for (auto& f : c.upload) {
      EXPECT_TRUE(paths.insert(f.path).second) << row.id << " writes " << f.path << " twice";
      EXPECT_EQ(f.lfs, f.path.ends_with(".safetensors") || f.path.ends_with(".gguf") || f.path.ends_with(".onnx") ||
                           f.path.ends_with(".joblib"))
          << f.path;
    }
    EXPECT_TRUE(paths.count("README.md") && paths.count("assets/eval.svg")) << row.id;
    EXPECT_TRUE(c.readme.starts_with("---\n")) << row.id;
    EXPECT_GE(c.readme.size(), 2000u) << row.id;
    EXPECT_LE(c.readme.size(), 20000u) << row.id;
    if (paths.count("config.json") && paths.count("tokenizer.json") && paths.count("model.safetensors")) ++full;
  }
  EXPECT_GT(full, 30);
  auto vocab = json::parse(demo::tokenizer_json()).at("model").at("vocab").as_object();
  std::set<int64_t> ids;
  for (auto& kv : vocab) ids.insert(kv.value().as_int64());
  EXPECT_EQ(ids.size(), size_t(demo::kVocabSize));
  EXPECT_EQ(*ids.rbegin(), demo::kVocabSize - 1);
}

class DemoStoresTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/hfhub-demo-stores-XXXXXX";
    dir_ = mkdtemp(tmpl);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string dir_;
};

TEST_F(DemoStoresTest, LinkObjectSharesTheBytesOfAnotherReposObject) {
  FsBlobStore blobs(dir_ + "/lfs", dir_ + "/tmp");
  const std::string a = "aaaaaaaaaaaaaaaaaaaaaaaa", b = "bbbbbbbbbbbbbbbbbbbbbbbb", bytes = "weights";
  const std::string oid = sha256_hex(bytes);
  EXPECT_FALSE(blobs.link_object(a, b, oid)) << "a holds nothing yet";
  write_file_atomic(dir_ + "/tmp/upload", bytes);
  blobs.put_file(dir_ + "/tmp/upload", a, oid);
  EXPECT_TRUE(blobs.link_object(a, b, oid));
  EXPECT_TRUE(blobs.link_object(a, b, oid)) << "linking again is a no-op";
  EXPECT_EQ(blobs.read_prefix(b, oid, 100), bytes);
  struct stat st {};
  ASSERT_EQ(::stat((dir_ + "/lfs/" + b + "/" + oid.substr(0, 2) + "/" + oid.substr(2, 2) + "/" + oid).c_str(), &st), 0);
  EXPECT_EQ(st.st_nlink, 2u);
  blobs.remove_all(a);
  EXPECT_EQ(blobs.read_prefix(b, oid, 100), bytes) << "b keeps its object when a goes";
}

TEST_F(DemoStoresTest, ReposMadeWhileSyncIsDeferredAreComplete) {
  GitStore store(dir_);
  std::string sha;
  {
    auto deferred = store.defer_sync();
    sha = store.create("0123456789abcdef01234567", {{"a.txt", "a"}}, {"t", "t@example.org", 0}, "initial");
  }
  GitStore reopened(dir_);
  auto git = reopened.open_for_write("0123456789abcdef01234567");
  EXPECT_EQ(git->resolve("refs/heads/main"), sha);
  EXPECT_EQ(git->read_blob(git->entry(sha, "a.txt")->oid), "a");
}

}  // namespace
}  // namespace hfhub::server
