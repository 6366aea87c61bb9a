#pragma once
// One webhook delivery over HTTP(S): a JSON POST with X-Webhook-Secret, bounded by a timeout,
// sent only to an address the TargetPolicy allows, and never following a redirect.
#include <chrono>
#include <optional>
#include <string>

#include "server/webhooks/target_policy.h"

namespace hfhub::server {

struct SendResult {
  std::optional<int> status;  // the receiver's HTTP status, when it answered
  std::string error;          // why there is no 2xx answer ("" on success)
  bool refused = false;       // the target is not allowed: retrying will not help
  bool ok() const { return status && *status >= 200 && *status < 300; }
};

struct SendRequest {
  std::string url;
  std::string body;
  std::optional<std::string> secret;
  std::chrono::milliseconds timeout{10000};  // the whole delivery: resolve, connect, send, answer
  std::string ca_file;  // PEM certificates an https target may chain to besides the system's ("": none)
};

// Why a webhook may not point at `url`, checked when it is created or changed: not an http(s)
// URL, or a host whose every address the policy refuses. A host that does not resolve now passes
// (each delivery checks again). Blocks for the resolver.
std::optional<std::string> target_refusal(std::string_view url, const TargetPolicy& policy);

// Never throws.
SendResult send_webhook(const SendRequest& request, const TargetPolicy& policy);

}  // namespace hfhub::server
