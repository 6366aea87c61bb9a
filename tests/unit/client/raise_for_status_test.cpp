#include "client/http/raise_for_status.h"

#include <gtest/gtest.h>

#include "scripted_transport.h"

namespace hfhub::client {

using testing::response;

namespace {

const char* kRepoUrl = "https://hub.example/api/models/org/repo";

template <class E>
E raised(const HttpResponse& r, const char* url = kRepoUrl) {
  try {
    raise_for_status(r, url);
  } catch (const E& e) {
    return e;
  } catch (const std::exception& e) {
    ADD_FAILURE() << "unexpected exception type: " << typeid(e).name() << ": " << e.what();
    throw;
  }
  ADD_FAILURE() << "nothing thrown for status " << r.status;
  throw std::logic_error("no exception");
}

}  // namespace

TEST(RaiseForStatus, SuccessAndRedirectsDoNotThrow) {
  EXPECT_NO_THROW(raise_for_status(response(200), kRepoUrl));
  EXPECT_NO_THROW(raise_for_status(response(302), kRepoUrl));
}

TEST(RaiseForStatus, ErrorCodesWinOverStatus) {
  raised<RevisionNotFoundError>(response(404, "", {{"X-Error-Code", "RevisionNotFound"}}));
  raised<EntryNotFoundError>(response(404, "", {{"x-error-code", "EntryNotFound"}}));
  raised<RepositoryNotFoundError>(response(404, "", {{"X-Error-Code", "RepoNotFound"}}));
  // A RepoNotFound code on a 401 is still a missing repo, not an auth error.
  raised<RepositoryNotFoundError>(response(401, "", {{"X-Error-Code", "RepoNotFound"}}), "http://h/api/x");
}

TEST(RaiseForStatus, GatedIsARepositoryNotFoundSubclass) {
  auto e = raised<GatedRepoError>(response(403, "", {{"X-Error-Code", "GatedRepo"}}));
  const RepositoryNotFoundError& base = e;
  EXPECT_EQ(base.status(), 403);
  EXPECT_EQ(e.error_code(), "GatedRepo");
}

TEST(RaiseForStatus, DisabledRepo) {
  raised<DisabledRepoError>(response(403, "", {{"X-Error-Message", "Access to this resource is disabled."}}));
}

TEST(RaiseForStatus, Bare401OnHttpsRepoUrlIsRepoNotFoundLikePython) {
  raised<RepositoryNotFoundError>(response(401));
  raised<RepositoryNotFoundError>(response(401), "https://h/org/repo/resolve/main/config.json");
}

TEST(RaiseForStatus, InvalidCredentialsOrNonRepoUrlIsUnauthorized) {
  raised<UnauthorizedError>(response(401, "", {{"X-Error-Message", "Invalid credentials in Authorization header"}}));
  raised<UnauthorizedError>(response(401), "https://h/api/whoami-v2");
  raised<UnauthorizedError>(response(401), "http://plain.http/api/models/org/repo");
}

TEST(RaiseForStatus, StatusClasses) {
  raised<BadRequestError>(response(400));
  raised<ConflictError>(response(409, R"({"error":"You already created this model repo","url":"x"})"));
  auto e = raised<HfHubHttpError>(response(500));
  EXPECT_EQ(e.status(), 500);
  EXPECT_EQ(typeid(e), typeid(HfHubHttpError));
  raised<HfHubHttpError>(response(403));
}

TEST(RaiseForStatus, RateLimitedCarriesWaitAndRemaining) {
  auto e = raised<RateLimitedError>(response(429, "", {{"RateLimit", R"("api";r=0;t=187)"}}));
  EXPECT_EQ(e.retry_after_seconds(), 187);
  EXPECT_EQ(e.remaining(), 0);
  auto e2 = raised<RateLimitedError>(response(429, "", {{"Retry-After", "30"}}));
  EXPECT_EQ(e2.retry_after_seconds(), 30);
  EXPECT_FALSE(e2.remaining());
}

TEST(RaiseForStatus, DetailsRequestIdAndMessage) {
  auto e = raised<RepositoryNotFoundError>(
      response(404, R"({"error":"Repository not found"})",
               {{"X-Error-Code", "RepoNotFound"}, {"X-Amzn-Trace-Id", "Root=1"}, {"X-Request-Id", "req-9"}}));
  EXPECT_EQ(e.request_id(), "req-9");
  EXPECT_EQ(e.server_message(), "Repository not found");
  EXPECT_EQ(e.url(), kRepoUrl);
  EXPECT_NE(std::string(e.what()).find("req-9"), std::string::npos);
  auto t = raised<HfHubHttpError>(response(500, "", {{"X-Amzn-Trace-Id", "Root=7"}}));
  EXPECT_EQ(t.request_id(), "Root=7");
}

TEST(ServerMessage, ExtractionOrder) {
  EXPECT_EQ(extract_server_message(response(400, R"({"error":"a"})", {{"X-Error-Message", "header wins"}})),
            "header wins");
  EXPECT_EQ(extract_server_message(response(400, R"({"error":"bad","error_description":"why"})")), "bad\nwhy");
  EXPECT_EQ(extract_server_message(response(400, R"({"error":["x","y"]})")), "x\ny");
  EXPECT_EQ(extract_server_message(response(400, R"({"message":"m"})")), "m");
  EXPECT_EQ(extract_server_message(response(400, R"({"errors":[{"message":"e1"},{"message":"e2"}]})")), "e1\ne2");
  EXPECT_EQ(extract_server_message(response(502, "upstream down")), "upstream down");
  EXPECT_EQ(extract_server_message(response(502, "<html>bad gateway</html>", {{"Content-Type", "text/html"}})), "");
}

}  // namespace hfhub::client
