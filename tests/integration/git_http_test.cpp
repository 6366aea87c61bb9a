// git smart HTTP against hfhubd with the real `git` and `git-lfs`: clone, push (LFS through the
// batch API), fetch, protocol v0 and v2, the refusals (no token, no rights, missing LFS object,
// server-managed refs, deleting main) and private repos.
#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <array>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "common/base64.h"
#include "raw_http.h"
#include "server_fixture.h"
#include "xet_support.h"

namespace hfhub::testing {
namespace {

namespace fs = std::filesystem;

// A HOME of its own for git and git-lfs: identity, `git lfs install`, no prompts, no user config.
class GitHome {
 public:
  GitHome() {
    char tmpl[] = "/tmp/hfhub-git-home-XXXXXX";
    if (!mkdtemp(tmpl)) throw std::runtime_error("mkdtemp failed");
    dir_ = tmpl;
    env_ = {{"HOME", dir_},
            {"XDG_CONFIG_HOME", dir_ + "/.config"},
            {"GIT_CONFIG_GLOBAL", dir_ + "/.gitconfig"},
            {"GIT_CONFIG_NOSYSTEM", "1"},
            {"GIT_TERMINAL_PROMPT", "0"},
            {"GIT_ASKPASS", "/bin/false"},
            {"SSH_ASKPASS", "/bin/false"},
            {"GIT_LFS_SKIP_SMUDGE", "0"}};
    for (auto args : std::vector<std::vector<std::string>>{
             {"config", "--global", "user.name", "Git Tester"},
             {"config", "--global", "user.email", "tester@example.org"},
             {"config", "--global", "init.defaultBranch", "main"},
             // Lock verification is an API this server does not offer; git-lfs would only warn.
             {"config", "--global", "lfs.locksverify", "false"},
             {"lfs", "install"}}) {
      auto r = git(args);
      if (r.exit_code != 0) throw std::runtime_error("git setup failed: " + r.err);
    }
  }
  ~GitHome() {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  // git with this HOME; `extra_env` on top (e.g. GIT_LFS_SKIP_PUSH).
  RunResult git(std::vector<std::string> args, const std::map<std::string, std::string>& extra_env = {}) const {
    args.insert(args.begin(), "/usr/bin/git");
    auto env = env_;
    for (auto& [k, v] : extra_env) env[k] = v;
    return run(args, env);
  }
  RunResult git_in(const std::string& repo, std::vector<std::string> args,
                   const std::map<std::string, std::string>& extra_env = {}) const {
    args.insert(args.begin(), {"-C", repo});
    return git(std::move(args), extra_env);
  }
  // A fresh directory for a working copy.
  std::string workdir(const std::string& name) const { return dir_ + "/" + unique_name(name); }

 private:
  std::string dir_;
  std::map<std::string, std::string> env_;
};

const GitHome& home() {
  static GitHome h;
  return h;
}

// A server of the suite's own: every git operation starts with an anonymous request (git sends
// credentials only when challenged), so the suite would otherwise eat the per-address "pages"
// quota of the shared server that other tests count on.
ServerProcess* g_server = nullptr;

class GitHttp : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { g_server = new ServerProcess({.config_lines = {"rate-limit = false"}}); }
  static void TearDownTestSuite() {
    delete g_server;
    g_server = nullptr;
  }
};

const std::string& endpoint() { return g_server->endpoint(); }

HfApi api(const char* token = nullptr) {
  ClientOptions o;
  o.endpoint = endpoint();
  if (token) o.token = token;
  o.max_retries = 0;
  return HfApi(o);
}

std::string host_port() { return endpoint().substr(std::string("http://").size()); }

// http://user:token@host/<prefix><id><suffix>; no token: anonymous.
std::string git_url(const std::string& id, const char* token = nullptr, const std::string& prefix = "",
                    const std::string& suffix = ".git") {
  std::string auth = token ? std::string("user:") + token + "@" : "";
  return "http://" + auth + host_port() + "/" + prefix + id + suffix;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

void write_file(const std::string& path, const std::string& content) {
  fs::create_directories(fs::path(path).parent_path());
  std::ofstream(path, std::ios::binary) << content;
}

// Incompressible bytes, so the pack (or LFS object) really is as large as asked.
std::string random_bytes(size_t n, unsigned seed) {
  std::mt19937_64 rng(seed);
  std::string out(n, '\0');
  for (size_t i = 0; i < n; i += 8) {
    uint64_t v = rng();
    for (size_t j = 0; j < 8 && i + j < n; ++j) out[i + j] = char(v >> (8 * j));
  }
  return out;
}

std::string trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
  return s;
}

#define EXPECT_OK(r) EXPECT_EQ((r).exit_code, 0) << (r).err << (r).out
#define ASSERT_OK(r) ASSERT_EQ((r).exit_code, 0) << (r).err << (r).out

std::string new_repo(const std::string& ns, const std::string& stem, CreateRepoParams params = {}) {
  auto id = ns + "/" + unique_name(stem);
  api(Tokens::alice_write).create_repo(id, params);
  return id;
}

std::string head_of(const std::string& dir) { return trimmed(home().git_in(dir, {"rev-parse", "HEAD"}).out); }

std::string commit_all(const std::string& dir, const std::string& message) {
  EXPECT_OK(home().git_in(dir, {"add", "-A"}));
  EXPECT_OK(home().git_in(dir, {"commit", "-q", "-m", message}));
  return head_of(dir);
}

TEST_F(GitHttp, PushWithLfsThenCloneGivesTheSameBytesAndTheCatalogFollows) {
  auto id = new_repo("alice", "git-push");
  auto work = home().workdir("push");
  ASSERT_OK(home().git({"clone", "-q", git_url(id, Tokens::alice_write), work}));
  EXPECT_NE(read_file(work + "/.gitattributes").find("*.bin filter=lfs"), std::string::npos);

  auto weights = random_bytes(3 * 1024 * 1024 + 17, 1);
  auto big_text = base64_encode(random_bytes(2 * 1024 * 1024, 2));  // a pack over 1 MiB: a spooled request body
  write_file(work + "/model.bin", weights);
  write_file(work + "/README.md", "# pushed over git\n");
  write_file(work + "/data/big.txt", big_text);
  auto pushed = commit_all(work, "add weights");
  auto push = home().git_in(work, {"push", "-q", "origin", "main"});
  ASSERT_OK(push);

  // The blob in git is a pointer; the object itself went through the LFS batch API.
  auto stored = home().git_in(work, {"cat-file", "-p", "HEAD:model.bin"}).out;
  EXPECT_EQ(stored.rfind("version https://git-lfs.github.com/spec/v1", 0), 0u) << stored;

  auto copy = home().workdir("clone");
  ASSERT_OK(home().git({"clone", "-q", git_url(id, Tokens::alice_write, "", ""), copy}));  // no ".git"
  EXPECT_EQ(head_of(copy), pushed);
  EXPECT_TRUE(read_file(copy + "/model.bin") == weights) << "LFS file not smudged to the pushed bytes";
  EXPECT_EQ(read_file(copy + "/README.md"), "# pushed over git\n");
  EXPECT_TRUE(read_file(copy + "/data/big.txt") == big_text);

  auto info = api(Tokens::alice_write).model_info(id, {.files_metadata = true});
  EXPECT_EQ(info.sha.value_or(""), pushed);
  ASSERT_TRUE(info.siblings.has_value());
  std::map<std::string, int64_t> sizes;
  for (auto& s : *info.siblings) sizes[s.rfilename] = s.size.value_or(-1);
  EXPECT_EQ(sizes.count(".gitattributes"), 1u);
  EXPECT_EQ(sizes["model.bin"], int64_t(weights.size()));
  EXPECT_EQ(sizes["README.md"], 18);
  EXPECT_EQ(sizes["data/big.txt"], int64_t(big_text.size()));
}

TEST_F(GitHttp, CloneWithProtocolV0AndV2AndAnonymouslyOfAPublicRepo) {
  auto id = new_repo("acme", "git-proto");
  auto work = home().workdir("proto");
  ASSERT_OK(home().git({"clone", "-q", git_url(id, Tokens::alice_write), work}));
  write_file(work + "/a.txt", "a\n");
  auto pushed = commit_all(work, "a");
  // Enough refs that the clone's want list exceeds 1 KiB, which git sends gzipped.
  for (int i = 0; i < 40; ++i) ASSERT_OK(home().git_in(work, {"tag", "release-number-" + std::to_string(i)}));
  ASSERT_OK(home().git_in(work, {"push", "-q", "origin", "main", "--tags"}));

  for (auto version : {"0", "1", "2"}) {
    auto dir = home().workdir(std::string("v") + version);
    auto r = home().git({"-c", std::string("protocol.version=") + version, "clone", "-q", git_url(id), dir});
    ASSERT_OK(r) << "protocol.version=" << version;
    EXPECT_EQ(head_of(dir), pushed);
    EXPECT_EQ(read_file(dir + "/a.txt"), "a\n");
    EXPECT_EQ(trimmed(home().git_in(dir, {"tag", "-l", "release-number-39"}).out), "release-number-39");
  }
  // HEAD answers like GET, without starting a transfer.
  auto head = http("HEAD", git_url(id) + "/info/refs?service=git-upload-pack");
  EXPECT_EQ(head.status, 200);
}

TEST_F(GitHttp, DatasetsAndSpacesAreServedUnderTheirPrefix) {
  auto id = new_repo("alice", "git-data", {.repo_type = RepoType::Dataset});
  auto dir = home().workdir("ds");
  ASSERT_OK(home().git({"clone", "-q", git_url(id, Tokens::alice_write, "datasets/"), dir}));
  EXPECT_NE(read_file(dir + "/.gitattributes").find("filter=lfs"), std::string::npos);
  write_file(dir + "/train.csv", "x,y\n1,2\n");
  auto pushed = commit_all(dir, "data");
  ASSERT_OK(home().git_in(dir, {"push", "-q", "origin", "main"}));
  EXPECT_EQ(api().dataset_info(id).sha.value_or(""), pushed);
  // Without the prefix the name is a model, which does not exist.
  auto other = home().workdir("ds-as-model");
  EXPECT_NE(home().git({"clone", "-q", git_url(id), other}).exit_code, 0);

  auto space = new_repo("alice", "git-space", {.repo_type = RepoType::Space, .space_sdk = "static"});
  auto sdir = home().workdir("space");
  ASSERT_OK(home().git({"clone", "-q", git_url(space, Tokens::alice_write, "spaces/"), sdir}));
  write_file(sdir + "/index.html", "<h1>hi</h1>\n");
  auto space_commit = commit_all(sdir, "page");
  ASSERT_OK(home().git_in(sdir, {"push", "-q", "origin", "main"}));
  EXPECT_EQ(api().space_info(space).sha.value_or(""), space_commit);
}

TEST_F(GitHttp, PushNeedsATokenWithWriteRights) {
  auto id = new_repo("alice", "git-auth");
  auto work = home().workdir("auth");
  ASSERT_OK(home().git({"clone", "-q", git_url(id), work}));  // public: anonymous clone works
  write_file(work + "/x.txt", "x\n");
  commit_all(work, "x");
  auto before = api().model_info(id).sha;

  auto anonymous = home().git_in(work, {"push", "-q", git_url(id), "main"});
  EXPECT_NE(anonymous.exit_code, 0);
  auto carol = home().git_in(work, {"push", "-q", git_url(id, Tokens::carol_write), "main"});
  EXPECT_NE(carol.exit_code, 0);
  auto read_only = home().git_in(work, {"push", "-q", git_url(id, Tokens::alice_read), "main"});
  EXPECT_NE(read_only.exit_code, 0);
  EXPECT_EQ(api().model_info(id).sha, before);

  // What git sees: a Basic challenge for anonymous callers, 403 for callers without rights.
  auto url = endpoint() + "/" + id + ".git/info/refs?service=git-receive-pack";
  auto r = http_get(url);
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(r.header("www-authenticate"), "Basic realm=\"Hugging Face\"");
  EXPECT_EQ(http_get(url, {bearer(Tokens::carol_write)}).status, 403);
  auto post = http("POST", endpoint() + "/" + id + ".git/git-receive-pack",
                   {"Content-Type: application/x-git-receive-pack-request"}, "0000");
  EXPECT_EQ(post.status, 401);
  EXPECT_EQ(http_get(endpoint() + "/" + id + ".git/info/refs").status, 403);  // dumb protocol

  auto ok = home().git_in(work, {"push", "-q", git_url(id, Tokens::alice_write), "main"});
  EXPECT_OK(ok);
}

TEST_F(GitHttp, PrivateRepoNeedsCredentialsToClone) {
  auto id = new_repo("alice", "git-private", {.private_ = true});
  auto dir = home().workdir("private");
  auto anonymous = home().git({"clone", "-q", git_url(id), dir});
  EXPECT_NE(anonymous.exit_code, 0);
  EXPECT_FALSE(fs::exists(dir + "/.gitattributes"));
  auto r = http_get(endpoint() + "/" + id + ".git/info/refs?service=git-upload-pack");
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(r.header("www-authenticate"), "Basic realm=\"Hugging Face\"");
  // Signed in without access: the repo does not exist, as everywhere else.
  EXPECT_NE(home().git({"clone", "-q", git_url(id, Tokens::carol_write), dir}).exit_code, 0);
  ASSERT_OK(home().git({"clone", "-q", git_url(id, Tokens::alice_read), dir}));
  EXPECT_TRUE(fs::exists(dir + "/.gitattributes"));
}

TEST_F(GitHttp, PushReferencingAnLfsObjectNeverUploadedIsRefused) {
  auto id = new_repo("alice", "git-lfs-missing");
  auto work = home().workdir("missing");
  ASSERT_OK(home().git({"clone", "-q", git_url(id, Tokens::alice_write), work}));
  auto before = head_of(work);
  // A pointer committed by hand, its object nowhere; git-lfs's own pre-push upload is skipped.
  std::string oid(64, 'a');
  write_file(work + "/ghost.bin", "version https://git-lfs.github.com/spec/v1\noid sha256:" + oid + "\nsize 12345\n");
  write_file(work + "/ok.txt", "fine\n");
  commit_all(work, "ghost");
  auto push = home().git_in(work, {"push", "origin", "main"}, {{"GIT_LFS_SKIP_PUSH", "1"}});
  EXPECT_NE(push.exit_code, 0);
  EXPECT_NE(push.err.find("pre-receive hook declined"), std::string::npos) << push.err;
  EXPECT_NE(push.err.find(oid), std::string::npos) << push.err;
  EXPECT_EQ(api().model_info(id).sha.value_or(""), before);

  // The same commit without the pointer goes through.
  ASSERT_OK(home().git_in(work, {"rm", "-q", "ghost.bin"}));
  ASSERT_OK(home().git_in(work, {"commit", "-q", "--amend", "-m", "no ghost"}));
  EXPECT_OK(home().git_in(work, {"push", "-q", "origin", "main"}, {{"GIT_LFS_SKIP_PUSH", "1"}}));
}

TEST_F(GitHttp, OnlyBranchesAndTagsArePushedAndMainStays) {
  auto id = new_repo("alice", "git-refs");
  auto work = home().workdir("refs");
  ASSERT_OK(home().git({"clone", "-q", git_url(id, Tokens::alice_write), work}));
  write_file(work + "/f.txt", "f\n");
  auto pushed = commit_all(work, "f");

  auto pr = home().git_in(work, {"push", "origin", "HEAD:refs/pr/1"});
  EXPECT_NE(pr.exit_code, 0);
  EXPECT_NE(pr.err.find("managed by the server"), std::string::npos) << pr.err;
  auto other = home().git_in(work, {"push", "origin", "HEAD:refs/convert/parquet"});
  EXPECT_NE(other.exit_code, 0);

  ASSERT_OK(home().git_in(work, {"push", "-q", "origin", "HEAD:refs/heads/dev", "HEAD:refs/tags/v1"}));
  auto refs = home().git({"ls-remote", git_url(id)});
  EXPECT_NE(refs.out.find(pushed + "\trefs/heads/dev"), std::string::npos) << refs.out;
  EXPECT_NE(refs.out.find(pushed + "\trefs/tags/v1"), std::string::npos) << refs.out;
  EXPECT_EQ(refs.out.find("refs/pr/"), std::string::npos) << refs.out;

  auto delete_main = home().git_in(work, {"push", "origin", "--delete", "main"});
  EXPECT_NE(delete_main.exit_code, 0);
  EXPECT_NE(delete_main.err.find("default branch cannot be deleted"), std::string::npos) << delete_main.err;
  EXPECT_OK(home().git_in(work, {"push", "-q", "origin", "--delete", "dev"}));
  refs = home().git({"ls-remote", git_url(id)});
  EXPECT_EQ(refs.out.find("refs/heads/dev"), std::string::npos) << refs.out;
  EXPECT_NE(refs.out.find("refs/heads/main"), std::string::npos) << refs.out;
}

TEST_F(GitHttp, FetchSeesACommitMadeThroughTheApi) {
  auto id = new_repo("alice", "git-fetch");
  auto work = home().workdir("fetch");
  ASSERT_OK(home().git({"clone", "-q", git_url(id, Tokens::alice_write), work}));

  std::string ndjson = R"({"key":"header","value":{"summary":"from the API","description":""}})"
                       "\n"
                       R"({"key":"file","value":{"path":"api.txt","content":")" +
                       base64_encode("written by the API\n") +
                       R"(","encoding":"base64"}})"
                       "\n";
  auto commit = http("POST", endpoint() + "/api/models/" + id + "/commit/main",
                     {bearer(Tokens::alice_write), "Content-Type: application/x-ndjson"}, ndjson);
  ASSERT_EQ(commit.status, 200) << commit.body;
  auto api_commit = std::string(commit.json().at("commitOid").as_string());

  ASSERT_OK(home().git_in(work, {"pull", "-q", "--ff-only", "origin", "main"}));
  EXPECT_EQ(head_of(work), api_commit);
  EXPECT_EQ(read_file(work + "/api.txt"), "written by the API\n");

  // And a push on top of it is seen by the API.
  write_file(work + "/git.txt", "written by git\n");
  auto pushed = commit_all(work, "from git");
  ASSERT_OK(home().git_in(work, {"push", "-q", "origin", "main"}));
  EXPECT_EQ(api().model_info(id).sha.value_or(""), pushed);
}

