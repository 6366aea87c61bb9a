// The write endpoints around commits (docs/hub-behaviour.md#readme-validation, #preupload, #other-write-endpoints,
// #xet-tokens): preupload, branches, tags, super-squash and validate-yaml.
#include <gtest/gtest.h>

#include "commit_support.h"

namespace hfhub::testing {
namespace {

namespace json = boost::json;

std::map<std::string, json::object> preupload_files(const RawResponse& r) {
  std::map<std::string, json::object> out;
  auto body = r.json();  // the loop below must not iterate a temporary's member
  for (auto& f : body.at("files").as_array()) out[std::string(f.at("path").as_string())] = f.as_object();
  return out;
}

RawResponse post_json(const std::string& path, const std::string& body, const char* token = Tokens::alice_write) {
  std::vector<std::string> headers{"Content-Type: application/json"};
  if (token) headers.push_back(bearer(token));
  return http("POST", api_url(path), headers, body);
}

RawResponse delete_call(const std::string& path, const char* token = Tokens::alice_write) {
  return http("DELETE", api_url(path), {bearer(token)});
}

// ---- preupload ----

TEST(Preupload, UploadModeFromGitattributesAndSize) {
  auto id = new_model();
  auto r = preupload(id, R"({"files":[
      {"path":"model.bin","size":100,"sample":""},
      {"path":"weights/model.safetensors","size":10,"sample":""},
      {"path":"big.txt","size":10000000,"sample":""},
      {"path":"almost.txt","size":9999999,"sample":""},
      {"path":"README.md","size":20,"sample":"IyBoaQ=="}]})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("commitOid").as_string(), head_of(id));
  auto files = preupload_files(r);
  ASSERT_EQ(files.size(), 5u);
  EXPECT_EQ(files["model.bin"].at("uploadMode").as_string(), "lfs");
  EXPECT_EQ(files["weights/model.safetensors"].at("uploadMode").as_string(), "lfs");
  EXPECT_EQ(files["big.txt"].at("uploadMode").as_string(), "lfs");
  EXPECT_EQ(files["almost.txt"].at("uploadMode").as_string(), "regular");
  EXPECT_EQ(files["README.md"].at("uploadMode").as_string(), "regular");
  for (auto& [path, f] : files) {
    EXPECT_FALSE(f.at("shouldIgnore").as_bool()) << path;
    EXPECT_FALSE(f.contains("oid")) << path;
  }
}

TEST(Preupload, GitattributesSentByTheClientOverrideTheRepos) {
  auto id = new_model();
  auto r = preupload(id, R"({"gitAttributes":"*.txt filter=lfs diff=lfs merge=lfs -text\n",
                             "files":[{"path":"a.txt","size":3,"sample":""},{"path":"m.bin","size":3,"sample":""}]})");
  ASSERT_EQ(r.status, 200) << r.body;
  auto files = preupload_files(r);
  EXPECT_EQ(files["a.txt"].at("uploadMode").as_string(), "lfs");
  EXPECT_EQ(files["m.bin"].at("uploadMode").as_string(), "regular");
  // A committed .gitattributes counts from then on.
  commit_ok(id, {header_line("attrs"), text_line(".gitattributes", "*.dat filter=lfs diff=lfs merge=lfs -text\n")});
  files = preupload_files(preupload(id, R"({"files":[{"path":"x.dat","size":1},{"path":"m.bin","size":1}]})"));
  EXPECT_EQ(files["x.dat"].at("uploadMode").as_string(), "lfs");
  EXPECT_EQ(files["m.bin"].at("uploadMode").as_string(), "regular");
}

TEST(Preupload, ShouldIgnoreFromGitIgnoreTextOrTheCommittedFile) {
  auto id = new_model();
  auto sent = preupload(id, R"({"gitIgnore":"*.log\n!keep.log\n",
      "files":[{"path":"x.log","size":1},{"path":"keep.log","size":1},{"path":"x.txt","size":1}]})");
  ASSERT_EQ(sent.status, 200) << sent.body;
  auto files = preupload_files(sent);
  EXPECT_TRUE(files["x.log"].at("shouldIgnore").as_bool());
  EXPECT_FALSE(files["keep.log"].at("shouldIgnore").as_bool());
  EXPECT_FALSE(files["x.txt"].at("shouldIgnore").as_bool());

  commit_ok(id, {header_line("ignore"), text_line(".gitignore", "secret/\n")});
  files = preupload_files(preupload(id, R"({"files":[{"path":"secret/a.txt","size":1},{"path":"x.log","size":1}]})"));
  EXPECT_TRUE(files["secret/a.txt"].at("shouldIgnore").as_bool());
  EXPECT_FALSE(files["x.log"].at("shouldIgnore").as_bool());
  // Text sent by the client replaces the committed file.
  files = preupload_files(preupload(id, R"({"gitIgnore":"","files":[{"path":"secret/a.txt","size":1}]})"));
  EXPECT_FALSE(files["secret/a.txt"].at("shouldIgnore").as_bool());
}

