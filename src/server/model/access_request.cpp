#include "server/model/access_request.h"

namespace hfhub::server {

std::optional<AccessStatus> parse_access_status(std::string_view t) {
  if (t == "pending") return AccessStatus::Pending;
  if (t == "accepted") return AccessStatus::Accepted;
  if (t == "rejected") return AccessStatus::Rejected;
  return std::nullopt;
}

std::string_view access_status_name(AccessStatus s) {
  switch (s) {
    case AccessStatus::Pending:
      return "pending";
    case AccessStatus::Accepted:
      return "accepted";
    case AccessStatus::Rejected:
      return "rejected";
  }
  return "pending";
}

}  // namespace hfhub::server
