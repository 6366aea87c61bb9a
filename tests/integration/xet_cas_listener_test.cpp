// The Xet CAS on a listener of its own (`cas-listen`, docs/xet.md#cas-api): tokens name it as
// casUrl, resolve's Link points at it, uploads and downloads go through it, and it serves the CAS
// routes only.
#include <gtest/gtest.h>

#include <boost/url/parse.hpp>
#include <filesystem>
#include <fstream>
#include <random>

#include "hfhub/hf_api.h"
#include "raw_http.h"
#include "server_fixture.h"

namespace hfhub::testing {
namespace {

namespace fs = std::filesystem;

class XetCasListener : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = new ServerProcess({.config_lines = {"cas-listen = 127.0.0.1:0"}}); }
  static void TearDownTestSuite() {
    // Both listeners stop on SIGTERM and the process exits cleanly.
    EXPECT_EQ(server_->stop(), 0);
    delete server_;
    server_ = nullptr;
  }
  static HfApi alice(const fs::path& cache) {
    ClientOptions o;
    o.endpoint = server_->endpoint();
    o.token = Tokens::alice_write;
    o.max_retries = 0;
    o.hub_cache = cache / "hub";
    o.xet_chunk_cache = cache / "xet";
    return HfApi(o);
  }
  // The casUrl a write token for `id` names.
  static std::string cas_url(const std::string& id) {
    auto r =
        http_get(server_->endpoint() + "/api/models/" + id + "/xet-write-token/main", {bearer(Tokens::alice_write)});
    EXPECT_EQ(r.status, 200) << r.body;
    return std::string(r.json().as_object().at("casUrl").as_string());
  }
  static inline ServerProcess* server_ = nullptr;
};

std::string random_bytes(size_t n, unsigned seed) {
  std::mt19937_64 rng(seed);
  std::string s(n, '\0');
  for (auto& c : s) c = char(rng());
  return s;
}

TEST_F(XetCasListener, TokensNameItAndTransfersGoThroughIt) {
  const fs::path dir = fs::temp_directory_path() / ("hfhub-cas-listener-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const std::string id = "alice/" + unique_name("caslisten");
  auto api = alice(dir / "cache");
  api.create_repo(id);

  const std::string cas = cas_url(id);
  auto cas_port = boost::urls::parse_uri(cas).value().port();
  auto hub_port = boost::urls::parse_uri(server_->endpoint()).value().port();
  EXPECT_NE(cas_port, hub_port) << cas;
  EXPECT_EQ(cas, "http://127.0.0.1:" + std::string(cas_port));

  const std::string content = random_bytes(3 << 20, 11);
  std::ofstream(dir / "w.bin", std::ios::binary) << content;
  api.upload_file(dir / "w.bin", "w.bin", id);
  size_t xorbs = 0;
  for (const auto& e : fs::recursive_directory_iterator(fs::path(server_->data_dir()) / "xet" / "xorbs"))
    xorbs += e.is_regular_file();
  EXPECT_GT(xorbs, 0u) << "the upload did not go through the CAS";

  // resolve advertises the reconstruction on the CAS listener, without the /xet prefix.
  auto head = http("HEAD", server_->endpoint() + "/" + id + "/resolve/main/w.bin", {bearer(Tokens::alice_write)});
  const std::string hash = head.header("x-xet-hash");
  ASSERT_FALSE(hash.empty());
  EXPECT_NE(head.header("link").find("<" + cas + "/v1/reconstructions/" + hash + ">"), std::string::npos)
      << head.header("link");

  auto path = api.hf_hub_download(id, "w.bin");
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(std::string(std::istreambuf_iterator<char>(in), {}) == content);
  fs::remove_all(dir);
}

TEST_F(XetCasListener, ServesTheCasRoutesOnly) {
  const std::string id = "alice/" + unique_name("casonly");
  http("POST", server_->endpoint() + "/api/repos/create",
       {bearer(Tokens::alice_write), "Content-Type: application/json"},
       R"({"type":"model","name":")" + id.substr(6) + R"("})");
  const std::string cas = cas_url(id);
  EXPECT_EQ(http_get(cas + "/api/models").status, 404);
  EXPECT_EQ(http_get(cas + "/" + id + "/resolve/main/README.md").status, 404);
  // A CAS route needs its Xet token there as on /xet of the main port.
  EXPECT_EQ(http_get(cas + "/v2/reconstructions/" + std::string(64, 'a')).status, 401);
  EXPECT_EQ(http_get(server_->endpoint() + "/xet/v2/reconstructions/" + std::string(64, 'a')).status, 401);
}

}  // namespace
}  // namespace hfhub::testing
