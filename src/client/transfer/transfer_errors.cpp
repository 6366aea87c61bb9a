#include "client/transfer/transfer_errors.h"

#include "client/http/raise_for_status.h"
#include "client/http/retry.h"
#include "hfhub/errors.h"

namespace hfhub::client {

bool is_retriable_failure(const TransferResult& r) {
  if (r.aborted) return false;
  if (r.status == 0 || !r.error.empty()) return true;
  return is_retriable_status(r.status);
}

std::exception_ptr transfer_error(const TransferResult& r, const std::string& url) {
  try {
    if (r.status >= 400) raise_for_status(HttpResponse{r.status, r.headers, r.body, r.url}, url);
    if (r.stalled) throw NetworkError(url + ": no data moved for too long (" + r.error + ")");
    throw NetworkError(url + ": " + (r.error.empty() ? "unexpected HTTP status " + std::to_string(r.status) : r.error));
  } catch (...) {
    return std::current_exception();
  }
}

}  // namespace hfhub::client
