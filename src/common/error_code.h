#pragma once
// The machine error codes the Hub sends in X-Error-Code, shared by server (to send) and client
// (to map to typed exceptions).
#include <string_view>

namespace hfhub::error_code {

inline constexpr std::string_view kRepoNotFound = "RepoNotFound";
inline constexpr std::string_view kRevisionNotFound = "RevisionNotFound";
inline constexpr std::string_view kEntryNotFound = "EntryNotFound";
inline constexpr std::string_view kGatedRepo = "GatedRepo";
// Codes of our own for the 4xx answers that have no Hub-defined code.
inline constexpr std::string_view kBadRequest = "BadRequest";
inline constexpr std::string_view kInvalidRepoId = "InvalidRepoId";
inline constexpr std::string_view kInvalidRepoType = "InvalidRepoType";
inline constexpr std::string_view kInvalidParameter = "InvalidParameter";
inline constexpr std::string_view kInvalidJson = "InvalidJson";
inline constexpr std::string_view kPayloadTooLarge = "PayloadTooLarge";
inline constexpr std::string_view kUnauthorized = "Unauthorized";
inline constexpr std::string_view kForbidden = "Forbidden";
inline constexpr std::string_view kRepoExists = "RepoExists";
inline constexpr std::string_view kRateLimited = "RateLimited";
inline constexpr std::string_view kNotFound = "NotFound";
inline constexpr std::string_view kMethodNotAllowed = "MethodNotAllowed";
inline constexpr std::string_view kNotImplemented = "NotImplemented";
inline constexpr std::string_view kInternal = "InternalError";
inline constexpr std::string_view kInvalidPath = "InvalidPath";
inline constexpr std::string_view kInvalidRevision = "InvalidRevision";
inline constexpr std::string_view kPreconditionFailed = "PreconditionFailed";  // parentCommit mismatch
inline constexpr std::string_view kLfsObjectNotFound = "LfsObjectNotFound";
inline constexpr std::string_view kRangeNotSatisfiable = "RangeNotSatisfiable";
inline constexpr std::string_view kRefExists = "RefAlreadyExists";
inline constexpr std::string_view kInvalidSignature = "InvalidSignature";  // signed upload URLs
inline constexpr std::string_view kConflict = "Conflict";
// The Xet CAS (docs/xet.md#cas-api).
inline constexpr std::string_view kXetInvalidXorb = "XetInvalidXorb";
inline constexpr std::string_view kXetInvalidShard = "XetInvalidShard";
inline constexpr std::string_view kXetTokenInvalid = "XetTokenInvalid";
inline constexpr std::string_view kXetTokenScope = "XetTokenScope";
inline constexpr std::string_view kXetTransferInvalid = "XetTransferInvalid";
inline constexpr std::string_view kXetNotFound = "XetNotFound";
// Gated repos (docs/gated.md): reviewing the requests of a repo that is not gated.
inline constexpr std::string_view kRepoNotGated = "RepoNotGated";
// Webhooks (docs/webhooks.md#management): a URL that is not http(s) or not an allowed target.
inline constexpr std::string_view kWebhookTargetForbidden = "WebhookTargetForbidden";
// Transport refusals (http/): header too large, server busy or out of spool space.
inline constexpr std::string_view kHeaderFieldsTooLarge = "RequestHeaderFieldsTooLarge";
inline constexpr std::string_view kServiceUnavailable = "ServiceUnavailable";
inline constexpr std::string_view kInsufficientStorage = "InsufficientStorage";

// The exact message that tells clients a token was rejected (not a missing repo).
inline constexpr std::string_view kInvalidCredentialsMessage = "Invalid credentials in Authorization header";

}  // namespace hfhub::error_code
