#include <algorithm>
#include <cstdio>
#include <exception>
#include <stdexcept>
#include <fstream>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "commands.h"
#include "common/iso_time.h"
#include "server/admin/account_admin.h"
#include "server/admin/catalog_import.h"
#include "server/admin/demo_catalog.h"
#include "server/admin/paper_import.h"
#include "server/admin/xet_admin.h"
#include "server/app/app_context.h"
#include "server/app/blob_stores.h"
#include "server/webhooks/webhook_service.h"

namespace hfhubd {

using namespace hfhub::server;

namespace {

struct AdminFlags {
  std::string data;
  std::string database;  // the serve config's `database`: empty or sqlite, or a postgresql:// URL
  std::string name, fullname, email, avatar_url, id;
  std::vector<std::string> members;
  bool private_by_default = false;
  bool remove = false;  // user follow --remove
  std::string private_value;
  std::string role = "read", token_name, token_key, member;
  std::optional<std::string> token_value;
  FineGrainedFlags fine_grained;
  std::optional<int64_t> expires_in;
  DemoOptions demo;
  std::string import_file, import_type = "model";
  int64_t gc_grace_seconds = 24 * 3600;
  int64_t gc_settle_ms = 5000;
  bool gc_dry_run = false;
  std::string webhook_id;
  std::vector<int64_t> delivery_ids;
  size_t log_limit = 50;
};

// Runs `action` with the data dir's stores open; errors become a message and exit code 2.
void run_admin(AdminFlags& f, int& exit_code, const std::function<void(Stores&)>& action) {
  try {
    if (f.data.empty()) throw std::invalid_argument("--data DIR is required");
    ServerConfig config;
    config.set("data", f.data);
    config.set("database", f.database);
    config.database_pool = 2;
    auto stores = open_stores(config);
    action(stores);
    exit_code = 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "hfhubd admin: %s\n", e.what());
    exit_code = 2;
  }
}

bool parse_bool_flag(const std::string& v) {
  if (v == "true" || v == "1" || v == "yes" || v == "on") return true;
  if (v == "false" || v == "0" || v == "no" || v == "off") return false;
  throw std::invalid_argument("expected true or false, got " + v);
}

using Action = std::function<void(Stores&)>;
// Wraps an action as a CLI11 callback run against the data dir (see run_admin).
using Runner = std::function<std::function<void()>(Action)>;
using Flags = std::shared_ptr<AdminFlags>;

void add_user_commands(CLI::App* admin, const Flags& f, const Runner& run) {
  auto* user = admin->add_subcommand("user", "Users")->require_subcommand(1);
  auto* user_add = user->add_subcommand("add", "Create a user");
  user_add->add_option("NAME", f->name)->required();
  user_add->add_option("--fullname", f->fullname);
  user_add->add_option("--email", f->email);
  user_add->add_option("--avatar-url", f->avatar_url);
  user_add->add_option("--id", f->id, "Keep this account id (24 hex digits), e.g. when moving from another Hub");
  user_add->callback(run([f](Stores& s) {
    auto a = AccountAdmin(*s.accounts).add_user({f->name, f->fullname, f->email, f->avatar_url, f->id});
    std::printf("created user %s (%s)\n", a.name.c_str(), a.object_id.c_str());
  }));
  // The Hub has no API route for following (docs/accounts.md#follows): fixtures and moves set follows here.
  auto* follow = user->add_subcommand("follow", "Make a user follow a user or an organization");
  follow->add_option("USER", f->name)->required();
  follow->add_option("TARGET", f->member)->required();
  follow->add_flag("--remove", f->remove, "Stop following instead");
  follow->callback(run([f](Stores& s) {
    auto who = s.accounts->find_account(f->name);
    auto target = s.accounts->find_account(f->member);
    if (!who || who->kind != AccountKind::User) throw std::invalid_argument("no user " + f->name);
    if (!target || target->rowid == who->rowid) throw std::invalid_argument("no other account " + f->member);
    bool changed = f->remove ? s.social->remove_follow(who->rowid, target->rowid)
                             : s.social->add_follow(who->rowid, target->rowid, hfhub::now_ms());
    std::printf("%s %s %s%s\n", who->name.c_str(), f->remove ? "unfollows" : "follows", target->name.c_str(),
                changed ? "" : " (unchanged)");
  }));
}

void add_org_commands(CLI::App* admin, const Flags& f, const Runner& run) {
  auto* org = admin->add_subcommand("org", "Organizations")->require_subcommand(1);
  auto* org_add = org->add_subcommand("add", "Create an organization");
  org_add->add_option("ORG", f->name)->required();
  org_add->add_option("--fullname", f->fullname);
  org_add->add_option("--email", f->email);
  org_add->add_option("--avatar-url", f->avatar_url);
  org_add->add_option("--member", f->members, "USER:ROLE (read, contributor, write, admin); repeatable");
  org_add->add_flag("--private-by-default", f->private_by_default, "New repos in this org start private");
  org_add->callback(run([f](Stores& s) {
    AccountAdmin admin(*s.accounts);
    auto a = admin.add_org({f->name, f->fullname, f->email, f->avatar_url}, f->private_by_default, f->members);
    std::printf("created organization %s (%s) with %zu member(s)\n", a.name.c_str(), a.object_id.c_str(),
                f->members.size());
  }));
  auto* org_member = org->add_subcommand("member", "Add a member or change a member's role");
  org_member->add_option("ORG", f->name)->required();
  org_member->add_option("USER:ROLE", f->member)->required();
  org_member->callback(run([f](Stores& s) {
    AccountAdmin(*s.accounts).set_member(f->name, f->member);
    std::printf("%s: set %s\n", f->name.c_str(), f->member.c_str());
  }));
  auto* org_set = org->add_subcommand("set", "Change an organization's settings");
  org_set->add_option("ORG", f->name)->required();
  org_set->add_option("--private-by-default", f->private_value, "true or false")->required();
  org_set->callback(run([f](Stores& s) {
    AccountAdmin(*s.accounts).set_private_by_default(f->name, parse_bool_flag(f->private_value));
    std::printf("%s: private-by-default = %s\n", f->name.c_str(), f->private_value.c_str());
  }));
}

void add_token_commands(CLI::App* admin, const Flags& f, const Runner& run) {
  auto* token = admin->add_subcommand("token", "Access tokens")->require_subcommand(1);
  auto* token_add = token->add_subcommand("add", "Create a token; prints its value once");
  token_add->add_option("USER", f->name)->required();
  token_add->add_option("--role", f->role, "read, write or fineGrained (implied by the scope flags)")
      ->check(CLI::IsMember({"read", "write", "fineGrained"}));
  token_add->add_option(
      "--fine-grained", f->fine_grained.json,
      "Scopes as JSON, whoami-v2's shape: {\"scoped\":[{\"entity\":{\"type\":\"user\",\"name\":"
      "\"alice\"},\"permissions\":[\"repo.content.read\"]}],\"global\":[],\"canReadGatedRepos\":false}");
  token_add->add_option("--scope", f->fine_grained.scopes,
                        "TYPE:NAME=PERM[,PERM...] (type user, org, model, dataset, space)");
  token_add->add_option("--global", f->fine_grained.global, "Global permissions, e.g. discussion.write");
  token_add->add_flag("--can-read-gated", f->fine_grained.can_read_gated, "Read gated repos the user was granted");
  token_add->add_option("--value", f->token_value, "Use this value (hf_...) instead of a random one");
  token_add->add_option("--name", f->token_name, "A label for the token");
  token_add->add_option("--expires-in", f->expires_in, "Seconds until the token expires");
  token_add->callback(run([f](Stores& s) {
    AccountAdmin admin(*s.accounts);
    bool fine = f->role == "fineGrained" || f->fine_grained.any();
    if (fine && f->role != "read" && f->role != "fineGrained")
      throw std::invalid_argument("scopes are for fine-grained tokens: drop --role " + f->role);
    auto issued = fine ? admin.add_fine_grained_token(*s.repos, f->name, f->fine_grained, f->token_name, f->token_value,
                                                      f->expires_in)
                       : admin.add_token(f->name, f->role, f->token_name, f->token_value, f->expires_in);
    std::printf("%s\n", issued.value.c_str());
  }));
  auto* token_list = token->add_subcommand("list", "List a user's tokens (values are never shown)");
  token_list->add_option("USER", f->name)->required();
  token_list->callback(run([f](Stores& s) {
    for (auto& t : AccountAdmin(*s.accounts).list_tokens(f->name)) {
      const char* state = t.revoked                                                  ? "revoked"
                          : (t.expires_at_ms && *t.expires_at_ms <= hfhub::now_ms()) ? "expired"
                                                                                     : "active";
      std::printf("%lld\t%s\t%s\thf_...%s\t%s\t%s\n", (long long)t.rowid, t.display_name.c_str(),
                  std::string(token_role_name(t.role)).c_str(), t.last4.c_str(),
                  hfhub::format_iso8601_ms(t.created_at_ms).c_str(), state);
    }
  }));
  auto* token_revoke = token->add_subcommand("revoke", "Revoke a token by id or name");
  token_revoke->add_option("USER", f->name)->required();
  token_revoke->add_option("TOKEN", f->token_key, "Token id (from `token list`) or name")->required();
  token_revoke->callback(run([f](Stores& s) {
    AccountAdmin(*s.accounts).revoke_token(f->name, f->token_key);
    std::printf("revoked %s\n", f->token_key.c_str());
  }));
}

// The bulk load's last phase (indexes rebuilt once) takes minutes on millions of rows.
void print_bulk_step(std::string_view step, double seconds) {
  std::fprintf(stderr, "\rbulk load: %.*s in %.1f s\n", int(step.size()), step.data(), seconds);
}

// The lines of a file (an import's rows, for BulkLoad::expect_rows): one quick pass, ~1 s a GB.
int64_t count_lines(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  std::vector<char> buf(1 << 20);
  int64_t lines = 0;
  while (in.read(buf.data(), std::streamsize(buf.size())) || in.gcount() > 0)
    lines += std::count(buf.data(), buf.data() + in.gcount(), '\n');
  return lines;
}

// seed-demo and import: whole catalogs written into the stores.
void add_catalog_commands(CLI::App* admin, const Flags& f, const Runner& run) {
  auto* seed = admin->add_subcommand("seed-demo", "Generate a realistic demo catalog");
  seed->add_option("--models", f->demo.models);
  seed->add_option("--datasets", f->demo.datasets);
  seed->add_option("--spaces", f->demo.spaces);
  seed->add_option("--users", f->demo.users);
  seed->add_option("--orgs", f->demo.orgs);
  seed->add_option("--seed", f->demo.seed);
  seed->callback(run([f](Stores& s) {
    auto bulk = s.bulk_load ? s.bulk_load(print_bulk_step) : nullptr;
    f->demo.bulk = bulk.get();
    auto r = seed_demo_catalog(*s.accounts, *s.repos, f->demo, [](hfhub::RepoType type, int64_t done, int64_t total) {
      std::fprintf(stderr, "\r%s: %lld/%lld", std::string(hfhub::repo_type_plural(type)).c_str(), (long long)done,
                   (long long)total);
      if (done == total) std::fprintf(stderr, "\n");
    });
    std::printf("seeded %lld models, %lld datasets, %lld spaces, %lld new accounts in %.1f s (%.0f repos/s)\n",
                (long long)r.models, (long long)r.datasets, (long long)r.spaces, (long long)r.accounts_created,
                r.repo_seconds, r.repos_per_second());
  }));

  auto* import = admin->add_subcommand("import", "Import a catalog in the /api/models?full=true item format (JSONL)");
  import->add_option("FILE", f->import_file, "JSON Lines file, one listing item per line")->required();
  import->add_option("--type", f->import_type, "model, dataset or space")
      ->check(CLI::IsMember({"model", "dataset", "space"}));
  import->callback(run([f](Stores& s) {
    std::ifstream in(f->import_file);
  if (!in) throw std::invalid_argument("cannot read " + f->import_file);
  ImportOptions options;
  auto bulk = s.bulk_load ? s.bulk_load(print_bulk_step) : nullptr;
  options.bulk = bulk.get();
  if (bulk) bulk->expect_rows(count_lines(f->import_file));
  options.progress = [](int64_t lines, int64_t imported) {
    std::fprintf(stderr, "\rread %lld lines, imported %lld", (long long)lines, (long long)imported);
  };
  auto r = import_catalog_jsonl(*s.repos, *s.accounts, in, *hfhub::parse_repo_type(f->import_type), options);
  std::fprintf(stderr, "\n");
  for (auto& e : r.errors) std::printf("line %lld: rejected: %s\n", (long long)e.line, e.reason.c_str());
  if (r.rejected > int64_t(r.errors.size()))
    std::printf("... and %lld more rejected lines\n", (long long)(r.rejected - int64_t(r.errors.size())));
  std::printf("imported %lld of %lld lines (%lld rejected, %lld new accounts) in %.1f s (%.0f rows/s)\n",
              (long long)r.imported, (long long)r.lines, (long long)r.rejected, (long long)r.accounts_created,
              r.seconds, r.rows_per_second());
}));
}  // namespace

}  // namespace hfhubd

