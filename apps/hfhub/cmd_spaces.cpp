// hfhub spaces runtime|pause|restart|settings|duplicate and spaces secrets|variables ls|add|delete,
// following `hf spaces` (docs/spaces.md); added to the `spaces` group cmd_list.cpp makes.
#include <boost/json.hpp>

#include <cstdlib>
#include <iostream>

#include "cli_context.h"
#include "output.h"

namespace hfhub::cli {

namespace {

namespace json = boost::json;

struct SpaceArgs {
  std::string space, target, key, hardware;
  std::vector<std::string> entries;
  std::optional<int64_t> sleep_time;
  bool factory = false, is_private = false, as_json = false;
};

json::value opt(const std::optional<std::string>& s) { return s ? json::value(*s) : json::value(nullptr); }

void print_runtime(const SpaceRuntime& r, bool as_json) {
  if (as_json) {
    print_json(std::cout, json::parse(r.raw));
    return;
  }
  Table t({"STAGE", "HARDWARE", "REQUESTED", "SLEEP TIME", "STORAGE"});
  t.add_row({r.stage, or_dash(r.hardware), or_dash(r.requested_hardware), or_dash(r.sleep_time), or_dash(r.storage)});
  t.print(std::cout, use_color());
}

// "KEY=value", or "KEY" alone for the value of that environment variable (as `hf` reads -s KEY).
std::pair<std::string, std::string> entry_of(const std::string& spec) {
  auto eq = spec.find('=');
  if (eq != std::string::npos) return {spec.substr(0, eq), spec.substr(eq + 1)};
  const char* env = std::getenv(spec.c_str());
  return {spec, env ? env : ""};
}

void print_variables(const std::map<std::string, SpaceVariable>& vars, bool as_json) {
  if (as_json) {
    json::object out;
    for (auto& [k, v] : vars)
      out[k] = json::object{{"value", v.value}, {"description", opt(v.description)}, {"updatedAt", opt(v.updated_at)}};
    print_json(std::cout, out);
    return;
  }
  Table t({"KEY", "VALUE", "DESCRIPTION", "UPDATED"});
  for (auto& [k, v] : vars) t.add_row({k, v.value, or_dash(v.description), or_dash(v.updated_at)});
  t.print(std::cout, use_color());
}

void print_secrets(const std::map<std::string, SpaceSecret>& secrets, bool as_json) {
  if (as_json) {
    json::object out;
    for (auto& [k, s] : secrets)
      out[k] = json::object{{"description", opt(s.description)}, {"updatedAt", opt(s.updated_at)}};
    print_json(std::cout, out);
    return;
  }
  Table t({"KEY", "DESCRIPTION", "UPDATED"});
  for (auto& [k, s] : secrets) t.add_row({k, or_dash(s.description), or_dash(s.updated_at)});
  t.print(std::cout, use_color());
}

CLI::App* space_command(CLI::App* group, const char* name, const char* help, SpaceArgs& a) {
  auto* cmd = group->add_subcommand(name, help);
  cmd->add_option("space_id", a.space, "The Space id (namespace/name)")->required();
  cmd->add_flag("--json", a.as_json, "Print JSON");
  return cmd;
}

void register_entries(CLI::App* spaces, CliContext& ctx, std::shared_ptr<SpaceArgs> a, bool secrets) {
  auto* group = spaces->add_subcommand(secrets ? "secrets" : "variables",
                                       secrets ? "Manage a Space's secrets" : "Manage a Space's variables");
  group->require_subcommand(1);
  auto* ls = space_command(group, "ls", secrets ? "List secrets (values are write-only)" : "List variables", *a);
  ls->alias("list");
  ls->callback([a, &ctx, secrets] {
    if (secrets) return print_secrets(ctx.api().get_space_secrets(a->space), a->as_json);
    print_variables(ctx.api().get_space_variables(a->space), a->as_json);
  });
  auto* add = space_command(group, "add", "Add or update entries", *a);
  add->add_option(secrets ? "-s,--secrets" : "-e,--env", a->entries, "KEY=value (or KEY: from the environment)")
      ->required();
  add->callback([a, &ctx, secrets] {
    auto api = ctx.api();
    for (auto& spec : a->entries) {
      auto [k, v] = entry_of(spec);
      secrets ? api.add_space_secret(a->space, k, v) : (void)api.add_space_variable(a->space, k, v);
    }
    std::cout << (secrets ? "Secrets" : "Variables") << " added to " << a->space << '\n';
  });
  auto* del = space_command(group, "delete", "Remove an entry", *a);
  del->add_option("key", a->key, "The key to remove")->required();
  del->callback([a, &ctx, secrets] {
    secrets ? ctx.api().delete_space_secret(a->space, a->key) : (void)ctx.api().delete_space_variable(a->space, a->key);
    std::cout << "Deleted " << a->key << " from " << a->space << '\n';
  });
}

}  // namespace

void register_space_commands(CLI::App& app, CliContext& ctx) {
  CLI::App* spaces = app.get_subcommand("spaces");
  auto a = std::make_shared<SpaceArgs>();
  space_command(spaces, "runtime", "Show a Space's runtime (hfhub runs no app)", *a)->callback([a, &ctx] {
    print_runtime(ctx.api().get_space_runtime(a->space), a->as_json);
  });
  space_command(spaces, "pause", "Pause a Space", *a)->callback([a, &ctx] {
    print_runtime(ctx.api().pause_space(a->space), a->as_json);
  });
  auto* restart = space_command(spaces, "restart", "Restart a Space", *a);
  restart->add_flag("--factory-reboot", a->factory, "Rebuild without the build cache");
  restart->callback([a, &ctx] { print_runtime(ctx.api().restart_space(a->space, a->factory), a->as_json); });
  auto* settings = space_command(spaces, "settings", "Request hardware or set the sleep time", *a);
  settings->add_option("--hardware", a->hardware, "A hardware flavor, e.g. t4-medium");
  settings->add_option("--sleep-time", a->sleep_time, "Seconds idle before sleeping; -1: never");
  settings->callback([a, &ctx] {
    auto api = ctx.api();
    if (!a->hardware.empty())
      return print_runtime(api.request_space_hardware(a->space, a->hardware, a->sleep_time), a->as_json);
    if (!a->sleep_time) throw CLI::ValidationError("settings", "give --hardware or --sleep-time");
    print_runtime(api.set_space_sleep_time(a->space, *a->sleep_time), a->as_json);
  });
  auto* dup = space_command(spaces, "duplicate", "Duplicate a Space (history, files, variables, settings)", *a);
  dup->add_option("to_id", a->target, "The new Space: name or namespace/name (default: yours, same name)");
  dup->add_flag("--private", a->is_private, "Make the copy private");
  dup->add_option("--flavor", a->hardware, "Hardware flavor for the copy");
  dup->callback([a, &ctx] {
    DuplicateSpaceParams p;
    if (!a->target.empty()) p.to_id = a->target;
    if (a->is_private) p.private_ = true;
    if (!a->hardware.empty()) p.hardware = a->hardware;
    auto url = ctx.api().duplicate_space(a->space, p);
    if (a->as_json) return print_json(std::cout, json::object{{"url", url.url}, {"repo_id", url.repo_id}});
    std::cout << url.url << '\n';
  });
  register_entries(spaces, ctx, a, true);
  register_entries(spaces, ctx, a, false);
}

}  // namespace hfhub::cli
