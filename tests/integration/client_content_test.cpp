// libhfhub's repository-content calls against hfhubd: file metadata (HEAD, relative redirects
// after a rename), existence checks, tree, paths-info, refs, commits, branches, tags,
// super-squash, LFS objects, per-call overrides (safetensors: client_safetensors_test.cpp), and the
// `hfhub repo files|branch|tag|refs|commits` commands. Expected values come from what the tests
// committed (git blob ids, sha256) or from raw API calls.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "commit_support.h"
#include "raw_http.h"
#include "server_fixture.h"

namespace hfhub::testing {
namespace {

namespace json = boost::json;

std::set<std::string> paths_of(const std::vector<RepoEntry>& entries) {
  std::set<std::string> out;
  for (const auto& e : entries) out.insert(std::visit([](const auto& x) { return x.path; }, e));
  return out;
}

std::string describe(const RunResult& r) {
  return "exit " + std::to_string(r.exit_code) + "\n--- stdout\n" + r.out + "\n--- stderr\n" + r.err;
}

RepoCall at(const std::string& revision) {
  RepoCall call;
  call.revision = revision;
  return call;
}

// One repo shared by the read-only tests: root files, a nested folder, an LFS file, a PR.
class ClientContent : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    id_ = new_model("alice");
    lfs_bytes_ = std::string(5000, 'w');
    lfs_oid_ = put_lfs_object(id_, lfs_bytes_);
    first_ = commit_ok(id_, {header_line("first"), text_line("README.md", "# hi\n"), text_line("a/b/c.txt", "c"),
                             text_line("a/top.txt", "t")});
    head_ = commit_ok(id_, {header_line("second <b>bold</b>"), lfs_line("model.bin", lfs_oid_, 5000)});
    auto pr = post_commit(id_, {header_line("pr"), text_line("a/pr.txt", "p")}, "main", "?create_pr=1");
    ASSERT_EQ(pr.status, 200) << pr.body;
  }

  static inline std::string id_, lfs_bytes_, lfs_oid_, first_, head_;
};

TEST_F(ClientContent, HfHubUrlQuotesRevisionAndPath) {
  RepoCall call = at("refs/pr/1");
  call.repo_type = RepoType::Dataset;
  EXPECT_EQ(client().hf_hub_url("org/ds", "dir/a b.txt", call),
            shared_server().endpoint() + "/datasets/org/ds/resolve/refs%2Fpr%2F1/dir/a%20b.txt");
  EXPECT_EQ(client().hf_hub_url(id_, "README.md"), shared_server().endpoint() + "/" + id_ + "/resolve/main/README.md");
}

TEST_F(ClientContent, FileMetadataOfRegularAndLfsFiles) {
  auto api = client(Tokens::alice_read);
  auto readme = api.get_hf_file_metadata(api.hf_hub_url(id_, "README.md"));
  EXPECT_EQ(readme.commit_hash, head_);
  EXPECT_EQ(readme.etag, git_blob_sha1("# hi\n"));
  EXPECT_EQ(readme.size, 5);
  EXPECT_EQ(readme.location, api.hf_hub_url(id_, "README.md"));

  auto model = api.get_hf_file_metadata(api.hf_hub_url(id_, "model.bin"));
  EXPECT_EQ(model.commit_hash, head_);
  EXPECT_EQ(model.etag, lfs_oid_);
  EXPECT_EQ(model.size, 5000);

  auto old = api.get_hf_file_metadata(api.hf_hub_url(id_, "a/top.txt", at(first_)));
  EXPECT_EQ(old.commit_hash, first_);
}

TEST_F(ClientContent, FileMetadataErrors) {
  auto api = client(Tokens::alice_write);
  EXPECT_THROW(api.get_hf_file_metadata(api.hf_hub_url(id_, "nope.txt")), EntryNotFoundError);
  EXPECT_THROW(api.get_hf_file_metadata(api.hf_hub_url(id_, "README.md", at("no-such-branch"))), RevisionNotFoundError);
  auto carol = client(Tokens::carol_write);
  std::string hidden = "carol/" + unique_name("hidden");
  carol.create_repo(hidden, {.private_ = true});
  EXPECT_THROW(api.get_hf_file_metadata(api.hf_hub_url(hidden, ".gitattributes")), RepositoryNotFoundError);
  EXPECT_THROW(client().get_hf_file_metadata(api.hf_hub_url(hidden, ".gitattributes")), RepositoryNotFoundError);
  EXPECT_NO_THROW(carol.get_hf_file_metadata(carol.hf_hub_url(hidden, ".gitattributes")));
}

