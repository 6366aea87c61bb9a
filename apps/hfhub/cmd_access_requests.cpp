// hfhub access-requests ls|accept|reject|cancel|grant: a gated repo's writers review who may read
// it (docs/client.md#gated-repos).
#include <boost/json.hpp>

#include <iostream>

#include "cli_context.h"
#include "output.h"

namespace hfhub::cli {

namespace {

namespace json = boost::json;

struct AccessArgs {
  std::string repo_id, user, type = "model", status = "pending", reason;
  bool as_json = false;

  RepoCall call() const {
    RepoCall c;
    c.repo_type = parse_repo_type_arg(type);
    return c;
  }
};

json::object request_json(const AccessRequest& r) {
  json::object o{{"username", r.username ? json::value(*r.username) : json::value(nullptr)},
                 {"request_id", r.request_id},
                 {"fullname", r.fullname ? json::value(*r.fullname) : json::value(nullptr)},
                 {"email", r.email ? json::value(*r.email) : json::value(nullptr)},
                 {"status", r.status},
                 {"timestamp", r.timestamp}};
  if (r.fields) {
    json::object fields;
    for (auto& [k, v] : *r.fields) fields[k] = v;
    o["fields"] = std::move(fields);
  }
  return o;
}

void list_requests(const AccessArgs& a, const CliContext& ctx) {
  auto api = ctx.api();
  auto call = a.call();
  auto requests = a.status == "accepted"   ? api.list_accepted_access_requests(a.repo_id, call)
                  : a.status == "rejected" ? api.list_rejected_access_requests(a.repo_id, call)
                                           : api.list_pending_access_requests(a.repo_id, call);
  if (a.as_json) {
    json::array out;
    for (const auto& r : requests) out.push_back(request_json(r));
    print_json(std::cout, out);
    return;
  }
  Table table({"USER", "FULLNAME", "EMAIL", "STATUS", "REQUESTED", "FIELDS"});
  for (const auto& r : requests) {
    std::string fields;
    if (r.fields)
      for (auto& [k, v] : *r.fields) fields += (fields.empty() ? "" : "; ") + k + "=" + v;
    table.add_row({or_dash(r.username), or_dash(r.fullname), or_dash(r.email), r.status, r.timestamp,
                   fields.empty() ? "-" : fields});
  }
  table.print(std::cout, use_color());
}

CLI::App* add_target(CLI::App* parent, const char* name, const char* help, AccessArgs& a) {
  CLI::App* cmd = parent->add_subcommand(name, help);
  cmd->add_option("repo_id", a.repo_id, "namespace/name of the gated repo")->required();
  cmd->add_option("user", a.user, "the user's name")->required();
  cmd->add_option("--type,--repo-type", a.type, "model (default), dataset or space")
      ->check(CLI::IsMember({"model", "dataset", "space"}));
  return cmd;
}

}  // namespace

void register_access_request_commands(CLI::App& app, CliContext& ctx) {
  CLI::App* root = app.add_subcommand("access-requests", "Review the access requests of a gated repo");
  root->require_subcommand(1);
  auto a = std::make_shared<AccessArgs>();

  CLI::App* ls = root->add_subcommand("ls", "List the pending, accepted or rejected requests");
  ls->add_option("repo_id", a->repo_id, "namespace/name of the gated repo")->required();
  ls->add_option("--status", a->status, "pending (default), accepted or rejected")
      ->check(CLI::IsMember({"pending", "accepted", "rejected"}));
  ls->add_option("--type,--repo-type", a->type, "model (default), dataset or space")
      ->check(CLI::IsMember({"model", "dataset", "space"}));
  ls->add_flag("--json", a->as_json, "Print JSON");
  ls->callback([a, &ctx] { list_requests(*a, ctx); });

  add_target(root, "accept", "Accept a request: the user may read the repo", *a)->callback([a, &ctx] {
    ctx.api().accept_access_request(a->repo_id, a->user, a->call());
    std::cout << "Accepted " << a->user << " on " << a->repo_id << '\n';
  });
  auto* reject = add_target(root, "reject", "Reject a request: the user may not read the repo", *a);
  reject->add_option("--reason", a->reason, "Shown to the user (at most 200 characters)");
  reject->callback([a, &ctx] {
    std::optional<std::string> reason;
    if (!a->reason.empty()) reason = a->reason;
    ctx.api().reject_access_request(a->repo_id, a->user, reason, a->call());
    std::cout << "Rejected " << a->user << " on " << a->repo_id << '\n';
  });
  add_target(root, "cancel", "Move a request back to pending: the user loses access", *a)->callback([a, &ctx] {
    ctx.api().cancel_access_request(a->repo_id, a->user, a->call());
    std::cout << "Cancelled " << a->user << " on " << a->repo_id << '\n';
  });
  add_target(root, "grant", "Give a user access without a request", *a)->callback([a, &ctx] {
    ctx.api().grant_access(a->repo_id, a->user, a->call());
    std::cout << "Granted " << a->user << " access to " << a->repo_id << '\n';
  });
}

}  // namespace hfhub::cli
