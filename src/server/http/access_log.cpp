#include "server/http/access_log.h"

#include <cstdio>
#include <string>

#include "common/iso_time.h"

namespace hfhub::server {

void log_request(std::string_view request_id, std::string_view remote, std::string_view method,
                 std::string_view target, int status, size_t bytes, std::chrono::nanoseconds duration) {
  double ms = double(duration.count()) / 1e6;
  std::string line = format_iso8601_ms(now_ms());
  char tail[96];
  std::snprintf(tail, sizeof tail, " %d %zuB %.3fms", status, bytes, ms);
  line.append(" ").append(request_id).append(" ").append(remote).append(" ").append(method).append(" ");
  // Targets come from clients: keep the log one line per request.
  for (char c : target.substr(0, 2048)) line += (c >= 0x20 && c < 0x7f) ? c : '?';
  line.append(tail).append("\n");
  std::fwrite(line.data(), 1, line.size(), stderr);  // stderr is unbuffered: one write per line
}

}  // namespace hfhub::server