// papers import: paper metadata from JSON Lines (docs/papers.md#import), all lines or none.
void add_paper_commands(CLI::App* admin, const Flags& f, const Runner& run) {
  auto* papers = admin->add_subcommand("papers", "Papers")->require_subcommand(1);
  auto* import = papers->add_subcommand("import", "Import paper metadata (JSONL, one paper per line)");
  import->add_option("FILE", f->import_file, "JSON Lines file: id, title, authors, summary, publishedAt, ...")
      ->required();
  import->callback(run([f](Stores& s) {
    std::ifstream in(f->import_file);
    if (!in) throw std::invalid_argument("cannot read " + f->import_file);
    auto r = import_papers_jsonl(*s.papers, in);
    for (auto& e : r.errors)
      std::fprintf(stderr, "%s:%lld: %s\n", f->import_file.c_str(), (long long)e.line, e.reason.c_str());
    if (r.rejected > int64_t(r.errors.size()))
      std::fprintf(stderr, "... and %lld more bad lines\n", (long long)(r.rejected - int64_t(r.errors.size())));
    if (r.rejected > 0)
      throw std::invalid_argument(std::to_string(r.rejected) + " bad lines of " + std::to_string(r.lines) +
                                  ": nothing imported");
    std::printf("imported %lld papers\n", (long long)r.imported);
  }));
}

