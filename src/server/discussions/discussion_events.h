#pragma once
// The events of a discussion as stored: each one's `data` is the object the Hub sends
// (docs/discussions.md#events), built here once so reads pass it through untouched.
#include <cstdint>
#include <string>
#include <string_view>

#include "server/stores/discussion_store.h"

namespace hfhub::server {

DiscussionEventRecord comment_event(const std::string& author, const std::string& text, int64_t now_ms);
DiscussionEventRecord status_event(const std::string& author, std::string_view status, int64_t now_ms);
DiscussionEventRecord title_event(const std::string& author, const std::string& from, const std::string& to,
                                  int64_t now_ms);
DiscussionEventRecord commit_event(const std::string& author, const std::string& subject, const std::string& oid,
                                   int64_t now_ms);

// A comment's new text: the old version goes into its history, `edited` turns true.
void edit_comment_data(DiscussionEventRecord& comment, const std::string& editor, const std::string& text,
                       int64_t now_ms);
// Hidden for good: the text (every version) is dropped and `hiddenBy` names who hid it.
void hide_comment_data(DiscussionEventRecord& comment, const std::string& by, int64_t now_ms);
bool comment_hidden(const DiscussionEventRecord& comment);
// User names compare without case, as accounts are unique without case.
bool same_user(std::string_view a, std::string_view b);
// The comment's current text ("" when hidden).
std::string comment_text(const DiscussionEventRecord& comment);

}  // namespace hfhub::server
