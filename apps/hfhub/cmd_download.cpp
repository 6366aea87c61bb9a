// hfhub download REPO [FILES...], like `hf download`: one file -> hf_hub_download and its path;
// several files or patterns -> snapshot_download and the folder. Ctrl-C stops the transfers
// and leaves resumable partial files.
#include <iostream>

#include <boost/json.hpp>

#include "cli_context.h"
#include "output.h"
#include "progress_display.h"

namespace hfhub::cli {

namespace {

struct DownloadArgs {
  std::string repo, type = "model", revision, local_dir, cache_dir;
  std::vector<std::string> files, include, exclude;
  bool dry_run = false, force = false, local_files_only = false;
  int max_workers = 8;
  ProgressFlags progress;
};

template <typename Params>
void fill_common(Params& p, const DownloadArgs& a) {
  p.repo_type = parse_repo_type_arg(a.type);
  if (!a.revision.empty()) p.revision = a.revision;
  if (!a.cache_dir.empty()) p.cache_dir = a.cache_dir;
  if (!a.local_dir.empty()) p.local_dir = a.local_dir;
  p.force_download = a.force;
  p.local_files_only = a.local_files_only;
}

void print_dry_run(const std::vector<DryRunFileInfo>& files, bool as_json) {
  if (as_json) {
    boost::json::array out;
    for (const auto& f : files)
      out.push_back({{"commit_hash", f.commit_hash},
                     {"file_path", f.file_path},
                     {"local_path", f.local_path},
                     {"file_size", f.file_size},
                     {"is_cached", f.is_cached},
                     {"will_download", f.will_download}});
    print_json(std::cout, out);
    return;
  }
  Table table({"FILE", "SIZE", "CACHED", "WILL DOWNLOAD"});
  int64_t to_download = 0;
  for (const auto& f : files) {
    table.add_row(
        {f.file_path, std::to_string(f.file_size), f.is_cached ? "yes" : "no", f.will_download ? "yes" : "no"});
    if (f.will_download) to_download += f.file_size;
  }
  table.print(std::cout, use_color());
  std::cout << files.size() << " files, " << to_download << " bytes to download\n";
}

void run_download(CliContext& ctx, const DownloadArgs& a) {
  install_stop_handlers();
  ProgressDisplay display(a.progress.mode());
  ClientOptions options = ctx.client_options();
  options.progress = display.callback();
  HfApi api(options);

  bool single = a.files.size() == 1 && a.include.empty() && a.exclude.empty() && !a.dry_run;
  if (single) {
    DownloadParams p;
    fill_common(p, a);
    auto path = api.hf_hub_download(a.repo, a.files.front(), p);
    std::cout << path.string() << '\n';
    return;
  }
  SnapshotParams p;
  fill_common(p, a);
  p.allow_patterns = a.files.empty() ? a.include : a.files;
  if (!a.files.empty()) p.allow_patterns.insert(p.allow_patterns.end(), a.include.begin(), a.include.end());
  p.ignore_patterns = a.exclude;
  p.max_workers = a.max_workers;
  if (a.dry_run) return print_dry_run(api.snapshot_download_dry_run(a.repo, p), a.progress.json);
  auto folder = api.snapshot_download(a.repo, p);
  std::cout << folder.string() << '\n';
}

}  // namespace

void register_download_command(CLI::App& app, CliContext& ctx) {
  auto args = std::make_shared<DownloadArgs>();
  CLI::App* cmd = app.add_subcommand("download", "Download files of a repo into the cache (or --local-dir)");
  cmd->add_option("repo", args->repo, "Repo id (namespace/name)")->required();
  cmd->add_option("files", args->files, "Files to download (default: the whole repo)");
  cmd->add_option("--repo-type,--type", args->type, "model (default), dataset or space")
      ->check(CLI::IsMember({"model", "dataset", "space"}));
  cmd->add_option("--revision", args->revision, "Branch, tag or commit (default: main)");
  cmd->add_option("--include", args->include, "Glob patterns of the files to download")->expected(1, -1);
  cmd->add_option("--exclude", args->exclude, "Glob patterns of the files to leave out")->expected(1, -1);
  cmd->add_option("--local-dir", args->local_dir, "Put real files in this folder instead of the cache");
  cmd->add_option("--cache-dir", args->cache_dir, "Cache folder (default: $HF_HUB_CACHE)");
  cmd->add_option("--max-workers", args->max_workers, "Files downloaded at once (default 8)")->check(CLI::Range(1, 64));
  cmd->add_flag("--dry-run", args->dry_run, "Show what would be downloaded");
  cmd->add_flag("--force,--force-download", args->force, "Download even if cached");
  cmd->add_flag("--local-files-only", args->local_files_only, "Only look in the cache; never use the network");
  add_progress_flags(cmd, args->progress);
  cmd->callback([&ctx, args] { run_download(ctx, *args); });
}

}  // namespace hfhub::cli
