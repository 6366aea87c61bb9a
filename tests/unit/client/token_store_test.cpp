#include "hfhub/token_store.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>

#include "client/util/atomic_file.h"
#include "env_guard.h"
#include "hfhub/client_options.h"

namespace hfhub {

namespace fs = std::filesystem;

class TokenStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    home = fs::temp_directory_path() / ("hfhub-token-test-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(home);
    env.set("HF_HOME", home.string());
    for (const char* v : {"HF_TOKEN", "HUGGING_FACE_HUB_TOKEN", "HF_TOKEN_PATH", "HF_STORED_TOKENS_PATH", "HF_ENDPOINT",
                          "HF_HUB_OFFLINE"})
      env.unset(v);
  }
  void TearDown() override { fs::remove_all(home); }

  static void write(const fs::path& p, const std::string& content) {
    fs::create_directories(p.parent_path());
    std::ofstream(p) << content;
  }
  static unsigned mode_of(const fs::path& p) {
    struct stat st {};
    ::stat(p.c_str(), &st);
    return st.st_mode & 0777;
  }

  fs::path home;
  client::testing::EnvGuard env;
};

TEST_F(TokenStoreTest, MissingFilesMeanNoToken) {
  TokenStore store = TokenStore::from_env();
  EXPECT_EQ(store.token_path(), home / "token");
  EXPECT_FALSE(store.active_token());
  EXPECT_TRUE(store.stored_tokens().empty());
  EXPECT_FALSE(resolve_token());
}

TEST_F(TokenStoreTest, ActiveTokenIsTrimmed) {
  write(home / "token", "  hf_abc\n\n");
  EXPECT_EQ(TokenStore::from_env().active_token(), "hf_abc");
  write(home / "token", "\n");
  EXPECT_FALSE(TokenStore::from_env().active_token());
}

TEST_F(TokenStoreTest, ReadsPythonStoredTokens) {
  write(home / "stored_tokens", "[laptop]\nhf_token = hf_one\n\n[ci]\nhf_token=hf_two\n\n# comment\n[empty]\n");
  auto tokens = TokenStore::in_home(home).stored_tokens();
  ASSERT_EQ(tokens.size(), 2u);
  EXPECT_EQ(tokens.at("laptop"), "hf_one");
  EXPECT_EQ(tokens.at("ci"), "hf_two");
}

TEST_F(TokenStoreTest, SaveWritesBothFilesAtomicallyWithMode0600) {
  TokenStore store = TokenStore::in_home(home);
  store.save("laptop", "hf_one");
  store.save("ci", "hf_two\n", /*set_active=*/false);
  EXPECT_EQ(client::read_file(home / "token"), "hf_one");
  EXPECT_EQ(client::read_file(home / "stored_tokens"), "[ci]\nhf_token = hf_two\n\n[laptop]\nhf_token = hf_one\n\n");
  EXPECT_EQ(mode_of(home / "token"), 0600u);
  EXPECT_EQ(mode_of(home / "stored_tokens"), 0600u);
  for (const auto& entry : fs::directory_iterator(home))
    EXPECT_EQ(entry.path().filename().string().find(".tmp"), std::string::npos) << entry.path();
}

TEST_F(TokenStoreTest, RemoveActiveTokenDeletesTheTokenFile) {
  TokenStore store = TokenStore::in_home(home);
  store.save("a", "hf_a", false);
  store.save("b", "hf_b", true);
  EXPECT_TRUE(store.remove("a"));
  EXPECT_EQ(store.active_token(), "hf_b");
  EXPECT_TRUE(store.remove("b"));
  EXPECT_FALSE(store.active_token());
  EXPECT_TRUE(store.stored_tokens().empty());
  EXPECT_FALSE(store.remove("nope"));
}

TEST_F(TokenStoreTest, ClearRemovesEverything) {
  TokenStore store = TokenStore::in_home(home);
  store.save("a", "hf_a");
  store.clear();
  EXPECT_FALSE(fs::exists(home / "token"));
  EXPECT_FALSE(fs::exists(home / "stored_tokens"));
}

TEST_F(TokenStoreTest, EnvironmentTokenWinsOverTheFile) {
  write(home / "token", "hf_file");
  EXPECT_EQ(resolve_token(), "hf_file");
  env.set("HUGGING_FACE_HUB_TOKEN", "hf_legacy");
  EXPECT_EQ(resolve_token(), "hf_legacy");
  env.set("HF_TOKEN", " hf_env \n");
  EXPECT_EQ(resolve_token(), "hf_env");
  env.set("HF_TOKEN", "");  // blank is ignored
  EXPECT_EQ(resolve_token(), "hf_legacy");
}

TEST_F(TokenStoreTest, TokenPathOverrides) {
  env.set("HF_TOKEN_PATH", (home / "elsewhere" / "tok").string());
  write(home / "elsewhere" / "tok", "hf_other");
  EXPECT_EQ(TokenStore::from_env().active_token(), "hf_other");
  EXPECT_EQ(resolve_token(), "hf_other");
}

TEST_F(TokenStoreTest, HfHomeDefaultsToXdgCache) {
  env.unset("HF_HOME");
  env.set("XDG_CACHE_HOME", "/tmp/xdg");
  EXPECT_EQ(resolve_hf_home(), fs::path("/tmp/xdg/huggingface"));
  env.unset("XDG_CACHE_HOME");
  env.set("HOME", "/home/u");
  EXPECT_EQ(resolve_hf_home(), fs::path("/home/u/.cache/huggingface"));
}

TEST_F(TokenStoreTest, ClientOptionsFromEnv) {
  write(home / "token", "hf_file\n");
  env.set("HF_ENDPOINT", "http://127.0.0.1:8080//");
  env.set("HF_HUB_OFFLINE", "1");
  ClientOptions o = ClientOptions::from_env();
  EXPECT_EQ(o.endpoint, "http://127.0.0.1:8080");
  EXPECT_EQ(o.token, "hf_file");
  EXPECT_EQ(o.hf_home, home.string());
  EXPECT_TRUE(o.offline);
  env.unset("HF_ENDPOINT");
  env.unset("HF_HUB_OFFLINE");
  env.set("HF_TOKEN", "hf_env");
  o = ClientOptions::from_env();
  EXPECT_EQ(o.endpoint, "https://huggingface.co");
  EXPECT_EQ(o.token, "hf_env");
  EXPECT_FALSE(o.offline);
}

}  // namespace hfhub
