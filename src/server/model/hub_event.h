#pragma once
// Something that happened on the Hub that webhooks report (docs/webhooks.md): a repo created,
// moved, updated or deleted, a commit to a ref, a settings change, a discussion or a comment.
// Plain data, filled by the service that made the change; the webhook service turns it into the
// Hub's payload (`event.action`, `event.scope`, `repo`, `discussion`, `comment`, `updatedRefs`).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/repo_id.h"

namespace hfhub::server {

struct HubEventRepo {
  RepoType type = RepoType::Model;
  std::string id;         // "ns/name"
  std::string object_id;  // the repo's `_id`
  std::string owner;      // the namespace
  bool is_private = false;
  std::string head_sha;  // the default branch's head after the event, when known
};

struct HubEventDiscussion {
  std::string object_id;
  int64_t num = 0;
  std::string title;
  std::string status;  // "open", "closed", "merged", "draft"
  std::string author;  // user name
  bool is_pull_request = false;
  std::string base_ref;  // a PR's target, e.g. "refs/heads/main"
};

struct HubEventComment {
  std::string object_id;
  std::string author;
  std::string content;
  bool hidden = false;
};

struct HubEventRefUpdate {
  std::string ref;      // "refs/heads/main", "refs/pr/3", "refs/tags/v1"
  std::string old_sha;  // empty: the ref was created
  std::string new_sha;  // empty: the ref was deleted
};

struct HubEvent {
  std::string scope;   // "repo", "repo.content", "repo.config", "discussion", "discussion.comment"
  std::string action;  // "create", "update", "delete", "move"
  std::string actor;   // the user who caused it; empty for the server itself
  HubEventRepo repo;
  std::optional<HubEventDiscussion> discussion;
  std::optional<HubEventComment> comment;
  std::vector<HubEventRefUpdate> updated_refs;  // scope repo.content
  std::vector<std::string> updated_config;      // scope repo.config: the settings keys that changed
  std::optional<std::string> moved_to;          // action move: the new "ns/name"
};

}  // namespace hfhub::server
