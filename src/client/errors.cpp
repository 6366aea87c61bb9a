#include "hfhub/errors.h"

namespace hfhub {

static std::string describe(const HttpErrorDetails& d, const std::string& summary) {
  std::string text = summary.empty() ? std::to_string(d.status) + " error for url: " + d.url : summary;
  if (!d.request_id.empty()) text += " (Request ID: " + d.request_id + ")";
  if (!d.server_message.empty()) text += "\n\n" + d.server_message;
  return text;
}

HfHubHttpError::HfHubHttpError(HttpErrorDetails details, const std::string& summary)
    : HfHubError(describe(details, summary)), details_(std::move(details)) {}

RateLimitedError::RateLimitedError(HttpErrorDetails details, std::optional<int64_t> retry_after_seconds,
                                   std::optional<int64_t> remaining)
    : HfHubHttpError(details, "429 Too Many Requests for url: " + details.url +
                                  (retry_after_seconds ? " (retry after " + std::to_string(*retry_after_seconds) + " s)"
                                                       : std::string())),
      retry_after_seconds_(retry_after_seconds),
      remaining_(remaining) {}

}  // namespace hfhub
