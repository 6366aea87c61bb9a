#pragma once
// Discussions and pull requests (HfApi::get_repo_discussions ... merge_pull_request), shaped like
// Python's huggingface_hub.community: Discussion, DiscussionWithDetails and DiscussionEvent.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "hfhub/repo_content.h"
#include "hfhub/types.h"

namespace hfhub {

struct Discussion {
  std::string title;
  std::string status;  // "open", "closed", "merged", "draft"
  int64_t num = 0;
  std::string repo_id;
  RepoType repo_type = RepoType::Model;
  std::string author;  // "deleted" when the author's account is gone
  bool is_pull_request = false;
  std::string created_at;  // ISO-8601 as sent
  std::string endpoint;

  // "refs/pr/<num>" for a pull request.
  std::optional<std::string> git_reference() const;
  // "{endpoint}/{prefix}{repo_id}/discussions/{num}".
  std::string url() const;
};

// One event; the fields of its type are set (Python's DiscussionComment, DiscussionStatusChange,
// DiscussionCommit, DiscussionTitleChange), and `raw_json` holds the event as sent.
struct DiscussionEvent {
  std::string id;
  std::string type;  // "comment", "status-change", "commit", "title-change", ...
  std::string created_at;
  std::string author;
  // comment
  std::string content;
  bool edited = false;
  bool hidden = false;
  // status-change
  std::string new_status;
  // commit
  std::string summary;
  std::string oid;
  // title-change
  std::string old_title;
  std::string new_title;
  std::string raw_json;
};

struct DiscussionWithDetails : Discussion {
  std::vector<DiscussionEvent> events;
  std::optional<std::vector<std::string>> conflicting_files;  // pull requests only
  std::optional<std::string> target_branch;                   // pull requests only
  std::optional<std::string> merge_commit_oid;                // merged pull requests
  std::optional<std::string> diff;
};

struct RepoDiscussionsParams : CallOverrides {
  RepoType repo_type = RepoType::Model;
  std::optional<std::string> author;
  std::optional<std::string> discussion_type;    // "all", "discussion", "pull_request"
  std::optional<std::string> discussion_status;  // "all", "open", "closed"
};

// The arguments of the calls on one discussion.
struct DiscussionCall : CallOverrides {
  RepoType repo_type = RepoType::Model;
};

struct CreateDiscussionParams : DiscussionCall {
  std::optional<std::string> description;
  bool pull_request = false;
};

struct DiscussionCommentParams : DiscussionCall {
  std::optional<std::string> comment;  // posted with a status change or a merge
};

}  // namespace hfhub