TEST(Preupload, OidOfFilesTheRevisionHolds) {
  auto id = new_model();
  std::string weights(2048, 'q');
  auto lfs_oid = put_lfs_object(id, weights);
  commit_ok(id, {header_line("files"), text_line("config.json", "{}"), lfs_line("model.bin", lfs_oid, 2048)});
  auto r = preupload(id, R"({"files":[{"path":"config.json","size":2},{"path":"model.bin","size":2048},
                                      {"path":"new.txt","size":1}]})");
  ASSERT_EQ(r.status, 200) << r.body;
  auto files = preupload_files(r);
  EXPECT_EQ(files["config.json"].at("oid").as_string(), git_blob_sha1("{}"));
  EXPECT_EQ(files["model.bin"].at("oid").as_string(), lfs_oid);
  EXPECT_FALSE(files["new.txt"].contains("oid"));
}

TEST(Preupload, RefusesBadRequests) {
  auto id = new_model();
  auto bad_path = preupload(id, R"({"files":[{"path":"../x","size":1}]})");
  EXPECT_EQ(bad_path.status, 422);
  EXPECT_EQ(bad_path.header("x-error-code"), "InvalidPath");
  EXPECT_EQ(preupload(id, "not json").status, 400);
  EXPECT_EQ(preupload(id, R"({"files":{}})").status, 400);
  EXPECT_EQ(preupload(id, R"({"files":[{"path":"a","size":-1}]})").status, 400);
  std::string many = R"({"files":[)";
  for (int i = 0; i < 1001; ++i)
    many += (i ? "," : "") + std::string(R"({"path":"f)") + std::to_string(i) + R"(","size":1})";
  EXPECT_EQ(preupload(id, many + "]}").status, 400);
  auto no_rev = preupload(id, R"({"files":[]})", "nobranch");
  EXPECT_EQ(no_rev.status, 404);
  EXPECT_EQ(no_rev.header("x-error-code"), "RevisionNotFound");
  EXPECT_EQ(preupload(id, R"({"files":[]})", "main", nullptr).status, 401);
  EXPECT_EQ(preupload(id, R"({"files":[]})", "main", Tokens::alice_read).status, 403);
}

// ---- branches ----

TEST(Branches, CreateFromMainFromAShaAndEmpty) {
  auto id = new_model();
  auto first = head_of(id);
  auto second = commit_ok(id, {header_line("two"), text_line("a.txt", "a")});
  auto base = "/api/models/" + id + "/branch/";

  EXPECT_EQ(post_json(base + "dev", "{}").status, 200);
  EXPECT_EQ(head_of(id, "dev"), second);
  EXPECT_EQ(post_json(base + "old", R"({"startingPoint":")" + first + "\"}").status, 200);
  EXPECT_EQ(head_of(id, "old"), first);
  // Branch names with '/' arrive encoded.
  EXPECT_EQ(post_json(base + "feature%2Fx", R"({"startingPoint":"dev"})").status, 200);
  EXPECT_EQ(head_of(id, "feature%2Fx"), second);

  EXPECT_EQ(post_json(base + "empty", R"({"emptyBranch":true})").status, 200);
  auto empty = head_of(id, "empty");
  EXPECT_FALSE(empty.empty());
  EXPECT_NE(empty, second);
  EXPECT_FALSE(
      preupload_files(preupload(id, R"({"files":[{"path":".gitattributes","size":1}]})", "empty"))[".gitattributes"]
          .contains("oid"));
  // Commits land on the branch, not on main.
  auto on_dev = commit_ok(id, {header_line("dev work"), text_line("dev.txt", "d")}, "dev");
  EXPECT_EQ(head_of(id, "dev"), on_dev);
  EXPECT_EQ(head_of(id), second);

  EXPECT_EQ(post_json(base + "bad..name", "{}").status, 400);
  EXPECT_EQ(post_json(base + "nope", R"({"startingPoint":"missing"})").status, 404);
}

