// `hfhubd hook pre-receive --data DIR`: what git runs (through <data>/hooks/pre-receive) inside a
// push served by hfhubd, before any ref moves. Not meant to be run by hand.
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <iostream>
#include <iterator>
#include <memory>
#include <stdexcept>

#include "commands.h"
#include "common/split.h"
#include "server/app/blob_stores.h"
#include "server/git_http/push_hooks.h"

namespace hfhubd {

using namespace hfhub::server;

void add_hook_commands(CLI::App& app, int& exit_code) {
  auto data = std::make_shared<std::string>();
  auto* hook = app.add_subcommand("hook", "Push checks run by git inside hfhubd (internal)");
  hook->group("");  // internal: not listed in --help
  hook->require_subcommand(1);
  auto* pre = hook->add_subcommand("pre-receive", "Check a push's refs and LFS objects (stdin: git's ref updates)");
  pre->add_option("--data", *data, "Data directory")->required();
  pre->callback([data, &exit_code] {
    // Anything short of a clean pass refuses the push: the repository only ever gets what was checked.
    exit_code = 1;
    std::string messages;
    try {
      const char* repo = std::getenv(kPushRepoIdEnv);
      if (!repo || !*repo) throw std::runtime_error("not run by hfhubd's git backend (no repository named)");
      std::string updates(std::istreambuf_iterator<char>(std::cin), {});
      std::optional<std::vector<std::string>> only_refs;
      if (const char* refs = std::getenv(kPushOnlyRefsEnv)) {
        only_refs.emplace();
        for (auto ref : hfhub::split(refs, ',', true)) only_refs->emplace_back(ref);
      }
      // The LFS objects live where the server keeps them: files, or the bucket hfhubd named in
      // <data>/hooks/blob-store.conf.
      auto lfs = open_blob_store(hook_config(*data), "lfs");
      exit_code = run_pre_receive(*lfs, repo, updates, messages, only_refs);
    } catch (const std::exception& e) {
      messages += std::string("hfhub: push refused: the server could not check it: ") + e.what() + "\n";
    }
    std::fputs(messages.c_str(), stderr);
  });
}

}  // namespace hfhubd
