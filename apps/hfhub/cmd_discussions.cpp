// hfhub discussions ls|show|create|comment|close|reopen|merge (docs/client.md#discussions)
#include <iostream>

#include <boost/json.hpp>

#include "cli_context.h"
#include "output.h"

namespace hfhub::cli {

namespace {

namespace json = boost::json;

struct DiscussionArgs {
  std::string repo, type = "model", kind = "all", status = "all", author, title, description, text, comment;
  int64_t num = 0;
  int64_t limit = 0;
  bool pull_request = false, as_json = false, diff = false;
};

json::object discussion_json(const Discussion& d) {
  json::object o{{"num", d.num},
                 {"title", d.title},
                 {"status", d.status},
                 {"author", d.author},
                 {"is_pull_request", d.is_pull_request},
                 {"created_at", d.created_at},
                 {"repo_id", d.repo_id},
                 {"repo_type", repo_type_name(d.repo_type)},
                 {"url", d.url()}};
  if (auto ref = d.git_reference()) o["git_reference"] = *ref;
  return o;
}

json::object details_json(const DiscussionWithDetails& d) {
  auto o = discussion_json(d);
  json::array events;
  for (auto& e : d.events) events.push_back(json::parse(e.raw_json));
  o["events"] = std::move(events);
  if (d.target_branch) o["target_branch"] = *d.target_branch;
  if (d.merge_commit_oid) o["merge_commit_oid"] = *d.merge_commit_oid;
  if (d.conflicting_files) {
    json::array files;
    for (auto& f : *d.conflicting_files) files.push_back(json::value(f));
    o["conflicting_files"] = std::move(files);
  }
  if (d.diff) o["diff"] = *d.diff;
  return o;
}

// One line per event for the terminal.
std::string event_text(const DiscussionEvent& e) {
  if (e.type == "comment") return e.hidden ? "(hidden comment)" : e.content + (e.edited ? " (edited)" : "");
  if (e.type == "status-change") return "status -> " + e.new_status;
  if (e.type == "commit") return "commit " + e.oid.substr(0, 7) + " " + e.summary;
  if (e.type == "title-change") return "title: " + e.old_title + " -> " + e.new_title;
  return e.type;
}

void print_details(const DiscussionWithDetails& d, bool as_json, bool diff) {
  if (as_json) return print_json(std::cout, details_json(d));
  std::cout << "#" << d.num << " " << d.title << "\n"
            << (d.is_pull_request ? "pull request" : "discussion") << ", " << d.status << ", by " << d.author << ", "
            << d.created_at << "\n";
  if (d.target_branch) std::cout << "target: " << *d.target_branch << "\n";
  if (d.merge_commit_oid) std::cout << "merge commit: " << *d.merge_commit_oid << "\n";
  if (d.conflicting_files && !d.conflicting_files->empty()) {
    std::cout << "conflicts:";
    for (auto& f : *d.conflicting_files) std::cout << " " << f;
    std::cout << "\n";
  }
  Table table({"ID", "TYPE", "AUTHOR", "CREATED", "TEXT"});
  for (auto& e : d.events) table.add_row({e.id, e.type, e.author, e.created_at, event_text(e)});
  std::cout << "\n";
  table.print(std::cout, use_color());
  if (diff && d.diff) std::cout << "\n" << *d.diff;
}

void list(const DiscussionArgs& a, const CliContext& ctx) {
  RepoDiscussionsParams p;
  p.repo_type = parse_repo_type_arg(a.type);
  if (a.kind != "all") p.discussion_type = a.kind;
  if (a.status != "all") p.discussion_status = a.status;
  if (!a.author.empty()) p.author = a.author;
  HfApi api = ctx.api();
  json::array out;
  Table table({"NUM", "KIND", "STATUS", "AUTHOR", "CREATED", "TITLE"});
  int64_t n = 0;
  for (const Discussion& d : api.get_repo_discussions(a.repo, p)) {
    if (a.limit > 0 && n++ >= a.limit) break;
    if (a.as_json)
      out.push_back(discussion_json(d));
    else
      table.add_row(
          {std::to_string(d.num), d.is_pull_request ? "pr" : "discussion", d.status, d.author, d.created_at, d.title});
  }
  if (a.as_json) return print_json(std::cout, out);
  table.print(std::cout, use_color());
}

DiscussionCommentParams comment_params(const DiscussionArgs& a) {
  DiscussionCommentParams p;
  p.repo_type = parse_repo_type_arg(a.type);
  if (!a.comment.empty()) p.comment = a.comment;
  return p;
}

void print_event(const DiscussionEvent& e, bool as_json) {
  if (as_json) return print_json(std::cout, json::parse(e.raw_json));
  std::cout << e.id << " " << event_text(e) << "\n";
}

CLI::App* with_repo(CLI::App* cmd, DiscussionArgs& a, bool num) {
  cmd->add_option("repo", a.repo, "namespace/name")->required();
  if (num) cmd->add_option("num", a.num, "the discussion or pull request number")->required();
  cmd->add_option("--type,--repo-type", a.type, "model (default), dataset or space")
      ->check(CLI::IsMember({"model", "dataset", "space"}));
  cmd->add_flag("--json", a.as_json, "Print JSON");
  return cmd;
}

void register_status_command(CLI::App* d, std::shared_ptr<DiscussionArgs> a, CliContext& ctx, const char* name,
                             const char* status) {
  CLI::App* cmd = with_repo(d->add_subcommand(name, std::string("Set a discussion's status to ") + status), *a, true);
  cmd->add_option("--comment", a->comment, "A comment posted with the change");
  cmd->callback([a, &ctx, status] {
    print_event(ctx.api().change_discussion_status(a->repo, a->num, status, comment_params(*a)), a->as_json);
  });
}

}  // namespace

void register_discussion_commands(CLI::App& app, CliContext& ctx) {
  CLI::App* d = app.add_subcommand("discussions", "Discussions and pull requests of a repository");
  d->require_subcommand(1);
  auto a = std::make_shared<DiscussionArgs>();

  CLI::App* ls = with_repo(d->add_subcommand("ls", "List discussions and pull requests, newest first"), *a, false);
  ls->add_option("--kind", a->kind, "all (default), discussion or pull_request")
      ->check(CLI::IsMember({"all", "discussion", "pull_request"}));
  ls->add_option("--status", a->status, "all (default), open or closed")
      ->check(CLI::IsMember({"all", "open", "closed"}));
  ls->add_option("--author", a->author, "Only those opened by this user");
  ls->add_option("--limit", a->limit, "At most this many");
  ls->callback([a, &ctx] { list(*a, ctx); });

  CLI::App* show = with_repo(d->add_subcommand("show", "A discussion's events; a pull request's diff"), *a, true);
  show->add_flag("--diff", a->diff, "Print a pull request's diff");
  show->callback([a, &ctx] {
    DiscussionCall call;
    call.repo_type = parse_repo_type_arg(a->type);
    print_details(ctx.api().get_discussion_details(a->repo, a->num, call), a->as_json, a->diff);
  });

  CLI::App* create = with_repo(d->add_subcommand("create", "Open a discussion or a pull request"), *a, false);
  create->add_option("--title", a->title, "3 to 200 characters")->required();
  create->add_option("--description", a->description, "The first comment");
  create->add_flag("--pr", a->pull_request, "Open a pull request (refs/pr/N, a draft until its first commit)");
  create->callback([a, &ctx] {
    CreateDiscussionParams p;
    p.repo_type = parse_repo_type_arg(a->type);
    if (!a->description.empty()) p.description = a->description;
    p.pull_request = a->pull_request;
    auto created = ctx.api().create_discussion(a->repo, a->title, p);
    if (a->as_json) return print_json(std::cout, details_json(created));
    std::cout << "#" << created.num << " " << created.url();
    if (auto ref = created.git_reference()) std::cout << " (" << *ref << ")";
    std::cout << "\n";
  });

  CLI::App* comment = with_repo(d->add_subcommand("comment", "Comment on a discussion"), *a, true);
  comment->add_option("text", a->text, "The comment (markdown)")->required();
  comment->callback([a, &ctx] {
    DiscussionCall call;
    call.repo_type = parse_repo_type_arg(a->type);
    print_event(ctx.api().comment_discussion(a->repo, a->num, a->text, call), a->as_json);
  });

  register_status_command(d, a, ctx, "close", "closed");
  register_status_command(d, a, ctx, "reopen", "open");

  CLI::App* merge = with_repo(d->add_subcommand("merge", "Merge a pull request into its target branch"), *a, true);
  merge->add_option("--comment", a->comment, "A comment posted with the merge");
  merge->callback([a, &ctx] {
    HfApi api = ctx.api();
    api.merge_pull_request(a->repo, a->num, comment_params(*a));
    DiscussionCall call;
    call.repo_type = parse_repo_type_arg(a->type);
    auto merged = api.get_discussion_details(a->repo, a->num, call);
    if (a->as_json) return print_json(std::cout, details_json(merged));
    std::cout << "Merged #" << merged.num << " into " << merged.target_branch.value_or("main") << ": "
              << merged.merge_commit_oid.value_or("") << "\n";
  });
}

}  // namespace hfhub::cli
