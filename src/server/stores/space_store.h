#pragma once
// Space settings (docs/spaces.md#storage): variables, secrets (stored as ciphertext: the store
// never sees a secret's value) and the runtime settings hfhub records without running anything.
// Keyed by the Space's `_id`, so a renamed Space keeps them and a recreated one starts empty.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hfhub::server {

enum class SpaceEntryKind { Variable, Secret };

struct SpaceEntry {
  std::string key;
  std::string value;  // a variable's text, or a secret's sealed bytes (spaces/secret_box.h)
  std::optional<std::string> description;
  int64_t updated_at_ms = 0;
};

struct SpaceSettings {
  std::optional<std::string> requested_hardware;  // a flavor the owner asked for; nothing runs it
  std::optional<int64_t> sleep_time;              // seconds; -1: never sleep
  std::optional<std::string> storage;             // "small", "medium", "large"
  bool paused = false;
};

class SpaceStore {
 public:
  virtual ~SpaceStore() = default;

  // Sorted by key.
  virtual std::vector<SpaceEntry> entries(std::string_view space, SpaceEntryKind kind) = 0;
  // Inserts or replaces the entry with that key.
  virtual void put_entry(std::string_view space, SpaceEntryKind kind, const SpaceEntry& entry) = 0;
  // False when there was none.
  virtual bool delete_entry(std::string_view space, SpaceEntryKind kind, std::string_view key) = 0;

  virtual SpaceSettings settings(std::string_view space) = 0;
  virtual void put_settings(std::string_view space, const SpaceSettings& settings) = 0;
};

}  // namespace hfhub::server
