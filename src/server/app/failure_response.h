#pragma once
// What a failed request answers: the one place that turns every exception the layers below
// throw into a response.
#include "server/http/request.h"
#include "server/http/response.h"

namespace hfhub::server {

// Call only inside a catch block: maps the exception being handled.
//  DomainError → its kind's status and X-Error-Code (http/error_table.cpp);
//  RepoMoved   → 307 with a relative Location naming the new id, the query kept;
//  StoreError  → 503 InternalError;
//  anything else (a plain GitError such as a failed pack write, ...) → 500 InternalError, the
//  details to the log only.
Response failure_response(const Request& request) noexcept;

}  // namespace hfhub::server
