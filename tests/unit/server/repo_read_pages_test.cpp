// RepoReadService's reads for the web pages (repo_read_pages.cpp), over real stores: the card at
// a revision, a commit's diff, a branch compared with main, a file's history, and the access
// checks every one of them applies.
#include <gtest/gtest.h>

#include "common/object_id.h"
#include "server/content/repo_read_service.h"
#include "server/model/domain_error.h"
#include "server/stores/fs/fs_blob_store.h"
#include "store_test_support.h"

namespace hfhub::server {
namespace {

constexpr std::string_view kCard = R"(---
license: mit
datasets:
- acme/web
base_model: acme/base
---
# LLM

![chart](chart.png) <img src=x onerror=alert(1)>
)";

// The kind of DomainError `call` throws; Internal when it throws none.
template <class Call>
ErrorKind kind_of(Call&& call) {
  try {
    call();
  } catch (const DomainError& e) {
    return e.kind();
  }
  return ErrorKind::Internal;
}

class RepoReadPagesTest : public TempDatabaseTest {
 protected:
  void SetUp() override {
    alice_ = Identity{};
    alice_->user.name = "alice";
    alice_->token.role = TokenRole::Write;
    public_ = add_repo("alice/llm", false, 1000);
    private_ = add_repo("alice/secret", true, 2000);
  }

  RepoRecord add_repo(const std::string& id, bool is_private, int64_t at) {
    RepoRecord r;
    r.id = id;
    r.author = "alice";
    r.is_private = is_private;
    r.created_at_ms = r.last_modified_ms = at;
    r.object_id = make_object_id(at);
    repos_.insert_repo(r);
    content_.initialize(r, alice_);
    return r;
  }

  std::string commit(RepoRecord& repo, std::string_view revision, const std::string& path, const std::string& text,
                     const std::string& summary) {
    CommitRequest req;
    req.summary = summary;
    req.writes.push_back({path, text, std::nullopt});
    return content_.commit(alice_, repo, revision, std::move(req)).commit;
  }

