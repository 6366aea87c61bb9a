#pragma once
// The access log on stderr, one entry per request, in one of two formats (`access-log`):
//   text  time, request id, client, method, target, status, bytes, duration, written when the
//         response starts (the default);
//   json  one JSON object per line, written when the response has been sent, so it has the
//         bytes really sent and the whole duration (docs/deployment.md, "Logs").
#include <chrono>
#include <cstdint>
#include <optional>
#include <string_view>

namespace hfhub::server {

enum class AccessLog { Off, Text, Json };

// "json", "text", "off"; the booleans of the config file too (on/true/yes/1 = text).
std::optional<AccessLog> parse_access_log(std::string_view text);

void log_request(std::string_view request_id, std::string_view remote, std::string_view method, std::string_view target,
                 int status, size_t bytes, std::chrono::nanoseconds duration);

struct AccessLogEntry {
  std::string_view request_id;
  std::string_view remote;
  std::string_view user;  // empty: anonymous (null)
  std::string_view method;
  std::string_view target;
  std::string_view route;   // the matched pattern; empty: none (null)
  std::string_view family;  // route family of the metrics
  int status = 0;
  int64_t bytes_in = 0;
  int64_t bytes_out = 0;
  std::chrono::nanoseconds duration{0};
};
void log_request_json(const AccessLogEntry& entry);

}  // namespace hfhub::server
