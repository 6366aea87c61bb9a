#include "server/http/access_log.h"

#include <cstdio>
#include <string>

#include <boost/json.hpp>

#include "common/iso_time.h"

namespace hfhub::server {

namespace {

// Client-sent text (targets, methods) is kept printable ASCII: the text log stays one line per
// request, and the JSON log valid UTF-8.
std::string printable(std::string_view text, size_t max = 2048) {
  std::string out;
  out.reserve(std::min(text.size(), max));
  for (char c : text.substr(0, max)) out += (c >= 0x20 && c < 0x7f) ? c : '?';
  return out;
}

boost::json::value or_null(std::string_view text) {
  if (text.empty()) return nullptr;
  return boost::json::string(printable(text));
}

}  // namespace

std::optional<AccessLog> parse_access_log(std::string_view v) {
  if (v == "json") return AccessLog::Json;
  if (v == "text" || v == "true" || v == "on" || v == "1" || v == "yes") return AccessLog::Text;
  if (v == "off" || v == "false" || v == "0" || v == "no") return AccessLog::Off;
  return std::nullopt;
}

void log_request(std::string_view request_id, std::string_view remote, std::string_view method, std::string_view target,
                 int status, size_t bytes, std::chrono::nanoseconds duration) {
  double ms = double(duration.count()) / 1e6;
  std::string line = format_iso8601_ms(now_ms());
  char tail[96];
  std::snprintf(tail, sizeof tail, " %d %zuB %.3fms", status, bytes, ms);
  line.append(" ").append(request_id).append(" ").append(remote).append(" ").append(method).append(" ");
  line.append(printable(target));
  line.append(tail).append("\n");
  std::fwrite(line.data(), 1, line.size(), stderr);  // stderr is unbuffered: one write per line
}

void log_request_json(const AccessLogEntry& e) {
  boost::json::object o;
  o["time"] = format_iso8601_ms(now_ms());
  o["request_id"] = e.request_id;
  o["remote"] = e.remote;
  o["user"] = or_null(e.user);
  o["method"] = or_null(e.method);
  o["target"] = or_null(e.target);
  o["route"] = or_null(e.route);
  o["family"] = e.family;
  o["status"] = e.status;
  o["bytes_in"] = e.bytes_in;
  o["bytes_out"] = e.bytes_out;
  o["duration_ms"] = double(e.duration.count() / 1000) / 1e3;  // microsecond precision
  std::string line = boost::json::serialize(o);
  line += '\n';
  std::fwrite(line.data(), 1, line.size(), stderr);
}

}  // namespace hfhub::server