  GitStore git_{(temp_.dir / "data").string()};
  FsBlobStore blobs_{(temp_.dir / "lfs").string(), (temp_.dir / "spool").string()};
  DroppingEventSink events_;
  ContentService content_{repos_, git_, blobs_, events_};
  RepoReadService reads_{content_, git_, accounts_, blobs_, {}};
  Caller alice_;
  RepoRecord public_, private_;
};

TEST_F(RepoReadPagesTest, CardRendersSanitizedWithItsMetadata) {
  commit(public_, "main", "README.md", std::string(kCard), "card");
  auto view = reads_.card(std::nullopt, RepoType::Model, "alice/llm", "main");
  EXPECT_TRUE(view.has_readme);
  EXPECT_NE(view.card.html.find("<h1>LLM</h1>"), std::string::npos) << view.card.html;
  EXPECT_NE(view.card.html.find("src=\"/alice/llm/resolve/main/chart.png\""), std::string::npos) << view.card.html;
  EXPECT_EQ(view.card.html.find("onerror"), std::string::npos) << view.card.html;
  EXPECT_EQ(view.card.html.find("license"), std::string::npos) << view.card.html;  // front matter left out
  EXPECT_EQ(view.display.license, "mit");
  ASSERT_EQ(view.display.datasets.size(), 1u);
  EXPECT_EQ(view.display.datasets[0].href, "/datasets/acme/web");
  ASSERT_EQ(view.display.base_models.size(), 1u);
  EXPECT_EQ(view.display.base_models[0].href, "/acme/base");

  // Rendered once per README blob: the second read comes from the cache, the same; a new README
  // renders anew.
  auto again = reads_.card(std::nullopt, RepoType::Model, "alice/llm", "main");
  EXPECT_EQ(again.card.html, view.card.html);
  EXPECT_FALSE(again.card.truncated);
  commit(public_, "main", "README.md", "# Changed\n", "new card");
  EXPECT_EQ(reads_.card(std::nullopt, RepoType::Model, "alice/llm", "main").card.html, "<h1>Changed</h1>\n");
}

TEST_F(RepoReadPagesTest, CardAtAnotherBranchReadsThatBranchsFiles) {
  commit(public_, "main", "README.md", std::string(kCard), "card");
  content_.create_branch(alice_, public_, "dev", std::nullopt, false, false, false);
  commit(public_, "dev", "README.md", "---\nlicense: apache-2.0\n---\nDev card [cfg](config.json)\n", "dev card");
  auto dev = reads_.card(std::nullopt, RepoType::Model, "alice/llm", "dev");
  EXPECT_EQ(dev.display.license, "apache-2.0");
  EXPECT_NE(dev.card.html.find("href=\"/alice/llm/blob/dev/config.json\""), std::string::npos) << dev.card.html;
  EXPECT_EQ(reads_.card(std::nullopt, RepoType::Model, "alice/llm", "main").display.license, "mit");
}

TEST_F(RepoReadPagesTest, ARepoWithoutReadmeHasNoCard) {
  auto view = reads_.card(std::nullopt, RepoType::Model, "alice/llm", "main");
  EXPECT_FALSE(view.has_readme);
  EXPECT_TRUE(view.card.html.empty());
}

TEST_F(RepoReadPagesTest, CommitDiffCompareAndPathHistory) {
  std::string first = commit(public_, "main", "notes.txt", "one\n", "add notes");
  std::string second = commit(public_, "main", "notes.txt", "one\ntwo\n", "more notes");
  auto diff = reads_.commit_diff(std::nullopt, RepoType::Model, "alice/llm", second);
  EXPECT_EQ(diff.commit.info.id, second);
  EXPECT_EQ(diff.commit.info.title, "more notes");
  EXPECT_EQ(diff.parent, first);
  ASSERT_EQ(diff.diff.files.size(), 1u);
  EXPECT_EQ(diff.diff.files[0].new_path, "notes.txt");
  EXPECT_EQ(diff.diff.files[0].additions, 1u);

  content_.create_branch(alice_, public_, "dev", std::nullopt, false, false, false);
  commit(public_, "dev", "dev.txt", "d\n", "dev file");
  commit(public_, "main", "later.txt", "l\n", "main moves on");
  auto cmp = reads_.compare(std::nullopt, RepoType::Model, "alice/llm", "main", "dev");
  EXPECT_EQ(cmp.from, second);  // the merge base: main's later commit is not in the diff
  ASSERT_EQ(cmp.diff.files.size(), 1u);
  EXPECT_EQ(cmp.diff.files[0].new_path, "dev.txt");

  auto history = reads_.path_history(std::nullopt, RepoType::Model, "alice/llm", "main", "notes.txt", 0, 10);
  ASSERT_EQ(history.commits.size(), 2u);
  EXPECT_EQ(history.commits[0].info.id, second);
  EXPECT_EQ(history.commits[1].info.id, first);
  EXPECT_FALSE(history.more);
  EXPECT_THROW(reads_.path_history(std::nullopt, RepoType::Model, "alice/llm", "main", "../x", 0, 10), DomainError);
  EXPECT_THROW(reads_.commit_diff(std::nullopt, RepoType::Model, "alice/llm", "nope"), DomainError);
}

TEST_F(RepoReadPagesTest, PrivateReposStayHidden) {
  commit(private_, "main", "README.md", "secret card\n", "card");
  // Anonymous callers are asked to sign in (401), as by every content read of the API.
  Caller anonymous;
  constexpr auto kHidden = ErrorKind::RepoNotFoundAnonymous;
  EXPECT_EQ(kind_of([&] { reads_.card(anonymous, RepoType::Model, "alice/secret", "main"); }), kHidden);
  EXPECT_EQ(kind_of([&] { reads_.commit_diff(anonymous, RepoType::Model, "alice/secret", "main"); }), kHidden);
  EXPECT_EQ(kind_of([&] { reads_.compare(anonymous, RepoType::Model, "alice/secret", "main", "main"); }), kHidden);
  EXPECT_EQ(kind_of([&] { reads_.path_history(anonymous, RepoType::Model, "alice/secret", "main", "README.md", 0, 5); }),
            kHidden);
  Caller bob = Identity{};
  bob->user.name = "bob";
  EXPECT_EQ(kind_of([&] { reads_.card(bob, RepoType::Model, "alice/secret", "main"); }), ErrorKind::RepoNotFound);
  EXPECT_TRUE(reads_.card(alice_, RepoType::Model, "alice/secret", "main").has_readme);
}

TEST_F(RepoReadPagesTest, GatedReposAreGatedAsContentReads) {
  RepoRecord gated = add_repo("alice/gated", false, 3000);
  commit(gated, "main", "README.md", "gated card\n", "card");
  gated.gated = Gated::Manual;
  repos_.update_repo(gated);
  Caller bob = Identity{};
  bob->user.name = "bob";
  EXPECT_EQ(kind_of([&] { reads_.card(bob, RepoType::Model, "alice/gated", "main"); }), ErrorKind::GatedRepo);
  EXPECT_EQ(kind_of([&] { reads_.commit_diff(bob, RepoType::Model, "alice/gated", "main"); }), ErrorKind::GatedRepo);
  EXPECT_EQ(kind_of([&] { reads_.card(std::nullopt, RepoType::Model, "alice/gated", "main"); }),
            ErrorKind::GatedRepoAnonymous);
  EXPECT_TRUE(reads_.card(alice_, RepoType::Model, "alice/gated", "main").has_readme);
}

}  // namespace
}  // namespace hfhub::server