TEST_F(ClientContent, FileMetadataFollowsTheRelativeRedirectOfARenamedRepo) {
  auto api = client(Tokens::alice_write);
  std::string from = new_model("alice");
  std::string sha = commit_ok(from, {header_line("w"), text_line("w.txt", "weights")});
  std::string to = "alice/" + unique_name("renamed");
  api.move_repo(from, to);

  auto old_url = api.hf_hub_url(from, "w.txt");
  auto raw = http("HEAD", old_url, {bearer(Tokens::alice_write)});
  ASSERT_EQ(raw.status, 307);
  ASSERT_EQ(raw.header("location").front(), '/');  // relative: the client must follow it itself

  auto m = api.get_hf_file_metadata(old_url);
  EXPECT_EQ(m.commit_hash, sha);
  EXPECT_EQ(m.etag, git_blob_sha1("weights"));
  EXPECT_EQ(m.size, 7);
  EXPECT_EQ(m.location, api.hf_hub_url(to, "w.txt"));
  EXPECT_TRUE(api.file_exists(from, "w.txt"));
}

TEST_F(ClientContent, FileAndRevisionExistence) {
  auto api = client(Tokens::alice_read);
  EXPECT_TRUE(api.file_exists(id_, "a/b/c.txt"));
  EXPECT_TRUE(api.file_exists(id_, "model.bin"));
  EXPECT_FALSE(api.file_exists(id_, "a/b/missing.txt"));
  EXPECT_FALSE(api.file_exists(id_, "model.bin", at(first_)));  // added by the second commit
  EXPECT_TRUE(api.file_exists(id_, "a/pr.txt", at("refs/pr/1")));
  EXPECT_FALSE(api.file_exists(id_, "README.md", at("no-such-branch")));
  EXPECT_FALSE(api.file_exists("alice/" + unique_name("never"), "README.md"));

  EXPECT_TRUE(api.revision_exists(id_, "main"));
  EXPECT_TRUE(api.revision_exists(id_, first_));
  EXPECT_TRUE(api.revision_exists(id_, "refs/pr/1"));
  EXPECT_FALSE(api.revision_exists(id_, "no-such-branch"));
  EXPECT_FALSE(api.revision_exists("alice/" + unique_name("never"), "main"));
}

TEST_F(ClientContent, ListRepoFilesIsRecursive) {
  auto files = client().list_repo_files(id_);
  std::set<std::string> got(files.begin(), files.end());
  EXPECT_EQ(got, (std::set<std::string>{".gitattributes", "README.md", "a/b/c.txt", "a/top.txt", "model.bin"}));
  auto pr_files = client().list_repo_files(id_, at("refs/pr/1"));
  EXPECT_EQ(std::count(pr_files.begin(), pr_files.end(), "a/pr.txt"), 1);
  EXPECT_THROW(client().list_repo_files(id_, at("no-such-branch")), RevisionNotFoundError);
}

