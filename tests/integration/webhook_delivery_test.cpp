// Webhook delivery end to end (docs/webhooks.md#delivery): events from repo changes reach a
// receiver on loopback in the Hub's payload shape, failed deliveries (500s, timeouts) are retried
// with growing delays, a repo's deliveries keep their order, and the queue survives kill -9;
// https targets: delivered when the certificate verifies (webhook-ca-file), refused otherwise.
#include <gtest/gtest.h>

#include <filesystem>

#include "common/base64.h"
#include "raw_http.h"
#include "server_fixture.h"
#include "subprocess.h"
#include "webhook_receiver.h"

namespace hfhub::testing {
namespace {

namespace json = boost::json;
using namespace std::chrono_literals;

// A self-signed certificate for 127.0.0.1 and its key, made with the openssl command.
TlsIdentity make_tls_identity(const std::filesystem::path& dir, const std::string& name) {
  TlsIdentity id{(dir / (name + "-cert.pem")).string(), (dir / (name + "-key.pem")).string()};
  auto r = run({"/usr/bin/env", "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", id.key_file, "-out", id.cert_file, "-days", "2",
                "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return id;
}

// A server that may deliver to 127.0.0.1 (the default refuses loopback), with fast retries, and
// that trusts the certificate `trusted_` (webhook-ca-file) but not `stranger_`.
class WebhookDelivery : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    char tmpl[] = "/tmp/hfhub-webhook-tls-XXXXXX";
    tls_dir_ = mkdtemp(tmpl);
    trusted_ = make_tls_identity(tls_dir_, "trusted");
    stranger_ = make_tls_identity(tls_dir_, "stranger");
    server_ = new ServerProcess({.config_lines = {"webhook-allow = 127.0.0.1/32", "webhook-retry-base-ms = 150",
                                                  "webhook-timeout-ms = 700", "webhook-parallelism = 3",
                                                  "webhook-ca-file = " + trusted_.cert_file}});
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
    std::error_code ec;
    std::filesystem::remove_all(tls_dir_, ec);
  }

  static std::string url(const std::string& path) { return server_->endpoint() + path; }
  static RawResponse call(const std::string& method, const std::string& path, const std::string& body = "",
                          const char* token = Tokens::alice_write) {
    return http(method, url(path), {bearer(token), "Content-Type: application/json"}, body);
  }
  static std::string create_hook(const std::string& target, const json::array& watched,
                                 json::array domains = {"repo"}) {
    auto r = call("POST", "/api/settings/webhooks",
                  json::serialize(
                      json::object{{"url", target}, {"watched", watched}, {"domains", domains}, {"secret", "s3cr3t"}}));
    EXPECT_EQ(r.status, 200) << r.body;
    return std::string(r.json().at("webhook").at("id").as_string());
  }
  static std::string new_repo(const std::string& stem) {
    auto name = unique_name(stem);
    auto r = call("POST", "/api/repos/create", json::serialize(json::object{{"name", name}}));
    EXPECT_EQ(r.status, 200) << r.body;
    return "alice/" + name;
  }
  static std::string commit(const std::string& repo, const std::string& path, const std::string& content) {
    std::string body =
        json::serialize(json::object{{"key", "header"}, {"value", {{"summary", "c " + path}}}}) + "\n" +
        json::serialize(json::object{
            {"key", "file"}, {"value", {{"path", path}, {"content", base64_encode(content)}, {"encoding", "base64"}}}});
    auto r = http("POST", url("/api/models/" + repo + "/commit/main"),
                  {bearer(Tokens::alice_write), "Content-Type: application/x-ndjson"}, body);
    EXPECT_EQ(r.status, 200) << r.body;
    return std::string(r.json().at("commitOid").as_string());
  }
  static std::function<bool(const ReceivedHook&)> about(const std::string& repo, const std::string& scope = "") {
    return [=](const ReceivedHook& h) {
      auto* r = h.body.if_contains("repo");
      if (!r || r->at("name") != json::value(repo)) return false;
      return scope.empty() || h.body.at("event").at("scope") == json::value(scope);
    };
  }
  static json::array log_of(const std::string& hook) {
    return call("GET", "/api/settings/webhooks/" + hook + "/deliveries").json().as_array();
  }

  // The log of `hook` once its first entry satisfies `done` (or as it is after 10 s).
  static json::array log_when(const std::string& hook, const std::function<bool(const json::object&)>& done) {
    auto deadline = std::chrono::steady_clock::now() + 10s;
    while (true) {
      auto log = log_of(hook);
      if ((!log.empty() && done(log[0].as_object())) || std::chrono::steady_clock::now() > deadline) return log;
      std::this_thread::sleep_for(50ms);
    }
  }

  static ServerProcess* server_;
  static std::filesystem::path tls_dir_;
  static TlsIdentity trusted_, stranger_;
};
ServerProcess* WebhookDelivery::server_ = nullptr;
std::filesystem::path WebhookDelivery::tls_dir_;
TlsIdentity WebhookDelivery::trusted_, WebhookDelivery::stranger_;

TEST_F(WebhookDelivery, PayloadOfEachRepoScope) {
  WebhookReceiver receiver;
  auto hook = create_hook(receiver.url(), {json::object{{"type", "user"}, {"name", "alice"}}});
  auto repo = new_repo("wh-scopes");
  auto sha = commit(repo, "a.txt", "one");
  ASSERT_EQ(call("PUT", "/api/models/" + repo + "/settings", R"({"private": true})").status, 200);
  ASSERT_EQ(call("POST", "/api/models/" + repo + "/tag/main", R"({"tag": "v1"})").status, 200);
  auto moved = repo + "-moved";
  ASSERT_EQ(
      call("POST", "/api/repos/move", json::serialize(json::object{{"fromRepo", repo}, {"toRepo", moved}})).status,
      200);
  auto name = moved.substr(moved.find('/') + 1);
  ASSERT_EQ(call("DELETE", "/api/repos/delete", json::serialize(json::object{{"name", name}})).status, 200);

  auto got = receiver.wait_for(6, [&](const ReceivedHook& h) { return about(repo)(h) || about(moved)(h); });
  ASSERT_EQ(got.size(), 6u);
  auto event = [&](size_t i) { return json::serialize(got[i].body.at("event")); };
  EXPECT_EQ(event(0), R"({"action":"create","scope":"repo"})");
  EXPECT_EQ(event(1), R"({"action":"update","scope":"repo.content"})");
  EXPECT_EQ(event(2), R"({"action":"update","scope":"repo.config"})");
  EXPECT_EQ(event(3), R"({"action":"update","scope":"repo.content"})");
  EXPECT_EQ(event(4), R"({"action":"move","scope":"repo"})");
  EXPECT_EQ(event(5), R"({"action":"delete","scope":"repo"})");
  for (auto& h : got) {
    EXPECT_EQ(h.secret, "s3cr3t");
    EXPECT_EQ(h.content_type, "application/json");
    EXPECT_EQ(h.body.at("webhook"), (json::object{{"id", hook}, {"version", 3}}));
    auto& r = h.body.at("repo").as_object();
    EXPECT_EQ(r.at("type"), "model");
    EXPECT_TRUE(r.at("id").is_string() && r.at("owner").at("id").is_string());
    EXPECT_TRUE(r.at("url").at("web").is_string() && r.at("url").at("api").is_string());
  }
  auto& content = got[1].body;
  EXPECT_EQ(content.at("repo").at("headSha"), json::value(sha));
  EXPECT_EQ(content.at("updatedRefs").at(0).at("ref"), "refs/heads/main");
  EXPECT_EQ(content.at("updatedRefs").at(0).at("newSha"), json::value(sha));
  EXPECT_EQ(got[2].body.at("updatedConfig"), (json::object{{"private", true}}));
  EXPECT_EQ(got[2].body.at("repo").at("private"), true);
  EXPECT_EQ(got[3].body.at("updatedRefs").at(0).at("ref"), "refs/tags/v1");
  EXPECT_TRUE(got[3].body.at("updatedRefs").at(0).at("oldSha").is_null());
  EXPECT_EQ(got[4].body.at("movedTo").at("name"), json::value(moved));
  EXPECT_EQ(got[4].body.at("repo").at("name"), json::value(repo));
  call("DELETE", "/api/settings/webhooks/" + hook);
}

// A comment that comes with a status change is published as a comment too.
TEST_F(WebhookDelivery, ACommentWithAStatusChangeIsItsOwnEvent) {
  WebhookReceiver receiver;
  auto hook = create_hook(receiver.url(), {json::object{{"type", "user"}, {"name", "alice"}}}, {"discussion"});
  auto repo = new_repo("wh-status-comment");
  auto opened = call("POST", "/api/models/" + repo + "/discussions", R"({"title": "A question"})");
  ASSERT_EQ(opened.status, 200) << opened.body;
  auto num = std::to_string(opened.json().at("num").as_int64());
  auto closed = call("POST", "/api/models/" + repo + "/discussions/" + num + "/status",
                     R"({"status": "closed", "comment": "Answered, closing"})");
  ASSERT_EQ(closed.status, 200) << closed.body;

  auto got = receiver.wait_for(3, about(repo));
  ASSERT_EQ(got.size(), 3u);
  auto event = [&](size_t i) { return json::serialize(got[i].body.at("event")); };
  EXPECT_EQ(event(0), R"({"action":"create","scope":"discussion"})");
  EXPECT_EQ(event(1), R"({"action":"update","scope":"discussion"})");
  EXPECT_EQ(event(2), R"({"action":"create","scope":"discussion.comment"})");
  EXPECT_EQ(got[1].body.at("discussion").at("status"), "closed");
  EXPECT_EQ(got[2].body.at("comment").at("content"), "Answered, closing");
  call("DELETE", "/api/settings/webhooks/" + hook);
}

TEST_F(WebhookDelivery, RetriesAfter500sWithGrowingDelays) {
  WebhookReceiver receiver;
  std::atomic<int> calls{0};
  receiver.answer_with([&](const ReceivedHook&) { return HookAnswer{++calls <= 3 ? 500 : 200}; });
  auto repo = new_repo("wh-retry");
  auto hook = create_hook(receiver.url(), {json::object{{"type", "model"}, {"name", repo}}});
  commit(repo, "a.txt", "x");
  auto got = receiver.wait_for(4, about(repo, "repo.content"));
  ASSERT_EQ(got.size(), 4u);
  // Backoff: 150 ms, then 300, then 600 (docs/webhooks.md#retries).
  auto gap = [&](size_t i) { return got[i + 1].at - got[i].at; };
  EXPECT_GE(gap(0), 140ms);
  EXPECT_GE(gap(1), 280ms);
  EXPECT_GE(gap(2), 560ms);
  EXPECT_GT(gap(2), gap(0));
  std::this_thread::sleep_for(200ms);
  auto log = log_of(hook);
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(log[0].at("status"), "delivered");
  EXPECT_EQ(log[0].at("attempts"), 4);
  EXPECT_EQ(log[0].at("responseCode"), 200);
  call("DELETE", "/api/settings/webhooks/" + hook);
}

TEST_F(WebhookDelivery, RetriesAfterTimeoutsAndConnectionRefused) {
  WebhookReceiver receiver;
  std::atomic<int> calls{0};
  receiver.answer_with([&](const ReceivedHook&) { return ++calls == 1 ? HookAnswer{200, 1500ms} : HookAnswer{200}; });
  auto repo = new_repo("wh-timeout");
  auto hook = create_hook(receiver.url(), {json::object{{"type", "model"}, {"name", repo}}});
  commit(repo, "a.txt", "x");
  auto got = receiver.wait_for(2, about(repo, "repo.content"));
  ASSERT_EQ(got.size(), 2u);
  EXPECT_GE(got[1].at - got[0].at, 700ms);  // the first attempt timed out at 700 ms
  std::this_thread::sleep_for(200ms);
  auto log = log_of(hook);
  EXPECT_EQ(log[0].at("status"), "delivered");
  EXPECT_EQ(log[0].at("attempts"), 2);

  // A port nobody listens on: refused connections are retried too, and logged.
  std::string dead;
  {
    WebhookReceiver gone;
    dead = gone.url();
  }
  auto repo2 = new_repo("wh-refused");
  auto hook2 = create_hook(dead, {json::object{{"type", "model"}, {"name", repo2}}});
  commit(repo2, "a.txt", "x");
  std::this_thread::sleep_for(1000ms);
  auto log2 = log_of(hook2);
  ASSERT_EQ(log2.size(), 1u);
  EXPECT_EQ(log2[0].at("status"), "pending");
  EXPECT_GE(log2[0].at("attempts").as_int64(), 2);
  EXPECT_TRUE(log2[0].at("responseCode").is_null());
  EXPECT_NE(std::string(log2[0].at("error").as_string()).find("connect"), std::string::npos);
  call("DELETE", "/api/settings/webhooks/" + hook);
  call("DELETE", "/api/settings/webhooks/" + hook2);
}

TEST_F(WebhookDelivery, OneRepoInOrderOthersNotHeldUp) {
  WebhookReceiver receiver;
  auto slow = new_repo("wh-order");
  auto other = new_repo("wh-order-other");
  std::atomic<int> failures{0};
  // The first delivery of `slow` fails 4 times (retries 150 + 300 + 600 + 1200 ms later): the next
  // ones of that repo wait behind it, the other repo's do not.
  receiver.answer_with(
      [&](const ReceivedHook& h) { return HookAnswer{about(slow, "repo.content")(h) && failures++ < 4 ? 500 : 200}; });
  auto hook = create_hook(receiver.url(), {json::object{{"type", "user"}, {"name", "alice"}}});
  std::vector<std::string> shas{commit(slow, "f0", "0")};
  commit(other, "g", "x");
  for (int i = 1; i < 5; ++i) shas.push_back(commit(slow, "f" + std::to_string(i), std::to_string(i)));
  auto got = receiver.wait_for(9, about(slow, "repo.content"));
  ASSERT_EQ(got.size(), 9u);  // 4 failed attempts, then 5 in order
  for (size_t i = 0; i < 5; ++i)
    EXPECT_EQ(got[i + 4].body.at("updatedRefs").at(0).at("newSha"), json::value(shas[i])) << i;
  auto others = receiver.wait_for(1, about(other, "repo.content"));
  ASSERT_EQ(others.size(), 1u);
  EXPECT_LT(others[0].at, got[4].at);
  call("DELETE", "/api/settings/webhooks/" + hook);
}

TEST_F(WebhookDelivery, QueueSurvivesKill9) {
  WebhookReceiver receiver;
  std::atomic<bool> up{false};
  receiver.answer_with([&](const ReceivedHook&) { return HookAnswer{up ? 200 : 503}; });
  auto repo = new_repo("wh-crash");
  auto hook = create_hook(receiver.url(), {json::object{{"type", "model"}, {"name", repo}}});
  std::vector<std::string> shas;
  for (int i = 0; i < 3; ++i) shas.push_back(commit(repo, "f" + std::to_string(i), std::to_string(i)));
  server_->crash_and_restart();  // SIGKILL: nothing is flushed on the way out
  auto restarted = std::chrono::steady_clock::now();
  up = true;
  // Every commit is delivered after the restart (at least once).
  auto after = [&](const std::string& sha) {
    return [&, sha](const ReceivedHook& h) {
      return h.at >= restarted && about(repo, "repo.content")(h) &&
             h.body.at("updatedRefs").at(0).at("newSha") == json::value(sha);
    };
  };
  for (auto& sha : shas) EXPECT_EQ(receiver.wait_for(1, after(sha), 30s).size(), 1u) << sha;
  std::this_thread::sleep_for(300ms);
  for (auto& d : log_of(hook)) EXPECT_EQ(d.at("status"), "delivered");
  call("DELETE", "/api/settings/webhooks/" + hook);
}

TEST_F(WebhookDelivery, DisabledAndRedelivered) {
  WebhookReceiver receiver;
  auto repo = new_repo("wh-disabled");
  auto hook = create_hook(receiver.url(), {json::object{{"type", "model"}, {"name", repo}}});
  ASSERT_EQ(call("POST", "/api/settings/webhooks/" + hook + "/disable").status, 200);
  commit(repo, "a", "x");
  std::this_thread::sleep_for(800ms);
  EXPECT_TRUE(receiver.wait_for(1, about(repo), 10ms).empty());
  ASSERT_EQ(call("POST", "/api/settings/webhooks/" + hook + "/enable").status, 200);
  commit(repo, "b", "y");
  ASSERT_EQ(receiver.wait_for(1, about(repo)).size(), 1u);
  std::this_thread::sleep_for(200ms);
  auto log = log_of(hook);
  ASSERT_EQ(log.size(), 1u);
  // Redelivery by the owner's route, then by the admin command.
  auto id = std::to_string(log[0].at("id").as_int64());
  ASSERT_EQ(call("POST", "/api/settings/webhooks/" + hook + "/deliveries/" + id + "/redeliver").status, 200);
  ASSERT_EQ(receiver.wait_for(2, about(repo)).size(), 2u);
  auto r = admin(server_->data_dir(), {"webhooks", "redeliver", id});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ASSERT_EQ(receiver.wait_for(3, about(repo), 5s).size(), 3u);
  EXPECT_EQ(admin(server_->data_dir(), {"webhooks", "log", hook}).exit_code, 0);
  // Another user cannot redeliver it.
  EXPECT_EQ(call("POST", "/api/settings/webhooks/" + hook + "/deliveries/" + id + "/redeliver", "", Tokens::carol_write)
                .status,
            404);
  call("DELETE", "/api/settings/webhooks/" + hook);
}

TEST_F(WebhookDelivery, HttpsToACertificateTheServerTrusts) {
  WebhookReceiver receiver(trusted_);
  ASSERT_TRUE(receiver.url().starts_with("https://127.0.0.1:"));
  auto hook = create_hook(receiver.url("/secure"), {json::object{{"type", "user"}, {"name", "alice"}}});
  auto repo = new_repo("wh-https");
  auto got = receiver.wait_for(1, about(repo, "repo"));
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].path, "/secure");
  EXPECT_EQ(got[0].secret, "s3cr3t");
  EXPECT_EQ(got[0].content_type, "application/json");
  EXPECT_EQ(json::serialize(got[0].body.at("event")), R"({"action":"create","scope":"repo"})");
  EXPECT_EQ(got[0].body.at("webhook"), (json::object{{"id", hook}, {"version", 3}}));
  EXPECT_EQ(got[0].body.at("repo").at("name"), json::value(repo));
  auto log = log_when(hook, [](const json::object& d) { return d.at("status") == "delivered"; });
  ASSERT_FALSE(log.empty());
  EXPECT_EQ(log[0].at("status"), "delivered");
  EXPECT_EQ(log[0].at("responseCode"), 200);
  EXPECT_EQ(receiver.failed_handshakes(), 0);
  call("DELETE", "/api/settings/webhooks/" + hook);
}

// A certificate that does not verify: no byte of the payload is sent, the attempt is logged as
// failed with the TLS error, and the delivery stays queued for its retries.
TEST_F(WebhookDelivery, HttpsToACertificateThatDoesNotVerifyIsRefused) {
  WebhookReceiver receiver(stranger_);
  auto repo = new_repo("wh-https-untrusted");
  auto hook = create_hook(receiver.url(), {json::object{{"type", "model"}, {"name", repo}}});
  commit(repo, "a.txt", "x");
  auto log = log_when(hook, [](const json::object& d) { return d.at("attempts").as_int64() >= 2; });
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(log[0].at("status"), "pending");
  EXPECT_GE(log[0].at("attempts").as_int64(), 2);
  EXPECT_TRUE(log[0].at("responseCode").is_null());
  std::string error(log[0].at("error").as_string());
  EXPECT_NE(error.find("TLS handshake failed"), std::string::npos) << error;
  EXPECT_NE(error.find("certificate verify failed"), std::string::npos) << error;
  EXPECT_TRUE(receiver.received().empty());
  EXPECT_GE(receiver.failed_handshakes(), 2);
  call("DELETE", "/api/settings/webhooks/" + hook);
}

}  // namespace
}  // namespace hfhub::testing
