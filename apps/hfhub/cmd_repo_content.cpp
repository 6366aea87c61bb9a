// hfhub repo files|branch|tag|refs|commits: browsing a repository and managing its refs.
#include <boost/json.hpp>
#include <iostream>

#include "cli_context.h"
#include "output.h"

namespace hfhub::cli {

namespace json = boost::json;

namespace {

struct ContentArgs {
  std::string repo_id, name, type = "model", revision, path, message;
  bool recursive = false, as_json = false, exist_ok = false, prs = false;

  RepoCall call() const {
    RepoCall c;
    c.repo_type = parse_repo_type_arg(type);
    if (!revision.empty()) c.revision = revision;
    return c;
  }
};

// The options every content command takes: the repo, its type, and (optionally) a revision.
void add_repo_options(CLI::App* cmd, ContentArgs& a, bool with_revision) {
  cmd->add_option("repo_id", a.repo_id, "namespace/name")->required();
  cmd->add_option("--type,--repo-type", a.type, "model (default), dataset or space");
  if (with_revision) cmd->add_option("--revision", a.revision, "branch, tag or commit (default main)");
}

json::object entry_json(const RepoEntry& entry) {
  if (const auto* folder = std::get_if<RepoFolder>(&entry))
    return {{"type", "directory"}, {"path", folder->path}, {"oid", folder->tree_id}};
  const auto& file = std::get<RepoFile>(entry);
  json::object o{{"type", "file"}, {"path", file.path}, {"size", file.size}, {"oid", file.blob_id}};
  if (file.lfs) o["lfs"] = json::object{{"sha256", file.lfs->sha256}, {"size", file.lfs->size}};
  return o;
}

json::array refs_json(const std::vector<GitRefInfo>& refs) {
  json::array out;
  for (const auto& r : refs)
    out.push_back(json::object{{"name", r.name}, {"ref", r.ref}, {"target_commit", r.target_commit}});
  return out;
}

void print_ref_table(const std::vector<std::pair<std::string, const std::vector<GitRefInfo>*>>& groups) {
  Table table({"KIND", "NAME", "REF", "TARGET"});
  for (const auto& [kind, refs] : groups)
    for (const auto& r : *refs) table.add_row({kind, r.name, r.ref, r.target_commit});
  table.print(std::cout, use_color());
}

void list_files(const ContentArgs& a, const CliContext& ctx) {
  ListTreeParams p;
  static_cast<RepoCall&>(p) = a.call();
  p.path_in_repo = a.path;
  p.recursive = a.recursive;
  auto entries = ctx.api().list_repo_tree(a.repo_id, p);
  if (a.as_json) {
    json::array out;
    for (const auto& e : entries) out.push_back(entry_json(e));
    print_json(std::cout, out);
    return;
  }
  Table table({"PATH", "TYPE", "SIZE", "LFS"});
  for (const auto& e : entries) {
    if (const auto* f = std::get_if<RepoFile>(&e))
      table.add_row({f->path, "file", std::to_string(f->size), f->lfs ? f->lfs->sha256 : "-"});
    else
      table.add_row({std::get<RepoFolder>(e).path, "directory", "-", "-"});
  }
  table.print(std::cout, use_color());
}

void list_refs(const ContentArgs& a, const CliContext& ctx) {
  ListRefsParams p;
  static_cast<RepoCall&>(p) = a.call();
  p.include_pull_requests = a.prs;
  GitRefs refs = ctx.api().list_repo_refs(a.repo_id, p);
  if (a.as_json) {
    json::object out{
        {"branches", refs_json(refs.branches)}, {"converts", refs_json(refs.converts)}, {"tags", refs_json(refs.tags)}};
    if (refs.pull_requests) out["pull_requests"] = refs_json(*refs.pull_requests);
    print_json(std::cout, out);
    return;
  }
  std::vector<GitRefInfo> none;
  print_ref_table({{"branch", &refs.branches},
                   {"convert", &refs.converts},
                   {"tag", &refs.tags},
                   {"pr", refs.pull_requests ? &*refs.pull_requests : &none}});
}

void list_commits(const ContentArgs& a, const CliContext& ctx) {
  ListCommitsParams p;
  static_cast<RepoCall&>(p) = a.call();
  auto commits = ctx.api().list_repo_commits(a.repo_id, p);
  if (a.as_json) {
    json::array out;
    for (const auto& c : commits) {
      json::array authors(c.authors.begin(), c.authors.end());
      out.push_back(json::object{{"id", c.commit_id},
                                 {"title", c.title},
                                 {"message", c.message},
                                 {"authors", std::move(authors)},
                                 {"created_at", c.created_at}});
    }
    print_json(std::cout, out);
    return;
  }
  Table table({"ID", "DATE", "AUTHORS", "TITLE"});
  for (const auto& c : commits) {
    std::string authors;
    for (const auto& name : c.authors) authors += (authors.empty() ? "" : ",") + name;
    table.add_row({c.commit_id, c.created_at, authors.empty() ? "-" : authors, c.title});
  }
  table.print(std::cout, use_color());
}

void register_branch_commands(CLI::App& repo, CliContext& ctx, std::shared_ptr<ContentArgs> a) {
  CLI::App* branch = repo.add_subcommand("branch", "Create or delete a branch");
  branch->require_subcommand(1);
  CLI::App* create = branch->add_subcommand("create", "Create a branch (from --revision, default main's head)");
  add_repo_options(create, *a, true);
  create->add_option("name", a->name, "branch name")->required();
  create->add_flag("--exist-ok", a->exist_ok, "Do not fail if the branch exists");
  create->callback([a, &ctx] {
    CreateBranchParams p;
    static_cast<RepoCall&>(p) = a->call();
    p.exist_ok = a->exist_ok;
    ctx.api().create_branch(a->repo_id, a->name, p);
    std::cout << "Created branch " << a->name << " in " << a->repo_id << '\n';
  });
  CLI::App* del = branch->add_subcommand("delete", "Delete a branch");
  add_repo_options(del, *a, false);
  del->add_option("name", a->name, "branch name")->required();
  del->callback([a, &ctx] {
    ctx.api().delete_branch(a->repo_id, a->name, a->call());
    std::cout << "Deleted branch " << a->name << " of " << a->repo_id << '\n';
  });
}

void register_tag_commands(CLI::App& repo, CliContext& ctx, std::shared_ptr<ContentArgs> a) {
  CLI::App* tag = repo.add_subcommand("tag", "Create, delete or list tags");
  tag->require_subcommand(1);
  CLI::App* create = tag->add_subcommand("create", "Tag --revision (default main)");
  add_repo_options(create, *a, true);
  create->add_option("name", a->name, "tag name")->required();
  create->add_option("-m,--message", a->message, "Tag message (an annotated tag)");
  create->add_flag("--exist-ok", a->exist_ok, "Do not fail if the tag exists");
  create->callback([a, &ctx] {
    CreateTagParams p;
    static_cast<RepoCall&>(p) = a->call();
    if (!a->message.empty()) p.tag_message = a->message;
    p.exist_ok = a->exist_ok;
    ctx.api().create_tag(a->repo_id, a->name, p);
    std::cout << "Created tag " << a->name << " in " << a->repo_id << '\n';
  });
  CLI::App* del = tag->add_subcommand("delete", "Delete a tag");
  add_repo_options(del, *a, false);
  del->add_option("name", a->name, "tag name")->required();
  del->callback([a, &ctx] {
    ctx.api().delete_tag(a->repo_id, a->name, a->call());
    std::cout << "Deleted tag " << a->name << " of " << a->repo_id << '\n';
  });
  CLI::App* list = tag->add_subcommand("list", "List tags");
  add_repo_options(list, *a, false);
  list->add_flag("--json", a->as_json, "Print JSON");
  list->callback([a, &ctx] {
    ListRefsParams p;
    static_cast<RepoCall&>(p) = a->call();
    GitRefs refs = ctx.api().list_repo_refs(a->repo_id, p);
    if (a->as_json)
      print_json(std::cout, refs_json(refs.tags));
    else
      print_ref_table({{"tag", &refs.tags}});
  });
}

}  // namespace

void register_repo_content_commands(CLI::App& repo, CliContext& ctx) {
  auto a = std::make_shared<ContentArgs>();

  CLI::App* files = repo.add_subcommand("files", "List the files and folders of a repository");
  add_repo_options(files, *a, true);
  files->add_option("--path", a->path, "Folder to list (default: the root)");
  files->add_flag("--recursive,-r", a->recursive, "Include the content of sub-folders");
  files->add_flag("--json", a->as_json, "Print JSON");
  files->callback([a, &ctx] { list_files(*a, ctx); });

  CLI::App* refs = repo.add_subcommand("refs", "List branches, tags and converts");
  add_repo_options(refs, *a, false);
  refs->add_flag("--prs", a->prs, "Include pull-request refs");
  refs->add_flag("--json", a->as_json, "Print JSON");
  refs->callback([a, &ctx] { list_refs(*a, ctx); });

  CLI::App* commits = repo.add_subcommand("commits", "List the commits of a revision, newest first");
  add_repo_options(commits, *a, true);
  commits->add_flag("--json", a->as_json, "Print JSON");
  commits->callback([a, &ctx] { list_commits(*a, ctx); });

  register_branch_commands(repo, ctx, a);
  register_tag_commands(repo, ctx, a);
}

}  // namespace hfhub::cli
