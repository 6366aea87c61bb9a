// libhfhub's discussion methods and the `hfhub discussions` CLI against hfhubd
// (docs/client.md#discussions): a pull request from a reader merged by the owner, listings with
// filters and pages, upload_folder's create_pr through the discussions API, git pushes to refs/pr/N.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>

#include "commit_support.h"
#include "server_fixture.h"
#include "subprocess.h"

namespace hfhub::testing {

namespace {

std::vector<std::string> types_of(const DiscussionWithDetails& d) {
  std::vector<std::string> out;
  for (auto& e : d.events) out.push_back(e.type);
  return out;
}

CommitParams to(const std::string& revision, const std::string& message) {
  CommitParams p;
  p.revision = revision;
  p.commit_message = message;
  return p;
}

}  // namespace

TEST(DiscussionsClient, ReaderOpensAPullRequestOwnerMergesIt) {
  auto id = new_model();
  auto alice = client(Tokens::alice_write);
  auto carol = client(Tokens::carol_write);
  auto pr = carol.create_pull_request(id, "Add a file", {.description = "please"});
  EXPECT_TRUE(pr.is_pull_request);
  EXPECT_EQ(pr.status, "draft");
  EXPECT_EQ(pr.author, "carol");
  ASSERT_EQ(pr.git_reference(), "refs/pr/" + std::to_string(pr.num));
  EXPECT_EQ(pr.target_branch, "refs/heads/main");

  carol.create_commit(id, {CommitOperationAdd{"new.txt", std::nullopt, "new\n"}}, to(*pr.git_reference(), "Add new"));
  auto comment = carol.comment_discussion(id, pr.num, "ready");
  EXPECT_EQ(comment.content, "ready");
  auto edited = carol.edit_discussion_comment(id, pr.num, comment.id, "ready now");
  EXPECT_TRUE(edited.edited);
  EXPECT_EQ(edited.content, "ready now");
  EXPECT_EQ(alice.rename_discussion(id, pr.num, "Add new.txt").new_title, "Add new.txt");

  auto details = alice.get_discussion_details(id, pr.num);
  EXPECT_EQ(details.status, "open");
  EXPECT_EQ(types_of(details), (std::vector<std::string>{"comment", "commit", "comment", "title-change"}));
  ASSERT_TRUE(details.conflicting_files);
  EXPECT_TRUE(details.conflicting_files->empty());
  ASSERT_TRUE(details.diff);
  EXPECT_NE(details.diff->find("+new"), std::string::npos) << *details.diff;
  EXPECT_THROW(carol.merge_pull_request(id, pr.num), HfHubHttpError);

  alice.merge_pull_request(id, pr.num, {.comment = "thanks"});
  auto merged = alice.get_discussion_details(id, pr.num);
  EXPECT_EQ(merged.status, "merged");
  EXPECT_EQ(merged.merge_commit_oid, alice.model_info(id).sha);
  EXPECT_EQ(merged.events.back().new_status, "merged");
  auto files = alice.list_repo_files(id);
  EXPECT_NE(std::find(files.begin(), files.end(), "new.txt"), files.end());
}

TEST(DiscussionsClient, ListingFiltersAndPages) {
  auto id = new_model();
  auto alice = client(Tokens::alice_write);
  auto carol = client(Tokens::carol_write);
  for (int i = 0; i < 51; ++i) alice.create_discussion(id, "Discussion " + std::to_string(i));
  auto pr = carol.create_pull_request(id, "A pull request");
  alice.change_discussion_status(id, 1, "closed", {.comment = "done"});

  std::vector<int64_t> nums;
  for (auto& d : alice.get_repo_discussions(id)) nums.push_back(d.num);
  ASSERT_EQ(nums.size(), 52u);  // two pages
  EXPECT_EQ(nums.front(), 52);
  EXPECT_EQ(nums.back(), 1);

  RepoDiscussionsParams prs;
  prs.discussion_type = "pull_request";
  std::vector<int64_t> pr_nums;
  for (auto& d : alice.get_repo_discussions(id, prs)) pr_nums.push_back(d.num);
  EXPECT_EQ(pr_nums, std::vector<int64_t>{pr.num});
  RepoDiscussionsParams closed;
  closed.discussion_status = "closed";
  std::vector<int64_t> closed_nums;
  for (auto& d : alice.get_repo_discussions(id, closed)) closed_nums.push_back(d.num);
  EXPECT_EQ(closed_nums, std::vector<int64_t>{1});
  RepoDiscussionsParams by_carol;
  by_carol.author = "carol";
  size_t carols = 0;
  for (auto& d : alice.get_repo_discussions(id, by_carol)) carols += d.author == "carol";
  EXPECT_EQ(carols, 1u);
}

TEST(DiscussionsClient, UploadFolderOpensThePullRequestFirstAndConflictsAreListed) {
  auto id = new_model();
  auto alice = client(Tokens::alice_write);
  auto carol = client(Tokens::carol_write);
  alice.create_commit(id, {CommitOperationAdd{"shared.txt", std::nullopt, "base\n"}}, to("main", "base"));

  auto dir = std::filesystem::temp_directory_path() / unique_name("pr-folder");
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "shared.txt") << "from the folder\n";
  UploadFolderParams up;
  up.create_pr = true;
  up.commit_message = "Folder PR";
  auto info = carol.upload_folder(id, dir, up);
  ASSERT_TRUE(info.pr_num && info.pr_revision && info.pr_url);
  EXPECT_EQ(*info.pr_revision, "refs/pr/" + std::to_string(*info.pr_num));
  auto opened = alice.get_discussion_details(id, *info.pr_num);
  EXPECT_EQ(opened.title, "Folder PR");
  EXPECT_EQ(opened.status, "open");

