// hfhub webhooks ls|show|create|update|enable|disable|delete (/api/settings/webhooks)
#include <boost/json.hpp>

#include <iostream>

#include "cli_context.h"
#include "output.h"

namespace hfhub::cli {

namespace {

namespace json = boost::json;

struct WebhookArgs {
  std::string id, url, secret;
  std::vector<std::string> watch, domains;
  bool as_json = false;
};

// "type:name", e.g. "user:alice", "model:alice/bert", "org:acme".
std::vector<WebhookWatchedItem> watched_items(const std::vector<std::string>& specs) {
  std::vector<WebhookWatchedItem> out;
  for (auto& s : specs) {
    auto colon = s.find(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == s.size())
      throw CLI::ValidationError("--watch", "expected type:name, e.g. user:alice or model:alice/bert");
    out.push_back({s.substr(0, colon), s.substr(colon + 1)});
  }
  return out;
}

json::object webhook_json(const WebhookInfo& w) {
  json::array watched;
  for (auto& item : w.watched) watched.push_back(json::object{{"type", item.type}, {"name", item.name}});
  json::array domains;
  for (auto& d : w.domains) domains.push_back(json::string(d));
  json::object o{
      {"id", w.id}, {"watched", std::move(watched)}, {"domains", std::move(domains)}, {"disabled", w.disabled}};
  o["url"] = w.url ? json::value(*w.url) : nullptr;
  o["secret"] = w.secret ? json::value(*w.secret) : nullptr;
  return o;
}

std::string watched_text(const WebhookInfo& w) {
  std::string out;
  for (auto& item : w.watched) out += (out.empty() ? "" : ",") + item.type + ":" + item.name;
  return out;
}

std::string domains_text(const WebhookInfo& w) {
  std::string out;
  for (auto& d : w.domains) out += (out.empty() ? "" : ",") + d;
  return out;
}

void print_webhooks(const std::vector<WebhookInfo>& hooks, bool as_json) {
  if (as_json) {
    json::array out;
    for (auto& w : hooks) out.push_back(webhook_json(w));
    print_json(std::cout, out);
    return;
  }
  Table t({"ID", "URL", "WATCHED", "DOMAINS", "STATE"});
  for (auto& w : hooks)
    t.add_row({w.id, or_dash(w.url), watched_text(w), domains_text(w), w.disabled ? "disabled" : "enabled"});
  t.print(std::cout, use_color());
}

void add_id(CLI::App* cmd, WebhookArgs& a) { cmd->add_option("id", a.id, "Webhook id")->required(); }
void add_json(CLI::App* cmd, WebhookArgs& a) { cmd->add_flag("--json", a.as_json, "Print JSON"); }
void add_fields(CLI::App* cmd, WebhookArgs& a) {
  cmd->add_option("--watch", a.watch, "type:name to watch (user, org, model, dataset, space); repeatable");
  cmd->add_option("--domain", a.domains, "repo or discussion; repeatable (create default: both)")
      ->check(CLI::IsMember({"repo", "discussion"}));
  cmd->add_option("--secret", a.secret, "Sent as X-Webhook-Secret with each delivery");
}

}  // namespace

void register_webhook_commands(CLI::App& app, CliContext& ctx) {
  CLI::App* hooks = app.add_subcommand("webhooks", "Manage your webhooks");
  hooks->require_subcommand(1);
  auto a = std::make_shared<WebhookArgs>();

  CLI::App* ls = hooks->add_subcommand("ls", "List your webhooks");
  add_json(ls, *a);
  ls->callback([a, &ctx] { print_webhooks(ctx.api().list_webhooks(), a->as_json); });

  CLI::App* show = hooks->add_subcommand("show", "Show one webhook");
  add_id(show, *a);
  add_json(show, *a);
  show->callback([a, &ctx] { print_webhooks({ctx.api().get_webhook(a->id)}, a->as_json); });

  CLI::App* create = hooks->add_subcommand("create", "Create a webhook");
  create->add_option("--url", a->url, "Where deliveries are POSTed")->required();
  add_fields(create, *a);
  add_json(create, *a);
  create->callback([a, &ctx] {
    CreateWebhookParams p{a->url, watched_items(a->watch), std::nullopt, std::nullopt};
    if (p.watched.empty()) throw CLI::ValidationError("--watch", "at least one item to watch is required");
    if (!a->domains.empty()) p.domains = a->domains;
    if (!a->secret.empty()) p.secret = a->secret;
    print_webhooks({ctx.api().create_webhook(p)}, a->as_json);
  });

  CLI::App* update = hooks->add_subcommand("update", "Change a webhook's URL, watched items, domains or secret");
  add_id(update, *a);
  update->add_option("--url", a->url, "Where deliveries are POSTed");
  add_fields(update, *a);
  add_json(update, *a);
  update->callback([a, &ctx] {
    UpdateWebhookParams p;
    p.watched = watched_items(a->watch);
    if (!a->url.empty()) p.url = a->url;
    if (!a->domains.empty()) p.domains = a->domains;
    if (!a->secret.empty()) p.secret = a->secret;
    print_webhooks({ctx.api().update_webhook(a->id, p)}, a->as_json);
  });

  for (bool disable : {false, true}) {
    CLI::App* cmd = hooks->add_subcommand(disable ? "disable" : "enable",
                                          disable ? "Stop deliveries of a webhook" : "Resume deliveries of a webhook");
    add_id(cmd, *a);
    add_json(cmd, *a);
    cmd->callback([a, &ctx, disable] {
      auto api = ctx.api();
      print_webhooks({disable ? api.disable_webhook(a->id) : api.enable_webhook(a->id)}, a->as_json);
    });
  }

  CLI::App* del = hooks->add_subcommand("delete", "Delete a webhook");
  add_id(del, *a);
  del->callback([a, &ctx] {
    ctx.api().delete_webhook(a->id);
    std::cout << "Deleted webhook " << a->id << '\n';
  });
}

}  // namespace hfhub::cli