// Raw git objects for the path-rule tests: names no `git add` would produce.
class RawObjects {
 public:
  explicit RawObjects(std::string repo) : repo_(std::move(repo)) {}
  std::string blob(const std::string& content) { return write("blob", content); }
  // entries: {mode, name, hex id}
  std::string tree(std::vector<std::array<std::string, 3>> entries) {
    // Git's order: by name, a folder's name compared as if it ended with '/'.
    auto key = [](const std::array<std::string, 3>& e) { return e[1] + (e[0] == "40000" ? "/" : ""); };
    std::sort(entries.begin(), entries.end(), [&](auto& a, auto& b) { return key(a) < key(b); });
    std::string raw;
    for (auto& [mode, name, id] : entries) {
      raw += mode + " " + name + std::string(1, '\0');
      for (size_t i = 0; i < id.size(); i += 2) raw += char(std::stoi(id.substr(i, 2), nullptr, 16));
    }
    return write("tree", raw);
  }

 private:
  std::string write(const std::string& type, const std::string& content) {
    auto file = repo_ + "/.git/raw-object";
    write_file(file, content);
    auto r = home().git_in(repo_, {"hash-object", "--literally", "-t", type, "-w", file});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return trimmed(r.out);
  }
  std::string repo_;
};

TEST_F(GitHttp, PushedTreesFollowTheCommitApiPathRules) {
  auto id = new_repo("alice", "git-paths");
  auto work = home().workdir("paths");
  ASSERT_OK(home().git({"clone", "-q", git_url(id, Tokens::alice_write), work}));
  auto before = head_of(work);
  RawObjects raw(work);
  auto data = raw.blob("data\n");
  auto ok = std::array<std::string, 3>{"100644", "ok.txt", data};
  auto config_dir = raw.tree({{"100644", "config", data}});
  auto x_dir = raw.tree({{"100644", "x", data}});
  struct Case {
    std::string what;
    std::array<std::string, 3> entry;
    bool our_message;  // git's own fsck refuses some first, with its own words
  };
  std::vector<Case> cases{
      {".git/config", {"40000", ".git", config_dir}, false},
      {".GIT/config", {"40000", ".GIT", config_dir}, false},
      {"../x", {"40000", "..", x_dir}, false},
      {"..\\x", {"100644", "..\\x", data}, true},
      {"a/../../b", {"100644", "a/../../b", data}, false},
      {"a control character", {"100644", std::string("bad\x01name"), data}, true},
      {"a symlink", {"120000", "link", raw.blob("/etc/passwd")}, true},
      {"a submodule", {"160000", "sub", before}, true},
      {"a nested .git", {"40000", "deep", raw.tree({{"40000", ".Git", config_dir}})}, false},
  };
  for (auto& c : cases) {
    SCOPED_TRACE(c.what);
    auto tree = raw.tree({ok, c.entry});
    auto commit = trimmed(home().git_in(work, {"commit-tree", tree, "-p", before, "-m", c.what}).out);
    ASSERT_EQ(commit.size(), 40u);
    auto push = home().git_in(work, {"push", "origin", commit + ":refs/heads/main"});
    EXPECT_NE(push.exit_code, 0) << push.err;
    if (c.our_message) {
      EXPECT_NE(push.err.find("hfhub: refusing path"), std::string::npos) << push.err;
    }
    auto refs = home().git({"ls-remote", git_url(id), "refs/heads/main"});
    EXPECT_EQ(refs.out.substr(0, 40), before) << refs.out;
  }

  // The repository stayed clean, and the API never shows such names.
  auto object_id = std::string(
      http_get(endpoint() + "/api/models/" + id, {bearer(Tokens::alice_write)}).json().at("_id").as_string());
  auto fsck = home().git({"--git-dir=" + g_server->data_dir() + "/repos/" + object_id + ".git", "fsck", "--strict"});
  EXPECT_OK(fsck);
  auto tree = http_get(endpoint() + "/api/models/" + id + "/tree/main?recursive=true");
  ASSERT_EQ(tree.status, 200);
  EXPECT_EQ(tree.body.find("../x"), std::string::npos) << tree.body;
  EXPECT_EQ(tree.body.find(".git/"), std::string::npos) << tree.body;

  // A valid tree made the same way goes through, backslashes inside names included (the Hub
  // stores what git allows, and so does the commit API).
  auto backslashes = raw.tree({{"100644", "..\\x", data}, {"100644", "a\\b", data}});
  auto good = raw.tree({ok, {"40000", "folder", backslashes}});
  auto commit = trimmed(home().git_in(work, {"commit-tree", good, "-p", before, "-m", "fine"}).out);
  EXPECT_OK(home().git_in(work, {"push", "-q", "origin", commit + ":refs/heads/main"}));
}

