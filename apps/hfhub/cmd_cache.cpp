// hfhub cache ls|rm|prune|verify|export: the shared Hugging Face cache, like `hf cache`.
#include <boost/json.hpp>

#include <cmath>
#include <cstdio>
#include <iostream>

#include "cli_context.h"
#include "common/iso_time.h"
#include "hfhub/cache.h"
#include "output.h"

namespace hfhub::cli {

namespace {

namespace json = boost::json;
namespace fs = std::filesystem;

struct CacheArgs {
  std::string cache_dir, repo_type = "model", repo, dest;
  std::vector<std::string> targets;
  bool as_json = false, revisions = false, dry_run = false, yes = false;
};

// "1.5M" as Python's _format_size (powers of 1000).
std::string human_size(int64_t bytes) {
  double n = double(bytes);
  for (const char* unit : {"", "K", "M", "G", "T", "P"}) {
    if (std::fabs(n) < 1000.0) {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.1f%s", n, unit);
      return buf;
    }
    n /= 1000.0;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1fE", n);
  return buf;
}

// "3 days ago" as Python's _format_timesince.
std::string time_since(CacheTime t) {
  double delta = std::chrono::duration<double>(std::chrono::system_clock::now() - t).count();
  if (delta < 20) return "a few seconds ago";
  struct Chunk {
    const char* label;
    double seconds;
    long max;
  };
  static constexpr Chunk chunks[] = {{"second", 1, 60},        {"minute", 60, 60},     {"hour", 3600, 24},
                                     {"day", 86400, 6},        {"week", 86400 * 7, 6}, {"month", 86400 * 30, 11},
                                     {"year", 86400 * 365, -1}};
  long value = 0;
  const char* label = "";
  for (const auto& c : chunks) {
    value = std::lround(delta / c.seconds);
    label = c.label;
    if (c.max >= 0 && value <= c.max) break;
  }
  return std::to_string(value) + " " + label + (value > 1 ? "s" : "") + " ago";
}

std::string iso(CacheTime t) {
  return format_iso8601_ms(std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count());
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : ", ") + s;
  return out;
}

fs::path cache_dir_of(const CacheArgs& a, const CliContext& ctx) {
  return a.cache_dir.empty() ? ctx.client_options().hub_cache : fs::path(a.cache_dir);
}

void print_warnings(const std::vector<CacheWarning>& warnings) {
  for (const auto& w : warnings) std::cerr << "warning: " << w.path.string() << ": " << w.message << '\n';
}

json::object revision_json(const CachedRevisionInfo& rev, bool with_files) {
  json::object o{{"commit_hash", rev.commit_hash},     {"snapshot_path", rev.snapshot_path.string()},
                 {"refs", json::value_from(rev.refs)}, {"size_on_disk", rev.size_on_disk},
                 {"nb_files", rev.nb_files},           {"last_modified", iso(rev.last_modified)}};
  if (with_files) {
    json::array files;
    for (const auto& f : rev.files)
      files.push_back({{"path", f.path_in_repo},
                       {"file_path", f.file_path.string()},
                       {"blob_path", f.blob_path.string()},
                       {"etag", f.etag ? json::value(*f.etag) : json::value(nullptr)},
                       {"size_on_disk", f.size_on_disk},
                       {"blob_exists", f.blob_exists}});
    o["files"] = std::move(files);
  }
  return o;
}

json::object repo_json(const CachedRepoInfo& r, bool with_files) {
  json::array revisions;
  for (const auto& rev : r.revisions) revisions.push_back(revision_json(rev, with_files));
  json::object refs;
  for (const auto& [name, commit] : r.refs) refs[name] = commit;
  return {{"repo_id", r.repo_id},
          {"repo_type", repo_type_name(r.repo_type)},
          {"repo_path", r.repo_path.string()},
          {"size_on_disk", r.size_on_disk},
          {"nb_files", r.nb_files},
          {"last_accessed", iso(r.last_accessed)},
          {"last_modified", iso(r.last_modified)},
          {"refs", std::move(refs)},
          {"revisions", std::move(revisions)}};
}

void cache_ls(const CacheArgs& a, const CliContext& ctx) {
  HfCacheInfo info = scan_cache_dir(cache_dir_of(a, ctx));
  print_warnings(info.warnings);
  if (a.as_json) {
    json::array repos;
    for (const auto& r : info.repos) repos.push_back(repo_json(r, a.revisions));
    print_json(std::cout, json::object{{"cache_dir", info.cache_dir.string()},
                                       {"size_on_disk", info.size_on_disk},
                                       {"repos", std::move(repos)},
                                       {"warnings", info.warnings.size()}});
    return;
  }
  if (a.revisions) {
    Table t({"REPO ID", "TYPE", "REVISION", "SIZE", "FILES", "LAST MODIFIED", "REFS"});
    for (const auto& r : info.repos)
      for (const auto& rev : r.revisions)
        t.add_row({r.repo_id, std::string(repo_type_name(r.repo_type)), rev.commit_hash, human_size(rev.size_on_disk),
                   std::to_string(rev.nb_files), time_since(rev.last_modified), join(rev.refs)});
    t.print(std::cout, use_color());
  } else {
    Table t({"REPO ID", "TYPE", "SIZE", "FILES", "LAST ACCESSED", "LAST MODIFIED", "REFS"});
    for (const auto& r : info.repos) {
      std::vector<std::string> refs;
      for (const auto& [name, commit] : r.refs) refs.push_back(name);
      t.add_row({r.repo_id, std::string(repo_type_name(r.repo_type)), human_size(r.size_on_disk),
                 std::to_string(r.nb_files), time_since(r.last_accessed), time_since(r.last_modified), join(refs)});
    }
    t.print(std::cout, use_color());
  }
  std::cout << "\nDone in " << info.repos.size() << " repo(s). Total size: " << human_size(info.size_on_disk) << ".\n";
}

bool confirmed(const CacheArgs& a) {
  if (a.yes) return true;
  std::cout << "Proceed? [y/N] " << std::flush;
  std::string answer;
  if (!std::getline(std::cin, answer)) answer.clear();
  return answer == "y" || answer == "Y" || answer == "yes";
}

// Shows a plan, then (unless --dry-run or declined) runs it. Exit 1 when something failed.
void run_plan(const CacheDeletePlan& plan, const CacheArgs& a) {
  for (const auto& p : plan.repos) std::cout << "  repo      " << p.string() << '\n';
  for (const auto& p : plan.snapshots) std::cout << "  snapshot  " << p.string() << '\n';
  for (const auto& p : plan.refs) std::cout << "  ref       " << p.string() << '\n';
  for (const auto& p : plan.blobs) std::cout << "  blob      " << p.string() << '\n';
  for (const auto& p : plan.incompletes) std::cout << "  partial   " << p.string() << '\n';
  if (plan.empty()) {
    std::cout << "Nothing to delete.\n";
    return;
  }
  std::cout << "Will free " << human_size(plan.expected_freed_size) << ".\n";
  if (a.dry_run) {
    std::cout << "Dry run: nothing deleted.\n";
    return;
  }
  if (!confirmed(a)) {
    std::cerr << "Aborted: nothing deleted.\n";
    throw Exit{kExitError};
  }
  CacheDeleteResult result = execute_cache_delete(plan);
  for (const auto& p : result.skipped_locked)
    std::cerr << "skipped (a download holds its lock): " << p.string() << '\n';
  print_warnings(result.errors);
  std::cout << "Freed " << human_size(result.freed_size) << ".\n";
  if (!result.errors.empty()) throw Exit{kExitError};
}

void cache_rm(const CacheArgs& a, const CliContext& ctx) {
  RepoType type = parse_repo_type_arg(a.repo_type);
  std::vector<CacheTarget> targets;
  for (const auto& t : a.targets) targets.push_back(parse_cache_target(t, type));
  HfCacheInfo info = scan_cache_dir(cache_dir_of(a, ctx));
  CacheDeletePlan plan = plan_cache_delete(info, targets);
  if (!plan.not_found.empty()) {
    for (const auto& t : plan.not_found) std::cerr << "hfhub: not in the cache: " << t << '\n';
    std::cerr << "Nothing deleted.\n";
    throw Exit{kExitError};
  }
  run_plan(plan, a);
}

void cache_prune(const CacheArgs& a, const CliContext& ctx) {
  HfCacheInfo info = scan_cache_dir(cache_dir_of(a, ctx));
  print_warnings(info.warnings);
  run_plan(plan_cache_prune(info), a);
}

void cache_verify(const CacheArgs& a, const CliContext& ctx) {
  CacheTarget target = parse_cache_target(a.repo, parse_repo_type_arg(a.repo_type));
  CacheVerifyResult r = verify_cached_repo(cache_dir_of(a, ctx), target);
  for (const auto& i : r.issues) {
    using Kind = CacheVerifyIssue::Kind;
    const char* what = i.kind == Kind::Mismatch      ? "mismatch"
                       : i.kind == Kind::MissingBlob ? "missing blob"
                                                     : "no matching blob";
    std::cout << what << ": " << i.commit_hash << "/" << i.path_in_repo;
    if (!i.expected.empty()) std::cout << " expected " << i.expected;
    if (!i.actual.empty()) std::cout << " got " << i.actual;
    std::cout << '\n';
  }
  for (const auto& w : r.unusable) std::cout << "unusable: " << w.path.string() << ": " << w.message << '\n';
  std::cout << "Verified " << r.files_checked << " file(s) in " << r.revisions_checked
            << " revision(s): " << (r.ok() ? "OK" : std::to_string(r.issues.size() + r.unusable.size()) + " problem(s)")
            << '\n';
  if (!r.ok()) throw Exit{kExitError};
}

void cache_export(const CacheArgs& a, const CliContext& ctx) {
  CacheTarget target = parse_cache_target(a.repo, parse_repo_type_arg(a.repo_type));
  CacheExportResult r = export_cached_revision(cache_dir_of(a, ctx), target, a.dest);
  print_warnings(r.errors);
  std::cout << "Exported " << r.files << " file(s), " << human_size(r.bytes) << " of " << target.repo_id << "@"
            << r.commit_hash << " to " << a.dest << '\n';
  if (!r.errors.empty()) throw Exit{kExitError};
}

}  // namespace

void register_cache_commands(CLI::App& app, CliContext& ctx) {
  CLI::App* cache = app.add_subcommand("cache", "Inspect and clean the shared Hugging Face cache");
  cache->require_subcommand(1);
  auto a = std::make_shared<CacheArgs>();
  auto common = [&a](CLI::App* cmd) {
    cmd->add_option("--cache-dir", a->cache_dir, "Cache directory (default: $HF_HUB_CACHE or $HF_HOME/hub)");
  };
  auto typed = [&a](CLI::App* cmd) {
    cmd->add_option("--repo-type,--type", a->repo_type, "model (default), dataset or space")
        ->check(CLI::IsMember({"model", "dataset", "space"}));
  };

  CLI::App* ls = cache->add_subcommand("ls", "List cached repos with their size and refs");
  common(ls);
  ls->add_flag("--json", a->as_json, "Print JSON");
  ls->add_flag("--revisions", a->revisions, "One row per revision (with --json: list files)");
  ls->callback([a, &ctx] { cache_ls(*a, ctx); });

  CLI::App* rm = cache->add_subcommand("rm", "Delete cached repos or revisions (REPO or REPO@REV)");
  rm->add_option("targets", a->targets, "ns/name[@revision] or models--ns--name[@revision]")->required();
  common(rm);
  typed(rm);
  rm->add_flag("--dry-run", a->dry_run, "Show what would be deleted");
  rm->add_flag("-y,--yes", a->yes, "Do not ask for confirmation");
  rm->callback([a, &ctx] { cache_rm(*a, ctx); });

  CLI::App* prune = cache->add_subcommand("prune", "Delete detached revisions, orphan blobs, stale partial downloads");
  common(prune);
  prune->add_flag("--dry-run", a->dry_run, "Show what would be deleted");
  prune->add_flag("-y,--yes", a->yes, "Do not ask for confirmation");
  prune->callback([a, &ctx] { cache_prune(*a, ctx); });

  CLI::App* verify = cache->add_subcommand("verify", "Check cached files against their sha256 / git sha1");
  verify->add_option("repo", a->repo, "ns/name[@revision]")->required();
  common(verify);
  typed(verify);
  verify->callback([a, &ctx] { cache_verify(*a, ctx); });

  CLI::App* exp = cache->add_subcommand("export", "Copy a cached revision to DIR as regular files");
  exp->add_option("repo", a->repo, "ns/name[@revision] (default revision: main)")->required();
  exp->add_option("dir", a->dest, "Destination directory")->required();
  common(exp);
  typed(exp);
  exp->callback([a, &ctx] { cache_export(*a, ctx); });
}

}  // namespace hfhub::cli
