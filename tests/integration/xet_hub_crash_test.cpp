// Crash safety of Xet uploads (issue 12): SIGKILL the server while xorbs, shards and commits of
// Xet-backed files are in flight, restart it, and check that every xorb, shard and commit that
// was answered 200 survived, that every xorb file on disk is whole (its bytes hash to its name:
// the BlobStore writes tmp + fsync + rename, so a half-written xorb is never visible), and that
// every answered commit's file downloads back identical over plain HTTP.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <random>
#include <thread>

#include "common/hash.h"
#include "common/xet/chunker.h"
#include "common/xet/merkle.h"
#include "common/xet/shard_format.h"
#include "common/xet/xorb_format.h"
#include "raw_http.h"
#include "server_fixture.h"

namespace hfhub::testing {
namespace {

namespace fs = std::filesystem;

struct Answered {
  std::mutex mu;
  std::vector<std::string> xorbs;                            // hashes answered 200
  std::vector<std::string> shard_files;                      // file hashes of shards answered 200
  std::vector<std::pair<std::string, std::string>> commits;  // path, sha256 of commits answered 200
};

RawResponse try_http(const std::string& method, const std::string& url, const std::vector<std::string>& headers,
                     const std::string& body = "") {
  try {
    return http(method, url, headers, body);
  } catch (const std::exception&) {
    return RawResponse{};
  }
}

// A file as a client uploads it: xorbs of at most `xorb_bytes` of chunks, and the shard naming them.
struct Upload {
  std::vector<std::pair<std::string, std::string>> xorbs;  // hash, serialized bytes
  std::string shard;
  std::string file_hash, sha256;
};

Upload pack(const std::string& content, size_t xorb_bytes) {
  Upload out;
  xet::Shard shard;
  xet::FileRecipe recipe;
  std::vector<xet::HashedSize> file_chunks;
  xet::XorbBuilder builder;
  std::vector<xet::MerkleHash> term_chunks;
  xet::ShardXorb cas;
  auto flush = [&] {
    if (builder.empty()) return;
    auto [bytes, index] = builder.finish();
    cas.hash = index.hash;
    recipe.terms.push_back({index.hash, cas.unpacked_bytes, 0, uint32_t(index.chunks.size())});
    recipe.verification.push_back(xet::range_hash(term_chunks));
    shard.xorbs.push_back(cas);
    out.xorbs.emplace_back(index.hash.hex(), std::move(bytes));
    cas = {};
    term_chunks.clear();
  };
  size_t at = 0;
  for (size_t length : xet::chunk_lengths(content)) {
    auto chunk = std::string_view(content).substr(at, length);
    at += length;
    auto hash = xet::chunk_hash(chunk);
    file_chunks.push_back({hash, length});
    if (cas.unpacked_bytes + length > xorb_bytes) flush();
    builder.add(chunk, hash);
    cas.chunks.push_back({hash, cas.unpacked_bytes, uint32_t(length), 0});
    cas.unpacked_bytes += uint32_t(length);
    term_chunks.push_back(hash);
  }
  flush();
  recipe.file_hash = xet::file_hash(file_chunks);
  recipe.sha256 = sha256_hex(content);
  shard.files.push_back(recipe);
  out.shard = xet::serialize_upload_shard(shard);
  out.file_hash = recipe.file_hash.hex();
  out.sha256 = *recipe.sha256;
  return out;
}

// Uploads Xet files (xorbs, shard, commit) until the server dies.
void xet_loop(const std::string& endpoint, const std::string& repo, int worker, std::atomic<bool>& stop,
              Answered& answered) {
  std::mt19937 rng(uint32_t(worker) * 7919 + 5);
  for (int i = 0; !stop; ++i) {
    std::string content(size_t(2 << 20) + rng() % 100000, '\0');
    for (auto& c : content) c = char(rng());
    auto up = pack(content, 1 << 20);
    auto token =
        try_http("GET", endpoint + "/api/models/" + repo + "/xet-write-token/main", {bearer(Tokens::alice_write)});
    if (token.status != 200) return;
    auto auth = "Authorization: Bearer " + std::string(token.json().at("accessToken").as_string());
    auto cas = std::string(token.json().at("casUrl").as_string());
    for (auto& [hash, bytes] : up.xorbs) {
      auto r = try_http("POST", cas + "/v1/xorbs/default/" + hash, {auth, "Expect:"}, bytes);
      if (r.status != 200) return;
      std::lock_guard lock(answered.mu);
      answered.xorbs.push_back(hash);
    }
    auto s = try_http("POST", cas + "/v1/shards", {auth, "Expect:"}, up.shard);
    if (s.status != 200) return;
    {
      std::lock_guard lock(answered.mu);
      answered.shard_files.push_back(up.file_hash);
    }
    std::string path = "x/w" + std::to_string(worker) + "-" + std::to_string(i) + ".bin";
    boost::json::object header{{"key", "header"}, {"value", {{"summary", path}, {"description", ""}}}};
    boost::json::object lfs{
        {"key", "lfsFile"},
        {"value", {{"path", path}, {"algo", "sha256"}, {"oid", up.sha256}, {"size", int64_t(content.size())}}}};
    auto c = try_http("POST", endpoint + "/api/models/" + repo + "/commit/main",
                      {bearer(Tokens::alice_write), "Content-Type: application/x-ndjson"},
                      boost::json::serialize(header) + "\n" + boost::json::serialize(lfs) + "\n");
    if (c.status != 200) return;
    std::lock_guard lock(answered.mu);
    answered.commits.emplace_back(path, up.sha256);
  }
}

// Every xorb file under <data>/xet/xorbs is whole: its bytes index to the hash it is named by.
void expect_whole_xorbs(const std::string& data_dir, int round) {
  size_t seen = 0;
  for (auto& e : fs::recursive_directory_iterator(data_dir + "/xet/xorbs")) {
    if (!e.is_regular_file()) continue;
    ++seen;
    std::ifstream in(e.path(), std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), {});
    try {
      EXPECT_EQ(xet::index_xorb(bytes).hash.hex(), e.path().filename().string()) << "round " << round;
    } catch (const std::exception& x) {
      ADD_FAILURE() << "round " << round << ": " << e.path() << " is not a whole xorb: " << x.what();
    }
  }
  EXPECT_GT(seen, 0u);
}

TEST(XetHubCrash, KillDuringXetUploadsLosesNothingAnswered) {
  ServerProcess server({{"rate-limit = false"}, 0});
  const std::string repo = "alice/xet-crash";
  auto created =
      http("POST", server.endpoint() + "/api/repos/create", {bearer(Tokens::alice_write)}, R"({"name":"xet-crash"})");
  ASSERT_EQ(created.status, 200) << created.body;

  Answered answered;
  std::mt19937 rng(12);
  for (int round = 0; round < 3; ++round) {
    std::atomic<bool> stop{false};
    size_t commits_before;
    {
      std::lock_guard lock(answered.mu);
      commits_before = answered.commits.size();
    }
    std::vector<std::thread> workers;
    for (int w = 0; w < 2; ++w)
      workers.emplace_back(xet_loop, server.endpoint(), repo, round * 2 + w, std::ref(stop), std::ref(answered));
    for (int waited = 0; waited < 400; ++waited) {  // until this round has a commit answered
      {
        std::lock_guard lock(answered.mu);
        if (answered.commits.size() > commits_before) break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(rng() % 400));
    server.crash_and_restart();
    stop = true;
    for (auto& t : workers) t.join();

    expect_whole_xorbs(server.data_dir(), round);
    std::lock_guard lock(answered.mu);
    for (auto& hash : answered.xorbs) {
      auto path = server.data_dir() + "/xet/xorbs/" + hash.substr(0, 2) + "/" + hash.substr(0, 2) + "/" +
                  hash.substr(2, 2) + "/" + hash;
      EXPECT_TRUE(fs::exists(path)) << "answered xorb " << hash << " lost in round " << round;
    }
    auto token =
        http_get(server.endpoint() + "/api/models/" + repo + "/xet-read-token/main", {bearer(Tokens::alice_write)});
    ASSERT_EQ(token.status, 200);
    auto auth = "Authorization: Bearer " + std::string(token.json().at("accessToken").as_string());
    auto cas = std::string(token.json().at("casUrl").as_string());
    for (auto& file : answered.shard_files)
      EXPECT_EQ(http_get(cas + "/v1/reconstructions/" + file, {auth}).status, 200)
          << "answered shard's file " << file << " lost in round " << round;
    for (auto& [path, sha] : answered.commits) {
      auto r = http_get(server.endpoint() + "/" + repo + "/resolve/main/" + path);
      EXPECT_EQ(r.status, 200) << path;
      EXPECT_EQ(sha256_hex(r.body), sha) << "answered commit of " << path << " lost in round " << round;
    }
  }
  EXPECT_GT(answered.commits.size(), 0u);
}

}  // namespace
}  // namespace hfhub::testing