// xet-gc: removes Xet files no repo links, then xorbs no file names (docs/xet.md#server-storage).
void add_xet_commands(CLI::App* admin, const Flags& f, const Runner& run) {
  auto* gc = admin->add_subcommand("xet-gc", "Remove Xet files and xorbs nothing references (safe while serving)");
  gc->add_option("--grace", f->gc_grace_seconds, "Seconds an unreferenced xorb is kept (an upload in flight)");
  gc->add_option("--settle-ms", f->gc_settle_ms, "Wait between unindexing and deleting xorbs");
  gc->add_flag("--dry-run", f->gc_dry_run, "Report only");
  gc->callback(run([f](Stores& s) {
    XetGcOptions options{.grace = std::chrono::seconds(f->gc_grace_seconds),
                         .settle = std::chrono::milliseconds(f->gc_settle_ms),
                         .dry_run = f->gc_dry_run};
    // The xorbs where the server keeps them: <data>/xet/xorbs, or the bucket of blob-store = s3,
    // named in <data>/hooks/blob-store.conf, which hfhubd writes at start.
    auto xorbs = open_blob_store(hook_config(f->data), "xet/xorbs");
    auto r = run_xet_gc(*s.xet, *xorbs, options);
    std::printf(
        "%s%zu files, %zu xorbs (%llu bytes) removed; %zu unreferenced xorbs within the grace period, %zu "
        "referenced again meanwhile\n",
        f->gc_dry_run ? "dry run: " : "", r.files_removed, r.xorbs_removed, (unsigned long long)r.bytes_freed,
        r.xorbs_young, r.xorbs_restored);
  }));
}