TEST(Branches, ExistingBranchIs409UnlessOverwritten) {
  auto id = new_model();
  auto first = head_of(id);
  auto second = commit_ok(id, {header_line("two"), text_line("a.txt", "a")});
  auto url = "/api/models/" + id + "/branch/dev";
  ASSERT_EQ(post_json(url, R"({"startingPoint":")" + first + "\"}").status, 200);
  // Python's create_branch(exist_ok=True) swallows exactly this answer.
  auto again = post_json(url, "{}");
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(again.header("x-error-code"), "RefAlreadyExists");
  // JS: overwrite alone leaves the branch as it is; with a starting point it moves it.
  EXPECT_EQ(post_json(url, R"({"overwrite":true})").status, 200);
  EXPECT_EQ(head_of(id, "dev"), first);
  EXPECT_EQ(post_json(url, R"({"startingPoint":"main","overwrite":true})").status, 200);
  EXPECT_EQ(head_of(id, "dev"), second);
}

TEST(Branches, DeleteBranchButNeverMain) {
  auto id = new_model();
  auto base = "/api/models/" + id + "/branch/";
  ASSERT_EQ(post_json(base + "gone", "{}").status, 200);
  EXPECT_EQ(delete_call(base + "gone").status, 200);
  EXPECT_TRUE(head_of(id, "gone").empty());
  EXPECT_EQ(delete_call(base + "gone").status, 404);
  EXPECT_EQ(delete_call(base + "main").status, 403);
  EXPECT_FALSE(head_of(id).empty());
}

TEST(Branches, StartAtAShortShaAndMainIsProtected) {
  auto id = new_model();
  auto first = head_of(id);
  commit_ok(id, {header_line("two"), text_line("a.txt", "a")});
  auto base = "/api/models/" + id + "/branch/";
  // The Hub takes a short sha where a branch or tag starts (Python documents 7 digits).
  EXPECT_EQ(post_json(base + "short", R"({"startingPoint":")" + first.substr(0, 7) + "\"}").status, 200);
  EXPECT_EQ(head_of(id, "short"), first);
  EXPECT_EQ(post_json(base + "nope", R"({"startingPoint":"0000000"})").header("x-error-code"), "RevisionNotFound");
  // A pull request is no branch name.
  auto pr = post_json(base + "refs%2Fpr%2F5", "{}");
  EXPECT_EQ(pr.status, 400);
  EXPECT_NE(pr.body.find("Invalid reference for a branch: refs/pr/5"), std::string::npos) << pr.body;
  // Overwriting main is refused like deleting it.
  auto overwrite = post_json(base + "main", R"({"startingPoint":")" + first + R"(","overwrite":true})");
  EXPECT_EQ(overwrite.status, 403);
  EXPECT_NE(head_of(id), first);
}

TEST(Branches, NeedWriteRights) {
  auto id = new_model();
  auto base = "/api/models/" + id + "/branch/x";
  EXPECT_EQ(post_json(base, "{}", nullptr).status, 401);
  EXPECT_EQ(post_json(base, "{}", Tokens::alice_read).status, 403);
  EXPECT_EQ(post_json(base, "{}", Tokens::carol_write).status, 403);
  EXPECT_EQ(delete_call(base, Tokens::carol_write).status, 403);
}

// ---- tags ----

TEST(Tags, CreateWithMessageConflictAndDelete) {
  auto id = new_model();
  auto first = head_of(id);
  auto second = commit_ok(id, {header_line("two"), text_line("a.txt", "a")});
  auto base = "/api/models/" + id + "/tag/";
  EXPECT_EQ(post_json(base + "main", R"({"tag":"v1","message":"first release"})").status, 200);
  EXPECT_EQ(head_of(id, "v1"), second);
  EXPECT_EQ(post_json(base + first, R"({"tag":"v0"})").status, 200);
  EXPECT_EQ(head_of(id, "v0"), first);
  EXPECT_EQ(post_json(base + first.substr(0, 10), R"({"tag":"v0-short"})").status, 200);
  EXPECT_EQ(head_of(id, "v0-short"), first);

  auto again = post_json(base + "main", R"({"tag":"v1"})");
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(again.header("x-error-code"), "RefAlreadyExists");
  EXPECT_EQ(post_json(base + "main", R"({})").status, 400);
  EXPECT_EQ(post_json(base + "missing", R"({"tag":"v2"})").status, 404);
  // A tag is no branch: commits to it are refused.
  EXPECT_EQ(post_commit(id, {header_line("x"), text_line("b", "b")}, "v1").status, 400);

  EXPECT_EQ(delete_call(base + "v1").status, 200);
  EXPECT_TRUE(head_of(id, "v1").empty());
  EXPECT_EQ(delete_call(base + "v1").status, 404);
  EXPECT_EQ(post_json(base + "main", R"({"tag":"v3"})", Tokens::alice_read).status, 403);
}

