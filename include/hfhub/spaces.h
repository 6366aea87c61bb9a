#pragma once
// Space settings as Python's huggingface_hub models them (SpaceRuntime, SpaceVariable,
// SpaceSecret), for HfApi::get_space_runtime and friends (/api/spaces/{id}/...).
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace hfhub {

struct SpaceRuntime {
  std::string stage;                              // a SpaceStage name, e.g. "RUNNING", "PAUSED"
  std::optional<std::string> hardware;            // hardware.current
  std::optional<std::string> requested_hardware;  // hardware.requested
  std::optional<int64_t> sleep_time;              // gcTimeout, seconds
  std::optional<std::string> storage;             // "small", "medium", "large"
  bool dev_mode = false;
  std::string raw;  // the whole JSON answer
};

struct SpaceVariable {
  std::string key;
  std::string value;
  std::optional<std::string> description;
  std::optional<std::string> updated_at;  // ISO 8601
};

// A secret as listed: its value is write-only and never returned.
struct SpaceSecret {
  std::string key;
  std::optional<std::string> description;
  std::optional<std::string> updated_at;
};

// A secret or variable given to duplicate_space.
struct SpaceEntryInput {
  std::string key;
  std::string value;
  std::optional<std::string> description;
};

struct DuplicateSpaceParams {
  std::optional<std::string> to_id;  // default: the caller's namespace, the source's name
  std::optional<bool> private_; // default: the source's visibility
  bool exist_ok = false;
  std::optional<std::string> hardware;
  std::optional<std::string> storage;
  std::optional<int64_t> sleep_time;
  std::vector<SpaceEntryInput> secrets;
  std::vector<SpaceEntryInput> variables;
};

}  // namespace hfhub
