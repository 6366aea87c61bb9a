#include "server/discussions/discussion_service.h"

#include <cstdio>

#include "common/iso_time.h"
#include "common/object_id.h"
#include "server/discussions/discussion_events.h"
#include "server/model/domain_error.h"
#include "server/services/access_policy.h"

namespace hfhub::server {

namespace {

constexpr const char* kMainRef = "refs/heads/main";

std::string trim(std::string s) {
  auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  auto last = s.find_last_not_of(" \t\r\n");
  return s.substr(first, last - first + 1);
}

// Every change needs a signed-in caller with a write token, or a fine-grained one with discussion.write
// (docs/discussions.md#permissions, docs/tokens.md#permissions).
const Identity& require_signed_in(const Caller& caller, const RepoRecord& repo) {
  return AccessPolicy::require_discuss(caller, repo);
}

void require_enabled(const RepoRecord& repo) {
  if (repo.discussions_disabled) throw DomainError(ErrorKind::Forbidden, "Discussions are disabled for this repo");
}

std::string valid_title(std::string title) {
  title = trim(std::move(title));
  if (title.size() < kDiscussionTitleMin || title.size() > kDiscussionTitleMax)
    throw DomainError(ErrorKind::InvalidParameter, "The title must be between " + std::to_string(kDiscussionTitleMin) +
                                                       " and " + std::to_string(kDiscussionTitleMax) +
                                                       " characters long");
  return title;
}

std::string valid_comment(std::string text) {
  if (text.size() > kDiscussionCommentMax)
    throw DomainError(ErrorKind::PayloadTooLarge,
                      "A comment may be at most " + std::to_string(kDiscussionCommentMax) + " bytes long");
  if (trim(text).empty()) throw DomainError(ErrorKind::InvalidParameter, "The comment must not be empty");
  return text;
}

bool is_writer(const Caller& caller, const RepoRecord& repo) { return AccessPolicy::can_write(caller, repo); }

bool is_author(const Caller& caller, const DiscussionRecord& d) {
  return caller && same_user(caller->user.name, d.author);
}

// Who may rename, close or reopen: its author or a writer of the repo.
void require_author_or_writer(const Caller& caller, const RepoRecord& repo, const DiscussionRecord& d) {
  if (!is_author(caller, d) && !is_writer(caller, repo))
    throw DomainError(ErrorKind::Forbidden, "Only the author of this discussion or a writer of the repo may do this");
}

bool is_closed(const DiscussionRecord& d) {
  return d.status == DiscussionStatus::Closed || d.status == DiscussionStatus::Merged;
}

}  // namespace

DiscussionService::DiscussionService(RepoStore& repos, DiscussionStore& store, ContentService& content,
                                     HubEventSink& events)
    : finder_(repos), store_(store), content_(content), events_(events) {
  content_.set_pull_request_hooks(this);
}

RepoRecord DiscussionService::open(const Caller& caller, RepoType type, std::string_view id) {
  return finder_.find_visible(type, id, caller, /*with_siblings=*/false);
}

DiscussionRecord DiscussionService::require_discussion(const RepoRecord& repo, int64_t num) {
  auto d = num > 0 ? store_.find(repo.object_id, num) : std::nullopt;
  if (!d) throw DomainError(ErrorKind::NotFound, "Discussion #" + std::to_string(num) + " not found");
  return std::move(*d);
}

DiscussionPage DiscussionService::list(const RepoRecord& repo, const DiscussionQuery& q) {
  DiscussionFilter f;
  f.repo = repo.object_id;
  f.pull_requests = q.pull_requests;
  // "open" lists drafts too and "closed" merged pull requests (docs/discussions.md#listing).
  if (q.status == "open") f.statuses = {DiscussionStatus::Open, DiscussionStatus::Draft};
  if (q.status == "closed") f.statuses = {DiscussionStatus::Closed, DiscussionStatus::Merged};
  f.author = q.author;
  f.limit = kDiscussionPageSize;
  f.offset = q.page * kDiscussionPageSize;
  return store_.list(f);
}

DiscussionDetails DiscussionService::details(const RepoRecord& repo, int64_t num, bool diff) {
  DiscussionDetails out;
  out.discussion = require_discussion(repo, num);
  out.events = store_.events(out.discussion.rowid);
  auto& d = out.discussion;
  if (d.is_pull_request) {
    bool pending = !is_closed(d);
    auto preview = content_.preview_pull_request(repo, d.num, d.target_ref, pending, diff);
    out.conflicts = std::move(preview.conflicts);
    out.diff = std::move(preview.diff);
  }
  return out;
}

DiscussionRecord DiscussionService::create(const Caller& caller, RepoRecord& repo, std::string title,
                                           std::string description, bool pull_request) {
  auto& who = require_signed_in(caller, repo);
  require_enabled(repo);
  title = valid_title(std::move(title));
  if (description.size() > kDiscussionCommentMax) valid_comment(std::move(description));
  int64_t now = now_ms();
  DiscussionRecord d;
  d.repo = repo.object_id;
  d.object_id = make_object_id(now);
  d.is_pull_request = pull_request;
  d.title = title;
  // Pull requests opened here start as drafts; their first commit opens them (docs/discussions.md#status).
  d.status = pull_request ? DiscussionStatus::Draft : DiscussionStatus::Open;
  d.author = who.user.name;
  d.created_at_ms = d.last_activity_ms = now;
  d.target_ref = pull_request ? kMainRef : "";
  std::vector<DiscussionEventRecord> first;
  if (!trim(description).empty()) first.push_back(comment_event(d.author, description, now));
  content_.number_discussion(caller, repo, pull_request, kMainRef, [&](int64_t min_num) {
    d = store_.create(d, std::max(min_num, int64_t(1)), first);
    return d.num;
  });
  publish(caller, repo, d, "create");
  return d;
}

DiscussionEventRecord DiscussionService::comment(const Caller& caller, const RepoRecord& repo, int64_t num,
                                                 std::string text) {
  auto& who = require_signed_in(caller, repo);
  require_enabled(repo);
  text = valid_comment(std::move(text));
  auto d = require_discussion(repo, num);
  if (is_closed(d)) throw DomainError(ErrorKind::Forbidden, "This discussion is closed: reopen it before commenting");
  auto e = comment_event(who.user.name, text, now_ms());
  d.last_activity_ms = e.created_at_ms;
  store_.update(d, {e});
  publish(caller, repo, d, "create", &e);
  return e;
}

DiscussionEventRecord DiscussionService::edit_comment(const Caller& caller, const RepoRecord& repo, int64_t num,
                                                      std::string_view comment_id, std::string text) {
  auto& who = require_signed_in(caller, repo);
  text = valid_comment(std::move(text));
  auto d = require_discussion(repo, num);
  auto e = store_.event(d.rowid, comment_id);
  if (!e || e->type != "comment") throw DomainError(ErrorKind::NotFound, "Comment not found");
  DiscussionRecord author_only{.author = e->author};
  if (!is_author(caller, author_only)) throw DomainError(ErrorKind::Forbidden, "Only its author may edit a comment");
  if (comment_hidden(*e)) throw DomainError(ErrorKind::Forbidden, "A hidden comment cannot be edited");
  int64_t now = now_ms();
  edit_comment_data(*e, who.user.name, text, now);
  store_.update_event(*e, now);
  publish(caller, repo, d, "update", &*e);
  return std::move(*e);
}

DiscussionEventRecord DiscussionService::hide_comment(const Caller& caller, const RepoRecord& repo, int64_t num,
                                                      std::string_view comment_id) {
  auto& who = require_signed_in(caller, repo);
  auto d = require_discussion(repo, num);
  auto e = store_.event(d.rowid, comment_id);
  if (!e || e->type != "comment") throw DomainError(ErrorKind::NotFound, "Comment not found");
  if (!is_writer(caller, repo)) throw DomainError(ErrorKind::Forbidden, "Only a writer of the repo may hide comments");
  if (!comment_hidden(*e)) {
    int64_t now = now_ms();
    hide_comment_data(*e, who.user.name, now);
    store_.update_event(*e, now);
    publish(caller, repo, d, "update", &*e);
  }
  return std::move(*e);
}

DiscussionEventRecord DiscussionService::rename(const Caller& caller, const RepoRecord& repo, int64_t num,
                                                std::string title) {
  auto& who = require_signed_in(caller, repo);
  title = valid_title(std::move(title));
  auto d = require_discussion(repo, num);
  require_author_or_writer(caller, repo, d);
  auto e = title_event(who.user.name, d.title, title, now_ms());
  d.title = title;
  d.last_activity_ms = e.created_at_ms;
  store_.update(d, {e});
  publish(caller, repo, d, "update");
  return e;
}

DiscussionEventRecord DiscussionService::change_status(const Caller& caller, const RepoRecord& repo, int64_t num,
                                                       std::string_view status, std::optional<std::string> comment) {
  auto& who = require_signed_in(caller, repo);
  if (status != "open" && status != "closed")
    throw DomainError(ErrorKind::InvalidParameter, "The status must be 'open' or 'closed'");
  if (comment && trim(*comment).empty()) comment.reset();
  if (comment) valid_comment(*comment);
  auto d = require_discussion(repo, num);
  require_author_or_writer(caller, repo, d);
  if (d.status == DiscussionStatus::Merged)
    throw DomainError(ErrorKind::Conflict, "This pull request is merged: its status cannot change");
  int64_t now = now_ms();
  std::vector<DiscussionEventRecord> added;
  if (comment) added.push_back(comment_event(who.user.name, *comment, now));
  added.push_back(status_event(who.user.name, status, now));
  d.status = status == "open" ? DiscussionStatus::Open : DiscussionStatus::Closed;
  d.last_activity_ms = now;
  auto e = added.back();
  store_.update(d, added);
  publish(caller, repo, d, "update");
  // The comment that came with the change is a comment like any other (docs/webhooks.md#events).
  if (comment) publish(caller, repo, d, "create", &added.front());
  return e;
}

}  // namespace hfhub::server
