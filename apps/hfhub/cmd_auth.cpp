// hfhub auth login|logout|whoami|list: tokens shared with Python's huggingface_hub.
#include <unistd.h>

#include <boost/json.hpp>
#include <iostream>

#include "cli_context.h"
#include "hfhub/token_store.h"
#include "output.h"

namespace hfhub::cli {

namespace {

struct AuthArgs {
  std::string token, name;
  bool as_json = false;
};

void login(const AuthArgs& a, const CliContext& ctx) {
  std::string token = !a.token.empty() ? a.token : ctx.token;
  if (token.empty() && !::isatty(STDIN_FILENO)) std::getline(std::cin, token);
  while (!token.empty() && (token.back() == '\n' || token.back() == '\r' || token.back() == ' ')) token.pop_back();
  if (token.empty()) throw CLI::ValidationError("--token", "a token is required");
  if (token.starts_with("api_org"))
    throw CLI::ValidationError("--token", "organization API tokens (api_org...) cannot be used to log in");

  ClientOptions options = ctx.client_options();
  options.token = token;
  User user = HfApi(options).whoami();  // throws UnauthorizedError for a bad token
  std::string name = a.name;
  if (name.empty() && user.auth && user.auth->access_token && user.auth->access_token->display_name)
    name = *user.auth->access_token->display_name;
  if (name.empty()) name = "oauth-" + user.name;

  TokenStore store = TokenStore::from_env();
  store.save(name, token, /*set_active=*/true);
  std::string role = (user.auth && user.auth->access_token) ? or_dash(user.auth->access_token->role) : "-";
  std::cout << "Login successful as " << user.name << " (token '" << name << "', role " << role << ").\n"
            << "Token saved to " << store.token_path().string() << '\n';
}

void logout(const AuthArgs& a) {
  TokenStore store = TokenStore::from_env();
  if (a.name.empty()) {
    store.clear();
    std::cout << "Logged out: removed " << store.token_path().string() << " and " << store.stored_tokens_path().string()
              << '\n';
  } else if (store.remove(a.name)) {
    std::cout << "Removed token '" << a.name << "'\n";
  } else {
    std::cerr << "hfhub: no saved token named '" << a.name << "'\n";
    throw Exit{kExitError};
  }
}

// A fine-grained token's scopes, one entity a line: "  model alice/bert: repo.content.read, repo.write".
void print_fine_grained(const FineGrainedInfo& f) {
  auto joined = [](const std::vector<std::string>& items) {
    std::string out;
    for (const auto& i : items) out += (out.empty() ? "" : ", ") + i;
    return out.empty() ? std::string("-") : out;
  };
  std::cout << "scopes:\n";
  for (const auto& s : f.scoped)
    std::cout << "  " << s.entity.type << " " << s.entity.name << ": " << joined(s.permissions) << '\n';
  std::cout << "  global: " << joined(f.global) << '\n';
  std::cout << "  gated repos: " << (f.can_read_gated_repos ? "readable" : "not readable") << '\n';
}

void whoami(const AuthArgs& a, const CliContext& ctx) {
  HfApi api = ctx.api();
  if (!api.options().token) {
    std::cerr << "hfhub: not logged in (no HF_TOKEN, no token file)\n";
    throw Exit{kExitError};
  }
  User user = api.whoami();
  if (a.as_json) {
    print_json(std::cout, boost::json::parse(user.raw_json));
    return;
  }
  std::cout << "user: " << user.name << '\n';
  std::string orgs;
  for (const auto& org : user.orgs) orgs += (orgs.empty() ? "" : ",") + org.name;
  if (!orgs.empty()) std::cout << "orgs: " << orgs << '\n';
  if (user.auth && user.auth->access_token) {
    const auto& t = *user.auth->access_token;
    std::cout << "token: " << or_dash(t.display_name) << " (" << or_dash(t.role) << ")\n";
    if (t.fine_grained) print_fine_grained(*t.fine_grained);
  }
  if (api.options().endpoint != "https://huggingface.co") std::cout << "endpoint: " << api.options().endpoint << '\n';
}

void list_tokens() {
  TokenStore store = TokenStore::from_env();
  auto active = store.active_token();
  Table t({"", "NAME", "TOKEN"});
  for (const auto& [name, token] : store.stored_tokens()) {
    std::string masked = token.size() > 8 ? token.substr(0, 3) + "****" + token.substr(token.size() - 4) : "****";
    t.add_row({active == token ? "*" : "", name, masked});
  }
  t.print(std::cout, use_color());
}

}  // namespace

void register_auth_commands(CLI::App& app, CliContext& ctx) {
  CLI::App* auth = app.add_subcommand("auth", "Log in and out, show the current account");
  auth->require_subcommand(1);
  auto a = std::make_shared<AuthArgs>();

  CLI::App* in = auth->add_subcommand("login", "Verify a token with whoami and save it as the active token");
  in->add_option("--token", a->token, "The access token (read from stdin if omitted and not a TTY)");
  in->add_option("--name", a->name, "Label in stored_tokens (default: the token's display name)");
  in->callback([a, &ctx] { login(*a, ctx); });

  CLI::App* out = auth->add_subcommand("logout", "Remove the saved tokens (or one, with --name)");
  out->add_option("--name", a->name, "Remove only this saved token");
  out->callback([a] { logout(*a); });

  CLI::App* who = auth->add_subcommand("whoami", "Show the account of the current token");
  who->add_flag("--json", a->as_json, "Print the whoami-v2 JSON");
  who->callback([a, &ctx] { whoami(*a, ctx); });

  CLI::App* list = auth->add_subcommand("list", "List the saved tokens (* = active)");
  list->callback([] { list_tokens(); });
}

}  // namespace hfhub::cli