// Webhook deliveries (docs/webhooks.md#delivery-log): the log, and redelivery of logged ones. A
// running server finds a queued redelivery within a second.
void add_webhook_commands(CLI::App* admin, const Flags& f, const Runner& run) {
  auto* hooks = admin->add_subcommand("webhooks", "Webhook deliveries")->require_subcommand(1);
  auto* log = hooks->add_subcommand("log", "A webhook's deliveries, newest first");
  log->add_option("webhook", f->webhook_id, "Webhook id")->required();
  log->add_option("--limit", f->log_limit, "How many");
  log->callback(run([f](Stores& s) {
    if (!s.webhooks->find_webhook(f->webhook_id)) throw std::invalid_argument("no webhook " + f->webhook_id);
    std::printf("%-8s %-20s %-10s %8s %5s  %-24s %s\n", "ID", "EVENT", "STATUS", "ATTEMPTS", "CODE", "LAST ATTEMPT",
                "ERROR");
    for (auto& d : s.webhooks->deliveries_of(f->webhook_id, f->log_limit))
      std::printf("%-8lld %-20s %-10s %8d %5s  %-24s %s\n", (long long)d.id, (d.scope + "/" + d.action).c_str(),
                  std::string(delivery_status_name(d.status)).c_str(), d.attempts,
                  d.response_code ? std::to_string(*d.response_code).c_str() : "-",
                  d.last_attempt_at_ms ? hfhub::format_iso8601_ms(*d.last_attempt_at_ms).c_str() : "-",
                  d.error.c_str());
  }));
  auto* again = hooks->add_subcommand("redeliver", "Queue logged deliveries again (to the webhook's current URL)");
  again->add_option("delivery", f->delivery_ids, "Delivery ids (from `log`)")->required();
  again->callback(run([f](Stores& s) {
    for (auto id : f->delivery_ids) {
      auto d = s.webhooks->find_delivery(id);
      if (!d) throw std::invalid_argument("no delivery " + std::to_string(id));
      auto queued = requeue_delivery(*s.webhooks, *d);
      std::printf("delivery %lld queued again as %lld\n", (long long)id, (long long)queued.id);
    }
  }));
}

void add_admin_commands(CLI::App& app, int& exit_code) {
  auto f = std::make_shared<AdminFlags>();
  auto* admin = app.add_subcommand("admin", "Administer a data dir offline");
  // Every command but migrate-store (which names its source and target itself) needs --data.
  admin->add_option("--data", f->data, "Data directory");
  admin->add_option("--database", f->database,
                    "The server's `database` setting: sqlite (the default) or a postgresql:// URL");
  admin->require_subcommand(1);
  Runner run = [f, &exit_code](Action action) -> std::function<void()> {
    return [f, &exit_code, action] { run_admin(*f, exit_code, action); };
  };
  add_user_commands(admin, f, run);
  add_org_commands(admin, f, run);
  add_token_commands(admin, f, run);
  add_catalog_commands(admin, f, run);
  add_paper_commands(admin, f, run);
  add_xet_commands(admin, f, run);
  add_webhook_commands(admin, f, run);
  add_migrate_store_command(admin, exit_code);
}

}  // namespace hfhubd
