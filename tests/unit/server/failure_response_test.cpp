#include "server/app/failure_response.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "server/git/git_error.h"
#include "server/http/error_table.h"
#include "server/model/domain_error.h"
#include "server/stores/store_error.h"

namespace hfhub::server {
namespace {

template <class E>
Response answer_to(const E& error, std::string path = "/api/models/a/b", std::string query = "") {
  Request request;
  request.path = std::move(path);
  request.query_string = std::move(query);
  request.request_id = "req-7";
  try {
    throw error;
  } catch (...) {
    return failure_response(request);
  }
}

std::string error_of(const Response& r) { return std::string(boost::json::parse(r.body).at("error").as_string()); }

// A failed pack write or any other unexpected git failure is the server's fault: 500, and the
// libgit2 text (which may name server paths) stays in the log.
TEST(FailureResponse, AnUnexpectedGitErrorIs500NotConflict) {
  auto r = answer_to(GitError("failed to write pack: /srv/data/repos/x.git: No space left"));
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(r.header("X-Error-Code"), "InternalError");
  EXPECT_EQ(error_of(r).find("/srv"), std::string::npos);
  EXPECT_NE(error_of(r).find("req-7"), std::string::npos);
}

TEST(FailureResponse, StoreErrorsAre503AndUnknownThrowsAre500) {
  auto store = answer_to(StoreError("database is locked"));
  EXPECT_EQ(store.status, 503);
  EXPECT_EQ(store.header("X-Error-Code"), "InternalError");
  EXPECT_EQ(answer_to(42).status, 500);
}

TEST(FailureResponse, RepoMovedRedirectsKeepingTheQuery) {
  auto r = answer_to(RepoMoved("alice/old", "alice/new"), "/api/models/alice/old/revision/main", "expand=sha");
  EXPECT_EQ(r.status, 307);
  EXPECT_EQ(r.header("Location"), "/api/models/alice/new/revision/main?expand=sha");
}

TEST(FailureResponse, DomainErrorsCarryTheirKindsStatusCodeFieldsAndHeaders) {
  auto r = answer_to(entry_not_found("abc123"));
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.header("X-Error-Code"), "EntryNotFound");
  EXPECT_EQ(r.header("X-Repo-Commit"), "abc123");
  EXPECT_EQ(error_of(r), "Entry not found");
  auto exists = answer_to(DomainError(ErrorKind::RepoExists, "taken").with_field("url", "http://h/a/b"));
  EXPECT_EQ(exists.status, 409);
  EXPECT_EQ(boost::json::parse(exists.body).at("url").as_string(), "http://h/a/b");
}

// One X-Error-Code, three statuses: each is its own kind, so the wire stays as it was.
TEST(ErrorTable, InvalidParameterKeepsItsThreeStatuses) {
  EXPECT_EQ(error_spec(ErrorKind::InvalidParameter).status, 400);
  EXPECT_EQ(error_spec(ErrorKind::UnsupportedParameter).status, 409);
  EXPECT_EQ(error_spec(ErrorKind::UnprocessableParameter).status, 422);
  for (auto kind : {ErrorKind::InvalidParameter, ErrorKind::UnsupportedParameter, ErrorKind::UnprocessableParameter})
    EXPECT_EQ(error_spec(kind).code, "InvalidParameter");
}

TEST(ErrorTable, AnEmptyMessageTakesTheKindsDefault) {
  auto r = answer_to(DomainError(ErrorKind::NotFound));
  EXPECT_EQ(error_of(r), "Sorry, we can't find the page you are looking for.");
  EXPECT_EQ(r.header("X-Error-Message"), "Sorry, we can't find the page you are looking for.");
  EXPECT_EQ(error_message(DomainError(ErrorKind::Internal)), "Internal error");
}

}  // namespace
}  // namespace hfhub::server
