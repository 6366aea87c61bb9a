#pragma once
// How every layer of the server refuses a request: an error kind, a message, and the extra body
// fields and headers the Hub sends with some answers. The HTTP layer alone decides the status and
// X-Error-Code of each kind (http/error_table.cpp), so services never name an HTTP status.
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hfhub::server {

// One kind per (status, X-Error-Code) pair the server answers with. Where the Hub uses one code
// with several statuses, each status is its own kind, so the wire stays exactly as clients expect.
enum class ErrorKind {
  BadRequest,              // 400 BadRequest: malformed input that is not a named parameter
  InvalidParameter,        // 400 InvalidParameter
  UnsupportedParameter,    // 409 InvalidParameter: a value the LFS batch API does not support
  UnprocessableParameter,  // 422 InvalidParameter: an LFS batch body the Hub refuses
  InvalidJson,             // 400 InvalidJson
  InvalidPath,             // 400 InvalidPath: a path a read cannot name
  UnprocessablePath,       // 422 InvalidPath: a path the Hub refuses to write (commits, preupload)
  InvalidRepoId,           // 400 InvalidRepoId
  InvalidRepoType,         // 400 InvalidRepoType
  InvalidRevision,         // 400 InvalidRevision: a malformed branch or tag name
  LfsObjectMissing,        // 400 LfsObjectNotFound: a commit names an object never uploaded
  XetInvalidXorb,          // 400 XetInvalidXorb: a xorb that does not decode or hash to its name
  XetInvalidShard,         // 400 XetInvalidShard: a shard that does not parse or verify
  RepoNotGated,            // 400 RepoNotGated: gated repos (docs/gated.md), reviewing a repo that is not gated
  // Webhooks (docs/webhooks.md):
  WebhookTargetForbidden,  // 400 WebhookTargetForbidden: a URL that is not http(s) or not an allowed target
  Unauthorized,            // 401 Unauthorized
  RepoNotFoundAnonymous,   // 401 RepoNotFound: asks an anonymous caller to sign in
  GatedRepoAnonymous,      // 401 GatedRepo
  XetTokenInvalid,         // 401 XetTokenInvalid: a missing, forged or expired Xet token
  Forbidden,               // 403 Forbidden
  GatedRepo,               // 403 GatedRepo
  InvalidSignature,        // 403 InvalidSignature: a signed upload URL that does not verify
  XetTokenScope,           // 403 XetTokenScope: a Xet read token used to write
  XetTransferInvalid,      // 403 XetTransferInvalid: a tampered or expired Xet transfer URL
  NotFound,                // 404 NotFound: no route
  RepoNotFound,            // 404 RepoNotFound
  RevisionNotFound,        // 404 RevisionNotFound
  EntryNotFound,           // 404 EntryNotFound
  LfsObjectNotFound,       // 404 LfsObjectNotFound
  XetNotFound,             // 404 XetNotFound: a file, chunk or xorb the token may not reach or that is unknown
  MethodNotAllowed,        // 405 MethodNotAllowed
  Conflict,                // 409 Conflict: a commit the tree cannot take
  RepoExists,              // 409 RepoExists
  RefExists,               // 409 RefAlreadyExists
  PreconditionFailed,      // 412 PreconditionFailed: parentCommit is not the head
  PayloadTooLarge,         // 413 PayloadTooLarge
  RangeNotSatisfiable,     // 416 RangeNotSatisfiable
  RateLimited,             // 429 RateLimited
  HeaderFieldsTooLarge,    // 431 RequestHeaderFieldsTooLarge
  Internal,                // 500 InternalError: an unexpected failure
  NotImplemented,          // 501 NotImplemented
  StoreUnavailable,        // 503 InternalError: the metadata store or the spool cannot serve now
  ServiceUnavailable,      // 503 ServiceUnavailable: the server is busy
  InsufficientStorage,     // 507 InsufficientStorage
};

class DomainError : public std::runtime_error {
 public:
  // An empty message stands for the kind's default message (see http/error_table.cpp).
  explicit DomainError(ErrorKind kind, std::string message = {})
      : std::runtime_error(std::move(message)), kind_(kind) {}

  ErrorKind kind() const { return kind_; }
  // Extra top-level string fields of the JSON body, e.g. the `url` of an existing repo.
  DomainError& with_field(std::string key, std::string value) {
    fields_.emplace_back(std::move(key), std::move(value));
    return *this;
  }
  // Headers the answer carries, e.g. X-Repo-Commit on a missing entry, Retry-After on 429.
  DomainError& with_header(std::string name, std::string value) {
    headers_.emplace_back(std::move(name), std::move(value));
    return *this;
  }
  const std::vector<std::pair<std::string, std::string>>& fields() const { return fields_; }
  const std::vector<std::pair<std::string, std::string>>& headers() const { return headers_; }

 private:
  ErrorKind kind_;
  std::vector<std::pair<std::string, std::string>> fields_;
  std::vector<std::pair<std::string, std::string>> headers_;
};

// The Hub's answers for a missing revision and for a missing file (with the commit it was looked
// up in), worded the same wherever they are raised.
inline DomainError revision_not_found(std::string_view revision) {
  return DomainError(ErrorKind::RevisionNotFound, "Invalid rev id: " + std::string(revision));
}
// Python caches a missing file as missing *at this commit* (.no_exist/<commit>/<path>), so the
// 404 must name the commit (docs/hub-behaviour.md#missing-files-name-the-commit).
inline DomainError entry_not_found(const std::string& commit, std::string message = "Entry not found") {
  return std::move(DomainError(ErrorKind::EntryNotFound, std::move(message)).with_header("X-Repo-Commit", commit));
}

// A repo asked for by an id it had before a move. Not a failure: the HTTP layer answers 307 with
// the new id in a relative Location.
class RepoMoved : public std::runtime_error {
 public:
  RepoMoved(std::string from, std::string to)
      : std::runtime_error("repo " + from + " moved to " + to), from_(std::move(from)), to_(std::move(to)) {}
  const std::string& from() const { return from_; }
  const std::string& to() const { return to_; }

 private:
  std::string from_;
  std::string to_;
};

}  // namespace hfhub::server
