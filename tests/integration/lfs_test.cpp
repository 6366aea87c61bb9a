// Git LFS through raw HTTP: the batch API, signed basic and multipart uploads, verify, download,
// and the lfs-files listing and deletion (docs/hub-behaviour.md#lfs-batch, #other-write-endpoints).
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <set>

#include "commit_support.h"
#include "common/base64.h"
#include "common/hash.h"
#include "common/lfs_pointer.h"
#include "raw_http.h"
#include "server/lfs/upload_signer.h"
#include "server_fixture.h"

namespace hfhub::testing {
namespace {

namespace json = boost::json;

const std::string kLfsType = "Content-Type: application/vnd.git-lfs+json";
// curl waits a second for "100 Continue" before sending a large body; hfhubd never asks for one.
const std::string kNoExpect = "Expect:";

struct Object {
  std::string content;
  std::string oid() const { return sha256_hex(content); }
  int64_t size() const { return int64_t(content.size()); }
};

std::string batch_body(const std::string& operation, const std::vector<Object>& objects,
                       const std::vector<std::string>& transfers = {"basic", "multipart"},
                       const std::string& hash_algo = "sha_256") {
  json::array list;
  for (auto& o : objects) list.push_back({{"oid", o.oid()}, {"size", o.size()}});
  json::array t;
  for (auto& x : transfers) t.push_back(json::string(x));
  return json::serialize(json::object{{"operation", operation},
                                      {"transfers", std::move(t)},
                                      {"objects", list},
                                      {"hash_algo", hash_algo},
                                      {"ref", {{"name", "main"}}}});
}

// A repository on `endpoint`; returns its _id.
std::string create_repo(const std::string& endpoint, const std::string& id, const std::string& type = "model") {
  auto slash = id.find('/');
  auto r = http("POST", endpoint + "/api/repos/create", {bearer(Tokens::alice_write)},
                json::serialize(json::object{
                    {"name", id.substr(slash + 1)}, {"organization", id.substr(0, slash)}, {"type", type}}));
  EXPECT_EQ(r.status, 200) << r.body;
  return std::string(r.json().at("id").as_string());
}

RawResponse batch(const std::string& endpoint, const std::string& repo_path, const std::string& body,
                  const char* token = Tokens::alice_write) {
  std::vector<std::string> headers{kLfsType, "Accept: application/vnd.git-lfs+json"};
  if (token) headers.push_back(bearer(token));
  return http("POST", endpoint + repo_path + ".git/info/lfs/objects/batch", headers, body);
}

const json::object& only_object(const json::value& answer) { return answer.at("objects").at(0).as_object(); }
std::string upload_href(const json::value& answer) {
  return std::string(only_object(answer).at("actions").at("upload").at("href").as_string());
}

// Uploads through the batch API, as Python does with the basic transfer.
void upload_basic(const std::string& endpoint, const std::string& repo_path, const Object& o) {
  auto answer = batch(endpoint, repo_path, batch_body("upload", {o}, {"basic"}));
  ASSERT_EQ(answer.status, 200) << answer.body;
  auto put = http("PUT", upload_href(answer.json()), {kNoExpect}, o.content);
  ASSERT_EQ(put.status, 200) << put.body;
}

std::string api(const std::string& path) { return shared_server().endpoint() + path; }

class Lfs : public ::testing::Test {
 protected:
  void SetUp() override {
    id_ = "alice/" + unique_name("lfs");
    object_id_ = create_repo(shared_server().endpoint(), id_);
    path_ = "/" + id_;
  }
  RawResponse batch_here(const std::string& body, const char* token = Tokens::alice_write) {
    return batch(shared_server().endpoint(), path_, body, token);
  }
  std::string id_, object_id_, path_;
};

TEST_F(Lfs, BatchAsksForMissingObjectsAndPresignedPutStoresThem) {
  Object o{"some model weights\n"};
  auto answer = batch_here(batch_body("upload", {o}));
  ASSERT_EQ(answer.status, 200) << answer.body;
  EXPECT_EQ(answer.header("content-type"), "application/vnd.git-lfs+json");
  auto body = answer.json();
  EXPECT_EQ(body.at("transfer"), "basic");
  auto& obj = only_object(body);
  EXPECT_EQ(obj.at("oid"), json::value(o.oid()));
  EXPECT_EQ(obj.at("size"), o.size());
  auto& actions = obj.at("actions").as_object();
  EXPECT_TRUE(actions.at("upload").at("href").as_string().starts_with(shared_server().endpoint() + "/"));
  EXPECT_TRUE(actions.at("upload").as_object().contains("expires_at"));
  EXPECT_EQ(actions.at("verify").at("href"), json::value(api(path_ + ".git/info/lfs/verify")));

  // No Authorization: the signed URL is the authority (docs/hub-behaviour.md#signed-storage-urls).
  auto put = http("PUT", upload_href(body), {}, o.content);
  EXPECT_EQ(put.status, 200) << put.body;

  auto again = batch_here(batch_body("upload", {o}));
  ASSERT_EQ(again.status, 200);
  EXPECT_FALSE(only_object(again.json()).contains("actions")) << again.body;
}

TEST_F(Lfs, WrongBytesAreRefusedAndNotStored) {
  Object o{"expected content"};
  auto href = upload_href(batch_here(batch_body("upload", {o})).json());
  auto same_size = http("PUT", href, {}, "unexpected stuff");
  EXPECT_EQ(same_size.status, 400);
  EXPECT_NE(same_size.body.find("Hash mismatch"), std::string::npos) << same_size.body;
  auto shorter = http("PUT", href, {}, "expected");
  EXPECT_EQ(shorter.status, 400);
  EXPECT_NE(shorter.body.find("Size mismatch"), std::string::npos) << shorter.body;
  // Still missing.
  EXPECT_TRUE(only_object(batch_here(batch_body("upload", {o})).json()).contains("actions"));
}

TEST_F(Lfs, LargeBodiesAreSpooledAndVerifiedToo) {
  Object o{std::string(3 << 20, 'w')};
  auto href = upload_href(batch_here(batch_body("upload", {o}, {"basic"})).json());
  std::string wrong = o.content;
  wrong[12345] = 'x';
  EXPECT_EQ(http("PUT", href, {kNoExpect}, wrong).status, 400);
  EXPECT_EQ(http("PUT", href, {kNoExpect}, o.content).status, 200);
  EXPECT_FALSE(only_object(batch_here(batch_body("upload", {o})).json()).contains("actions"));
}

TEST_F(Lfs, TamperedUrlsAreForbidden) {
  Object o{"tamper with me"};
  auto href = upload_href(batch_here(batch_body("upload", {o})).json());
  auto sig = href.find("sig=") + 4;
  auto flipped = href;
  flipped[sig] = flipped[sig] == 'a' ? 'b' : 'a';
  auto r = http("PUT", flipped, {}, o.content);
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(r.header("x-error-code"), "InvalidSignature");
  // Another size, or another repository, under the same signature.
  auto size_pos = href.find("size=") + 5;
  auto bigger = href.substr(0, size_pos) + "999" + href.substr(href.find('&', size_pos));
  EXPECT_EQ(http("PUT", bigger, {}, o.content).status, 403);
  auto other_repo = href;
  auto repo_pos = other_repo.find("/lfs-storage/") + 13;
  other_repo[repo_pos] = other_repo[repo_pos] == '0' ? '1' : '0';
  EXPECT_EQ(http("PUT", other_repo, {}, o.content).status, 403);
  auto unsigned_url = href.substr(0, href.find("&sig="));
  EXPECT_EQ(http("PUT", unsigned_url, {}, o.content).status, 403);
}

TEST_F(Lfs, UploadNeedsWriteAccessDownloadReadAccess) {
  Object o{"access"};
  auto anonymous = batch_here(batch_body("upload", {o}), nullptr);
  EXPECT_EQ(anonymous.status, 401);
  EXPECT_FALSE(anonymous.header("lfs-authenticate").empty());
  EXPECT_EQ(batch_here(batch_body("upload", {o}), Tokens::alice_read).status, 403);
  EXPECT_EQ(batch_here(batch_body("upload", {o}), Tokens::carol_write).status, 403);
  // Downloading from a public repo needs nothing.
  EXPECT_EQ(batch_here(batch_body("download", {o}), nullptr).status, 200);
}

TEST_F(Lfs, GitLfsBasicAuthWithTokenAsPassword) {
  Object o{"from git-lfs"};
  auto basic = "Authorization: Basic " + base64_encode(std::string("alice:") + Tokens::alice_write);
  auto r = http(
      "POST", api(path_ + ".git/info/lfs/objects/batch"), {kLfsType, basic},
      R"({"operation":"upload","objects":[{"oid":")" + o.oid() + R"(","size":)" + std::to_string(o.size()) + "}]}");
  ASSERT_EQ(r.status, 200) << r.body;
  auto answer = r.json();
  auto& verify = only_object(answer).at("actions").at("verify").as_object();
  EXPECT_EQ(verify.at("header").at("Authorization"), json::value(basic.substr(15)));
}

TEST_F(Lfs, DownloadThroughSignedUrl) {
  Object o{"download me please"};
  upload_basic(shared_server().endpoint(), path_, o);
  auto answer = batch_here(batch_body("download", {o, Object{"never uploaded"}}), nullptr);
  ASSERT_EQ(answer.status, 200) << answer.body;
  auto body = answer.json();
  auto href = std::string(only_object(body).at("actions").at("download").at("href").as_string());
  auto got = http_get(href);
  EXPECT_EQ(got.status, 200);
  EXPECT_EQ(got.body, o.content);
  EXPECT_EQ(body.at("objects").at(1).at("error").at("code"), 404);
  // A download URL does not upload.
  EXPECT_EQ(http("PUT", href, {}, o.content).status, 403);
}

TEST_F(Lfs, VerifyReportsWhetherTheObjectArrived) {
  Object o{"verify me"};
  auto verify_url = api(path_ + ".git/info/lfs/verify");
  auto payload = R"({"oid":")" + o.oid() + R"(","size":)" + std::to_string(o.size()) + "}";
  EXPECT_EQ(http("POST", verify_url, {kLfsType, bearer(Tokens::alice_write)}, payload).status, 404);
  upload_basic(shared_server().endpoint(), path_, o);
  EXPECT_EQ(http("POST", verify_url, {kLfsType, bearer(Tokens::alice_write)}, payload).status, 200);
  auto wrong_size = R"({"oid":")" + o.oid() + R"(","size":1})";
  EXPECT_EQ(http("POST", verify_url, {kLfsType, bearer(Tokens::alice_write)}, wrong_size).status, 422);
}

TEST_F(Lfs, MalformedRequests) {
  Object o{"x"};
  auto per_object =
      batch_here(R"({"operation":"upload","objects":[{"oid":"ABC","size":1},{"oid":")" + o.oid() + R"(","size":-1}]})");
  ASSERT_EQ(per_object.status, 200) << per_object.body;
  EXPECT_EQ(per_object.json().at("objects").at(0).at("error").at("code"), 422);
  EXPECT_EQ(per_object.json().at("objects").at(1).at("error").at("code"), 422);
  EXPECT_EQ(batch_here(batch_body("upload", {o}, {"basic"}, "sha512")).status, 409);
  EXPECT_EQ(batch_here(batch_body("delete", {o})).status, 422);
  EXPECT_EQ(batch_here("not json").status, 400);
  auto no_git = http("POST", api(path_ + "/info/lfs/objects/batch"), {kLfsType, bearer(Tokens::alice_write)},
                     batch_body("upload", {o}));
  EXPECT_EQ(no_git.status, 404);
}

TEST(LfsTypes, DatasetsAndSpacesHaveTheirPrefix) {
  auto endpoint = shared_server().endpoint();
  auto ds = "alice/" + unique_name("lfs-ds");
  create_repo(endpoint, ds, "dataset");
  Object o{"a dataset shard"};
  upload_basic(endpoint, "/datasets/" + ds, o);
  EXPECT_FALSE(only_object(batch(endpoint, "/datasets/" + ds, batch_body("upload", {o})).json()).contains("actions"));
  // The same object is not in a model of that name: storage is per repository.
  EXPECT_EQ(batch(endpoint, "/" + ds, batch_body("upload", {o})).status, 404);
}

// lfs-files needs write access, as on the Hub.
TEST_F(Lfs, LfsFilesNeedsWriteAccess) {
  EXPECT_EQ(http_get(api("/api/models/" + id_ + "/lfs-files")).status, 401);
  EXPECT_EQ(http_get(api("/api/models/" + id_ + "/lfs-files"), {bearer(Tokens::alice_read)}).status, 403);
  auto empty = http_get(api("/api/models/" + id_ + "/lfs-files"), {bearer(Tokens::alice_write)});
  ASSERT_EQ(empty.status, 200) << empty.body;
  EXPECT_EQ(empty.body, "[]");
}

TEST_F(Lfs, PermanentDeletionRemovesTheObject) {
  Object o{"delete me for good"};
  upload_basic(shared_server().endpoint(), path_, o);
  auto url = api("/api/models/" + id_ + "/lfs-files/batch");
  auto body = R"({"deletions":{"sha":[")" + o.oid() + R"("],"rewriteHistory":true}})";
  EXPECT_EQ(http("POST", url, {bearer(Tokens::alice_read)}, body).status, 403);
  EXPECT_EQ(http("POST", url, {bearer(Tokens::alice_write)}, R"({"deletions":{"sha":["nope"]}})").status, 400);
  auto r = http("POST", url, {bearer(Tokens::alice_write)}, body);
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(only_object(batch_here(batch_body("upload", {o})).json()).contains("actions"));
}

TEST_F(Lfs, LfsFilesListsCommittedObjectsNewestFirstInPages) {
  auto endpoint = shared_server().endpoint();
  Object a{"object a"}, b{"object b"}, c{"object c"};
  for (auto* o : {&a, &b, &c}) upload_basic(endpoint, path_, *o);
  commit_ok(id_, {header_line("two weights"), lfs_line("w/a.bin", a.oid(), a.size()),
                  lfs_line("w/b.bin", b.oid(), b.size())});
  // c is newer; a again under another name is not a new object.
  commit_ok(id_, {header_line("more"), lfs_line("c.bin", c.oid(), c.size()), lfs_line("copy.bin", a.oid(), a.size())});

  auto url = api("/api/models/" + id_ + "/lfs-files");
  auto all = http_get(url, {bearer(Tokens::alice_write)});
  ASSERT_EQ(all.status, 200) << all.body;
  auto items = json_array(all);
  ASSERT_EQ(items.size(), 3u) << all.body;
  auto& first = items[0].as_object();
  EXPECT_EQ(first.at("oid"), json::value(c.oid()));
  EXPECT_EQ(first.at("filename"), "c.bin");
  EXPECT_EQ(first.at("size"), c.size());
  // The sha256 too: Python deletes by fileOid (it used to be the pointer's git blob id).
  EXPECT_EQ(first.at("fileOid"), json::value(c.oid()));
  EXPECT_TRUE(first.at("pushedAt").is_string());
  std::set<std::string> names;
  for (auto& item : items) names.insert(std::string(item.at("filename").as_string()));
  EXPECT_EQ(names, (std::set<std::string>{"c.bin", "w/a.bin", "w/b.bin"}));

  auto page1 = http_get(url + "?limit=2", {bearer(Tokens::alice_write)});
  ASSERT_EQ(json_array(page1).size(), 2u);
  auto link = page1.header("link");
  ASSERT_EQ(link.rfind("<" + endpoint + "/", 0), 0u) << link;
  auto next = link.substr(1, link.find('>') - 1);
  auto page2 = http_get(next, {bearer(Tokens::alice_write)});
  ASSERT_EQ(page2.status, 200) << page2.body;
  auto rest = json_array(page2);
  ASSERT_EQ(rest.size(), 1u);
  EXPECT_EQ(page2.header("link"), "");
  EXPECT_EQ(rest[0].at("oid"), items[2].at("oid"));

  // Deleted for good: no longer listed, and commits cannot point to it any more.
  auto del = http("POST", url + "/batch", {bearer(Tokens::alice_write)},
                  R"({"deletions":{"sha":[")" + c.oid() + R"("],"rewriteHistory":false}})");
  ASSERT_EQ(del.status, 200) << del.body;
  EXPECT_EQ(json_array(http_get(url, {bearer(Tokens::alice_write)})).size(), 2u);
  EXPECT_EQ(post_commit(id_, {header_line("again"), lfs_line("c2.bin", c.oid(), c.size())}).status, 400);
  // The file whose object is gone answers like a missing file, on every blob store (with S3 and
  // download redirects, not a 302 to the store's own 404); the others still download.
  for (auto* method : {"GET", "HEAD"}) {
    auto gone = http(method, api("/" + id_ + "/resolve/main/c.bin"));
    EXPECT_EQ(gone.status, 404) << method;
    EXPECT_EQ(gone.header("x-error-code"), "EntryNotFound") << method;
    EXPECT_EQ(gone.header("x-repo-commit").size(), 40u) << method;
    EXPECT_NE(http(method, api("/" + id_ + "/resolve/main/w/a.bin")).status, 404) << method;
  }
}

// An object deleted through lfs-files and uploaded again downloads again (302 to the store with
// S3 redirects, 200 from the filesystem): after the client's verify (Python, git-lfs), or after
// a commit naming it (a client that skips verify). A download redirect reads the record of
// deleted objects, not the store, so the upload must clear it, a direct one to S3 too.
TEST_F(Lfs, AnObjectUploadedAgainAfterLfsFilesDeletedItDownloadsAgain) {
  auto endpoint = shared_server().endpoint();
  Object a{"deleted then verified"}, b{"deleted then committed"};
  for (auto* o : {&a, &b}) upload_basic(endpoint, path_, *o);
  commit_ok(id_, {header_line("two"), lfs_line("a.bin", a.oid(), a.size()), lfs_line("b.bin", b.oid(), b.size())});
  auto del = http("POST", api("/api/models/" + id_ + "/lfs-files/batch"), {bearer(Tokens::alice_write)},
                  R"({"deletions":{"sha":[")" + a.oid() + R"(",")" + b.oid() + R"("]}})");
  ASSERT_EQ(del.status, 200) << del.body;
  for (auto* file : {"a.bin", "b.bin"}) EXPECT_EQ(http("HEAD", api("/" + id_ + "/resolve/main/" + file)).status, 404);

  upload_basic(endpoint, path_, a);
  auto payload = R"({"oid":")" + a.oid() + R"(","size":)" + std::to_string(a.size()) + "}";
  EXPECT_EQ(http("POST", api(path_ + ".git/info/lfs/verify"), {kLfsType, bearer(Tokens::alice_write)}, payload).status,
            200);
  upload_basic(endpoint, path_, b);
  commit_ok(id_, {header_line("b again"), lfs_line("b-again.bin", b.oid(), b.size())});

  for (auto* o : {&a, &b}) {
    auto path = o == &a ? "a.bin" : "b.bin";
    for (auto* method : {"GET", "HEAD"}) {
      auto back = http(method, api("/" + id_ + "/resolve/main/" + path));
      EXPECT_TRUE(back.status == 200 || back.status == 302) << method << " " << path << " " << back.status;
      EXPECT_EQ(back.header("x-linked-etag"), "\"" + o->oid() + "\"") << method << " " << path;
      if (back.status == 200 && std::string(method) == "GET") EXPECT_EQ(back.body, o->content) << path;
    }
  }
}

// A server of its own: 2 MiB parts, so a 5 MiB object takes three (two spooled, one in memory),
// and a known signing key, so the test can sign an already-expired URL.
class LfsOwnServer : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new ServerProcess({.config_lines = {"lfs-multipart-chunk-mb = 2", "lfs-multipart-threshold-mb = 0",
                                                  "url-signing-key = lfs-test-key"}});
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }
  static ServerProcess* server_;
};
ServerProcess* LfsOwnServer::server_ = nullptr;

