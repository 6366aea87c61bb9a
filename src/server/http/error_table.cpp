#include "server/http/error_table.h"

#include <array>

#include "common/error_code.h"

namespace hfhub::server {

namespace {

namespace ec = error_code;

struct Row {
  ErrorKind kind;
  ErrorSpec spec;
};

// In ErrorKind's order, so a kind indexes its row (checked below).
constexpr std::array kTable{
    Row{ErrorKind::BadRequest, {400, ec::kBadRequest, "Bad request"}},
    Row{ErrorKind::InvalidParameter, {400, ec::kInvalidParameter, "Invalid parameter"}},
    Row{ErrorKind::UnsupportedParameter, {409, ec::kInvalidParameter, "Unsupported parameter"}},
    Row{ErrorKind::UnprocessableParameter, {422, ec::kInvalidParameter, "Invalid request body"}},
    Row{ErrorKind::InvalidJson, {400, ec::kInvalidJson, "Invalid JSON body"}},
    Row{ErrorKind::InvalidPath, {400, ec::kInvalidPath, "Invalid path"}},
    Row{ErrorKind::UnprocessablePath, {422, ec::kInvalidPath, "Invalid path"}},
    Row{ErrorKind::InvalidRepoId, {400, ec::kInvalidRepoId, "Invalid repo id"}},
    Row{ErrorKind::InvalidRepoType, {400, ec::kInvalidRepoType, "Invalid repo type"}},
    Row{ErrorKind::InvalidRevision, {400, ec::kInvalidRevision, "Invalid revision"}},
    Row{ErrorKind::LfsObjectMissing, {400, ec::kLfsObjectNotFound, "LFS object not found"}},
    Row{ErrorKind::XetInvalidXorb, {400, ec::kXetInvalidXorb, "Invalid xorb"}},
    Row{ErrorKind::XetInvalidShard, {400, ec::kXetInvalidShard, "Invalid shard"}},
    // Gated repos (docs/gated.md)
    Row{ErrorKind::RepoNotGated, {400, ec::kRepoNotGated, "This repo is not gated"}},
    // Webhooks (docs/webhooks.md#management).
    Row{ErrorKind::WebhookTargetForbidden, {400, ec::kWebhookTargetForbidden, "Invalid webhook URL"}},
    Row{ErrorKind::Unauthorized, {401, ec::kUnauthorized, ec::kInvalidCredentialsMessage}},
    Row{ErrorKind::RepoNotFoundAnonymous,
        {401, ec::kRepoNotFound, "Repository not found. Please make sure you are authenticated."}},
    Row{ErrorKind::GatedRepoAnonymous, {401, ec::kGatedRepo, "Access to this repo is restricted."}},
    Row{ErrorKind::XetTokenInvalid, {401, ec::kXetTokenInvalid, "Invalid or expired Xet token"}},
    Row{ErrorKind::Forbidden, {403, ec::kForbidden, "Forbidden"}},
    Row{ErrorKind::GatedRepo, {403, ec::kGatedRepo, "Access to this repo is restricted."}},
    Row{ErrorKind::InvalidSignature, {403, ec::kInvalidSignature, "Invalid signature for this transfer URL"}},
    Row{ErrorKind::XetTokenScope, {403, ec::kXetTokenScope, "This Xet token may only read"}},
    Row{ErrorKind::XetTransferInvalid, {403, ec::kXetTransferInvalid, "Invalid or expired Xet transfer URL"}},
    Row{ErrorKind::NotFound, {404, ec::kNotFound, "Sorry, we can't find the page you are looking for."}},
    Row{ErrorKind::RepoNotFound, {404, ec::kRepoNotFound, "Repository not found"}},
    Row{ErrorKind::RevisionNotFound, {404, ec::kRevisionNotFound, "Invalid rev id"}},
    Row{ErrorKind::EntryNotFound, {404, ec::kEntryNotFound, "Entry not found"}},
    Row{ErrorKind::LfsObjectNotFound, {404, ec::kLfsObjectNotFound, "LFS object not found"}},
    Row{ErrorKind::XetNotFound, {404, ec::kXetNotFound, "Not found in the Xet store"}},
    Row{ErrorKind::MethodNotAllowed, {405, ec::kMethodNotAllowed, "Method not allowed"}},
    Row{ErrorKind::Conflict, {409, ec::kConflict, "Conflict"}},
    Row{ErrorKind::RepoExists, {409, ec::kRepoExists, "You already created this repo"}},
    Row{ErrorKind::RefExists, {409, ec::kRefExists, "Reference already exists"}},
    Row{ErrorKind::PreconditionFailed,
        {412, ec::kPreconditionFailed,
         "The branch was updated since you opened this page. Please refresh and try again."}},
    Row{ErrorKind::PayloadTooLarge, {413, ec::kPayloadTooLarge, "Payload too large"}},
    Row{ErrorKind::RangeNotSatisfiable, {416, ec::kRangeNotSatisfiable, "Requested range not satisfiable"}},
    Row{ErrorKind::RateLimited, {429, ec::kRateLimited, "You have exceeded the rate limit"}},
    Row{ErrorKind::HeaderFieldsTooLarge, {431, ec::kHeaderFieldsTooLarge, "Request header fields too large"}},
    Row{ErrorKind::Internal, {500, ec::kInternal, "Internal error"}},
    Row{ErrorKind::NotImplemented, {501, ec::kNotImplemented, "Not implemented"}},
    Row{ErrorKind::StoreUnavailable, {503, ec::kInternal, "The metadata store is unavailable; retry later"}},
    Row{ErrorKind::ServiceUnavailable, {503, ec::kServiceUnavailable, "The server is busy; retry shortly"}},
    Row{ErrorKind::InsufficientStorage, {507, ec::kInsufficientStorage, "Insufficient storage"}},
};

constexpr bool rows_in_kind_order() {
  for (size_t i = 0; i < kTable.size(); ++i)
    if (size_t(kTable[i].kind) != i) return false;
  return kTable.size() == size_t(ErrorKind::InsufficientStorage) + 1;
}
static_assert(rows_in_kind_order(), "kTable must list every ErrorKind once, in declaration order");

}  // namespace

const ErrorSpec& error_spec(ErrorKind kind) { return kTable[size_t(kind)].spec; }

}  // namespace hfhub::server
