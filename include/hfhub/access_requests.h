#pragma once
// Gated repos: the access requests a repo's writers review (Python's AccessRequest; docs/client.md#gated-repos).
#include <map>
#include <optional>
#include <string>

namespace hfhub {

struct AccessRequest {
  std::optional<std::string> username;  // `user.user`; absent when the repo hides requesters' names
  std::string request_id;               // `requestId` ("" from servers that send none)
  std::optional<std::string> fullname;
  std::optional<std::string> email;  // absent for users granted access without asking
  std::string timestamp;             // ISO-8601 as sent: when the user asked (or was granted)
  std::string status;                // "pending", "accepted" or "rejected"
  // The answers to the gate form (the card's extra_gated_fields), when it asks for any. Values
  // that are not strings are kept as their JSON text.
  std::optional<std::map<std::string, std::string>> fields;
};

}  // namespace hfhub
