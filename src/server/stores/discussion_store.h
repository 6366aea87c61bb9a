#pragma once
// Discussions and pull requests of repos, and their events (docs/discussions.md#storage). A
// discussion belongs to a repo by the repo's `_id`, so a rename keeps them; deleting the repo's
// row deletes them in the same transaction (a trigger in the schema). Every write is one transaction.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hfhub::server {

enum class DiscussionStatus { Open = 0, Closed = 1, Merged = 2, Draft = 3 };

std::string_view discussion_status_name(DiscussionStatus status);
std::optional<DiscussionStatus> parse_discussion_status(std::string_view name);

struct DiscussionRecord {
  int64_t rowid = 0;
  std::string repo;  // the repo's object_id
  int64_t num = 0;   // shared by discussions and pull requests (refs/pr/<num>)
  std::string object_id;
  bool is_pull_request = false;
  std::string title;
  DiscussionStatus status = DiscussionStatus::Open;
  std::string author;  // user name
  int64_t created_at_ms = 0;
  int64_t last_activity_ms = 0;
  std::string target_ref;    // a PR's base, "refs/heads/main"
  std::string merge_commit;  // set once merged
};

struct DiscussionEventRecord {
  int64_t rowid = 0;
  int64_t discussion = 0;  // DiscussionRecord::rowid
  std::string object_id;   // the event's id (a comment's id for edit and hide)
  std::string type;        // "comment", "status-change", "title-change", "commit", ...
  std::string author;
  int64_t created_at_ms = 0;
  std::string data_json;  // the event's `data` object, as the Hub shapes it
};

struct DiscussionFilter {
  std::string repo;
  std::optional<bool> pull_requests;       // nullopt: both kinds
  std::vector<DiscussionStatus> statuses;  // empty: any
  std::optional<std::string> author;       // case-insensitive
  int64_t offset = 0;
  int64_t limit = 50;
};

struct DiscussionPage {
  std::vector<DiscussionRecord> items;  // newest (highest num) first
  int64_t total = 0;                    // every match, not just this page
};

class DiscussionStore {
 public:
  virtual ~DiscussionStore() = default;

  virtual DiscussionPage list(const DiscussionFilter& filter) = 0;
  virtual std::optional<DiscussionRecord> find(std::string_view repo, int64_t num) = 0;
  // Stores a new discussion numbered max(highest num of the repo + 1, min_num), with its first
  // events; returns it with num and rowid set.
  virtual DiscussionRecord create(DiscussionRecord discussion, int64_t min_num,
                                  std::vector<DiscussionEventRecord> events) = 0;
  // Writes title, status, last activity and merge commit, and appends `events`.
  virtual void update(const DiscussionRecord& discussion, std::vector<DiscussionEventRecord> events) = 0;
  virtual std::vector<DiscussionEventRecord> events(int64_t discussion) = 0;
  virtual std::optional<DiscussionEventRecord> event(int64_t discussion, std::string_view object_id) = 0;
  // Rewrites an event's data and bumps its discussion's last activity.
  virtual void update_event(const DiscussionEventRecord& event, int64_t activity_ms) = 0;
};

}  // namespace hfhub::server
