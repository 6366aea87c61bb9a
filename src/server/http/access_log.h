#pragma once
// One line per request on stderr: time, request id, client, method, target, status, bytes, duration.
#include <chrono>
#include <string_view>

namespace hfhub::server {

void log_request(std::string_view request_id, std::string_view remote, std::string_view method,
                 std::string_view target, int status, size_t bytes, std::chrono::nanoseconds duration);

}  // namespace hfhub::server