TEST_F(ClientContent, ListRepoTreeLevelsFoldersAndLfs) {
  auto api = client();
  auto root = api.list_repo_tree(id_).to_vector();
  EXPECT_EQ(paths_of(root), (std::set<std::string>{".gitattributes", "README.md", "a", "model.bin"}));
  for (const auto& e : root) {
    if (const auto* f = std::get_if<RepoFile>(&e); f && f->path == "model.bin") {
      ASSERT_TRUE(f->lfs);
      EXPECT_EQ(f->lfs->sha256, lfs_oid_);
      EXPECT_EQ(f->size, 5000);
    }
    if (const auto* d = std::get_if<RepoFolder>(&e)) EXPECT_EQ(d->path, "a");
  }
  ListTreeParams sub;
  sub.path_in_repo = "a";
  EXPECT_EQ(paths_of(api.list_repo_tree(id_, sub).to_vector()), (std::set<std::string>{"a/b", "a/top.txt"}));
  sub.path_in_repo = "a/b";
  EXPECT_EQ(paths_of(api.list_repo_tree(id_, sub).to_vector()), (std::set<std::string>{"a/b/c.txt"}));

  ListTreeParams expanded;
  expanded.expand = true;
  expanded.recursive = true;
  for (const auto& e : api.list_repo_tree(id_, expanded)) {
    if (const auto* f = std::get_if<RepoFile>(&e); f && f->path == "model.bin") {
      ASSERT_TRUE(f->last_commit);
      EXPECT_EQ(f->last_commit->oid, head_);
      EXPECT_EQ(f->last_commit->title, "second <b>bold</b>");
      EXPECT_TRUE(f->security);
    }
  }
  ListTreeParams missing;
  missing.path_in_repo = "no/such/dir";
  EXPECT_THROW(api.list_repo_tree(id_, missing).to_vector(), EntryNotFoundError);
}

TEST_F(ClientContent, ListRepoTreeFollowsPages) {
  // expand=true pages hold 50 entries: 60 files need two pages.
  std::string id = new_model("alice");
  std::vector<std::string> lines = {header_line("many")};
  for (int i = 0; i < 60; ++i) lines.push_back(text_line("many/f" + std::to_string(i) + ".txt", "x"));
  commit_ok(id, lines);
  ListTreeParams params;
  params.path_in_repo = "many";
  params.expand = true;
  auto tree = client().list_repo_tree(id, params);
  auto entries = tree.to_vector();
  EXPECT_EQ(entries.size(), 60u);
  EXPECT_GE(tree.pages_fetched(), 2);
  EXPECT_EQ(paths_of(entries).size(), 60u);
}

TEST_F(ClientContent, PathsInfoLeavesOutMissingPathsAndBatches) {
  auto api = client();
  auto entries = api.get_paths_info(id_, {"README.md", "a", "model.bin", "nope"});
  EXPECT_EQ(paths_of(entries), (std::set<std::string>{"README.md", "a", "model.bin"}));
  for (const auto& e : entries)
    if (const auto* f = std::get_if<RepoFile>(&e); f && f->path == "model.bin") {
      ASSERT_TRUE(f->lfs);
      EXPECT_EQ(f->lfs->sha256, lfs_oid_);
    }

  // 1200 paths: three requests of at most 500.
  std::vector<std::string> many;
  for (int i = 0; i < 1199; ++i) many.push_back("missing/" + std::to_string(i));
  many.push_back("a/top.txt");
  PathsInfoParams params;
  params.expand = true;
  auto found = api.get_paths_info(id_, many, params);
  ASSERT_EQ(found.size(), 1u);
  const auto& top = std::get<RepoFile>(found[0]);
  EXPECT_EQ(top.blob_id, git_blob_sha1("t"));
  ASSERT_TRUE(top.last_commit);
  EXPECT_EQ(top.last_commit->oid, first_);
  EXPECT_THROW(api.get_paths_info(id_, {"README.md"},
                                  [] {
                                    PathsInfoParams p;
                                    p.revision = "no-such-branch";
                                    return p;
                                  }()),
               RevisionNotFoundError);
}

TEST_F(ClientContent, RefsWithAndWithoutPullRequests) {
  auto refs = client().list_repo_refs(id_);
  ASSERT_EQ(refs.branches.size(), 1u);
  EXPECT_EQ(refs.branches[0].name, "main");
  EXPECT_EQ(refs.branches[0].ref, "refs/heads/main");
  EXPECT_EQ(refs.branches[0].target_commit, head_);
  EXPECT_FALSE(refs.pull_requests);
  ListRefsParams prs;
  prs.include_pull_requests = true;
  auto with_prs = client().list_repo_refs(id_, prs);
  ASSERT_TRUE(with_prs.pull_requests);
  ASSERT_EQ(with_prs.pull_requests->size(), 1u);
  EXPECT_EQ(with_prs.pull_requests->at(0).ref, "refs/pr/1");
}