  alice.create_commit(id, {CommitOperationAdd{"shared.txt", std::nullopt, "main moved\n"}}, to("main", "moved"));
  auto conflicted = alice.get_discussion_details(id, *info.pr_num);
  ASSERT_TRUE(conflicted.conflicting_files);
  EXPECT_EQ(*conflicted.conflicting_files, std::vector<std::string>{"shared.txt"});
  try {
    alice.merge_pull_request(id, *info.pr_num);
    ADD_FAILURE() << "a conflicting merge went through";
  } catch (const HfHubHttpError& e) {
    EXPECT_EQ(e.status(), 409);
    EXPECT_NE(std::string(e.what()).find("shared.txt"), std::string::npos) << e.what();
  }
  std::filesystem::remove_all(dir);
}

TEST(DiscussionsClient, CliListsShowsCommentsClosesReopensAndMerges) {
  auto id = new_model();
  auto created = cli({"discussions", "create", id, "--title", "From the CLI", "--pr", "--json"}, Tokens::alice_write);
  ASSERT_EQ(created.exit_code, 0) << created.err;
  auto num = std::to_string(boost::json::parse(created.out).at("num").as_int64());
  commit_ok(id, {header_line("cli change"), file_line("cli.txt", "cli")}, "refs%2Fpr%2F" + num);

  auto listed = cli({"discussions", "ls", id, "--json"}, Tokens::alice_write);
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  EXPECT_EQ(boost::json::parse(listed.out).as_array().at(0).at("title").as_string(), "From the CLI");
  EXPECT_EQ(cli({"discussions", "comment", id, num, "looks good"}, Tokens::alice_write).exit_code, 0);
  EXPECT_EQ(cli({"discussions", "close", id, num}, Tokens::alice_write).exit_code, 0);
  EXPECT_EQ(cli({"discussions", "reopen", id, num, "--comment", "again"}, Tokens::alice_write).exit_code, 0);
  auto merged = cli({"discussions", "merge", id, num}, Tokens::alice_write);
  ASSERT_EQ(merged.exit_code, 0) << merged.err;
  EXPECT_NE(merged.out.find("Merged #" + num), std::string::npos) << merged.out;

  auto shown = cli({"discussions", "show", id, num}, Tokens::alice_write);
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  for (auto text : {"From the CLI", "merged", "looks good", "commit", "status -> closed"})
    EXPECT_NE(shown.out.find(text), std::string::npos) << text << "\n" << shown.out;
  auto refused = cli({"discussions", "merge", id, "999"}, Tokens::alice_write);
  EXPECT_NE(refused.exit_code, 0);
}

}  // namespace hfhub::testing

