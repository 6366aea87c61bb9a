// hfhub repo create|delete|move|settings (browsing and refs: cmd_repo_content.cpp)
#include <iostream>

#include "cli_context.h"

namespace hfhub::cli {

namespace {

struct RepoArgs {
  std::string name, to, type = "model", space_sdk, private_value, gated, discussions_disabled;
  bool private_flag = false, exist_ok = false, missing_ok = false;
};

std::optional<bool> parse_bool_arg(const std::string& name, const std::string& v) {
  if (v.empty()) return std::nullopt;
  if (v == "true" || v == "1" || v == "yes") return true;
  if (v == "false" || v == "0" || v == "no") return false;
  throw CLI::ValidationError(name, "must be true or false");
}

void add_type_option(CLI::App* cmd, RepoArgs& a) {
  cmd->add_option("--type,--repo-type", a.type, "model (default), dataset or space")
      ->check(CLI::IsMember({"model", "dataset", "space"}));
}

}  // namespace

void register_repo_content_commands(CLI::App& repo, CliContext& ctx);  // cmd_repo_content.cpp

void register_repo_commands(CLI::App& app, CliContext& ctx) {
  CLI::App* repo = app.add_subcommand("repo", "Create, delete, move and configure repositories");
  repo->require_subcommand(1);
  auto a = std::make_shared<RepoArgs>();

  CLI::App* create = repo->add_subcommand("create", "Create a repository");
  create->add_option("name", a->name, "namespace/name or name (your namespace)")->required();
  add_type_option(create, *a);
  create->add_flag("--private", a->private_flag, "Make the repository private");
  create->add_flag("--exist-ok", a->exist_ok, "Do not fail if it already exists");
  create->add_option("--space-sdk", a->space_sdk, "gradio, streamlit, docker or static (spaces)");
  create->callback([a, &ctx] {
    CreateRepoParams p;
    p.repo_type = parse_repo_type_arg(a->type);
    if (a->private_flag) p.private_ = true;
    p.exist_ok = a->exist_ok;
    if (!a->space_sdk.empty()) p.space_sdk = a->space_sdk;
    std::cout << ctx.api().create_repo(a->name, p).url << '\n';
  });

  CLI::App* del = repo->add_subcommand("delete", "Delete a repository");
  del->add_option("name", a->name, "namespace/name")->required();
  add_type_option(del, *a);
  del->add_flag("--missing-ok", a->missing_ok, "Do not fail if it does not exist");
  del->callback([a, &ctx] {
    ctx.api().delete_repo(a->name, parse_repo_type_arg(a->type), a->missing_ok);
    std::cout << "Deleted " << a->type << " " << a->name << '\n';
  });

  CLI::App* move = repo->add_subcommand("move", "Rename or transfer a repository");
  move->add_option("from", a->name, "namespace/name")->required();
  move->add_option("to", a->to, "new namespace/name")->required();
  add_type_option(move, *a);
  move->callback([a, &ctx] {
    auto type = parse_repo_type_arg(a->type);
    HfApi api = ctx.api();
    api.move_repo(a->name, a->to, type);
    std::cout << api.repo_url(a->to, type) << '\n';
  });

  CLI::App* settings = repo->add_subcommand("settings", "Update visibility, gating, discussions");
  settings->add_option("name", a->name, "namespace/name")->required();
  add_type_option(settings, *a);
  settings->add_option("--private", a->private_value, "true or false")->check(CLI::IsMember({"true", "false"}));
  settings->add_option("--gated", a->gated, "auto, manual or false")->check(CLI::IsMember({"auto", "manual", "false"}));
  settings->add_option("--discussions-disabled", a->discussions_disabled, "true or false")
      ->check(CLI::IsMember({"true", "false"}));
  settings->callback([a, &ctx] {
    RepoSettings s;
    s.repo_type = parse_repo_type_arg(a->type);
    s.private_ = parse_bool_arg("--private", a->private_value);
    if (!a->gated.empty()) s.gated = parse_gated_mode(a->gated);
    s.discussions_disabled = parse_bool_arg("--discussions-disabled", a->discussions_disabled);
    if (!s.private_ && !s.gated && !s.discussions_disabled)
      throw CLI::ValidationError("settings", "give at least one of --private, --gated, --discussions-disabled");
    ctx.api().update_repo_settings(a->name, s);
    std::cout << "Updated " << a->type << " " << a->name << '\n';
  });

  register_repo_content_commands(*repo, ctx);
}

}  // namespace hfhub::cli
