// hf_hub_download into the shared cache through a FaultyProxy in front of hfhubd: the cache
// tree of docs/hub-behaviour.md#cache-layout (blobs named by etag, refs, relative snapshot links, CACHEDIR.TAG),
// revisions (commit, refs/pr/N), typed errors and .no_exist markers, offline modes, an
// unreachable Hub, and requests counted at the proxy.
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "commit_support.h"
#include "download_fixture.h"
#include "raw_http.h"

namespace hfhub::testing {
namespace {

class ClientDownload : public DownloadTest {};

// A loopback port nobody listens on.
int closed_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(fd);
  return ntohs(addr.sin_port);
}

TEST_F(ClientDownload, RegularAndLfsFilesLandInTheCacheLayout) {
  auto api = this->api();
  fs::path readme = api.hf_hub_download(id_, "README.md", params());
  fs::path nested = api.hf_hub_download(id_, "dir/sub/nested.txt", params());
  fs::path big = api.hf_hub_download(id_, "big.bin", params());

  fs::path snapshot = repo_dir() / "snapshots" / head_;
  EXPECT_EQ(readme, snapshot / "README.md");
  EXPECT_EQ(nested, snapshot / "dir" / "sub" / "nested.txt");
  EXPECT_EQ(big, snapshot / "big.bin");
  EXPECT_EQ(read_bytes(readme), readme_);
  EXPECT_EQ(read_bytes(nested), nested_);
  EXPECT_EQ(read_bytes(big), big_);

  std::string readme_etag = git_blob_sha1(readme_), nested_etag = git_blob_sha1(nested_);
  EXPECT_TRUE(fs::is_symlink(readme));
  EXPECT_EQ(fs::read_symlink(readme), fs::path("../../blobs/" + readme_etag));
  EXPECT_EQ(fs::read_symlink(nested), fs::path("../../../../blobs/" + nested_etag));
  EXPECT_EQ(fs::read_symlink(big), fs::path("../../blobs/" + big_oid_));
  EXPECT_EQ(files_under(repo_dir() / "blobs"), (std::set<std::string>{readme_etag, nested_etag, big_oid_}));
  EXPECT_EQ(read_bytes(repo_dir() / "refs" / "main"), head_);
  EXPECT_TRUE(fs::is_regular_file(hub() / "CACHEDIR.TAG"));
  EXPECT_EQ(std::get<fs::path>(api.try_to_load_from_cache(id_, "big.bin", params())), big);
  // The 5 MB file came in ranges, the small ones in one GET each.
  EXPECT_GE(proxy_->count("GET", "/big.bin"), 5 * 1024 * 1024 / kChunk);
}

TEST_F(ClientDownload, CachedFilesAreNotDownloadedAgain) {
  auto api = this->api();
  api.hf_hub_download(id_, "README.md", params());
  api.hf_hub_download(id_, "big.bin", params());
  proxy_->clear_log();

  // A branch needs its HEAD (it may have moved), but no body.
  EXPECT_EQ(read_bytes(api.hf_hub_download(id_, "big.bin", params())), big_);
  EXPECT_EQ(proxy_->count("GET", "/resolve/"), 0);
  EXPECT_EQ(proxy_->count("HEAD", "/resolve/"), 1);
  // A commit hash already cached needs no request at all.
  proxy_->clear_log();
  EXPECT_EQ(read_bytes(api.hf_hub_download(id_, "README.md", params(head_))), readme_);
  EXPECT_TRUE(proxy_->requests().empty());
  // force_download fetches again.
  auto forced = params();
  forced.force_download = true;
  EXPECT_EQ(read_bytes(api.hf_hub_download(id_, "README.md", forced)), readme_);
  EXPECT_EQ(proxy_->count("GET", "/resolve/"), 1);
}

TEST_F(ClientDownload, CommitHashAndPullRequestRevisions) {
  auto api = this->api();
  fs::path old = api.hf_hub_download(id_, "README.md", params(first_));
  EXPECT_EQ(old, repo_dir() / "snapshots" / first_ / "README.md");
  EXPECT_EQ(read_bytes(old), "# old\n");
  EXPECT_FALSE(fs::exists(repo_dir() / "refs" / first_));  // a commit is not a ref

  fs::path pr = api.hf_hub_download(id_, "pr.txt", params("refs/pr/1"));
  EXPECT_EQ(pr, repo_dir() / "snapshots" / pr_commit_ / "pr.txt");
  EXPECT_EQ(read_bytes(pr), "from a pr\n");
  EXPECT_EQ(read_bytes(repo_dir() / "refs" / "refs" / "pr" / "1"), pr_commit_);
  EXPECT_EQ(std::get<fs::path>(api.try_to_load_from_cache(id_, "pr.txt", params("refs/pr/1"))), pr);
}

TEST_F(ClientDownload, MissingFileLeavesANoExistMarker) {
  auto api = this->api();
  EXPECT_THROW(api.hf_hub_download(id_, "nope/missing.txt", params()), EntryNotFoundError);
  EXPECT_TRUE(fs::is_regular_file(repo_dir() / ".no_exist" / head_ / "nope" / "missing.txt"));
  EXPECT_EQ(read_bytes(repo_dir() / "refs" / "main"), head_);
  proxy_->clear_log();
  EXPECT_TRUE(std::holds_alternative<CachedNoExist>(api.try_to_load_from_cache(id_, "nope/missing.txt", params())));
  EXPECT_TRUE(std::holds_alternative<std::monostate>(api.try_to_load_from_cache(id_, "README.md", params())));
  EXPECT_TRUE(proxy_->requests().empty());
}

TEST_F(ClientDownload, MissingRevisionAndHiddenReposAreTypedErrors) {
  EXPECT_THROW(api().hf_hub_download(id_, "README.md", params("no-such-branch")), RevisionNotFoundError);

  std::string hidden = "carol/" + unique_name("hidden");
  client(Tokens::carol_write).create_repo(hidden, {.private_ = true});
  EXPECT_THROW(api().hf_hub_download(hidden, ".gitattributes", params()), RepositoryNotFoundError);

  std::string gated = new_model("alice");
  commit_ok(gated, {header_line("x"), text_line("a.txt", "gated")});
  auto settings = http("PUT", api_url("/api/models/" + gated + "/settings"),
                       {bearer(Tokens::alice_write), "Content-Type: application/json"}, R"({"gated":"auto"})");
  ASSERT_EQ(settings.status, 200) << settings.body;
  EXPECT_THROW(HfApi(options(Tokens::carol_write)).hf_hub_download(gated, "a.txt", params()), GatedRepoError);
  EXPECT_THROW(HfApi(options(nullptr)).hf_hub_download(gated, "a.txt", params()), GatedRepoError);
  EXPECT_EQ(read_bytes(api().hf_hub_download(gated, "a.txt", params())), "gated");  // alice may
  EXPECT_FALSE(fs::exists(hub() / ("models--carol--" + hidden.substr(6)) / "blobs"));
}

TEST_F(ClientDownload, OfflineModesServeTheCacheWithoutRequests) {
  api().hf_hub_download(id_, "README.md", params());
  proxy_->clear_log();

  auto offline_options = options();
  offline_options.offline = true;
  HfApi offline(offline_options);
  EXPECT_EQ(read_bytes(offline.hf_hub_download(id_, "README.md", params())), readme_);
  EXPECT_THROW(offline.hf_hub_download(id_, "dir/top.txt", params()), LocalEntryNotFoundError);

  auto local_only = params();
  local_only.local_files_only = true;
  EXPECT_EQ(read_bytes(api().hf_hub_download(id_, "README.md", local_only)), readme_);
  EXPECT_THROW(api().hf_hub_download(id_, "dir/top.txt", local_only), LocalEntryNotFoundError);
  local_only.revision = head_;
  EXPECT_EQ(read_bytes(api().hf_hub_download(id_, "README.md", local_only)), readme_);
  EXPECT_TRUE(proxy_->requests().empty());
}

TEST_F(ClientDownload, UnreachableHubFallsBackToTheCache) {
  api().hf_hub_download(id_, "README.md", params());
  auto o = options();
  o.endpoint = "http://127.0.0.1:" + std::to_string(closed_port());
  HfApi down(o);
  EXPECT_EQ(read_bytes(down.hf_hub_download(id_, "README.md", params())), readme_);
  EXPECT_THROW(down.hf_hub_download(id_, "dir/top.txt", params()), LocalEntryNotFoundError);
}

TEST_F(ClientDownload, LocalDirModeWritesRealFilesAndMetadata) {
  auto p = params();
  p.local_dir = temp_ / "local";
  fs::path nested = api().hf_hub_download(id_, "dir/sub/nested.txt", p);
  fs::path big = api().hf_hub_download(id_, "big.bin", p);
  EXPECT_EQ(nested, temp_ / "local" / "dir" / "sub" / "nested.txt");
  EXPECT_FALSE(fs::is_symlink(nested));
  EXPECT_EQ(read_bytes(nested), nested_);
  EXPECT_EQ(read_bytes(big), big_);
  std::string meta = read_bytes(temp_ / "local" / ".cache" / "huggingface" / "download" / "big.bin.metadata");
  EXPECT_TRUE(meta.starts_with(head_ + "\n" + big_oid_ + "\n")) << meta;
  EXPECT_EQ(std::count(meta.begin(), meta.end(), '\n'), 3);
  EXPECT_FALSE(fs::exists(repo_dir()));  // the shared cache is not touched

  proxy_->clear_log();
  EXPECT_EQ(api().hf_hub_download(id_, "big.bin", p), big);
  EXPECT_EQ(proxy_->count("GET", "/resolve/"), 0);
  // A file already in the shared cache is copied, not downloaded.
  api().hf_hub_download(id_, "medium.bin", params());
  proxy_->clear_log();
  EXPECT_EQ(read_bytes(api().hf_hub_download(id_, "medium.bin", p)), medium_);
  EXPECT_FALSE(fs::is_symlink(temp_ / "local" / "medium.bin"));
  EXPECT_EQ(proxy_->count("GET", "/resolve/"), 0);

  auto bookkeeping = files_under(temp_ / "local" / ".cache" / "huggingface" / "download");
  std::erase_if(bookkeeping, [](const std::string& f) { return f.ends_with(".lock"); });
  EXPECT_EQ(bookkeeping,
            (std::set<std::string>{"big.bin.metadata", "dir/sub/nested.txt.metadata", "medium.bin.metadata"}));
}

}  // namespace
}  // namespace hfhub::testing
