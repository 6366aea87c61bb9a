#pragma once
// Space settings (docs/spaces.md): variables, write-only secrets, and the runtime settings the
// Hub's API takes (hardware, sleep time, storage, pause, restart). hfhub runs no Space apps, so the
// runtime it reports is derived from the repo and these settings: never RUNNING, current hardware
// always null. Reads need read access to the Space (a private one answers as missing); every change
// needs a write token with rights on its namespace; secret values are never returned by anything.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "server/model/repo.h"
#include "server/services/identity.h"
#include "server/services/repo_finder.h"
#include "server/spaces/secret_box.h"
#include "server/stores/repo_store.h"
#include "server/stores/space_store.h"

namespace hfhub::server {

struct SpaceRuntime {
  std::string stage;  // a SpaceStage name: PAUSED, CONFIG_ERROR, NO_APP_FILE or STOPPED
  std::optional<std::string> requested_hardware;
  std::optional<int64_t> sleep_time;  // the `gcTimeout`
  std::optional<std::string> storage;
  std::optional<std::string> sdk;
};

// A variable, or a secret's key and description (value empty).
using SpaceVariable = SpaceEntry;

class SpaceSettingsService {
 public:
  SpaceSettingsService(RepoStore& repos, SpaceStore& spaces, std::filesystem::path secret_key_file)
      : finder_(repos), spaces_(spaces), box_(std::move(secret_key_file)) {}

  std::vector<SpaceVariable> variables(const Caller& caller, std::string_view id);
  std::vector<SpaceVariable> put_variable(const Caller& caller, std::string_view id, const SpaceVariable& v);
  std::vector<SpaceVariable> delete_variable(const Caller& caller, std::string_view id, std::string_view key);

  // Keys, descriptions and update times only: the values stay sealed.
  std::vector<SpaceVariable> secrets(const Caller& caller, std::string_view id);
  void put_secret(const Caller& caller, std::string_view id, const SpaceVariable& secret);
  void delete_secret(const Caller& caller, std::string_view id, std::string_view key);

  SpaceRuntime runtime(const Caller& caller, std::string_view id);
  // The runtime of a Space the caller already may see (space_info's `runtime`).
  SpaceRuntime runtime_of(const RepoRecord& space);
  SpaceRuntime request_hardware(const Caller& caller, std::string_view id, std::string_view flavor,
                                std::optional<int64_t> sleep_time);
  SpaceRuntime set_sleep_time(const Caller& caller, std::string_view id, int64_t seconds);
  SpaceRuntime pause(const Caller& caller, std::string_view id);
  SpaceRuntime restart(const Caller& caller, std::string_view id);
  SpaceRuntime request_storage(const Caller& caller, std::string_view id, std::string_view tier);
  SpaceRuntime delete_storage(const Caller& caller, std::string_view id);

  // What a duplicate takes along (docs/spaces.md#duplicate): variables, hardware, sleep time and
  // the paused state, never secrets (the Hub's rule). `requested` overrides them.
  void copy_to(const RepoRecord& from, const RepoRecord& to, const SpaceSettings& requested);

  static bool is_hardware_flavor(std::string_view flavor);

 private:
  RepoRecord readable(const Caller& caller, std::string_view id, bool with_siblings = false);
  RepoRecord writable(const Caller& caller, std::string_view id, bool with_siblings = false);
  // Applies `edit` to a writable Space's settings and answers its runtime.
  SpaceRuntime change(const Caller& caller, std::string_view id, const std::function<void(SpaceSettings&)>& edit);

  RepoFinder finder_;
  SpaceStore& spaces_;
  SecretBox box_;
};

// The Hub's rules for settings input, shared with duplication (docs/spaces.md#input-rules).
void check_space_key(std::string_view key);
void check_sleep_time(int64_t seconds);

}  // namespace hfhub::server
