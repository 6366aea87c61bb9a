// `hfhubd admin migrate-store --from sqlite:DIR --to postgresql://...` (server/admin/store_migration.h).
#include <cstdio>
#include <exception>
#include <memory>

#include "commands.h"
#include "server/admin/store_migration.h"
#include "server/app/server_config.h"

namespace hfhubd {

using namespace hfhub::server;

namespace {

struct MigrateFlags {
  std::string from, to;
  bool verify_only = false;
};

// 0: copied (or compared) and verified; 1: verification found a difference; 2: an error.
int run_migrate_store(const MigrateFlags& f) {
  try {
    StoreMigrationOptions options;
    options.sqlite_file = sqlite_source_file(f.from, ServerConfig().database_file().filename().string());
    options.target_url = f.to;
    options.verify_only = f.verify_only;
    options.progress = [](std::string_view table, int64_t rows) {
      std::fprintf(stderr, "copied %-20.*s %12lld rows\n", int(table.size()), table.data(), (long long)rows);
    };
    auto report = migrate_store(options);
    std::fputs(format_store_migration_report(report, f.verify_only).c_str(), stdout);
    return report.ok() && (f.verify_only || report.committed) ? 0 : 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "hfhubd admin migrate-store: %s\n", e.what());
    return 2;
  }
}

}  // namespace

void add_migrate_store_command(CLI::App* admin, int& exit_code) {
  auto f = std::make_shared<MigrateFlags>();
  auto* cmd = admin->add_subcommand(
      "migrate-store",
      "Copy a SQLite data dir's metadata into an empty PostgreSQL database, verified (safe while serving)");
  cmd->add_option("--from", f->from, "sqlite:PATH: the data dir (or its hfhub.sqlite3)")->required();
  cmd->add_option("--to", f->to, "postgresql://... : an empty database (migrated first if need be)")->required();
  cmd->add_flag("--verify-only", f->verify_only,
                "Copy nothing: compare every table's rows and checksum between the two");
  cmd->callback([f, &exit_code] { exit_code = run_migrate_store(*f); });
}

}  // namespace hfhubd
