#include "pg_test_cluster.h"

#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>

#include "server/stores/postgres/pg_connection.h"

namespace hfhub::testing {

namespace {

std::string g_url;          // the server's `postgres` database (or the given one)
std::string g_cluster_dir;  // empty when the URL came from the environment

std::string run_script(const std::string& args) {
  std::string cmd = std::string(HFHUB_SOURCE_DIR) + "/scripts/pg-test-server.sh " + args;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) throw std::runtime_error("cannot run " + cmd);
  std::string out;
  char buf[512];
  while (size_t n = fread(buf, 1, sizeof buf, p)) out.append(buf, n);
  if (pclose(p) != 0) throw std::runtime_error(cmd + " failed");
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
  return out;
}

}  // namespace

void PgTestCluster::SetUp() {
  if (const char* url = std::getenv("HFHUB_TEST_DATABASE_URL"); url && *url) {
    g_url = url;
    return;
  }
  char tmpl[] = "/tmp/hfhub-pg-XXXXXX";
  if (!mkdtemp(tmpl)) throw std::runtime_error("mkdtemp failed");
  g_cluster_dir = tmpl;
  g_url = run_script("start " + g_cluster_dir);
}

void PgTestCluster::TearDown() {
  if (!g_cluster_dir.empty()) run_script("stop " + g_cluster_dir);
}

std::string fresh_pg_database() {
  static std::atomic<int> n{0};
  std::string name = "hfhub_test_" + std::to_string(getpid()) + "_" + std::to_string(n++);
  server::PgConnection c(g_url);
  c.exec("CREATE DATABASE " + name);
  return pg_url_with_database(g_url, name);
}

}  // namespace hfhub::testing
