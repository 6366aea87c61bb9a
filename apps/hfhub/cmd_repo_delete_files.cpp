// hfhub repo delete-files REPO PATTERNS...: one commit deleting every remote file matching a glob.
#include <iostream>

#include "cli_context.h"

namespace hfhub::cli {

void register_repo_delete_files_command(CLI::App& repo, CliContext& ctx) {
  struct Args {
    std::string repo, type = "model", revision, message;
    std::vector<std::string> patterns;
    bool create_pr = false;
  };
  auto a = std::make_shared<Args>();
  CLI::App* cmd = repo.add_subcommand("delete-files", "Delete remote files matching glob patterns in one commit");
  cmd->add_option("repo", a->repo, "namespace/name")->required();
  cmd->add_option("patterns", a->patterns, "Glob patterns ('*' matches '/' too; 'dir/' = everything under dir)")
      ->required()
      ->expected(1, -1);
  cmd->add_option("--repo-type,--type", a->type, "model (default), dataset or space")
      ->check(CLI::IsMember({"model", "dataset", "space"}));
  cmd->add_option("--revision", a->revision, "Branch to commit to (default: main)");
  cmd->add_option("--commit-message", a->message, "Commit summary");
  cmd->add_flag("--create-pr", a->create_pr, "Open a pull request instead of committing to the branch");
  cmd->callback([a, &ctx] {
    DeleteFilesParams p;
    p.repo_type = parse_repo_type_arg(a->type);
    if (!a->revision.empty()) p.revision = a->revision;
    p.commit_message = a->message;
    p.create_pr = a->create_pr;
    auto info = ctx.api().delete_files(a->repo, a->patterns, p);
    std::cout << info.pr_url.value_or(info.commit_url) << '\n';
  });
}

}  // namespace hfhub::cli