TEST_F(ClientContent, CommitsNewestFirstWithFormatted) {
  auto commits = client().list_repo_commits(id_);
  ASSERT_EQ(commits.size(), 3u);  // initial .gitattributes commit, first, second
  EXPECT_EQ(commits[0].commit_id, head_);
  EXPECT_EQ(commits[0].title, "second <b>bold</b>");
  EXPECT_EQ(commits[1].commit_id, first_);
  EXPECT_EQ(commits[0].authors, std::vector<std::string>{"alice"});
  EXPECT_FALSE(commits[0].created_at.empty());
  EXPECT_FALSE(commits[0].formatted_title);
  ListCommitsParams formatted;
  formatted.formatted = true;
  auto f = client().list_repo_commits(id_, formatted);
  ASSERT_TRUE(f[0].formatted_title);
  EXPECT_NE(f[0].formatted_title->find("&lt;b&gt;"), std::string::npos);
  ListCommitsParams missing;
  missing.revision = "no-such-branch";
  EXPECT_THROW(client().list_repo_commits(id_, missing), RevisionNotFoundError);
}

TEST_F(ClientContent, CommitsOfEveryPage) {
  std::string id = new_model("alice");
  for (int i = 0; i < 55; ++i)
    commit_ok(id, {header_line("c" + std::to_string(i)), text_line("f.txt", std::to_string(i))});
  auto commits = client().list_repo_commits(id);
  EXPECT_EQ(commits.size(), 56u);  // with the initial commit; pages hold 50
  EXPECT_EQ(commits[0].title, "c54");
  std::set<std::string> unique;
  for (const auto& c : commits) unique.insert(c.commit_id);
  EXPECT_EQ(unique.size(), 56u);
}

TEST(ClientContentWrites, BranchesCreateDeleteAndExistOk) {
  std::string id = new_model("alice");
  std::string first = commit_ok(id, {header_line("one"), text_line("x.txt", "1")});
  std::string second = commit_ok(id, {header_line("two"), text_line("x.txt", "2")});
  auto api = client(Tokens::alice_write);

  CreateBranchParams from_first;
  from_first.revision = first;
  api.create_branch(id, "dev/feature", from_first);
  api.create_branch(id, "tip");
  auto refs = api.list_repo_refs(id);
  std::map<std::string, std::string> branches;
  for (const auto& b : refs.branches) branches[b.name] = b.target_commit;
  EXPECT_EQ(branches.at("dev/feature"), first);
  EXPECT_EQ(branches.at("tip"), second);

  EXPECT_THROW(api.create_branch(id, "tip"), ConflictError);
  CreateBranchParams exist_ok;
  exist_ok.exist_ok = true;
  EXPECT_NO_THROW(api.create_branch(id, "tip", exist_ok));
  CreateBranchParams bad_start;
  bad_start.revision = "no-such-rev";
  EXPECT_THROW(api.create_branch(id, "other", bad_start), RevisionNotFoundError);
  EXPECT_THROW(client(Tokens::alice_read).create_branch(id, "ro"), HfHubHttpError);

  api.delete_branch(id, "dev/feature");
  EXPECT_FALSE(api.revision_exists(id, "dev/feature"));
  EXPECT_THROW(api.delete_branch(id, "dev/feature"), HfHubHttpError);
  EXPECT_THROW(api.create_branch(id, ""), std::invalid_argument);
}

TEST(ClientContentWrites, TagsCreateDeleteAndExistOk) {
  std::string id = new_model("alice");
  std::string first = commit_ok(id, {header_line("one"), text_line("x.txt", "1")});
  std::string second = commit_ok(id, {header_line("two"), text_line("x.txt", "2")});
  auto api = client(Tokens::alice_write);

  CreateTagParams v1;
  v1.revision = first;
  v1.tag_message = "first release";
  api.create_tag(id, "v1", v1);
  api.create_tag(id, "latest");
  std::map<std::string, std::string> tags;
  for (const auto& t : api.list_repo_refs(id).tags) tags[t.name] = t.target_commit;
  EXPECT_EQ(tags.at("v1"), first);
  EXPECT_EQ(tags.at("latest"), second);
  EXPECT_TRUE(api.file_exists(id, "x.txt", at("v1")));

  EXPECT_THROW(api.create_tag(id, "v1"), ConflictError);
  CreateTagParams exist_ok;
  exist_ok.exist_ok = true;
  EXPECT_NO_THROW(api.create_tag(id, "v1", exist_ok));

  api.delete_tag(id, "v1");
  EXPECT_FALSE(api.revision_exists(id, "v1"));
  EXPECT_THROW(api.delete_tag(id, "v1"), HfHubHttpError);
}

