#include "server/write/preupload.h"

#include <gtest/gtest.h>

#include <map>

#include "server/http/error_table.h"

namespace hfhub::server {
namespace {

// A revision made of a few files: path → entry, plus the texts of small ones.
struct FakeRevision {
  std::map<std::string, GitEntry, std::less<>> files;
  std::map<std::string, std::string, std::less<>> texts;

  void add(const std::string& path, const std::string& oid, std::optional<LfsPointer> lfs = std::nullopt) {
    files[path] = GitEntry{path, false, oid, 100, false, std::move(lfs)};
  }
  void add_text(const std::string& path, const std::string& text) {
    add(path, "text-" + path);
    texts[path] = text;
  }
  RevisionView view() const {
    return RevisionView{[this](std::string_view p) -> std::optional<std::string> {
                          auto it = texts.find(p);
                          return it == texts.end() ? std::nullopt : std::optional(it->second);
                        },
                        [this](std::string_view p) -> std::optional<GitEntry> {
                          auto it = files.find(p);
                          return it == files.end() ? std::nullopt : std::optional(it->second);
                        }};
  }
};

std::map<std::string, PreuploadAnswer> plan(std::string_view body, const FakeRevision& rev) {
  std::map<std::string, PreuploadAnswer> out;
  for (auto& a : plan_preupload(parse_preupload_request(body), rev.view())) out[a.path] = a;
  return out;
}

int status_of(std::string_view body) {
  try {
    parse_preupload_request(body);
  } catch (const DomainError& e) {
    return error_status(e);
  }
  return 200;
}

TEST(Preupload, ParsesPythonAndJsBodies) {
  auto python =
      parse_preupload_request(R"({"files":[{"path":"a.bin","sample":"AAE=","size":12}],"gitIgnore":"*.log"})");
  ASSERT_EQ(python.files.size(), 1u);
  EXPECT_EQ(python.files[0].path, "a.bin");
  EXPECT_EQ(python.files[0].size, 12);
  EXPECT_EQ(python.git_ignore.value_or("?"), "*.log");
  EXPECT_FALSE(python.git_attributes);

  auto js = parse_preupload_request(R"({"gitAttributes":null,"files":[{"path":"x","size":0,"sample":""}]})");
  EXPECT_FALSE(js.git_attributes);
  EXPECT_EQ(js.files.at(0).size, 0);
}

TEST(Preupload, RefusesMalformedBodies) {
  EXPECT_EQ(status_of("[]"), 400);
  EXPECT_EQ(status_of("{"), 400);
  EXPECT_EQ(status_of(R"({})"), 400);
  EXPECT_EQ(status_of(R"({"files":[1]})"), 400);
  EXPECT_EQ(status_of(R"({"files":[{"size":1}]})"), 400);
  EXPECT_EQ(status_of(R"({"files":[{"path":"a","size":"1"}]})"), 400);
  EXPECT_EQ(status_of(R"({"files":[{"path":"a","size":1.5}]})"), 400);
  EXPECT_EQ(status_of(R"({"files":[{"path":"a"}],"gitIgnore":3})"), 400);
  // A path the Hub refuses to write is 422 (a backslash inside a name is not one of them).
  for (auto* path : {"../a", "/a", "a/", ".git/x", "..\\\\b", ""})
    EXPECT_EQ(status_of(std::string(R"({"files":[{"path":")") + path + R"(","size":1}]})"), 422) << path;
  EXPECT_EQ(status_of(R"({"files":[{"path":"a/..\\\\b","size":1}]})"), 200);
  std::string many = R"({"files":[)";
  for (size_t i = 0; i <= kMaxPreuploadFiles; ++i) many += (i ? "," : "") + std::string(R"({"path":"f","size":1})");
  EXPECT_EQ(status_of(many + "]}"), 400);
}

TEST(Preupload, UploadModeFollowsTheRevisionsGitattributesAndTheSizeRule) {
  FakeRevision rev;
  rev.add_text(".gitattributes", "*.bin filter=lfs diff=lfs merge=lfs -text\n");
  auto answers = plan(R"({"files":[{"path":"w.bin","size":1},{"path":"big.txt","size":10000000},
                                   {"path":"small.txt","size":9999999}]})",
                      rev);
  EXPECT_TRUE(answers["w.bin"].lfs);
  EXPECT_TRUE(answers["big.txt"].lfs);
  EXPECT_FALSE(answers["small.txt"].lfs);
}

TEST(Preupload, GitattributesTextFromTheClientWins) {
  FakeRevision rev;
  rev.add_text(".gitattributes", "*.bin filter=lfs diff=lfs merge=lfs -text\n");
  auto answers = plan(R"({"gitAttributes":"*.txt filter=lfs\n","files":[{"path":"w.bin","size":1},
                         {"path":"a.txt","size":1}]})",
                      rev);
  EXPECT_FALSE(answers["w.bin"].lfs);
  EXPECT_TRUE(answers["a.txt"].lfs);
}

TEST(Preupload, ShouldIgnoreFromTheSentTextElseTheRevisionsGitignore) {
  FakeRevision rev;
  rev.add_text(".gitignore", "build/\n*.tmp\n");
  auto from_repo = plan(R"({"files":[{"path":"build/x.o","size":1},{"path":"a.tmp","size":1},
                                     {"path":"a.txt","size":1}]})",
                        rev);
  EXPECT_TRUE(from_repo["build/x.o"].should_ignore);
  EXPECT_TRUE(from_repo["a.tmp"].should_ignore);
  EXPECT_FALSE(from_repo["a.txt"].should_ignore);

  auto sent = plan(R"({"gitIgnore":"*.txt","files":[{"path":"a.tmp","size":1},{"path":"a.txt","size":1}]})", rev);
  EXPECT_FALSE(sent["a.tmp"].should_ignore);
  EXPECT_TRUE(sent["a.txt"].should_ignore);
}

TEST(Preupload, OidIsTheLfsSha256OrTheGitBlobId) {
  FakeRevision rev;
  std::string sha256(64, 'c');
  rev.add("model.bin", "1111111111111111111111111111111111111111", LfsPointer{sha256, 5000});
  rev.add("config.json", "2222222222222222222222222222222222222222");
  auto answers = plan(R"({"files":[{"path":"model.bin","size":5000},{"path":"config.json","size":2},
                                   {"path":"new.txt","size":1}]})",
                      rev);
  EXPECT_EQ(answers["model.bin"].oid.value_or(""), sha256);
  EXPECT_EQ(answers["config.json"].oid.value_or(""), "2222222222222222222222222222222222222222");
  EXPECT_FALSE(answers["new.txt"].oid);
}

TEST(Preupload, AnswersKeepTheRequestOrderAndDuplicates) {
  FakeRevision rev;
  auto answers = plan_preupload(
      parse_preupload_request(R"({"files":[{"path":"b","size":1},{"path":"a","size":1},{"path":"b","size":1}]})"),
      rev.view());
  ASSERT_EQ(answers.size(), 3u);
  EXPECT_EQ(answers[0].path, "b");
  EXPECT_EQ(answers[1].path, "a");
  EXPECT_EQ(answers[2].path, "b");
}

}  // namespace
}  // namespace hfhub::server
