#pragma once
// Discussions and pull requests (docs/discussions.md): who may open, comment, edit, hide, rename,
// close and merge, the events each change records, and the HubEvents it publishes. Pull
// requests' git side (refs/pr/<num>, merges, diffs) goes through ContentService, which calls back
// through PullRequestHooks for commits made over the commit API or git push.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "server/content/content_service.h"
#include "server/content/pull_request_hooks.h"
#include "server/services/hub_event_sink.h"
#include "server/services/repo_finder.h"
#include "server/stores/discussion_store.h"

namespace hfhub::server {

// Limits (docs/discussions.md#limits).
inline constexpr size_t kDiscussionTitleMin = 3;
inline constexpr size_t kDiscussionTitleMax = 200;
inline constexpr size_t kDiscussionCommentMax = 65536;
inline constexpr int64_t kDiscussionPageSize = 50;

struct DiscussionQuery {
  std::optional<bool> pull_requests;  // type: nullopt = all
  std::optional<std::string> status;  // "open" (open + draft), "closed" (closed + merged); nullopt = all
  std::optional<std::string> author;
  int64_t page = 0;  // `p`, 0-based
};

struct DiscussionDetails {
  DiscussionRecord discussion;
  std::vector<DiscussionEventRecord> events;
  std::vector<std::string> conflicts;  // a PR's files with conflicts (open PRs only)
  std::optional<std::string> diff;     // a PR's diff, when asked
};

class DiscussionService final : public PullRequestHooks {
 public:
  DiscussionService(RepoStore& repos, DiscussionStore& store, ContentService& content, HubEventSink& events);

  // The repo a caller may see (RepoNotFound 401/404, RepoMoved).
  RepoRecord open(const Caller& caller, RepoType type, std::string_view id);

  DiscussionPage list(const RepoRecord& repo, const DiscussionQuery& query);
  DiscussionDetails details(const RepoRecord& repo, int64_t num, bool diff);
  DiscussionRecord create(const Caller& caller, RepoRecord& repo, std::string title, std::string description,
                          bool pull_request);
  DiscussionEventRecord comment(const Caller& caller, const RepoRecord& repo, int64_t num, std::string text);
  DiscussionEventRecord edit_comment(const Caller& caller, const RepoRecord& repo, int64_t num,
                                     std::string_view comment_id, std::string text);
  DiscussionEventRecord hide_comment(const Caller& caller, const RepoRecord& repo, int64_t num,
                                     std::string_view comment_id);
  DiscussionEventRecord rename(const Caller& caller, const RepoRecord& repo, int64_t num, std::string title);
  DiscussionEventRecord change_status(const Caller& caller, const RepoRecord& repo, int64_t num,
                                      std::string_view status, std::optional<std::string> comment);
  DiscussionRecord merge(const Caller& caller, RepoRecord& repo, int64_t num, std::optional<std::string> comment);

  // PullRequestHooks
  int64_t next_number(const RepoRecord& repo) override;
  void require_may_open(const Caller& caller, const RepoRecord& repo) override;
  void opened_by_commit(const Caller& caller, const RepoRecord& repo, int64_t num, const std::string& title,
                        const std::string& description, const std::string& commit) override;
  void committed(const Caller& caller, const RepoRecord& repo, int64_t num, const std::string& commit,
                 const std::string& subject) noexcept override;
  bool may_commit(const Caller& caller, const RepoRecord& repo, int64_t num) override;

 private:
  DiscussionRecord require_discussion(const RepoRecord& repo, int64_t num);
  void publish(const Caller& caller, const RepoRecord& repo, const DiscussionRecord& d, std::string_view action,
               const DiscussionEventRecord* comment = nullptr) noexcept;

  RepoFinder finder_;
  DiscussionStore& store_;
  ContentService& content_;
  HubEventSink& events_;
};

}  // namespace hfhub::server
