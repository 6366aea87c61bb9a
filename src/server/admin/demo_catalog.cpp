#include "server/admin/demo_catalog.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <set>
#include <string>

#include "common/hash.h"
#include "common/iso_time.h"
#include "server/admin/demo_shared.h"

namespace hfhub::server {

namespace {

using demo::base36;
using demo::capitalized;
using demo::display_name_of_org;
using demo::kDayMs;
using demo::kHubFloorMs;
using demo::Owners;
using demo::Rng;
using demo::seeded_object_id;

Account make_account(Rng& rng, AccountKind kind, std::string name, std::string fullname, int64_t now) {
  Account a;
  a.kind = kind;
  a.created_at_ms = rng.between(kHubFloorMs, std::max(kHubFloorMs + 1, now - 30 * kDayMs));
  a.object_id = seeded_object_id(rng, a.created_at_ms);
  a.email = kind == AccountKind::User ? name + "@example.com" : "";
  a.avatar_url = "/avatars/" + sha256_hex(name).substr(0, 32) + ".svg";
  a.name = std::move(name);
  a.fullname = std::move(fullname);
  return a;
}

int64_t resolve_now(const DemoOptions& o) { return o.now_ms > 0 ? o.now_ms : now_ms(); }

}  // namespace

DemoAccounts generate_demo_accounts(const DemoOptions& o) {
  Rng rng(o.seed, 0x6163636f756e7473);
  const int64_t now = resolve_now(o);
  DemoAccounts out;
  std::set<std::string> taken;
  // At least one org: foundation repos are published by organisations.
  for (int64_t i = 0; i < std::max<int64_t>(1, o.orgs); ++i) {
    const std::vector<std::string>& names = demo::org_names();
    std::string name = size_t(i) < names.size() ? names[size_t(i)] : names[size_t(i) % names.size()] + "-" + base36(i);
    taken.insert(name);
    std::string fullname = display_name_of_org(name);
    out.orgs.push_back(make_account(rng, AccountKind::Org, std::move(name), std::move(fullname), now));
  }
  for (int64_t i = 0; i < o.users; ++i) {
    const std::string& first = rng.pick(demo::first_names());
    const std::string& last = rng.pick(demo::last_names());
    std::string name;
    switch (rng.below(4)) {
      case 0:
        name = first + "-" + last;
        break;
      case 1:
        name = first + last.substr(0, 1);
        break;
      case 2:
        name = first + "_" + last;
        break;
      default:
        name = first.substr(0, 1) + last;
        break;
    }
    if (!taken.insert(name).second) taken.insert(name += std::to_string(i));
    out.users.push_back(
        make_account(rng, AccountKind::User, std::move(name), capitalized(first) + " " + capitalized(last), now));
  }
  for (const Account& org : out.orgs) {
    if (out.users.empty()) break;
    size_t members = std::min<size_t>(out.users.size(), 2 + rng.below(7));
    std::set<size_t> chosen;
    while (chosen.size() < members) {
      size_t u = rng.below(out.users.size());
      if (!chosen.insert(u).second) continue;
      double x = rng.uniform();
      OrgRole role = chosen.size() == 1 ? OrgRole::Admin
                     : x < 0.4          ? OrgRole::Write
                     : x < 0.7          ? OrgRole::Read
                     : x < 0.9          ? OrgRole::Contributor
                                        : OrgRole::Admin;
      out.memberships.push_back({org.name, out.users[u].name, role});
    }
  }
  return out;
}

void generate_demo_repos(const DemoOptions& o, RepoType type, const RepoSink& sink) {
  const int64_t now = resolve_now(o);
  DemoAccounts accounts = generate_demo_accounts(o);
  Owners owners(accounts);
  switch (type) {
    case RepoType::Model:
      demo::generate_models(o, owners, now, sink);
      break;
    case RepoType::Dataset:
      demo::generate_datasets(o, owners, now, sink);
      break;
    case RepoType::Space:
      demo::generate_spaces(o, owners, now, sink);
      break;
  }
}

DemoReport seed_demo_catalog(AccountStore& accounts, RepoStore& repos, const DemoOptions& o,
                             const DemoProgress& progress) {
  DemoOptions options = o;
  options.now_ms = resolve_now(o);  // one "now" for accounts and every repo type
  DemoReport report;
  DemoAccounts demo = generate_demo_accounts(options);

  auto ensure = [&](Account a) {
    if (auto existing = accounts.find_account(a.name)) {
      ++report.accounts_existing;
      return existing->rowid;
    }
    accounts.create_account(a);
    ++report.accounts_created;
    return a.rowid;
  };
  std::map<std::string, int64_t, std::less<>> rowids;
  for (const Account& a : demo.orgs) rowids[a.name] = ensure(a);
  for (const Account& a : demo.users) rowids[a.name] = ensure(a);
  for (const DemoMembership& m : demo.memberships) {
    accounts.set_membership(rowids.at(m.org), rowids.at(m.user), m.role);
    ++report.memberships;
  }

  const size_t batch_size = std::max<size_t>(1, options.batch_size);
  if (options.bulk)
    options.bulk->expect_rows(std::max<int64_t>(0, options.models) + std::max<int64_t>(0, options.datasets) +
                              std::max<int64_t>(0, options.spaces));
  auto start = std::chrono::steady_clock::now();
  for (RepoType type : {RepoType::Model, RepoType::Dataset, RepoType::Space}) {
    const int64_t total = type == RepoType::Model     ? options.models
                          : type == RepoType::Dataset ? options.datasets
                                                      : options.spaces;
    int64_t& done = type == RepoType::Model     ? report.models
                    : type == RepoType::Dataset ? report.datasets
                                                : report.spaces;
    std::vector<RepoRecord> batch;
    batch.reserve(std::min<size_t>(batch_size, size_t(std::max<int64_t>(total, 0))));
    auto flush = [&] {
      if (batch.empty()) return;
      repos.upsert_repos(batch);
      done += int64_t(batch.size());
      batch.clear();
      if (progress) progress(type, done, total);
    };
    generate_demo_repos(options, type, [&](RepoRecord&& r) {
      batch.push_back(std::move(r));
      if (batch.size() >= batch_size) flush();
    });
    flush();
  }
  if (options.bulk) options.bulk->commit();
  report.repo_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return report;
}

}  // namespace hfhub::server
