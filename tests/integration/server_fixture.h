#pragma once
// One hfhubd per test binary, on a free loopback port with a temporary data dir, holding the
// fixture accounts below and a small demo catalog. Tests needing other settings (rate limits)
// start their own ServerProcess.
#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "hfhub/hf_api.h"
#include "server/stores/blob_store.h"
#include "subprocess.h"

namespace hfhub::testing {

// Fixture accounts: alice owns org "acme" (admin) and is a writer of "secretlab", whose repos
// are private by default; bob reads acme; carol belongs to nothing.
struct Tokens {
  static constexpr const char* alice_write = "hf_alice_write_token_0001";
  static constexpr const char* alice_read = "hf_alice_read_token_0001";
  static constexpr const char* bob_read = "hf_bob_read_token_0001";
  static constexpr const char* carol_write = "hf_carol_write_token_0001";
  static constexpr const char* carol_expired = "hf_carol_expired_token_01";
  static constexpr const char* carol_revoked = "hf_carol_revoked_token_01";
};

class ServerProcess {
 public:
  struct Options {
    std::vector<std::string> config_lines;  // `key = value` lines of the config file
    int64_t demo_models = 0;
    bool fixture_accounts = true;
    std::vector<std::string> serve_args;  // more `hfhubd serve` flags (--demo)
    int start_timeout_ms = 15'000;        // until the "listening" line
  };
  explicit ServerProcess(const Options& options);
  ~ServerProcess();

  const std::string& endpoint() const { return endpoint_; }
  const std::string& data_dir() const { return data_dir_; }
  // The hfhubd process (for /proc checks); -1 when stopped.
  pid_t pid() const { return child_ ? child_->pid() : -1; }
  // Stops with SIGTERM; returns the exit status (0 when the shutdown was graceful).
  int stop();
  // SIGKILL (a crash), then start again on the same data dir; the endpoint's port changes.
  void crash_and_restart();

 private:
  void start();
  std::string data_dir_;
  std::string database_;  // its PostgreSQL database's URL; empty on SQLite
  std::string endpoint_;
  std::vector<std::string> serve_args_;
  int start_timeout_ms_;
  std::unique_ptr<Child> child_;
};

// The blob store `name` ("lfs", "xet/xorbs") of the server whose data dir is `data_dir`, opened
// from that server's own config file: files, or the S3 bucket under tests/s3/run.sh. Tests that
// plant objects the way an upload would store them use it.
std::unique_ptr<server::BlobStore> blob_store_of(const std::string& data_dir, const std::string& name);

// hfhubd admin --data <dir> args...
RunResult admin(const std::string& data_dir, const std::vector<std::string>& args);

class SharedServer : public ::testing::Environment {
 public:
  void SetUp() override;
  void TearDown() override;
};

ServerProcess& shared_server();
// A client for the shared server, authenticated with `token` (nullptr: anonymous).
HfApi client(const char* token = nullptr);
// Runs the hfhub CLI against the shared server in a private HF_HOME.
RunResult cli(const std::vector<std::string>& args, const char* token = nullptr);
// A fresh repo name: tests share one server, so each picks names no other test uses.
std::string unique_name(const std::string& stem);

}  // namespace hfhub::testing
