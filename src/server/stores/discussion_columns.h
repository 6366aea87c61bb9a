#pragma once
// The columns of a discussion and of an event, as both engines select them, and their readers
// (templates over the engine's row type, stored_flag.h).
#include "server/stores/discussion_store.h"
#include "server/stores/stored_flag.h"

namespace hfhub::server {

inline constexpr const char* kDiscussionColumns =
    "rowid, repo, num, object_id, is_pull_request, title, status, author, created_at, last_activity_at, "
    "target_ref, merge_commit";
inline constexpr const char* kDiscussionEventColumns = "rowid, discussion, object_id, type, author, created_at, data";

template <class Row>
DiscussionRecord discussion_from_row(const Row& r) {
  DiscussionRecord d;
  d.rowid = r.int64(0);
  d.repo = r.text(1);
  d.num = r.int64(2);
  d.object_id = r.text(3);
  d.is_pull_request = stored_flag(r, 4);
  d.title = r.text(5);
  d.status = DiscussionStatus(r.int64(6));
  d.author = r.text(7);
  d.created_at_ms = r.int64(8);
  d.last_activity_ms = r.int64(9);
  d.target_ref = r.text(10);
  d.merge_commit = r.text(11);
  return d;
}

template <class Row>
DiscussionEventRecord discussion_event_from_row(const Row& r) {
  DiscussionEventRecord e;
  e.rowid = r.int64(0);
  e.discussion = r.int64(1);
  e.object_id = r.text(2);
  e.type = r.text(3);
  e.author = r.text(4);
  e.created_at_ms = r.int64(5);
  e.data_json = r.text(6);
  return e;
}

}  // namespace hfhub::server
