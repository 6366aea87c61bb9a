#pragma once
// When and how long to wait before retrying, as Python huggingface_hub >= 1.2 does
// (`_http_backoff_base`, docs/hub-behaviour.md#rate-limits-and-retries):
//   - retriable statuses: 408, 429, 500, 502, 503, 504, and network errors;
//   - wait t+1 s on 429 whose RateLimit header says r=0;
//   - else an integer Retry-After (any retriable status; HTTP-date form ignored);
//   - else exponential 1, 2, 4, 8, 8, ... s;
//   - at most 5 retries.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string_view>

#include "client/http/http_message.h"

namespace hfhub::client {

bool is_retriable_status(int status);

// Whether a request of this method may be re-sent after this status. Idempotent methods retry
// every retriable status; POST only 429 (the server did not act on it).
bool may_retry(std::string_view method, int status);

// Exponential backoff for the attempt'th retry (0-based): 1, 2, 4, 8, 8, ... seconds.
std::chrono::milliseconds backoff_delay(int attempt);

// The wait before retrying after `response` (which must have a retriable status).
std::chrono::milliseconds retry_delay(const HttpResponse& response, int attempt);

// The wait the server itself asked for, in seconds: Retry-After (integer), else RateLimit t=
// when r=0. nullopt if it did not say.
std::optional<int64_t> server_requested_wait(const HttpResponse& response);

// RateLimit r= of a response, if it sent a parseable RateLimit header.
std::optional<int64_t> rate_limit_remaining(const HttpResponse& response);

}  // namespace hfhub::client
