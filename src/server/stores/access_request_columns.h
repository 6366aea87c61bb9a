#pragma once
// The columns of an access request as both engines select them, and its reader (a template over
// the engine's row type, stored_flag.h). The request is `r`, its user `u` and the writer who
// handled it `h` (LEFT JOINed: absent when nobody did); each engine writes its own FROM.
#include "server/stores/access_request_store.h"
#include "server/stores/stored_flag.h"

namespace hfhub::server {

inline constexpr const char* kAccessRequestColumns =
    "r.object_id, r.repo, r.status, r.fields, r.requested_at, r.reviewed_at, r.rejection_reason, "
    "r.handled_by, r.granted, u.rowid, u.object_id, u.name, u.fullname, u.email, u.avatar_url, "
    "COALESCE(h.name, '')";

template <class Row>
AccessRequest access_request_from_row(const Row& row) {
  AccessRequest r;
  r.object_id = row.text(0);
  r.repo_rowid = row.int64(1);
  r.status = AccessStatus(row.int64(2));
  r.fields_json = row.text(3);
  r.requested_at_ms = row.int64(4);
  r.reviewed_at_ms = row.optional_int64(5);
  r.rejection_reason = row.optional_text(6);
  r.handled_by = row.optional_int64(7);
  r.granted = stored_flag(row, 8);
  r.user.rowid = row.int64(9);
  r.user.object_id = row.text(10);
  r.user.name = row.text(11);
  r.user.fullname = row.text(12);
  r.user.email = row.text(13);
  r.user.avatar_url = row.text(14);
  r.handled_by_name = row.text(15);
  return r;
}

}  // namespace hfhub::server
