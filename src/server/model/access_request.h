#pragma once
// A user's request for access to a gated repo (docs/gated.md): one per (repo, user), moved
// between pending, accepted and rejected by the repo's writers.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "server/model/account.h"

namespace hfhub::server {

enum class AccessStatus { Pending = 0, Accepted = 1, Rejected = 2 };
std::optional<AccessStatus> parse_access_status(std::string_view text);  // "pending", "accepted", "rejected"
std::string_view access_status_name(AccessStatus status);

struct AccessRequest {
  std::string object_id;  // the request's id (`requestId`), 24 hex
  int64_t repo_rowid = 0;
  Account user;  // writes use user.rowid only; reads fill the account
  AccessStatus status = AccessStatus::Pending;
  std::string fields_json;                // the form answers as a JSON object text, '' when the form had none
  int64_t requested_at_ms = 0;            // `timestamp`: when the user asked (or was first granted)
  std::optional<int64_t> reviewed_at_ms;  // when a writer last accepted, rejected or granted it
  std::optional<std::string> rejection_reason;
  std::optional<int64_t> handled_by;  // the writer's account rowid (reads: handled_by_name too)
  std::string handled_by_name;
  bool granted = false;  // created by a writer's grant, not asked for: the user shared no e-mail
};

}  // namespace hfhub::server
