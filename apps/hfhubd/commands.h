#pragma once
// hfhubd's command families; main.cpp only dispatches.
#include <CLI/CLI.hpp>

namespace hfhubd {

// `hfhubd serve ...`: returns the callback's exit code holder.
void add_serve_command(CLI::App& app, int& exit_code);
// `hfhubd admin --data DIR ...`: offline administration of a data dir.
void add_admin_commands(CLI::App& app, int& exit_code);
// `hfhubd admin migrate-store --from sqlite:DIR --to postgresql://...` (migrate_store_command.cpp).
void add_migrate_store_command(CLI::App* admin, int& exit_code);
// `hfhubd hook pre-receive --data DIR`: run by git during pushes (see server/git_http/push_hooks.h).
void add_hook_commands(CLI::App& app, int& exit_code);

}  // namespace hfhubd