namespace hfhub::testing {

// A push that moves refs/pr/N adds a commit event; a push cannot create a PR ref. On a server of
// its own: git's anonymous first requests would eat the shared server's rate-limit quota.
TEST(DiscussionsGit, APushToAPullRequestRefIsACommitEvent) {
  ServerProcess server({.config_lines = {"rate-limit = false"}});
  ClientOptions options;
  options.endpoint = server.endpoint();
  options.token = Tokens::alice_write;
  options.max_retries = 0;
  HfApi alice(options);
  auto id = "alice/" + unique_name("pushed-pr");
  alice.create_repo(id);
  auto pr = alice.create_pull_request(id, "Pushed PR");
  auto ref = *pr.git_reference();

  auto dir = (std::filesystem::temp_directory_path() / unique_name("pushed-pr")).string();
  auto url = "http://user:" + std::string(Tokens::alice_write) + "@" +
             server.endpoint().substr(std::string("http://").size()) + "/" + id;
  std::map<std::string, std::string> env{{"GIT_TERMINAL_PROMPT", "0"},
                                         {"GIT_CONFIG_NOSYSTEM", "1"},
                                         {"HOME", std::filesystem::temp_directory_path().string()},
                                         {"PATH", std::getenv("PATH") ? std::getenv("PATH") : "/usr/bin:/bin"}};
  auto git = [&](std::vector<std::string> args) {
    args.insert(args.begin(),
                {"/usr/bin/git", "-c", "user.name=alice", "-c", "user.email=alice@example.com", "-C", dir});
    return run(args, env);
  };
  ASSERT_EQ(run({"/usr/bin/git", "clone", "-q", url, dir}, env).exit_code, 0);
  ASSERT_EQ(git({"fetch", "-q", "origin", ref + ":refs/heads/pr"}).exit_code, 0);
  ASSERT_EQ(git({"checkout", "-q", "pr"}).exit_code, 0);
  std::ofstream(dir + "/pushed.txt") << "pushed\n";
  ASSERT_EQ(git({"add", "pushed.txt"}).exit_code, 0);
  ASSERT_EQ(git({"commit", "-q", "-m", "Pushed over git"}).exit_code, 0);
  auto pushed = git({"push", "-q", "origin", "HEAD:" + ref});
  ASSERT_EQ(pushed.exit_code, 0) << pushed.err;
  EXPECT_NE(git({"push", "-q", "origin", "HEAD:refs/pr/99"}).exit_code, 0);

  auto details = alice.get_discussion_details(id, pr.num);
  EXPECT_EQ(details.status, "open");
  ASSERT_FALSE(details.events.empty());
  EXPECT_EQ(details.events.back().type, "commit");
  EXPECT_EQ(details.events.back().summary, "Pushed over git");
  std::filesystem::remove_all(dir);
}

}  // namespace hfhub::testing

