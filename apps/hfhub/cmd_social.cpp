// hfhub likes add|rm|ls|likers, hfhub users info|followers|following, hfhub orgs info|members|followers
// (docs/client.md#likes-users-and-organizations). `hf` has no such verbs; these follow its ls/info style.
#include <boost/json.hpp>

#include <iostream>

#include "cli_context.h"
#include "output.h"

namespace hfhub::cli {

namespace {

namespace json = boost::json;

struct SocialArgs {
  std::string name, repo_type = "model";
  bool as_json = false;
};

json::value opt(const std::optional<std::string>& s) { return s ? json::value(*s) : json::value(nullptr); }
json::value opt(const std::optional<int64_t>& n) { return n ? json::value(*n) : json::value(nullptr); }

json::object user_json(const User& u) {
  json::object o{{"user", u.name}, {"fullname", opt(u.fullname)}, {"avatarUrl", opt(u.avatar_url)}};
  if (u.type) o["type"] = *u.type;
  if (u.role) o["role"] = *u.role;
  if (u.num_models) {
    o["numModels"] = *u.num_models;
    o["numDatasets"] = opt(u.num_datasets);
    o["numSpaces"] = opt(u.num_spaces);
    o["numLikes"] = opt(u.num_likes);
    o["numFollowers"] = opt(u.num_followers);
    o["numFollowing"] = opt(u.num_following);
    o["createdAt"] = opt(u.created_at);
    json::array orgs;
    for (auto& org : u.orgs) orgs.push_back(json::string(org.name));
    o["orgs"] = std::move(orgs);
  }
  return o;
}

void print_users(Paginated<User> users, bool as_json, bool with_role) {
  if (as_json) {
    json::array out;
    for (auto& u : users) out.push_back(user_json(u));
    print_json(std::cout, out);
    return;
  }
  Table t(with_role ? std::vector<std::string>{"USER", "FULLNAME", "ROLE"}
                    : std::vector<std::string>{"USER", "FULLNAME"});
  for (auto& u : users) {
    std::vector<std::string> row{u.name, or_dash(u.fullname)};
    if (with_role) row.push_back(or_dash(u.role));
    t.add_row(row);
  }
  t.print(std::cout, use_color());
}

// key/value rows of an overview, or its JSON.
void print_overview(const json::object& o, bool as_json) {
  if (as_json) {
    print_json(std::cout, o);
    return;
  }
  Table t({"FIELD", "VALUE"});
  for (auto& [k, v] : o) t.add_row({std::string(k), v.is_string() ? std::string(v.as_string()) : json::serialize(v)});
  t.print(std::cout, use_color());
}

json::object org_json(const Organization& o) {
  return {{"name", o.name},
          {"fullname", opt(o.fullname)},
          {"avatarUrl", opt(o.avatar_url)},
          {"numUsers", opt(o.num_users)},
          {"numModels", opt(o.num_models)},
          {"numDatasets", opt(o.num_datasets)},
          {"numSpaces", opt(o.num_spaces)},
          {"numFollowers", opt(o.num_followers)}};
}

void add_json(CLI::App* cmd, SocialArgs& a) { cmd->add_flag("--json", a.as_json, "Print JSON"); }
void add_repo(CLI::App* cmd, SocialArgs& a) {
  cmd->add_option("repo_id", a.name, "The repo, e.g. user/my-model")->required();
  cmd->add_option("--repo-type", a.repo_type, "model, dataset or space")
      ->check(CLI::IsMember({"model", "dataset", "space"}));
}
RepoCall repo_call(const SocialArgs& a) {
  RepoCall c;
  c.repo_type = parse_repo_type_arg(a.repo_type);
  return c;
}

void register_likes(CLI::App& app, CliContext& ctx) {
  CLI::App* likes = app.add_subcommand("likes", "Like repos and list likes");
  likes->require_subcommand(1);
  auto a = std::make_shared<SocialArgs>();
  for (bool on : {true, false}) {
    CLI::App* cmd = likes->add_subcommand(on ? "add" : "rm", on ? "Like a repo" : "Unlike a repo");
    add_repo(cmd, *a);
    cmd->callback([a, &ctx, on] {
      auto api = ctx.api();
      on ? api.like(a->name, repo_call(*a)) : api.unlike(a->name, repo_call(*a));
      std::cout << (on ? "Liked " : "Unliked ") << a->name << '\n';
    });
  }
  CLI::App* ls = likes->add_subcommand("ls", "The repos a user likes (default: you)");
  ls->add_option("user", a->name, "A user name");
  add_json(ls, *a);
  ls->callback([a, &ctx] {
    auto l = ctx.api().list_liked_repos(a->name.empty() ? std::nullopt : std::optional<std::string>(a->name));
    if (a->as_json) {
      auto ids = [](const std::vector<std::string>& v) { return json::value_from(v); };
      print_json(std::cout, json::object{{"user", l.user},
                                         {"total", l.total},
                                         {"models", ids(l.models)},
                                         {"datasets", ids(l.datasets)},
                                         {"spaces", ids(l.spaces)}});
      return;
    }
    Table t({"TYPE", "REPO"});
    for (auto& [type, list] : {std::pair{"model", &l.models}, {"dataset", &l.datasets}, {"space", &l.spaces}})
      for (auto& id : *list) t.add_row({type, id});
    t.print(std::cout, use_color());
  });
  CLI::App* likers = likes->add_subcommand("likers", "The users who like a repo");
  add_repo(likers, *a);
  add_json(likers, *a);
  likers->callback([a, &ctx] { print_users(ctx.api().list_repo_likers(a->name, repo_call(*a)), a->as_json, false); });
}

void register_users(CLI::App& app, CliContext& ctx) {
  CLI::App* users = app.add_subcommand("users", "User overviews, followers and following");
  users->require_subcommand(1);
  auto a = std::make_shared<SocialArgs>();
  CLI::App* info = users->add_subcommand("info", "A user's overview");
  info->add_option("user", a->name, "A user name")->required();
  add_json(info, *a);
  info->callback([a, &ctx] { print_overview(user_json(ctx.api().get_user_overview(a->name)), a->as_json); });
  for (bool followers : {true, false}) {
    CLI::App* cmd = users->add_subcommand(followers ? "followers" : "following",
                                          followers ? "Who follows a user" : "Whom a user follows");
    cmd->add_option("user", a->name, "A user name")->required();
    add_json(cmd, *a);
    cmd->callback([a, &ctx, followers] {
      auto api = ctx.api();
      print_users(followers ? api.list_user_followers(a->name) : api.list_user_following(a->name), a->as_json, false);
    });
  }
}

void register_orgs(CLI::App& app, CliContext& ctx) {
  CLI::App* orgs = app.add_subcommand("orgs", "Organization overviews, members and followers");
  orgs->require_subcommand(1);
  auto a = std::make_shared<SocialArgs>();
  CLI::App* info = orgs->add_subcommand("info", "An organization's overview");
  info->add_option("org", a->name, "An organization name")->required();
  add_json(info, *a);
  info->callback([a, &ctx] { print_overview(org_json(ctx.api().get_organization_overview(a->name)), a->as_json); });
  for (bool members : {true, false}) {
    CLI::App* cmd = orgs->add_subcommand(members ? "members" : "followers",
                                         members ? "The members and their roles" : "Who follows an organization");
    cmd->add_option("org", a->name, "An organization name")->required();
    add_json(cmd, *a);
    cmd->callback([a, &ctx, members] {
      auto api = ctx.api();
      print_users(members ? api.list_organization_members(a->name) : api.list_organization_followers(a->name),
                  a->as_json, members);
    });
  }
}

}  // namespace

void register_social_commands(CLI::App& app, CliContext& ctx) {
  register_likes(app, ctx);
  register_users(app, ctx);
  register_orgs(app, ctx);
}

}  // namespace hfhub::cli
