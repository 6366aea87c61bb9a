#pragma once
// Turns an HTTP error response into the typed exception of errors.h. The order follows Python's
// `hf_raise_for_status` (docs/hub-behaviour.md#error-statuses-and-visibility), first match wins:
//   X-Error-Code RevisionNotFound -> RevisionNotFoundError
//   X-Error-Code EntryNotFound    -> EntryNotFoundError
//   X-Error-Code GatedRepo        -> GatedRepoError
//   X-Error-Message "Access to this resource is disabled." -> DisabledRepoError
//   X-Error-Code RepoNotFound, or a 401 on an https:// repo URL (/api/{models,datasets,spaces}/..
//     or /../resolve/..) whose message is not "Invalid credentials in Authorization header"
//                                 -> RepositoryNotFoundError
//   400 -> BadRequestError, 401 -> UnauthorizedError, 409 -> ConflictError,
//   429 -> RateLimitedError, other >= 400 -> HfHubHttpError.
#include <string_view>

#include "client/http/http_message.h"
#include "hfhub/errors.h"

namespace hfhub::client {

// X-Error-Message; else a JSON body's error / message (+ error_description) / errors[].message;
// else the body text unless it is HTML. Empty if none.
std::string extract_server_message(const HttpResponse& response);

HttpErrorDetails error_details(const HttpResponse& response, std::string_view request_url);

// Does nothing for status < 400.
void raise_for_status(const HttpResponse& response, std::string_view request_url);

}  // namespace hfhub::client
