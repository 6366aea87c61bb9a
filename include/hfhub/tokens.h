#pragma once
// Fine-grained access tokens as whoami-v2 reports them (`auth.accessToken.fineGrained`).
#include <optional>
#include <string>
#include <vector>

namespace hfhub {

// The entity a scope applies to: a user, an org, or one repo ("model", "dataset", "space").
struct TokenScopeEntity {
  std::string type;
  std::string name;
  std::optional<std::string> id;  // `_id`
};

struct TokenScope {
  TokenScopeEntity entity;
  std::vector<std::string> permissions;  // the Hub's strings, e.g. "repo.content.read"
};

struct FineGrainedInfo {
  std::vector<TokenScope> scoped;
  std::vector<std::string> global;    // e.g. "discussion.write"
  bool can_read_gated_repos = false;  // `canReadGatedRepos`
};

}  // namespace hfhub