namespace hfhub::testing {

namespace {

// `git` in a fresh clone of `id` on `server`, signed in with `token`.
struct GitClone {
  GitClone(const ServerProcess& server, const std::string& id, const char* token, const std::string& who)
      : dir((std::filesystem::temp_directory_path() / unique_name("pr-push")).string()),
        env{{"GIT_TERMINAL_PROMPT", "0"},
            {"GIT_CONFIG_NOSYSTEM", "1"},
            {"HOME", std::filesystem::temp_directory_path().string()},
            {"PATH", std::getenv("PATH") ? std::getenv("PATH") : "/usr/bin:/bin"}},
        who(who) {
    auto url =
        "http://user:" + std::string(token) + "@" + server.endpoint().substr(std::string("http://").size()) + "/" + id;
    cloned = run({"/usr/bin/git", "clone", "-q", url, dir}, env).exit_code == 0;
  }
  ~GitClone() { std::filesystem::remove_all(dir); }
  RunResult operator()(std::vector<std::string> args) const {
    args.insert(args.begin(),
                {"/usr/bin/git", "-c", "user.name=" + who, "-c", "user.email=" + who + "@example.com", "-C", dir});
    return run(args, env);
  }
  // A new commit on top of `ref` (fetched), checked out.
  bool commit_on(const std::string& ref, const std::string& file) const {
    return (*this)({"fetch", "-q", "origin", ref}).exit_code == 0 &&
           (*this)({"checkout", "-q", "-B", "work", "FETCH_HEAD"}).exit_code == 0 &&
           (std::ofstream(dir + "/" + file) << file, true) && (*this)({"add", file}).exit_code == 0 &&
           (*this)({"commit", "-q", "-m", "Add " + file}).exit_code == 0;
  }

  std::string dir;
  std::map<std::string, std::string> env;
  std::string who;
  bool cloned = false;
};

}  // namespace

// A reader (write-role token, no rights on the repo) pushes to its own open pull request, and to
// nothing else: not a branch, not someone else's pull request (docs/discussions.md#permissions).
TEST(DiscussionsGit, AReaderPushesOnlyToItsOwnPullRequest) {
  ServerProcess server({.config_lines = {"rate-limit = false"}});
  ClientOptions options;
  options.endpoint = server.endpoint();
  options.max_retries = 0;
  options.token = Tokens::alice_write;
  HfApi alice(options);
  options.token = Tokens::carol_write;
  HfApi carol(options);
  auto id = "alice/" + unique_name("reader-push");
  alice.create_repo(id);
  auto owners = alice.create_pull_request(id, "The owner's PR");
  auto mine = carol.create_pull_request(id, "Carol's PR");

  GitClone git(server, id, Tokens::carol_write, "carol");
  ASSERT_TRUE(git.cloned);
  ASSERT_TRUE(git.commit_on(*mine.git_reference(), "carol.txt"));
  auto pushed = git({"push", "-q", "origin", "HEAD:" + *mine.git_reference()});
  ASSERT_EQ(pushed.exit_code, 0) << pushed.err;
  EXPECT_EQ(carol.get_discussion_details(id, mine.num).events.back().summary, "Add carol.txt");

  auto to_main = git({"push", "-q", "origin", "HEAD:refs/heads/main"});
  EXPECT_NE(to_main.exit_code, 0);
  EXPECT_NE(to_main.err.find("your own open pull requests"), std::string::npos) << to_main.err;
  EXPECT_NE(git({"push", "-q", "origin", "HEAD:" + *owners.git_reference()}).exit_code, 0);
  EXPECT_NE(git({"push", "-q", "origin", "HEAD:refs/heads/carols-branch"}).exit_code, 0);
  EXPECT_EQ(alice.list_repo_refs(id).branches.size(), 1u);
  EXPECT_EQ(alice.get_discussion_details(id, owners.num).events.back().type, "comment");

  // Once closed, the pull request takes no more pushes; a read token never pushes.
  alice.change_discussion_status(id, mine.num, "closed");
  ASSERT_TRUE(git.commit_on(*mine.git_reference(), "late.txt"));
  EXPECT_NE(git({"push", "-q", "origin", "HEAD:" + *mine.git_reference()}).exit_code, 0);
  GitClone reader(server, id, Tokens::bob_read, "bob");
  ASSERT_TRUE(reader.cloned);
  ASSERT_TRUE(reader.commit_on(*owners.git_reference(), "bob.txt"));
  EXPECT_NE(reader({"push", "-q", "origin", "HEAD:" + *owners.git_reference()}).exit_code, 0);
}

}  // namespace hfhub::testing
