#include "server/write/repo_maintenance.h"

#include <cstdio>
#include <filesystem>

#include "server/git_http/child_process.h"

namespace hfhub::server {

size_t count_packs(const std::string& repo_path) {
  size_t n = 0;
  std::error_code ec;
  for (auto& e : std::filesystem::directory_iterator(repo_path + "/objects/pack", ec))
    if (e.path().extension() == ".pack") ++n;
  return n;
}

bool repack_if_needed(const std::string& repo_path, size_t max_packs) {
  if (count_packs(repo_path) <= max_packs) return false;
  static const std::string git = find_in_path("git").value_or("/usr/bin/git");
  // A clean environment: no user or system config can change what repack does.
  std::vector<std::string> env = {"PATH=/usr/bin:/bin", "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL=/dev/null",
                                  "LC_ALL=C", "HOME=" + repo_path};
  auto result = run_process({git, "-c", "core.fsync=committed", "-C", repo_path, "repack", "-a", "-d", "-q"}, {}, env,
                            git_timeout());
  if (result.exit_code != 0) {
    std::fprintf(stderr, "hfhubd: git repack of %s failed (%d): %s\n", repo_path.c_str(), result.exit_code,
                 result.err.c_str());
    return false;
  }
  return true;
}

}  // namespace hfhub::server
