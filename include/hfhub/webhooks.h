#pragma once
// Webhooks as Python's huggingface_hub models them (WebhookInfo, WebhookWatchedItem), for
// HfApi::list_webhooks and friends (/api/settings/webhooks).
#include <optional>
#include <string>
#include <vector>

namespace hfhub {

// What a webhook watches: a user or org (every repo in the namespace) or one repo.
struct WebhookWatchedItem {
  std::string type;  // "user", "org", "model", "dataset", "space"
  std::string name;  // the user/org name, or the repo id
};

struct WebhookInfo {
  std::string id;
  std::optional<std::string> url;
  std::vector<WebhookWatchedItem> watched;
  std::vector<std::string> domains;  // "repo", "discussion"
  std::optional<std::string> secret;
  bool disabled = false;
};

// create_webhook: `url` and `watched` are required; domains default to every domain.
struct CreateWebhookParams {
  std::string url;
  std::vector<WebhookWatchedItem> watched;
  std::optional<std::vector<std::string>> domains;
  std::optional<std::string> secret;
};

// update_webhook: only the fields that are set change. Like Python, `watched` is always sent (an
// empty list when unset), which a server reads as "unchanged".
struct UpdateWebhookParams {
  std::optional<std::string> url;
  std::vector<WebhookWatchedItem> watched;
  std::optional<std::vector<std::string>> domains;
  std::optional<std::string> secret;
};

}  // namespace hfhub