// ---- super-squash ----

TEST(SuperSquash, HistoryBecomesOneCommitWithTheSameFiles) {
  auto id = new_model();
  for (int i = 0; i < 3; ++i)
    commit_ok(id, {header_line("c" + std::to_string(i)), text_line("f.txt", std::to_string(i))});
  commit_ok(id, {header_line("more"), text_line("g/h.txt", "h")});
  auto before = siblings(id);
  ASSERT_EQ(count_commits(id, "main"), 5);

  auto r = post_json("/api/models/" + id + "/super-squash/main", R"({"message":"squashed"})");
  ASSERT_EQ(r.status, 200) << r.body;
  auto sha = std::string(r.json().at("commitId").as_string());
  EXPECT_EQ(head_of(id), sha);
  EXPECT_EQ(repo_info(id).at("sha").as_string(), sha);
  EXPECT_EQ(count_commits(id, "main"), 1);
  auto after = siblings(id);
  ASSERT_EQ(after.size(), before.size());
  for (auto& [path, s] : before) EXPECT_EQ(after[path].at("blobId"), s.at("blobId")) << path;

  EXPECT_EQ(post_json("/api/models/" + id + "/super-squash/nobranch", "{}").status, 404);
  EXPECT_EQ(post_json("/api/models/" + id + "/super-squash/main", "{}", Tokens::carol_write).status, 403);
}

TEST(SuperSquash, AnyBranchButNeverAPullRequestOrATag) {
  auto id = new_model();
  auto main_head = commit_ok(id, {header_line("one"), text_line("f.txt", "1")});
  ASSERT_EQ(post_json("/api/models/" + id + "/branch/dev", "{}").status, 200);
  commit_ok(id, {header_line("dev"), text_line("d.txt", "d")}, "dev");
  auto r = post_json("/api/models/" + id + "/super-squash/dev", "{}");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(count_commits(id, "dev"), 1);
  EXPECT_EQ(head_of(id), main_head);

  ASSERT_EQ(post_commit(id, {header_line("pr"), text_line("p.txt", "p")}, "main", "?create_pr=1").status, 200);
  ASSERT_EQ(post_json("/api/models/" + id + "/tag/main", R"({"tag":"v1"})").status, 200);
  for (std::string name : {"refs%2Fpr%2F1", "v1"}) {
    auto refused = post_json("/api/models/" + id + "/super-squash/" + name, "{}");
    EXPECT_EQ(refused.status, 400) << name;
    EXPECT_NE(refused.body.find("Invalid reference for a branch"), std::string::npos) << refused.body;
  }
  EXPECT_EQ(head_of(id), main_head);
}

// ---- validate-yaml ----

TEST(ValidateYaml, AnswersJsonErrorsAndWarnings) {
  auto ok = post_json("/api/validate-yaml", R"({"content":"---\nlicense: mit\n---\n# hi","repoType":"model"})");
  EXPECT_EQ(ok.status, 200) << ok.body;
  EXPECT_TRUE(ok.json().at("errors").as_array().empty());
  EXPECT_TRUE(ok.json().at("warnings").is_array());

  auto no_metadata = post_json("/api/validate-yaml", R"({"content":"# hi","repoType":"dataset"})");
  EXPECT_EQ(no_metadata.status, 200);
  EXPECT_FALSE(no_metadata.json().at("warnings").as_array().empty());

  auto invalid = post_json("/api/validate-yaml", R"({"content":"---\nlicense: [mit\n---\n","repoType":"model"})");
  EXPECT_EQ(invalid.status, 400);
  EXPECT_FALSE(invalid.json().at("errors").as_array().empty());
  EXPECT_TRUE(invalid.json().at("errors").at(0).at("message").is_string());

  auto not_mapping = post_json("/api/validate-yaml", R"({"content":"---\n- a\n- b\n---\n","repoType":"model"})");
  EXPECT_EQ(not_mapping.status, 400);
  EXPECT_FALSE(not_mapping.json().at("errors").as_array().empty());

  auto wrong_type = post_json("/api/validate-yaml", R"({"content":"---\nlicense: [1, 2]\n---\n","repoType":"model"})");
  EXPECT_EQ(wrong_type.status, 400);

  for (std::string body : {"nope", R"({"repoType":"model"})", R"({"content":"x","repoType":"thing"})"}) {
    auto bad = post_json("/api/validate-yaml", body, nullptr);
    EXPECT_EQ(bad.status, 400) << body;
    EXPECT_FALSE(bad.json().at("errors").as_array().empty()) << body;
  }
}

}  // namespace
}  // namespace hfhub::testing
