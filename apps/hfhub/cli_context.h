#pragma once
// State shared by the hfhub commands: global --endpoint/--token overrides, SIGINT/SIGTERM
// handling, and exit codes.
#include <CLI/CLI.hpp>

#include <optional>
#include <string>

#include "hfhub/hf_api.h"

namespace hfhub::cli {

// Exit codes: 0 ok, 1 error, 2 usage, 3 rate limited, 130 interrupted (Ctrl-C).
inline constexpr int kExitError = 1;
inline constexpr int kExitUsage = 2;
inline constexpr int kExitRateLimited = 3;
inline constexpr int kExitInterrupted = 130;  // like a shell after SIGINT

// Thrown by commands to end the program with a code (after printing what they had to print).
struct Exit {
  int code;
};

struct CliContext {
  std::string endpoint;  // --endpoint (empty: HF_ENDPOINT / default)
  std::string token;     // --token (empty: HF_TOKEN / token file)

  // ClientOptions::from_env() with the overrides, stoppable by SIGINT/SIGTERM.
  ClientOptions client_options() const;
  HfApi api() const { return HfApi(client_options()); }
};

// Installs SIGINT/SIGTERM handlers that request a stop (second signal: default action).
void install_stop_handlers();
bool stop_requested();
// Sleeps in short slices, returning early once a stop was requested.
void interruptible_sleep(std::chrono::milliseconds duration);

// "model" / "dataset" / "space" (also plural) -> RepoType; CLI::ValidationError otherwise.
RepoType parse_repo_type_arg(const std::string& text);

void register_listing_commands(CLI::App& app, CliContext& ctx);            // models|datasets|spaces ls/info
void register_latest_command(CLI::App& models, CliContext& ctx);           // models latest
void register_repo_commands(CLI::App& app, CliContext& ctx);               // repo create/delete/move/settings
void register_auth_commands(CLI::App& app, CliContext& ctx);               // auth login/logout/whoami/list
void register_download_command(CLI::App& app, CliContext& ctx);            // download
void register_cache_commands(CLI::App& app, CliContext& ctx);              // cache ls/rm/prune/verify/export
void register_upload_commands(CLI::App& app, CliContext& ctx);             // upload, upload-large-folder
void register_repo_delete_files_command(CLI::App& repo, CliContext& ctx);  // repo delete-files
void register_access_request_commands(CLI::App& app, CliContext& ctx);     // access-requests ls/accept/...
// discussions ls/show/create/comment/close/reopen/merge
void register_discussion_commands(CLI::App& app, CliContext& ctx);
void register_webhook_commands(CLI::App& app, CliContext& ctx);     // webhooks ls/create/update/...
void register_social_commands(CLI::App& app, CliContext& ctx);      // likes, users, orgs
void register_space_commands(CLI::App& app, CliContext& ctx);       // spaces runtime/pause/secrets/...; after listing
void register_job_commands(CLI::App& app, CliContext& ctx);         // jobs run/ps/logs/... (docs/compute.md)
void register_endpoint_commands(CLI::App& app, CliContext& ctx);    // endpoints ls/deploy/... (docs/compute.md)
void register_collection_commands(CLI::App& app, CliContext& ctx);  // collections ls/info/create/...
void register_paper_commands(CLI::App& app, CliContext& ctx);  // papers ls/search/info

}  // namespace hfhub::cli
