#pragma once
// The exceptions libhfhub throws. Every failure is an HfHubError; failures the server answered
// with an HTTP status >= 400 are HfHubHttpError (or one of its subclasses, chosen like Python's
// huggingface_hub `hf_raise_for_status`, see docs in raise_for_status.h).
//
//   HfHubError                      any libhfhub failure
//   ├── NetworkError                no HTTP answer (DNS, connect, TLS, timeout, reset)
//   ├── OfflineModeError            a request was attempted with HF_HUB_OFFLINE=1
//   ├── CancelledError              ClientOptions::cancelled() turned true during a call
//   ├── InvalidResponseError        the server answered 2xx with a body we cannot parse
//   ├── LocalEntryNotFoundError     not in the cache, and the network is off or unreachable
//   ├── ChecksumMismatchError       downloaded bytes do not match the etag (sha256 / git sha1) or size
//   ├── SafetensorsParsingError     a file's safetensors header is missing, too big or malformed
//   ├── NotASafetensorsRepoError    neither model.safetensors nor its sharded index exists
//   └── HfHubHttpError              status >= 400
//       ├── RepositoryNotFoundError X-Error-Code: RepoNotFound (or a bare 401 on a repo URL)
//       │   └── GatedRepoError      X-Error-Code: GatedRepo
//       ├── RevisionNotFoundError   X-Error-Code: RevisionNotFound
//       ├── EntryNotFoundError      X-Error-Code: EntryNotFound
//       ├── DisabledRepoError       X-Error-Message: "Access to this resource is disabled."
//       ├── UnauthorizedError       other 401 (e.g. invalid token)
//       ├── BadRequestError         400
//       ├── ConflictError           409
//       └── RateLimitedError        429
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>

namespace hfhub {

class HfHubError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class NetworkError : public HfHubError {
 public:
  using HfHubError::HfHubError;
};

class OfflineModeError : public HfHubError {
 public:
  using HfHubError::HfHubError;
};

class CancelledError : public HfHubError {
 public:
  using HfHubError::HfHubError;
};

class InvalidResponseError : public HfHubError {
 public:
  using HfHubError::HfHubError;
};

// Like Python's SafetensorsParsingError: the bytes of a .safetensors file do not start with a
// valid header (length prefix <= 25,000,000, then a JSON object of tensors).
class SafetensorsParsingError : public HfHubError {
 public:
  using HfHubError::HfHubError;
};

// Like Python's NotASafetensorsRepoError: get_safetensors_metadata found neither
// model.safetensors nor model.safetensors.index.json at the revision.
class NotASafetensorsRepoError : public HfHubError {
 public:
  using HfHubError::HfHubError;
};

// The file is not in the local cache and could not be fetched: HF_HUB_OFFLINE,
// local_files_only, or the Hub was unreachable (as Python's LocalEntryNotFoundError).
class LocalEntryNotFoundError : public HfHubError {
 public:
  using HfHubError::HfHubError;
};

// A download whose content does not hash to its etag, or has the wrong size. The partial file
// was deleted; nothing was put in the cache.
class ChecksumMismatchError : public HfHubError {
 public:
  ChecksumMismatchError(const std::string& message, std::string expected, std::string actual)
      : HfHubError(message), expected_(std::move(expected)), actual_(std::move(actual)) {}
  const std::string& expected() const { return expected_; }
  const std::string& actual() const { return actual_; }

 private:
  std::string expected_;
  std::string actual_;
};

// What the server told us about a failed request.
struct HttpErrorDetails {
  int status = 0;
  std::string url;             // the request URL
  std::string server_message;  // X-Error-Message, else JSON error/message (+error_description), else text
  std::string request_id;      // X-Request-Id, else X-Amzn-Trace-Id, else X-Amz-Cf-Id
  std::string error_code;      // X-Error-Code ("RepoNotFound", ...), empty if absent
  std::string body;            // the response body, at most 64 KiB (e.g. the `url` of a 409)
  std::string repo_commit;     // X-Repo-Commit (an EntryNotFound on /resolve/ names the commit)
};

class HfHubHttpError : public HfHubError {
 public:
  explicit HfHubHttpError(HttpErrorDetails details, const std::string& summary = "");

  int status() const { return details_.status; }
  const std::string& url() const { return details_.url; }
  const std::string& server_message() const { return details_.server_message; }
  const std::string& request_id() const { return details_.request_id; }
  const std::string& error_code() const { return details_.error_code; }
  const HttpErrorDetails& details() const { return details_; }

 private:
  HttpErrorDetails details_;
};

class RepositoryNotFoundError : public HfHubHttpError {
 public:
  using HfHubHttpError::HfHubHttpError;
};

// Gated repos exist, but the caller may not read them (401 anonymous, 403 not granted).
class GatedRepoError : public RepositoryNotFoundError {
 public:
  using RepositoryNotFoundError::RepositoryNotFoundError;
};

class RevisionNotFoundError : public HfHubHttpError {
 public:
  using HfHubHttpError::HfHubHttpError;
};

class EntryNotFoundError : public HfHubHttpError {
 public:
  using HfHubHttpError::HfHubHttpError;
};

class DisabledRepoError : public HfHubHttpError {
 public:
  using HfHubHttpError::HfHubHttpError;
};

class UnauthorizedError : public HfHubHttpError {
 public:
  using HfHubHttpError::HfHubHttpError;
};

class BadRequestError : public HfHubHttpError {
 public:
  using HfHubHttpError::HfHubHttpError;
};

class ConflictError : public HfHubHttpError {
 public:
  using HfHubHttpError::HfHubHttpError;
};

class RateLimitedError : public HfHubHttpError {
 public:
  // retry_after_seconds: the wait the server asked for (Retry-After, else RateLimit t=), if any.
  // remaining: RateLimit r= if the server sent it.
  RateLimitedError(HttpErrorDetails details, std::optional<int64_t> retry_after_seconds,
                   std::optional<int64_t> remaining);

  std::optional<int64_t> retry_after_seconds() const { return retry_after_seconds_; }
  std::optional<int64_t> remaining() const { return remaining_; }

 private:
  std::optional<int64_t> retry_after_seconds_;
  std::optional<int64_t> remaining_;
};

}  // namespace hfhub