TEST_F(LfsOwnServer, MultipartUploadInThreeParts) {
  auto endpoint = server_->endpoint();
  auto id = "alice/" + unique_name("multipart");
  create_repo(endpoint, id);
  Object o{std::string((5 << 20) + 17, '\0')};
  for (size_t i = 0; i < o.content.size(); ++i) o.content[i] = char((i * 7919) % 251);

  auto answer = batch(endpoint, "/" + id, batch_body("upload", {o}));
  ASSERT_EQ(answer.status, 200) << answer.body;
  auto body = answer.json();
  EXPECT_EQ(body.at("transfer"), "multipart");
  auto& upload = only_object(body).at("actions").at("upload").as_object();
  auto& header = upload.at("header").as_object();
  ASSERT_EQ(header.at("chunk_size"), "2097152");
  ASSERT_EQ(header.size(), 4u);

  const size_t chunk = 2 << 20;
  json::array parts;
  for (int n = 3; n >= 1; --n) {  // order does not matter
    auto slice = o.content.substr(size_t(n - 1) * chunk, chunk);
    auto r = http("PUT", std::string(header.at(std::to_string(n)).as_string()), {kNoExpect}, slice);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.header("etag"), "\"" + sha256_hex(slice) + "\"");
    parts.push_back({{"partNumber", n}, {"etag", r.header("etag")}});
  }
  // A part of the wrong size is refused.
  EXPECT_EQ(http("PUT", std::string(header.at("1").as_string()), {kNoExpect}, "short").status, 400);

  auto completion_url = std::string(upload.at("href").as_string());
  auto missing = json::serialize(json::object{{"oid", o.oid()}, {"parts", json::array{parts[0], parts[1]}}});
  EXPECT_EQ(http("POST", completion_url, {kLfsType}, missing).status, 400);
  auto complete =
      http("POST", completion_url, {kLfsType}, json::serialize(json::object{{"oid", o.oid()}, {"parts", parts}}));
  ASSERT_EQ(complete.status, 200) << complete.body;

  auto after = batch(endpoint, "/" + id, batch_body("upload", {o}));
  EXPECT_FALSE(only_object(after.json()).contains("actions")) << after.body;
  auto download = batch(endpoint, "/" + id, batch_body("download", {o}));
  auto got = http_get(std::string(only_object(download.json()).at("actions").at("download").at("href").as_string()));
  EXPECT_EQ(got.status, 200);
  EXPECT_TRUE(got.body == o.content) << "downloaded bytes differ";
}

