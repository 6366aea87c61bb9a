#include "download_fixture.h"

#include <fstream>
#include <random>
#include <sstream>

#include "commit_support.h"
#include "server_fixture.h"

namespace hfhub::testing {

void DownloadTest::SetUpTestSuite() {
  if (!id_.empty()) return;  // several suites share the repo
  id_ = new_model("alice");
  big_ = random_bytes(5 * 1024 * 1024 + 123, 1);
  medium_ = random_bytes(600 * 1000 + 7, 2);
  big_oid_ = put_lfs_object(id_, big_);
  medium_oid_ = put_lfs_object(id_, medium_);
  first_ = commit_ok(id_, {header_line("first"), text_line("README.md", "# old\n")});
  head_ =
      commit_ok(id_, {header_line("files"), text_line("README.md", readme_), text_line("dir/sub/nested.txt", nested_),
                      text_line("dir/top.txt", "top\n"), lfs_line("big.bin", big_oid_, int64_t(big_.size())),
                      lfs_line("medium.bin", medium_oid_, int64_t(medium_.size())),
                      lfs_line("copies/medium-copy.bin", medium_oid_, int64_t(medium_.size()))});
  auto pr = post_commit(id_, {header_line("pr"), text_line("pr.txt", "from a pr\n")}, "main", "?create_pr=1");
  ASSERT_EQ(pr.status, 200) << pr.body;
  pr_commit_ = std::string(pr.json().at("commitOid").as_string());
}

void DownloadTest::SetUp() {
  char tmpl[] = "/tmp/hfhub-download-XXXXXX";
  temp_ = mkdtemp(tmpl);
  proxy_ = std::make_unique<FaultyProxy>(shared_server().endpoint());
}

void DownloadTest::TearDown() {
  proxy_.reset();
  std::error_code ec;
  fs::remove_all(temp_, ec);
}

ClientOptions DownloadTest::options(const char* token) const {
  ClientOptions o;
  o.endpoint = proxy_->url();
  if (token) o.token = token;
  o.max_retries = 0;
  o.hub_cache = hub();
  o.transfer.stall_timeout = std::chrono::seconds(2);
  o.transfer.parallel_threshold = 1 << 20;
  o.transfer.chunk_size = kChunk;
  o.transfer.connections_per_file = 4;
  return o;
}

DownloadParams DownloadTest::params(const std::optional<std::string>& revision) const {
  DownloadParams p;
  p.cache_dir = hub();
  p.revision = revision;
  return p;
}

SnapshotParams DownloadTest::snapshot_params() const {
  SnapshotParams p;
  p.cache_dir = hub();
  return p;
}

fs::path DownloadTest::repo_dir() const {
  std::string name = "models--" + id_;
  name.replace(name.find('/'), 1, "--");
  return hub() / name;
}

std::string read_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

void write_bytes(const fs::path& path, const std::string& bytes) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << bytes;
}

std::set<std::string> files_under(const fs::path& dir) {
  std::set<std::string> out;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return out;
  for (auto it = fs::recursive_directory_iterator(dir); it != fs::recursive_directory_iterator(); ++it)
    if (!it->is_directory() || it->is_symlink()) out.insert(it->path().lexically_relative(dir).generic_string());
  return out;
}

std::string random_bytes(size_t size, unsigned seed) {
  std::mt19937 gen(seed);
  std::string out(size, '\0');
  for (auto& c : out) c = char(gen() & 0xff);
  return out;
}

std::vector<int64_t> range_starts(const FaultyProxy& proxy) {
  std::vector<int64_t> out;
  for (const auto& r : proxy.requests()) {
    auto range = r.headers.find("range");
    if (r.method == "GET" && r.target.find("/resolve/") != std::string::npos && range != r.headers.end())
      out.push_back(std::stoll(range->second.substr(6)));
  }
  return out;
}

}  // namespace hfhub::testing
