#include "server_fixture.h"

#include "server/app/blob_stores.h"

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "../pg/pg_url.h"
#include "server/stores/postgres/pg_connection.h"

namespace hfhub::testing {

namespace fs = std::filesystem;

namespace {

ServerProcess* g_shared = nullptr;

// With $HFHUB_TEST_DATABASE_URL (scripts/integration-postgres.sh), each server's metadata lives in
// a database of its own on that PostgreSQL, named in <data dir>/hfhubd.database so that admin()
// finds it from the data dir alone.
constexpr const char* kDatabaseFile = "/hfhubd.database";

std::string database_of(const std::string& data_dir) {
  std::ifstream in(data_dir + kDatabaseFile);
  std::string url;
  std::getline(in, url);
  return url;
}

// A fresh database for a new server, or "" on SQLite.
std::string create_test_database() {
  const char* base = std::getenv("HFHUB_TEST_DATABASE_URL");
  if (!base || !*base) return {};
  static std::atomic<int> n{0};
  std::string name = "hfhub_it_" + std::to_string(getpid()) + "_" + std::to_string(n++);
  server::PgConnection(base).exec("CREATE DATABASE " + name);
  return pg_url_with_database(base, name);
}

void drop_test_database(const std::string& url) {
  if (url.empty()) return;
  auto name = url.substr(url.rfind('/') + 1);
  try {
    server::PgConnection(std::getenv("HFHUB_TEST_DATABASE_URL")).exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
  } catch (const std::exception& e) {
    ADD_FAILURE() << "cannot drop the test database " << name << ": " << e.what();
  }
}

void must(const RunResult& r, const std::string& what) {
  if (r.exit_code != 0) throw std::runtime_error(what + " failed: " + r.err + r.out);
}

void create_fixture_accounts(const std::string& dir) {
  must(admin(dir, {"user", "add", "alice", "--fullname", "Alice Liddell", "--email", "alice@example.org"}), "alice");
  must(admin(dir, {"user", "add", "bob", "--fullname", "Bob"}), "bob");
  must(admin(dir, {"user", "add", "carol", "--fullname", "Carol"}), "carol");
  must(admin(dir,
             {"org", "add", "acme", "--fullname", "Acme Research", "--member", "alice:admin", "--member", "bob:read"}),
       "acme");
  must(admin(dir, {"org", "add", "secretlab", "--member", "alice:write", "--private-by-default"}), "secretlab");
  must(admin(dir, {"token", "add", "alice", "--role", "write", "--value", Tokens::alice_write, "--name", "ci"}), "t1");
  must(admin(dir, {"token", "add", "alice", "--role", "read", "--value", Tokens::alice_read}), "t2");
  must(admin(dir, {"token", "add", "bob", "--role", "read", "--value", Tokens::bob_read}), "t3");
  must(admin(dir, {"token", "add", "carol", "--role", "write", "--value", Tokens::carol_write}), "t4");
  must(admin(dir, {"token", "add", "carol", "--role", "write", "--value", Tokens::carol_expired, "--expires-in", "0"}),
       "t5");
  must(admin(dir, {"token", "add", "carol", "--role", "write", "--value", Tokens::carol_revoked, "--name", "old"}),
       "t6");
  must(admin(dir, {"token", "revoke", "carol", "old"}), "revoke");
}

// With HFHUB_TEST_S3_ENDPOINT and HFHUB_TEST_S3_BUCKET set (tests/s3/run.sh), every server keeps
// its blobs in that bucket, under a prefix of its own; the keys come from AWS_ACCESS_KEY_ID and
// AWS_SECRET_ACCESS_KEY, as an operator's would.
std::string s3_config_lines(const std::string& data_dir) {
  const char* endpoint = std::getenv("HFHUB_TEST_S3_ENDPOINT");
  const char* bucket = std::getenv("HFHUB_TEST_S3_BUCKET");
  if (!endpoint || !*endpoint || !bucket || !*bucket) return {};
  std::string out = "blob-store = s3\ns3-endpoint = " + std::string(endpoint) + "\ns3-bucket = " + bucket +
                    "\ns3-prefix = " + fs::path(data_dir).filename().string() + "\n";
  if (const char* proxy = std::getenv("HFHUB_TEST_S3_PROXY"); proxy && *proxy) out += "s3-proxy-downloads = true\n";
  return out;
}

}  // namespace

std::unique_ptr<server::BlobStore> blob_store_of(const std::string& data_dir, const std::string& name) {
  server::ServerConfig config;
  config.load_file(data_dir + "/hfhubd.conf");
  return server::open_blob_store(config, name);
}

RunResult admin(const std::string& data_dir, const std::vector<std::string>& args) {
  std::vector<std::string> argv = {HFHUBD_PATH, "admin", "--data", data_dir};
  if (auto url = database_of(data_dir); !url.empty()) argv.insert(argv.end(), {"--database", url});
  argv.insert(argv.end(), args.begin(), args.end());
  return run(argv);
}

ServerProcess::ServerProcess(const Options& options)
    : serve_args_(options.serve_args), start_timeout_ms_(options.start_timeout_ms) {
  char tmpl[] = "/tmp/hfhub-it-XXXXXX";
  if (!mkdtemp(tmpl)) throw std::runtime_error("mkdtemp failed");
  data_dir_ = tmpl;
  database_ = create_test_database();
  if (!database_.empty()) std::ofstream(data_dir_ + kDatabaseFile) << database_ << "\n";
  if (options.fixture_accounts) create_fixture_accounts(data_dir_);
  if (options.demo_models > 0)
    must(admin(data_dir_, {"seed-demo", "--models", std::to_string(options.demo_models), "--datasets", "40", "--spaces",
                           "30", "--seed", "7"}),
         "seed-demo");
  if (options.fixture_accounts) {
    // A legacy one-segment id, as the Hub still has (gpt2, bert-base-uncased).
    auto dump = data_dir_ + "/legacy.jsonl";
    std::ofstream(dump)
        << R"({"id":"gpt-legacy","createdAt":"2022-03-02T23:29:04.000Z","tags":["transformers","text-generation"],"pipeline_tag":"text-generation","library_name":"transformers","downloads":12345})"
        << "\n";
    must(admin(data_dir_, {"import", dump}), "import");
  }
  {
    std::ofstream out(data_dir_ + "/hfhubd.conf");
    out << "data = " << data_dir_ << "\nport = 0\n";
    if (!database_.empty()) out << "database = " << database_ << "\n";
    out << s3_config_lines(data_dir_);
    for (auto& line : options.config_lines) out << line << "\n";
  }
  start();
}

void ServerProcess::start() {
  std::vector<std::string> argv{HFHUBD_PATH, "serve", "--config", data_dir_ + "/hfhubd.conf"};
  argv.insert(argv.end(), serve_args_.begin(), serve_args_.end());
  child_ = std::make_unique<Child>(argv, data_dir_ + "/hfhubd.log");
  auto line = child_->read_line(start_timeout_ms_);
  if (line.rfind("listening ", 0) != 0)
    throw std::runtime_error("hfhubd did not start; see " + data_dir_ + "/hfhubd.log");
  endpoint_ = "http://127.0.0.1:" + line.substr(10);
}

// A sanitizer report of the server (UBSan always writes to stderr, ASan when no log_path is set)
// would vanish with the data dir: show it and fail the test that owns the server.
static void report_sanitizer_output(const std::string& log_file) {
  std::ifstream in(log_file);
  std::stringstream log;
  log << in.rdbuf();
  auto text = log.str();
  if (text.find("runtime error:") == std::string::npos && text.find("Sanitizer") == std::string::npos) return;
  ADD_FAILURE() << "hfhubd reported a sanitizer error (" << log_file << "):\n" << text.substr(0, 20000);
}

ServerProcess::~ServerProcess() {
  stop();
  report_sanitizer_output(data_dir_ + "/hfhubd.log");
  drop_test_database(database_);
  std::error_code ec;
  fs::remove_all(data_dir_, ec);
}

void ServerProcess::crash_and_restart() {
  if (child_) child_->kill_hard();
  child_.reset();
  start();
}

int ServerProcess::stop() {
  if (!child_) return -1;
  int status = child_->terminate();
  child_.reset();
  return status;
}

void SharedServer::SetUp() {
  // Generous quotas: the suite makes far more calls than a person would; rate limiting itself
  // is tested on a server of its own.
  // Multipart from 64 MiB (the default is 5 GiB), so client uploads exercise that transfer too.
  g_shared = new ServerProcess({{"rate-limit-api-anonymous = 100000", "rate-limit-api-authenticated = 100000",
                                 "rate-limit-pages-anonymous = 100000", "rate-limit-pages-authenticated = 100000",
                                 "lfs-multipart-threshold-mb = 64"},
                                200});
}

void SharedServer::TearDown() {
  int status = g_shared->stop();
  EXPECT_EQ(status, 0) << "hfhubd did not shut down gracefully on SIGTERM";
  delete g_shared;
  g_shared = nullptr;
}

ServerProcess& shared_server() { return *g_shared; }

HfApi client(const char* token) {
  ClientOptions o;
  o.endpoint = shared_server().endpoint();
  if (token) o.token = token;
  o.max_retries = 0;
  return HfApi(o);
}

RunResult cli(const std::vector<std::string>& args, const char* token) {
  static const std::string home = [] {
    char tmpl[] = "/tmp/hfhub-home-XXXXXX";
    return std::string(mkdtemp(tmpl));
  }();
  std::vector<std::string> argv = {HFHUB_CLI_PATH};
  argv.insert(argv.end(), args.begin(), args.end());
  std::map<std::string, std::string> env = {
      {"HF_ENDPOINT", shared_server().endpoint()}, {"HF_HOME", home}, {"NO_COLOR", "1"}};
  if (token)
    env["HF_TOKEN"] = token;
  else
    env["HF_TOKEN"] = "";
  return run(argv, env);
}

std::string unique_name(const std::string& stem) {
  static std::atomic<int> n{0};
  return stem + "-" + std::to_string(getpid()) + "-" + std::to_string(n++);
}

}  // namespace hfhub::testing
