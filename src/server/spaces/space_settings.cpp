#include "server/spaces/space_settings.h"

#include <boost/json.hpp>

#include <algorithm>
#include <array>
#include <chrono>

#include "server/model/domain_error.h"
#include "server/services/access_policy.h"

namespace hfhub::server {

namespace {

constexpr size_t kMaxKey = 256, kMaxValue = 64 * 1024, kMaxDescription = 1000;
constexpr int64_t kMaxSleep = 30LL * 24 * 3600;
// A Space on free hardware sleeps after 48 hours; the Hub reports it as gcTimeout (docs/spaces.md#runtime).
constexpr int64_t kFreeSleep = 48 * 3600;

// SpaceHardware as huggingface_hub lists it, across the versions hfhub is tested with.
constexpr std::array<std::string_view, 24> kFlavors = {
    "cpu-basic",  "cpu-upgrade",  "cpu-xl",       "zero-a10g",      "t4-small",       "t4-medium",
    "l4x1",       "l4x4",         "l40sx1",       "l40sx4",         "l40sx8",         "a10g-small",
    "a10g-large", "a10g-largex2", "a10g-largex4", "a100-large",     "a100x4",         "a100x8",
    "h100",       "h100x8",       "rtx-pro-6000", "rtx-pro-6000x2", "rtx-pro-6000x4", "rtx-pro-6000x8"};

int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// The file an SDK starts from, unless the card names another (`app_file`).
std::optional<std::string> app_file(const RepoRecord& space) {
  if (!space.card_data_json.empty()) {
    boost::system::error_code ec;
    auto card = boost::json::parse(space.card_data_json, ec);
    if (auto* o = ec ? nullptr : card.if_object())
      if (auto* f = o->if_contains("app_file"); f && f->is_string()) return std::string(f->as_string());
  }
  if (!space.sdk) return std::nullopt;
  if (*space.sdk == "static") return "index.html";
  if (*space.sdk == "docker") return "Dockerfile";
  return "app.py";
}

std::string sealed_context(const RepoRecord& space, std::string_view key) {
  return space.object_id + "/" + std::string(key);
}

void check_entry(const SpaceVariable& v) {
  check_space_key(v.key);
  if (v.value.size() > kMaxValue)
    throw DomainError(ErrorKind::InvalidParameter, "'value' is longer than " + std::to_string(kMaxValue) + " bytes");
  if (v.description && v.description->size() > kMaxDescription)
    throw DomainError(ErrorKind::InvalidParameter,
                      "'description' is longer than " + std::to_string(kMaxDescription) + " characters");
}

}  // namespace

void check_space_key(std::string_view key) {
  auto word = [](char c) { return c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); };
  bool ok = !key.empty() && key.size() <= kMaxKey && word(key[0]) &&
            std::all_of(key.begin(), key.end(), [&](char c) { return word(c) || (c >= '0' && c <= '9'); });
  if (!ok)
    throw DomainError(ErrorKind::InvalidParameter,
                      "Invalid key '" + std::string(key.substr(0, kMaxKey)) +
                          "': a key is an environment variable name (letters, digits and '_', not starting with a "
                          "digit, at most 256 characters)");
}

void check_sleep_time(int64_t seconds) {
  if (seconds != -1 && (seconds < 1 || seconds > kMaxSleep))
    throw DomainError(ErrorKind::InvalidParameter, "Invalid sleep time " + std::to_string(seconds) +
                                                       ": expected -1 (never) or 1 to " + std::to_string(kMaxSleep) +
                                                       " seconds");
}

bool SpaceSettingsService::is_hardware_flavor(std::string_view flavor) {
  return std::find(kFlavors.begin(), kFlavors.end(), flavor) != kFlavors.end();
}

RepoRecord SpaceSettingsService::readable(const Caller& caller, std::string_view id, bool with_siblings) {
  return finder_.find_visible(RepoType::Space, id, caller, with_siblings);
}

RepoRecord SpaceSettingsService::writable(const Caller& caller, std::string_view id, bool with_siblings) {
  auto space = readable(caller, id, with_siblings);  // first: a private Space answers as missing
  AccessPolicy::require_write(caller, space.author);
  return space;
}

std::vector<SpaceVariable> SpaceSettingsService::variables(const Caller& caller, std::string_view id) {
  return spaces_.entries(readable(caller, id).object_id, SpaceEntryKind::Variable);
}

std::vector<SpaceVariable> SpaceSettingsService::put_variable(const Caller& caller, std::string_view id,
                                                              const SpaceVariable& v) {
  check_entry(v);
  auto space = writable(caller, id);
  auto entry = v;
  entry.updated_at_ms = now_ms();
  spaces_.put_entry(space.object_id, SpaceEntryKind::Variable, entry);
  return spaces_.entries(space.object_id, SpaceEntryKind::Variable);
}

std::vector<SpaceVariable> SpaceSettingsService::delete_variable(const Caller& caller, std::string_view id,
                                                                 std::string_view key) {
  auto space = writable(caller, id);
  spaces_.delete_entry(space.object_id, SpaceEntryKind::Variable, key);  // a missing key is no error
  return spaces_.entries(space.object_id, SpaceEntryKind::Variable);
}

