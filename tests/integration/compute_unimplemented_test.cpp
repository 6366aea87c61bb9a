// The compute routes (docs/compute.md): every path HfApi calls for Jobs, scheduled Jobs, Inference
// Endpoints and the Inference Catalog answers 501 NotImplemented to a signed-in caller, 401 to an
// anonymous one, through the one error table; hfhub's own client sees NotImplemented as HfHubHttpError.
#include <gtest/gtest.h>

#include "hfhub/hf_api.h"
#include "raw_http.h"
#include "server_fixture.h"

namespace hfhub::testing {
namespace {

struct Probe {
  const char* method;
  const char* path;
};

constexpr Probe kProbes[] = {
    {"GET", "/api/jobs/hardware"},
    {"POST", "/api/jobs/alice"},
    {"GET", "/api/jobs/alice"},
    {"GET", "/api/jobs/alice/687f0000000000000000abcd"},
    {"POST", "/api/jobs/alice/687f0000000000000000abcd/cancel"},
    {"GET", "/api/jobs/alice/687f0000000000000000abcd/logs"},
    {"GET", "/api/jobs/alice/687f0000000000000000abcd/metrics"},
    {"POST", "/api/jobs/alice/687f0000000000000000abcd/duplicate"},
    {"PUT", "/api/jobs/alice/687f0000000000000000abcd/labels"},
    {"POST", "/api/scheduled-jobs/alice"},
    {"GET", "/api/scheduled-jobs/acme"},
    {"GET", "/api/scheduled-jobs/alice/s1"},
    {"DELETE", "/api/scheduled-jobs/alice/s1"},
    {"POST", "/api/scheduled-jobs/alice/s1/suspend"},
    {"POST", "/api/scheduled-jobs/alice/s1/resume"},
    {"GET", "/v2/endpoint/alice"},
    {"POST", "/v2/endpoint/alice"},
    {"GET", "/v2/endpoint/alice/my-endpoint"},
    {"PUT", "/v2/endpoint/alice/my-endpoint"},
    {"DELETE", "/v2/endpoint/alice/my-endpoint"},
    {"POST", "/v2/endpoint/alice/my-endpoint/pause"},
    {"POST", "/v2/endpoint/alice/my-endpoint/resume"},
    {"POST", "/v2/endpoint/alice/my-endpoint/scale-to-zero"},
    {"GET", "/v2/provider/alice"},
    {"GET", "/api/v1/catalog/list"},
    {"POST", "/api/v1/catalog/model/openai-community/gpt2/deploy"},
    {"POST", "/api/v1/catalog/recipe/r1/deploy"},
};

TEST(ComputeUnimplemented, EveryRouteAnswers501WithTheReason) {
  for (const auto& p : kProbes) {
    auto r = http(p.method, shared_server().endpoint() + p.path,
                  {bearer(Tokens::alice_write), "Content-Type: application/json"}, p.method[0] == 'G' ? "" : "{}");
    EXPECT_EQ(r.status, 501) << p.method << " " << p.path << " " << r.body;
    EXPECT_EQ(r.header("x-error-code"), "NotImplemented") << p.path;
    EXPECT_NE(r.body.find("hfhubd has no compute"), std::string::npos) << p.path << " " << r.body;
  }
}

TEST(ComputeUnimplemented, AnonymousCallersAreAskedToSignInFirst) {
  for (const auto& p : kProbes) {
    auto r = http(p.method, shared_server().endpoint() + p.path);
    EXPECT_EQ(r.status, 401) << p.method << " " << p.path;
  }
}

TEST(ComputeUnimplemented, ReadTokensGetThe501Too) {
  // Nothing is written, so a read token is not refused: the answer is the same 501.
  auto r = http("GET", shared_server().endpoint() + "/api/jobs/alice", {bearer(Tokens::alice_read)});
  EXPECT_EQ(r.status, 501);
}

TEST(ComputeUnimplemented, UnknownComputePathsStay404) {
  auto r = http("GET", shared_server().endpoint() + "/api/jobs/alice/x/nonsense", {bearer(Tokens::alice_write)});
  EXPECT_EQ(r.status, 404);
}

TEST(ComputeUnimplemented, TheClientRaisesHfHubHttpErrorWith501) {
  auto api = client(Tokens::alice_write);
  try {
    api.list_jobs({.namespace_ = "alice"});
    FAIL() << "expected an error";
  } catch (const HfHubHttpError& e) {
    EXPECT_EQ(e.status(), 501);
    EXPECT_NE(std::string(e.what()).find("no compute"), std::string::npos) << e.what();
  }
  EXPECT_THROW(api.get_inference_endpoint("my-endpoint", {.namespace_ = "alice"}), HfHubHttpError);
  EXPECT_THROW(api.list_inference_catalog(), HfHubHttpError);
}

TEST(ComputeUnimplemented, TheCliSaysSo) {
  auto r = cli({"jobs", "ps", "--namespace", "alice"}, Tokens::alice_write);
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("no compute"), std::string::npos) << r.err;
  r = cli({"endpoints", "ls", "--namespace", "alice"}, Tokens::alice_write);
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("no compute"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace hfhub::testing