TEST(ClientContentWrites, SuperSquashLeavesOneCommitWithTheTree) {
  std::string id = new_model("alice");
  for (int i = 0; i < 3; ++i)
    commit_ok(id, {header_line("c" + std::to_string(i)), text_line("f" + std::to_string(i), "x")});
  auto api = client(Tokens::alice_write);
  SuperSquashParams params;
  params.commit_message = "squashed";
  api.super_squash_history(id, params);
  auto commits = api.list_repo_commits(id);
  ASSERT_EQ(commits.size(), 1u);
  EXPECT_EQ(commits[0].title, "squashed");
  auto files = api.list_repo_files(id);
  EXPECT_EQ(std::set<std::string>(files.begin(), files.end()),
            (std::set<std::string>{".gitattributes", "f0", "f1", "f2"}));
  SuperSquashParams missing;
  missing.revision = "no-such-branch";
  EXPECT_THROW(api.super_squash_history(id, missing), HfHubHttpError);
}

TEST(ClientContentWrites, LfsFilesListAndPermanentDeletion) {
  std::string id = new_model("alice");
  std::string a = "lfs object a " + id, b = "lfs object b " + id;
  auto oid_a = put_lfs_object(id, a), oid_b = put_lfs_object(id, b);
  commit_ok(id, {header_line("lfs"), lfs_line("w/a.bin", oid_a, int64_t(a.size())),
                 lfs_line("b.bin", oid_b, int64_t(b.size()))});
  auto api = client(Tokens::alice_write);
  auto files = api.list_lfs_files(id).to_vector();
  ASSERT_EQ(files.size(), 2u);
  std::map<std::string, LfsFileInfo> by_name;
  for (const auto& f : files) by_name[f.filename] = f;
  EXPECT_EQ(by_name.at("w/a.bin").oid, oid_a);
  EXPECT_EQ(by_name.at("w/a.bin").size, int64_t(a.size()));
  EXPECT_FALSE(by_name.at("b.bin").pushed_at.empty());
  EXPECT_THROW(client(Tokens::alice_read).list_lfs_files(id).to_vector(), HfHubHttpError);

  auto before = http_get(api.hf_hub_url(id, "b.bin"), {bearer(Tokens::alice_write)});
  ASSERT_EQ(before.status, 200);
  api.permanently_delete_lfs_files(id, {by_name.at("b.bin")});
  auto after = http_get(api.hf_hub_url(id, "b.bin"), {bearer(Tokens::alice_write)});
  EXPECT_NE(after.status, 200) << "the object's bytes must be gone";
  EXPECT_EQ(http_get(api.hf_hub_url(id, "w/a.bin"), {bearer(Tokens::alice_write)}).body, a);
}

TEST(ClientContentOverrides, PerCallTokenAndEndpoint) {
  std::string id = new_model("alice", /*is_private=*/true);
  commit_ok(id, {header_line("p"), text_line("p.txt", "private")});
  auto anonymous = client();
  EXPECT_THROW(anonymous.list_repo_files(id), RepositoryNotFoundError);
  RepoCall as_alice;
  as_alice.token = Tokens::alice_read;
  EXPECT_TRUE(anonymous.file_exists(id, "p.txt", as_alice));
  auto files = anonymous.list_repo_files(id, as_alice);
  EXPECT_EQ(std::count(files.begin(), files.end(), "p.txt"), 1);

  // "" sends no token even when the HfApi has one.
  RepoCall no_token;
  no_token.token = "";
  EXPECT_THROW(client(Tokens::alice_read).list_repo_refs(id, {no_token}), RepositoryNotFoundError);

  ClientOptions elsewhere;
  elsewhere.endpoint = "http://127.0.0.1:9";  // nothing listens there
  elsewhere.token = Tokens::alice_read;
  elsewhere.max_retries = 0;
  HfApi api(elsewhere);
  RepoCall here;
  here.endpoint = shared_server().endpoint();
  EXPECT_TRUE(api.file_exists(id, "p.txt", here));
  EXPECT_EQ(api.hf_hub_url(id, "p.txt", here), shared_server().endpoint() + "/" + id + "/resolve/main/p.txt");
  EXPECT_THROW(api.list_repo_files(id), NetworkError);
}

