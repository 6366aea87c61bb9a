// DiscussionService's pull request side: merges, the hooks ContentService calls for commits to
// refs/pr/<num>, and the HubEvents every change publishes (docs/discussions.md).
#include <cstdio>

#include "common/iso_time.h"
#include "common/object_id.h"
#include "server/discussions/discussion_events.h"
#include "server/discussions/discussion_service.h"
#include "server/model/domain_error.h"
#include "server/services/access_policy.h"

namespace hfhub::server {

namespace {

HubEventRepo event_repo(const RepoRecord& repo) {
  return {repo.type, repo.id, repo.object_id, repo.author, repo.is_private, repo.sha};
}

HubEventDiscussion event_discussion(const DiscussionRecord& d) {
  return {d.object_id,       d.num,       d.title, std::string(discussion_status_name(d.status)), d.author,
          d.is_pull_request, d.target_ref};
}

std::string join(const std::vector<std::string>& items, size_t max_items) {
  std::string out;
  for (size_t i = 0; i < items.size() && i < max_items; ++i) out += (i ? ", " : "") + items[i];
  if (items.size() > max_items) out += ", ... (" + std::to_string(items.size() - max_items) + " more)";
  return out;
}

}  // namespace

DiscussionRecord DiscussionService::merge(const Caller& caller, RepoRecord& repo, int64_t num,
                                          std::optional<std::string> comment) {
  AccessPolicy::require_write(caller, repo);  // only writers merge (docs/discussions.md#permissions)
  if (comment && comment->find_first_not_of(" \t\r\n") == std::string::npos) comment.reset();
  auto d = require_discussion(repo, num);
  if (!d.is_pull_request) throw DomainError(ErrorKind::InvalidParameter, "Only a pull request can be merged");
  if (d.status == DiscussionStatus::Merged)
    throw DomainError(ErrorKind::Conflict, "This pull request is already merged");
  if (d.status == DiscussionStatus::Closed)
    throw DomainError(ErrorKind::Conflict, "This pull request is closed: reopen it before merging");
  if (comment && comment->size() > kDiscussionCommentMax)
    throw DomainError(ErrorKind::PayloadTooLarge,
                      "A comment may be at most " + std::to_string(kDiscussionCommentMax) + " bytes long");
  std::string message = "Merge refs/pr/" + std::to_string(num) + ": " + d.title;
  auto merged = content_.merge_pull_request(caller, repo, num, d.target_ref, message);
  if (!merged.conflicts.empty())
    throw DomainError(ErrorKind::Conflict,
                      "This pull request has merge conflicts with " + d.target_ref + ": " + join(merged.conflicts, 20));
  int64_t now = now_ms();
  std::vector<DiscussionEventRecord> added;
  if (comment) added.push_back(comment_event(caller->user.name, *comment, now));
  added.push_back(status_event(caller->user.name, "merged", now));
  d.status = DiscussionStatus::Merged;
  d.merge_commit = merged.commit;
  d.last_activity_ms = now;
  store_.update(d, added);
  publish(caller, repo, d, "update");
  // The merge comment is a comment like any other for webhooks (docs/webhooks.md#events).
  if (comment) publish(caller, repo, d, "create", &added.front());
  if (merged.commit != merged.old_head) {
    HubEvent content{.scope = "repo.content", .action = "update", .actor = caller->user.name, .repo = event_repo(repo)};
    content.updated_refs.push_back({d.target_ref, merged.old_head, merged.commit});
    events_.publish(content);
  }
  return d;
}

int64_t DiscussionService::next_number(const RepoRecord& repo) {
  DiscussionFilter f;
  f.repo = repo.object_id;
  f.limit = 1;
  auto page = store_.list(f);
  return page.items.empty() ? 1 : page.items.front().num + 1;
}

void DiscussionService::require_may_open(const Caller& caller, const RepoRecord& repo) {
  if (!caller) throw DomainError(ErrorKind::Unauthorized, "You must be authenticated to do this");
  if (repo.discussions_disabled) throw DomainError(ErrorKind::Forbidden, "Discussions are disabled for this repo");
}

void DiscussionService::opened_by_commit(const Caller& caller, const RepoRecord& repo, int64_t num,
                                         const std::string& title, const std::string& description,
                                         const std::string& commit) {
  int64_t now = now_ms();
  DiscussionRecord d;
  d.repo = repo.object_id;
  d.object_id = make_object_id(now);
  d.is_pull_request = true;
  d.title = title.substr(0, kDiscussionTitleMax);
  d.status = DiscussionStatus::Open;  // a commit with create_pr opens a ready pull request
  d.author = caller ? caller->user.name : "";
  d.created_at_ms = d.last_activity_ms = now;
  d.target_ref = "refs/heads/main";
  std::vector<DiscussionEventRecord> first;
  if (!description.empty()) first.push_back(comment_event(d.author, description, now));
  first.push_back(commit_event(d.author, title, commit, now));
  d = store_.create(d, num, std::move(first));
  if (d.num != num)
    std::fprintf(stderr, "discussions: PR numbered %lld for refs/pr/%lld\n", (long long)d.num, (long long)num);
  publish(caller, repo, d, "create");
}

void DiscussionService::committed(const Caller& caller, const RepoRecord& repo, int64_t num, const std::string& commit,
                                  const std::string& subject) noexcept {
  try {
    auto d = store_.find(repo.object_id, num);
    if (!d) return;  // a refs/pr/<num> older than the discussions: nothing to record on
    std::string author = caller ? caller->user.name : "";
    auto e = commit_event(author, subject, commit, now_ms());
    // A draft opened through the API becomes open with its first commit (docs/discussions.md#status).
    if (d->status == DiscussionStatus::Draft) d->status = DiscussionStatus::Open;
    d->last_activity_ms = e.created_at_ms;
    store_.update(*d, {e});
    publish(caller, repo, *d, "update");
  } catch (const std::exception& e) {
    std::fprintf(stderr, "discussions: commit event on refs/pr/%lld of %s lost: %s\n", (long long)num, repo.id.c_str(),
                 e.what());
  }
}

bool DiscussionService::may_commit(const Caller& caller, const RepoRecord& repo, int64_t num) {
  auto d = store_.find(repo.object_id, num);
  if (!d || !d->is_pull_request || !caller) return false;
  if (d->status != DiscussionStatus::Open && d->status != DiscussionStatus::Draft) return false;
  return same_user(caller->user.name, d->author);
}

void DiscussionService::publish(const Caller& caller, const RepoRecord& repo, const DiscussionRecord& d,
                                std::string_view action, const DiscussionEventRecord* comment) noexcept {
  try {
    HubEvent e;
    e.scope = comment ? "discussion.comment" : "discussion";
    e.action = std::string(action);
    e.actor = caller ? caller->user.name : "";
    e.repo = event_repo(repo);
    e.discussion = event_discussion(d);
    if (comment) {
      std::string text = comment_text(*comment);
      e.comment = HubEventComment{comment->object_id, comment->author, text, comment_hidden(*comment)};
    }
    events_.publish(e);
  } catch (const std::exception&) {
    // Building the event failed (out of memory): the change stands, the notification is lost.
  }
}

}  // namespace hfhub::server
