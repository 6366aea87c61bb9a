#pragma once
// Repository lifecycle: create, delete, move (rename) and settings. Enforces write rights.
#include <optional>
#include <string>

#include "server/model/repo.h"
#include "server/services/hub_event_sink.h"
#include "server/services/identity.h"
#include "server/stores/account_store.h"
#include "server/stores/repo_store.h"

namespace hfhub::server {

// "protected" is for Spaces only: on the Hub the files are private and the app public; hfhub runs
// no apps, so a protected Space is a private repo.
enum class Visibility { Public, Private, Protected };

struct CreateRepoRequest {
  RepoType type = RepoType::Model;
  // nullopt: the caller's own namespace. Given but empty ("/x") is an invalid id, not the caller's.
  std::optional<std::string> ns;
  std::string name;
  std::optional<Visibility> visibility;  // nullopt: the namespace's default
  std::optional<std::string> sdk;        // spaces: gradio, streamlit, docker, static
};

struct RepoSettings {
  std::optional<Visibility> visibility;
  std::optional<Gated> gated;
  std::optional<bool> discussions_disabled;
};

class RepoService {
 public:
  RepoService(RepoStore& repos, AccountStore& accounts, HubEventSink& events)
      : repos_(repos), accounts_(accounts), events_(events) {}

  // Throws DomainError: 400 invalid name/sdk, 401/403 rights, 409 (with the existing `url`).
  RepoRecord create(const Caller& caller, CreateRepoRequest request, std::string_view public_url);
  // Removes the catalog row; returns it so the caller can delete the repo's storage. `ns` nullopt:
  // the caller's namespace (anonymous: the bare name, which then answers 401).
  RepoRecord remove(const Caller& caller, RepoType type, const std::optional<std::string>& ns, std::string_view name);
  RepoRecord move(const Caller& caller, RepoType type, std::string_view from, std::string_view to);
  RepoRecord update_settings(const Caller& caller, RepoType type, std::string_view id, const RepoSettings& s);

  // Whether a repo with this immutable `_id` still exists (signed LFS URLs outlive deletions).
  bool exists(std::string_view object_id) { return repos_.find_repo_by_object_id(object_id).has_value(); }

  static std::string repo_url(std::string_view public_url, RepoType type, std::string_view id);

 private:
  // The repo for a write: RepoNotFound if invisible, 403 if visible but not writable.
  RepoRecord find_writable(const Caller& caller, RepoType type, std::string_view id);

  RepoStore& repos_;
  AccountStore& accounts_;
  HubEventSink& events_;
};

}  // namespace hfhub::server