TEST_F(LfsOwnServer, ExpiredUrlIsForbidden) {
  auto endpoint = server_->endpoint();
  auto id = "alice/" + unique_name("expired");
  auto object_id = create_repo(endpoint, id);
  Object o{"too late"};
  server::SignedTransfer t;
  t.repo = object_id;
  t.oid = o.oid();
  t.size = o.size();
  t.expires = 1'000'000'000;  // 2001
  auto sig = server::UploadSigner("lfs-test-key").sign(t);
  auto url = endpoint + "/api/lfs-storage/" + object_id + "/" + o.oid() + "?size=" + std::to_string(o.size()) +
             "&expires=" + std::to_string(t.expires) + "&sig=" + sig;
  auto r = http("PUT", url, {}, o.content);
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(r.header("x-error-code"), "InvalidSignature");
  EXPECT_NE(r.body.find("expired"), std::string::npos) << r.body;
  // The same transfer signed to expire later is accepted: only the date was wrong.
  t.expires = 4'000'000'000;
  url = endpoint + "/api/lfs-storage/" + object_id + "/" + o.oid() + "?size=" + std::to_string(o.size()) +
        "&expires=" + std::to_string(t.expires) + "&sig=" + server::UploadSigner("lfs-test-key").sign(t);
  EXPECT_EQ(http("PUT", url, {}, o.content).status, 200);
}

}  // namespace
}  // namespace hfhub::testing
