// The names of discussion statuses, as the Hub spells them (discussion_store.h).
#include "server/stores/discussion_store.h"

namespace hfhub::server {

std::string_view discussion_status_name(DiscussionStatus status) {
  switch (status) {
    case DiscussionStatus::Open:
      return "open";
    case DiscussionStatus::Closed:
      return "closed";
    case DiscussionStatus::Merged:
      return "merged";
    case DiscussionStatus::Draft:
      return "draft";
  }
  return "open";
}

std::optional<DiscussionStatus> parse_discussion_status(std::string_view name) {
  for (auto s : {DiscussionStatus::Open, DiscussionStatus::Closed, DiscussionStatus::Merged, DiscussionStatus::Draft})
    if (discussion_status_name(s) == name) return s;
  return std::nullopt;
}

}  // namespace hfhub::server
