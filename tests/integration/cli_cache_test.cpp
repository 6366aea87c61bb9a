// hfhub cache ls|rm|prune|verify|export on a cache built by hand (no server traffic).
#include <gtest/gtest.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>

#include "client/cache/hub_cache.h"
#include "common/hash.h"
#include "server_fixture.h"

namespace hfhub::testing {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;

const std::string kA = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
const std::string kB = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
const std::string kDetached = "dddddddddddddddddddddddddddddddddddddddd";

void write_bytes(const fs::path& path, const std::string& content) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary | std::ios::trunc) << content;
}

std::string read_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

class CliCacheTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir = fs::temp_directory_path() / unique_name("hfhub-cli-cache");
    cache = dir / "hub";
    RepoCache m(cache, RepoType::Model, "org/m");
    config_etag = sha1_hex("blob 3" + std::string(1, '\0') + "{}\n");
    weights_etag = sha256_hex(weights);
    write_bytes(m.blob_path(config_etag), "{}\n");
    write_bytes(m.blob_path(weights_etag), weights);
    write_bytes(m.blob_path(sha256_hex("old")), "old");
    for (const auto& commit : {kA, kB}) {
      m.link_snapshot(commit, "config.json", config_etag);
      m.link_snapshot(commit, "w/model.bin", weights_etag);
    }
    m.link_snapshot(kDetached, "old.bin", sha256_hex("old"));
    m.write_ref("main", kB);
    m.write_ref("v1", kA);
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
  RunResult cache_cli(std::vector<std::string> args) {
    args.insert(args.begin(), "cache");
    args.push_back("--cache-dir");
    args.push_back(cache.string());
    return cli(args);
  }
  RepoCache repo() const { return RepoCache(cache, RepoType::Model, "org/m"); }

  fs::path dir, cache;
  const std::string weights = std::string(5000, 'w');
  std::string config_etag, weights_etag;
};

TEST_F(CliCacheTest, LsJson) {
  RunResult r = cache_cli({"ls", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json::object doc = json::parse(r.out).as_object();
  EXPECT_EQ(doc.at("size_on_disk").to_number<int64_t>(), 3 + 5000 + 3);
  json::array repos = doc.at("repos").as_array();
  ASSERT_EQ(repos.size(), 1u);
  EXPECT_EQ(repos[0].at("repo_id").as_string(), "org/m");
  EXPECT_EQ(repos[0].at("repo_type").as_string(), "model");
  EXPECT_EQ(repos[0].at("nb_files").to_number<int64_t>(), 3);
  EXPECT_EQ(repos[0].at("revisions").as_array().size(), 3u);
  EXPECT_EQ(repos[0].at("refs").at("v1").as_string(), kA);

  r = cache_cli({"ls"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("REPO ID"), std::string::npos);
  EXPECT_NE(r.out.find("org/m"), std::string::npos);
  EXPECT_NE(r.out.find("main, v1"), std::string::npos);
}

TEST_F(CliCacheTest, VerifyAndExport) {
  RunResult r = cache_cli({"verify", "org/m"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("Verified 5 file(s) in 3 revision(s): OK"), std::string::npos) << r.out;

  fs::path out = dir / "export";
  r = cache_cli({"export", "org/m@v1", out.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(fs::symlink_status(out / "w" / "model.bin").type(), fs::file_type::regular);
  EXPECT_EQ(read_bytes(out / "w" / "model.bin"), weights);
  EXPECT_EQ(read_bytes(out / "config.json"), "{}\n");

  std::string bytes = read_bytes(repo().blob_path(weights_etag));
  bytes[4000] = 'x';
  write_bytes(repo().blob_path(weights_etag), bytes);
  r = cache_cli({"verify", "org/m@main"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("mismatch: " + kB + "/w/model.bin expected " + weights_etag), std::string::npos) << r.out;

  EXPECT_EQ(cache_cli({"verify", "org/none"}).exit_code, 1);
  EXPECT_EQ(cache_cli({"verify", "../etc"}).exit_code, 2);
}

TEST_F(CliCacheTest, RmAndPrune) {
  RunResult r = cache_cli({"rm", "org/m@v1"});  // no -y and no answer on stdin: nothing happens
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(fs::exists(repo().snapshot_dir(kA)));

  r = cache_cli({"rm", "org/m@v1", "--dry-run"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(fs::exists(repo().snapshot_dir(kA)));

  r = cache_cli({"rm", "org/m@v1", "-y"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_FALSE(fs::exists(repo().snapshot_dir(kA)));
  EXPECT_FALSE(fs::exists(repo().ref_path("v1")));
  EXPECT_TRUE(fs::exists(repo().blob_path(weights_etag)));  // main still uses it

  EXPECT_EQ(cache_cli({"rm", "org/m@v1", "-y"}).exit_code, 1);  // gone already

  r = cache_cli({"prune", "-y"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_FALSE(fs::exists(repo().snapshot_dir(kDetached)));
  EXPECT_FALSE(fs::exists(repo().blob_path(sha256_hex("old"))));
  EXPECT_TRUE(fs::exists(repo().snapshot_dir(kB)));
  EXPECT_NE(cache_cli({"prune", "-y"}).out.find("Nothing to delete."), std::string::npos);

  r = cache_cli({"rm", "models--org--m", "-y"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_FALSE(fs::exists(repo().repo_dir()));
}

}  // namespace
}  // namespace hfhub::testing