TEST(ClientContentCli, FilesRefsCommitsBranchesTags) {
  std::string id = new_model("alice");
  std::string sha =
      commit_ok(id, {header_line("cli commit"), text_line("dir/one.txt", "1"), text_line("top.txt", "t")});

  auto files = cli({"repo", "files", id, "--recursive"});
  ASSERT_EQ(files.exit_code, 0) << describe(files);
  EXPECT_NE(files.out.find("dir/one.txt"), std::string::npos) << files.out;
  auto files_json = cli({"repo", "files", id, "--path", "dir", "--json"});
  ASSERT_EQ(files_json.exit_code, 0) << describe(files_json);
  auto arr = json::parse(files_json.out).as_array();
  ASSERT_EQ(arr.size(), 1u);
  EXPECT_EQ(arr[0].at("path"), "dir/one.txt");
  EXPECT_EQ(arr[0].at("oid"), json::value(git_blob_sha1("1")));

  auto branch = cli({"repo", "branch", "create", id, "dev"}, Tokens::alice_write);
  ASSERT_EQ(branch.exit_code, 0) << describe(branch);
  EXPECT_NE(cli({"repo", "branch", "create", id, "dev"}, Tokens::alice_write).exit_code, 0);
  EXPECT_EQ(cli({"repo", "branch", "create", id, "dev", "--exist-ok"}, Tokens::alice_write).exit_code, 0);
  auto tag = cli({"repo", "tag", "create", id, "v1", "--revision", "dev", "-m", "release"}, Tokens::alice_write);
  ASSERT_EQ(tag.exit_code, 0) << describe(tag);

  auto tags = cli({"repo", "tag", "list", id});
  ASSERT_EQ(tags.exit_code, 0) << describe(tags);
  EXPECT_NE(tags.out.find("v1"), std::string::npos);
  EXPECT_NE(tags.out.find(sha), std::string::npos);

  auto refs = cli({"repo", "refs", id, "--json"});
  ASSERT_EQ(refs.exit_code, 0) << describe(refs);
  auto refs_json = json::parse(refs.out).as_object();
  EXPECT_EQ(refs_json.at("branches").as_array().size(), 2u);
  EXPECT_EQ(refs_json.at("tags").as_array()[0].at("target_commit"), json::value(sha));

  auto commits = cli({"repo", "commits", id, "--revision", "dev", "--json"});
  ASSERT_EQ(commits.exit_code, 0) << describe(commits);
  auto commit_arr = json::parse(commits.out).as_array();
  ASSERT_EQ(commit_arr.size(), 2u);
  EXPECT_EQ(commit_arr[0].at("id"), json::value(sha));
  EXPECT_EQ(commit_arr[0].at("title"), "cli commit");
  auto commits_table = cli({"repo", "commits", id});
  EXPECT_NE(commits_table.out.find("cli commit"), std::string::npos) << describe(commits_table);

  EXPECT_EQ(cli({"repo", "tag", "delete", id, "v1"}, Tokens::alice_write).exit_code, 0);
  EXPECT_EQ(cli({"repo", "branch", "delete", id, "dev"}, Tokens::alice_write).exit_code, 0);
  auto after = json::parse(cli({"repo", "refs", id, "--json"}).out).as_object();
  EXPECT_EQ(after.at("branches").as_array().size(), 1u);
  EXPECT_TRUE(after.at("tags").as_array().empty());

  auto missing = cli({"repo", "files", id, "--revision", "nope"});
  EXPECT_EQ(missing.exit_code, 1) << describe(missing);
  EXPECT_NE(missing.err.find("hfhub:"), std::string::npos);
}

}  // namespace
}  // namespace hfhub::testing