std::vector<SpaceVariable> SpaceSettingsService::secrets(const Caller& caller, std::string_view id) {
  auto out = spaces_.entries(writable(caller, id).object_id, SpaceEntryKind::Secret);
  for (auto& s : out) s.value.clear();
  return out;
}

void SpaceSettingsService::put_secret(const Caller& caller, std::string_view id, const SpaceVariable& secret) {
  check_entry(secret);
  auto space = writable(caller, id);
  auto entry = secret;
  entry.value = box_.seal(secret.value, sealed_context(space, secret.key));
  entry.updated_at_ms = now_ms();
  spaces_.put_entry(space.object_id, SpaceEntryKind::Secret, entry);
}

void SpaceSettingsService::delete_secret(const Caller& caller, std::string_view id, std::string_view key) {
  spaces_.delete_entry(writable(caller, id).object_id, SpaceEntryKind::Secret, key);
}

SpaceRuntime SpaceSettingsService::runtime_of(const RepoRecord& space) {
  auto s = spaces_.settings(space.object_id);
  SpaceRuntime r{.requested_hardware = s.requested_hardware.value_or("cpu-basic"),
                 .sleep_time = s.sleep_time,
                 .storage = s.storage,
                 .sdk = space.sdk};
  if (!r.sleep_time && r.requested_hardware == "cpu-basic") r.sleep_time = kFreeSleep;
  auto file = app_file(space);
  bool has_app = file && std::any_of(space.siblings.begin(), space.siblings.end(),
                                     [&](const Sibling& f) { return f.rfilename == *file; });
  r.stage = s.paused ? "PAUSED" : !space.sdk ? "CONFIG_ERROR" : !has_app ? "NO_APP_FILE" : "STOPPED";
  return r;
}

SpaceRuntime SpaceSettingsService::runtime(const Caller& caller, std::string_view id) {
  return runtime_of(readable(caller, id, true));
}

SpaceRuntime SpaceSettingsService::change(const Caller& caller, std::string_view id,
                                          const std::function<void(SpaceSettings&)>& edit) {
  auto space = writable(caller, id, true);
  auto s = spaces_.settings(space.object_id);
  edit(s);
  spaces_.put_settings(space.object_id, s);
  return runtime_of(space);
}

SpaceRuntime SpaceSettingsService::request_hardware(const Caller& caller, std::string_view id, std::string_view flavor,
                                                    std::optional<int64_t> sleep_time) {
  if (!is_hardware_flavor(flavor))
    throw DomainError(ErrorKind::InvalidParameter, "Unknown hardware flavor '" + std::string(flavor) + "'");
  if (sleep_time) check_sleep_time(*sleep_time);
  return change(caller, id, [&](SpaceSettings& s) {
    s.requested_hardware = std::string(flavor);
    if (sleep_time) s.sleep_time = sleep_time;
  });
}

SpaceRuntime SpaceSettingsService::set_sleep_time(const Caller& caller, std::string_view id, int64_t seconds) {
  check_sleep_time(seconds);
  return change(caller, id, [&](SpaceSettings& s) { s.sleep_time = seconds; });
}

SpaceRuntime SpaceSettingsService::pause(const Caller& caller, std::string_view id) {
  auto space = writable(caller, id);
  // The Hub refuses to pause a static Space: it is always served (docs/spaces.md#pause-and-restart).
  if (space.sdk == "static") throw DomainError(ErrorKind::BadRequest, "Static Spaces cannot be paused");
  return change(caller, id, [](SpaceSettings& s) { s.paused = true; });
}

SpaceRuntime SpaceSettingsService::restart(const Caller& caller, std::string_view id) {
  auto space = writable(caller, id);
  if (space.sdk == "static") throw DomainError(ErrorKind::BadRequest, "Static Spaces cannot be restarted");
  return change(caller, id, [](SpaceSettings& s) { s.paused = false; });
}

SpaceRuntime SpaceSettingsService::request_storage(const Caller& caller, std::string_view id, std::string_view tier) {
  if (tier != "small" && tier != "medium" && tier != "large")
    throw DomainError(ErrorKind::InvalidParameter,
                      "Unknown storage tier '" + std::string(tier) + "': expected small, medium or large");
  return change(caller, id, [&](SpaceSettings& s) { s.storage = std::string(tier); });
}

SpaceRuntime SpaceSettingsService::delete_storage(const Caller& caller, std::string_view id) {
  return change(caller, id, [](SpaceSettings& s) { s.storage.reset(); });
}

void SpaceSettingsService::copy_to(const RepoRecord& from, const RepoRecord& to, const SpaceSettings& requested) {
  for (auto& v : spaces_.entries(from.object_id, SpaceEntryKind::Variable))
    spaces_.put_entry(to.object_id, SpaceEntryKind::Variable, v);
  auto s = spaces_.settings(from.object_id);
  SpaceSettings out{
      .requested_hardware = requested.requested_hardware ? requested.requested_hardware : s.requested_hardware,
      .sleep_time = requested.sleep_time ? requested.sleep_time : s.sleep_time,
      .storage = requested.storage,
      .paused = s.paused};
  spaces_.put_settings(to.object_id, out);
}

}  // namespace hfhub::server
