// hfhub upload REPO LOCAL [PATH_IN_REPO] and hfhub upload-large-folder REPO LOCAL, like `hf upload`
// and `hf upload-large-folder`.
#include <filesystem>
#include <iostream>

#include "cli_context.h"
#include "progress_display.h"

namespace hfhub::cli {

namespace {

namespace fs = std::filesystem;

struct UploadArgs {
  std::string repo, local, path_in_repo, type = "model", revision, message, description;
  std::vector<std::string> include, exclude, deletes;
  bool create_pr = false;
  double every_minutes = 0;
  int num_workers = 0;
  ProgressFlags progress;
};

// An HfApi reporting transfer progress on stderr (bars, NDJSON or nothing).
HfApi api_with_progress(const CliContext& ctx, ProgressDisplay& display) {
  ClientOptions options = ctx.client_options();
  options.progress = display.callback();
  return HfApi(options);
}

void fill_commit_params(CommitParams& p, const UploadArgs& a) {
  p.repo_type = parse_repo_type_arg(a.type);
  if (!a.revision.empty()) p.revision = a.revision;
  p.commit_message = a.message;
  p.commit_description = a.description;
  p.create_pr = a.create_pr;
}

// One upload of a file or a folder; returns the commit URL (or the PR's).
std::string upload_once(const HfApi& api, const UploadArgs& a) {
  fs::path local(a.local);
  std::error_code ec;
  if (fs::is_regular_file(local, ec)) {
    if (!a.include.empty() || !a.exclude.empty() || !a.deletes.empty())
      throw std::invalid_argument("--include, --exclude and --delete only apply to folders");
    UploadFileParams p;
    fill_commit_params(p, a);
    std::string in_repo = a.path_in_repo.empty() ? local.filename().string() : a.path_in_repo;
    auto info = api.upload_file(local, in_repo, a.repo, p);
    return info.pr_url.value_or(info.commit_url);
  }
  if (!fs::is_directory(local, ec)) throw std::invalid_argument("No such file or folder: " + a.local);
  UploadFolderParams p;
  fill_commit_params(p, a);
  p.path_in_repo = a.path_in_repo;
  p.allow_patterns = a.include;
  p.ignore_patterns = a.exclude;
  p.delete_patterns = a.deletes;
  auto info = api.upload_folder(a.repo, local, p);
  return info.pr_url.value_or(info.commit_url);
}

void add_common(CLI::App* cmd, UploadArgs& a) {
  cmd->add_option("--repo-type,--type", a.type, "model (default), dataset or space")
      ->check(CLI::IsMember({"model", "dataset", "space"}));
  cmd->add_option("--revision", a.revision, "Branch to commit to (default: main)");
  cmd->add_option("--include", a.include, "Glob patterns of the files to upload")->expected(1, -1);
  cmd->add_option("--exclude", a.exclude, "Glob patterns of the files to leave out")->expected(1, -1);
  add_progress_flags(cmd, a.progress);
}

}  // namespace

void register_upload_commands(CLI::App& app, CliContext& ctx) {
  auto a = std::make_shared<UploadArgs>();
  CLI::App* upload = app.add_subcommand("upload", "Upload a file or a folder in one commit");
  upload->add_option("repo", a->repo, "namespace/name")->required();
  upload->add_option("local", a->local, "Local file or folder")->required();
  upload->add_option("path_in_repo", a->path_in_repo, "Destination in the repo (default: file name / root)");
  add_common(upload, *a);
  upload->add_option("--delete", a->deletes, "Glob patterns of remote files to delete")->expected(1, -1);
  upload->add_flag("--create-pr", a->create_pr, "Open a pull request instead of committing to the branch");
  upload->add_option("--commit-message", a->message, "Commit summary");
  upload->add_option("--commit-description", a->description, "Commit description");
  upload
      ->add_option("--every", a->every_minutes, "Upload again every MINUTES until Ctrl-C (unchanged files are skipped)")
      ->check(CLI::PositiveNumber);
  upload->callback([a, &ctx] {
    install_stop_handlers();
    ProgressDisplay display(a->progress.mode());
    HfApi api = api_with_progress(ctx, display);
    try {
      std::cout << upload_once(api, *a) << std::endl;
      if (a->every_minutes <= 0) return;
      // Like `hf upload --every`: a scheduler re-running the same upload; unchanged files cost a
      // preupload call each and no transfer, and an unchanged folder creates no commit.
      while (!stop_requested()) {
        interruptible_sleep(std::chrono::milliseconds(static_cast<int64_t>(a->every_minutes * 60'000)));
        if (stop_requested()) break;
        std::cout << upload_once(api, *a) << std::endl;
      }
    } catch (const CancelledError&) {
      std::cerr << "hfhub: upload interrupted\n";
      throw Exit{kExitInterrupted};
    }
  });

  CLI::App* large = app.add_subcommand("upload-large-folder", "Upload a large folder resumably, in several commits");
  large->add_option("repo", a->repo, "namespace/name")->required();
  large->add_option("local", a->local, "Local folder")->required();
  large->add_option("--repo-type,--type", a->type, "model, dataset or space")
      ->required()
      ->check(CLI::IsMember({"model", "dataset", "space"}));
  large->add_option("--revision", a->revision, "Branch to commit to (default: main)");
  large->add_option("--include", a->include, "Glob patterns of the files to upload")->expected(1, -1);
  large->add_option("--exclude", a->exclude, "Glob patterns of the files to leave out")->expected(1, -1);
  add_progress_flags(large, a->progress);
  large->add_option("--num-workers", a->num_workers, "Parallel transfers (default: transfer max connections)")
      ->check(CLI::PositiveNumber);
  large->callback([a, &ctx] {
    install_stop_handlers();
    UploadLargeFolderParams p;
    p.repo_type = parse_repo_type_arg(a->type);
    if (!a->revision.empty()) p.revision = a->revision;
    p.allow_patterns = a->include;
    p.ignore_patterns = a->exclude;
    p.num_workers = a->num_workers;
    ProgressDisplay display(a->progress.mode());
    try {
      auto commits = api_with_progress(ctx, display).upload_large_folder(a->repo, a->local, p);
      for (const auto& c : commits) std::cout << c.commit_url << '\n';
      if (commits.empty()) std::cout << "Everything is already uploaded.\n";
    } catch (const CancelledError&) {
      std::cerr << "hfhub: interrupted; run the same command again to resume\n";
      throw Exit{kExitInterrupted};
    }
  });
}

}  // namespace hfhub::cli
