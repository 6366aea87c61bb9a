#include "cli_context.h"

#include <csignal>

#include <atomic>
#include <thread>

namespace hfhub::cli {

static std::atomic<bool> g_stop{false};

static void on_stop_signal(int sig) {
  if (g_stop.exchange(true)) {
    std::signal(sig, SIG_DFL);
    std::raise(sig);
  }
}

void install_stop_handlers() {
  struct sigaction sa {};
  sa.sa_handler = on_stop_signal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
}

bool stop_requested() { return g_stop.load(); }

void interruptible_sleep(std::chrono::milliseconds duration) {
  auto deadline = std::chrono::steady_clock::now() + duration;
  while (!stop_requested()) {
    auto left = deadline - std::chrono::steady_clock::now();
    if (left <= std::chrono::steady_clock::duration::zero()) return;
    std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(left, std::chrono::milliseconds(100)));
  }
}

ClientOptions CliContext::client_options() const {
  ClientOptions o = ClientOptions::from_env();
  if (!endpoint.empty()) {
    o.endpoint = endpoint;
    while (!o.endpoint.empty() && o.endpoint.back() == '/') o.endpoint.pop_back();
  }
  if (!token.empty()) o.token = token;
  o.sleep = interruptible_sleep;
  o.cancelled = stop_requested;
  return o;
}

RepoType parse_repo_type_arg(const std::string& text) {
  auto type = parse_repo_type(text);
  if (!type) throw CLI::ValidationError("--type", "must be model, dataset or space");
  return *type;
}

}  // namespace hfhub::cli
