// libhfhub guards its own disk: a repo may hold any name git allows (`folder/..\x` is one file
// named `..\x`), but no download, into the cache or a local_dir, single file or snapshot, may
// write outside its folder, on this system or once the folder is copied to Windows.
#include <gtest/gtest.h>

#include <stdexcept>

#include "commit_support.h"
#include "download_fixture.h"

namespace hfhub::testing {
namespace {

class ClientDownloadPaths : public DownloadTest {
 protected:
  void SetUp() override {
    DownloadTest::SetUp();
    repo_ = new_model("alice");
    commit_ok(repo_, {header_line("names"), text_line("folder/..\\x", "dots"), text_line("a\\b.txt", "plain"),
                      text_line("ok.txt", "ok")});
  }
  // Every file under the test's temp folder but outside `inside`.
  std::set<std::string> strays(const fs::path& inside) const {
    std::set<std::string> out;
    for (auto& f : files_under(temp_))
      if (!(temp_ / f).string().starts_with(inside.string() + "/")) out.insert(f);
    return out;
  }
  std::string repo_;
};

TEST_F(ClientDownloadPaths, ABackslashInsideANameStaysInsideTheFolder) {
  fs::path cached = api().hf_hub_download(repo_, "a\\b.txt", params());
  EXPECT_EQ(cached.filename(), "a\\b.txt");
  EXPECT_EQ(read_bytes(cached), "plain");
  auto local = params();
  local.local_dir = temp_ / "local";
  fs::path file = api().hf_hub_download(repo_, "a\\b.txt", local);
  EXPECT_EQ(file, temp_ / "local" / "a\\b.txt");
  EXPECT_EQ(read_bytes(file), "plain");
}

TEST_F(ClientDownloadPaths, DotDotBetweenBackslashesIsRefusedBeforeAnyWrite) {
  EXPECT_THROW(api().hf_hub_download(repo_, "folder/..\\x", params()), std::invalid_argument);
  auto local = params();
  local.local_dir = temp_ / "local";
  EXPECT_THROW(api().hf_hub_download(repo_, "folder/..\\x", local), std::invalid_argument);
  EXPECT_EQ(proxy_->count("GET", "/resolve/"), 0);

  // A snapshot holding such a name is refused before it downloads anything.
  auto snapshot = snapshot_params();
  EXPECT_THROW(api().snapshot_download(repo_, snapshot), std::invalid_argument);
  snapshot.local_dir = temp_ / "local";
  EXPECT_THROW(api().snapshot_download(repo_, snapshot), std::invalid_argument);
  EXPECT_EQ(proxy_->count("GET", "/resolve/"), 0);
  EXPECT_EQ(strays(hub()), std::set<std::string>{});
  EXPECT_FALSE(fs::exists(temp_ / "x"));
  EXPECT_FALSE(fs::exists(temp_ / "local" / "x"));

  // Leaving the name out makes the snapshot fine.
  snapshot.ignore_patterns = {"folder/*"};
  fs::path dir = api().snapshot_download(repo_, snapshot);
  EXPECT_EQ(read_bytes(dir / "a\\b.txt"), "plain");
  EXPECT_EQ(read_bytes(dir / "ok.txt"), "ok");
}

}  // namespace
}  // namespace hfhub::testing
