// What the repository-content calls send, against a scripted transport: the file-metadata HEAD
// (relative redirects only), safetensors range reads, batching, URL encoding, exist_ok.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "client/content/browse.h"
#include "client/content/content_urls.h"
#include "client/content/file_metadata.h"
#include "client/content/lfs_files.h"
#include "client/content/ref_admin.h"
#include "client/content/safetensors.h"
#include "hfhub/errors.h"
#include "scripted_transport.h"

namespace hfhub::client {

using testing::response;
using testing::Script;
using testing::ScriptedTransport;

namespace json = boost::json;

namespace {

std::shared_ptr<Session> session_for(std::shared_ptr<Script> script) {
  ClientOptions o;
  o.endpoint = "https://hub.test";
  o.sleep = [](std::chrono::milliseconds) {};
  return std::make_shared<Session>(o, std::make_unique<ScriptedTransport>(std::move(script)));
}

std::string le64(uint64_t n) {
  std::string out(8, '\0');
  for (int i = 0; i < 8; ++i) out[size_t(i)] = char((n >> (8 * i)) & 0xff);
  return out;
}

std::string header_of(const HttpRequest& r, std::string_view name) { return find_header(r.headers, name).value_or(""); }

}  // namespace

TEST(ContentUrls, RevisionQuotedWholePathQuotedPerSegment) {
  auto s = session_for(std::make_shared<Script>());
  RepoCall call;
  call.repo_type = RepoType::Dataset;
  call.revision = "refs/pr/1";
  EXPECT_EQ(resolve_url(*s, "org/ds", "dir/a b#.txt", call),
            "https://hub.test/datasets/org/ds/resolve/refs%2Fpr%2F1/dir/a%20b%23.txt");
  ListTreeParams tree;
  tree.path_in_repo = "a/b c";
  tree.recursive = true;
  EXPECT_EQ(tree_url(*s, "org/m", tree),
            "https://hub.test/api/models/org/m/tree/main/a/b%20c?recursive=true&expand=false");
  EXPECT_THROW(resolve_url(*s, "bad id!", "x", {}), std::invalid_argument);
}

TEST(FileMetadata, RelativeLocationReplacesOnlyThePath) {
  EXPECT_EQ(follow_relative_location("https://hub.test/old/m/resolve/main/f?x=1", "/new/m/resolve/main/f?y=2"),
            "https://hub.test/new/m/resolve/main/f?x=1");
  EXPECT_EQ(follow_relative_location("http://127.0.0.1:8080/a", "/b"), "http://127.0.0.1:8080/b");
  EXPECT_FALSE(follow_relative_location("https://hub.test/a", "https://cdn.test/blob"));
  EXPECT_FALSE(follow_relative_location("https://hub.test/a", "//cdn.test/blob"));
}

TEST(FileMetadata, FollowsRelativeRedirectsAndStopsAtAbsoluteOnes) {
  auto script = std::make_shared<Script>();
  script->responses = {response(307, "", {{"Location", "/new/m/resolve/main/w.bin"}}),
                       response(302, "",
                                {{"Location", "https://cdn.test/signed?sig=1"},
                                 {"X-Repo-Commit", "c1"},
                                 {"X-Linked-Etag", "\"abc\""},
                                 {"ETag", "W/\"ignored\""},
                                 {"X-Linked-Size", "123"},
                                 {"Content-Length", "9"}})};
  auto s = session_for(script);
  auto m = get_file_metadata(*s, "https://hub.test/old/m/resolve/main/w.bin");
  ASSERT_EQ(script->requests.size(), 2u);
  EXPECT_EQ(script->requests[0].method, "HEAD");
  EXPECT_FALSE(script->requests[0].follow_redirects);
  EXPECT_EQ(header_of(script->requests[0], "Accept-Encoding"), "identity");
  EXPECT_EQ(script->requests[1].url, "https://hub.test/new/m/resolve/main/w.bin");
  EXPECT_EQ(m.commit_hash, "c1");
  EXPECT_EQ(m.etag, "abc");
  EXPECT_EQ(m.size, 123);
  EXPECT_EQ(m.location, "https://cdn.test/signed?sig=1");
}

TEST(FileMetadata, PlainAnswerUsesETagAndContentLength) {
  auto script = std::make_shared<Script>();
  script->responses = {response(200, "", {{"X-Repo-Commit", "c2"}, {"ETag", "W/\"0a1b\""}, {"Content-Length", "5"}})};
  auto m = get_file_metadata(*session_for(script), "https://hub.test/m/resolve/main/a.txt");
  EXPECT_EQ(m.etag, "0a1b");
  EXPECT_EQ(m.size, 5);
  EXPECT_EQ(m.location, "https://hub.test/m/resolve/main/a.txt");
}

TEST(FileMetadata, RedirectWithoutLinkedSizeHasNoSize) {
  auto script = std::make_shared<Script>();
  script->responses = {response(302, "", {{"Location", "https://cdn.test/x"}, {"Content-Length", "0"}})};
  EXPECT_FALSE(get_file_metadata(*session_for(script), "https://hub.test/m/resolve/main/a").size);
}

TEST(Safetensors, ShortHeaderTakesOneRangeRead) {
  std::string header = R"({"w":{"dtype":"F16","shape":[2,2],"data_offsets":[0,8]}})";
  auto script = std::make_shared<Script>();
  script->responses = {response(206, le64(header.size()) + header + std::string(8, '\0'))};
  auto m = parse_safetensors_file_metadata(*session_for(script), "org/m", "model.safetensors", {});
  ASSERT_EQ(script->requests.size(), 1u);
  EXPECT_EQ(header_of(script->requests[0], "Range"), "bytes=0-100000");
  EXPECT_EQ(script->requests[0].url, "https://hub.test/org/m/resolve/main/model.safetensors");
  EXPECT_EQ(m.parameter_count.at("F16"), 4);
}

TEST(Safetensors, LongHeaderTakesASecondRangeRead) {
  std::string header = R"({"__metadata__":{"pad":")" + std::string(150'000, 'p') +
                       R"("},"w":{"dtype":"F32","shape":[3],"data_offsets":[0,12]}})";
  std::string file = le64(header.size()) + header;
  auto script = std::make_shared<Script>();
  script->responses = {response(206, file.substr(0, 100'001)), response(206, header)};
  auto m = parse_safetensors_file_metadata(*session_for(script), "org/m", "x.safetensors", {});
  ASSERT_EQ(script->requests.size(), 2u);
  EXPECT_EQ(header_of(script->requests[1], "Range"), "bytes=8-" + std::to_string(header.size() + 7));
  EXPECT_EQ(m.tensors.at("w").parameter_count, 3);
}

TEST(Safetensors, TooBigHeaderIsRefusedWithoutASecondRead) {
  auto script = std::make_shared<Script>();
  script->responses = {response(206, le64(kSafetensorsMaxHeaderLength + 1) + "{")};
  EXPECT_THROW(parse_safetensors_file_metadata(*session_for(script), "org/m", "x.safetensors", {}),
               SafetensorsParsingError);
  EXPECT_EQ(script->requests.size(), 1u);
}

TEST(PathsInfo, FormBodyInBatchesOf500) {
  std::vector<std::string> paths;
  for (int i = 0; i < 1001; ++i) paths.push_back("f" + std::to_string(i));
  auto script = std::make_shared<Script>();
  script->responses = {response(200, R"([{"type":"file","oid":"a","size":1,"path":"f0"}])"), response(200, "[]"),
                       response(200, "[]")};
  PathsInfoParams params;
  params.revision = "refs/pr/2";
  auto entries = get_paths_info(*session_for(script), "org/m", paths, params);
  EXPECT_EQ(entries.size(), 1u);
  ASSERT_EQ(script->requests.size(), 3u);
  EXPECT_EQ(script->requests[0].url, "https://hub.test/api/models/org/m/paths-info/refs%2Fpr%2F2");
  EXPECT_EQ(header_of(script->requests[0], "Content-Type"), "application/x-www-form-urlencoded");
  EXPECT_TRUE(script->requests[0].body.starts_with("paths=f0&paths=f1&"));
  EXPECT_TRUE(script->requests[0].body.ends_with("paths=f499&expand=false"));
  EXPECT_EQ(script->requests[2].body, "paths=f1000&expand=false");
}

TEST(PathsInfo, BadServerPathIsAnInvalidResponse) {
  auto script = std::make_shared<Script>();
  script->responses = {response(200, R"([{"type":"file","oid":"a","size":1,"path":"../../x"}])")};
  EXPECT_THROW(get_paths_info(*session_for(script), "org/m", {"x"}, {}), InvalidResponseError);
}

TEST(LfsFiles, DeletionsGoInBatchesOf1000Sha256) {
  std::vector<LfsFileInfo> files(2500);
  for (size_t i = 0; i < files.size(); ++i) files[i].file_oid = "sha" + std::to_string(i);
  auto script = std::make_shared<Script>();
  script->responses = {response(200, "{}"), response(200, "{}"), response(200, "{}")};
  permanently_delete_lfs_files(*session_for(script), "org/m", files, false, {});
  ASSERT_EQ(script->requests.size(), 3u);
  auto last = json::parse(script->requests[2].body);
  EXPECT_EQ(last.at("deletions").at("sha").as_array().size(), 500u);
  EXPECT_EQ(last.at("deletions").at("sha").as_array()[0], json::value("sha2000"));
  EXPECT_EQ(last.at("deletions").at("rewriteHistory"), json::value(false));
  EXPECT_EQ(script->requests[0].url, "https://hub.test/api/models/org/m/lfs-files/batch");
}

TEST(RefAdmin, ExistOkSwallowsConflictOnly) {
  auto script = std::make_shared<Script>();
  script->responses = {response(409, R"({"error":"exists"})"), response(409, R"({"error":"exists"})")};
  auto s = session_for(script);
  CreateBranchParams params;
  params.revision = "v1";
  params.exist_ok = true;
  EXPECT_NO_THROW(create_branch(*s, "org/m", "dev/x", params));
  EXPECT_EQ(script->requests[0].url, "https://hub.test/api/models/org/m/branch/dev%2Fx");
  EXPECT_EQ(json::parse(script->requests[0].body), json::parse(R"({"startingPoint":"v1"})"));
  params.exist_ok = false;
  EXPECT_THROW(create_branch(*s, "org/m", "dev/x", params), ConflictError);
}

TEST(RefAdmin, TagBodyAndUrl) {
  auto script = std::make_shared<Script>();
  script->responses = {response(200, "{}")};
  CreateTagParams params;
  params.revision = "refs/pr/1";
  params.tag_message = "release";
  create_tag(*session_for(script), "org/m", "v1.0", params);
  EXPECT_EQ(script->requests[0].url, "https://hub.test/api/models/org/m/tag/refs%2Fpr%2F1");
  EXPECT_EQ(json::parse(script->requests[0].body), json::parse(R"({"tag":"v1.0","message":"release"})"));
}

}  // namespace hfhub::client
