#pragma once
// What a failed transfer means, shared by downloads and LFS uploads: whether to retry it, and
// the typed error to report when giving up.
#include <exception>
#include <string>

#include "client/transfer/transfer_engine.h"

namespace hfhub::client {

// No response, a stall, or a retriable status (408, 429, 5xx); not an abort by our own callback.
bool is_retriable_failure(const TransferResult& result);

// The typed error for a failed transfer of `url`: HfHubHttpError subclasses for statuses
// >= 400 (as raise_for_status maps them), NetworkError otherwise.
std::exception_ptr transfer_error(const TransferResult& result, const std::string& url);

}  // namespace hfhub::client