// git-lfs knows nothing of Xet: a file uploaded through Xet clones over the LFS batch API's
// download href, which streams the server's reconstruction (docs/xet.md#negotiation).
TEST_F(GitHttp, CloneOfAXetBackedFileGetsItsBytesThroughGitLfs) {
  auto id = new_repo("alice", "git-xet");
  auto object_id = std::string(http_get(endpoint() + "/api/models/" + id).json().at("_id").as_string());
  auto content = random_bytes(3 << 20, 77);
  auto up = put_xet_file_in(g_server->data_dir(), object_id, content, 1 << 20);
  boost::json::object header{{"key", "header"}, {"value", {{"summary", "xet"}, {"description", ""}}}};
  boost::json::object lfs{
      {"key", "lfsFile"},
      {"value", {{"path", "w.bin"}, {"algo", "sha256"}, {"oid", up.sha256}, {"size", int64_t(content.size())}}}};
  auto c = http("POST", endpoint() + "/api/models/" + id + "/commit/main",
                {bearer(Tokens::alice_write), "Content-Type: application/x-ndjson"},
                boost::json::serialize(header) + "\n" + boost::json::serialize(lfs) + "\n");
  ASSERT_EQ(c.status, 200) << c.body;

  auto dir = home().workdir("xet-clone");
  ASSERT_OK(home().git({"clone", "-q", git_url(id), dir}));
  EXPECT_TRUE(read_file(dir + "/w.bin") == content) << "git-lfs smudged the file from the reconstruction";
}

}  // namespace
}  // namespace hfhub::testing
