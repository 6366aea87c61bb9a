// hfhub models|datasets|spaces ls / info
#include <boost/json.hpp>
#include <iostream>

#include "cli_context.h"
#include "output.h"

namespace hfhub::cli {

namespace json = boost::json;

namespace {

struct LsArgs {
  std::string search, author, pipeline_tag, library, sort;
  std::vector<std::string> filter, expand;
  std::optional<int64_t> limit;
  bool full = false, config = false, card_data = false, all = false, as_json = false;
};

struct InfoArgs {
  std::string repo_id, revision;
  bool files_metadata = false, as_json = false;
};

std::optional<std::string> opt(const std::string& s) { return s.empty() ? std::nullopt : std::optional(s); }

std::optional<int64_t> effective_limit(const LsArgs& a) {
  if (a.limit) return a.limit;
  return a.all ? std::nullopt : std::optional<int64_t>(30);
}

// Prints the items of a lazy range as a table or a JSON array.
template <class Info, class Row>
void print_listing(Paginated<Info> items, bool as_json, std::vector<std::string> headers, Row row) {
  if (as_json) {
    json::array out;
    for (const Info& item : items) out.push_back(json::parse(item.raw_json));
    print_json(std::cout, out);
    return;
  }
  Table table(std::move(headers));
  for (const Info& item : items) table.add_row(row(item));
  table.print(std::cout, use_color());
}

std::string gated_text(const std::optional<GatedMode>& g) { return g ? std::string(gated_mode_name(*g)) : "-"; }
std::string bool_text(const std::optional<bool>& b) { return b ? (*b ? "true" : "false") : "-"; }

void list(RepoType type, const LsArgs& a, const CliContext& ctx) {
  HfApi api = ctx.api();
  if (type == RepoType::Model) {
    ListModelsParams p;
    p.search = opt(a.search), p.author = opt(a.author), p.filter = a.filter;
    p.pipeline_tag = opt(a.pipeline_tag), p.sort = opt(a.sort), p.limit = effective_limit(a);
    if (!a.library.empty()) p.library = {a.library};
    p.full = a.full, p.config = a.config, p.card_data = a.card_data, p.expand = a.expand;
    print_listing(api.list_models(p), a.as_json, {"ID", "PIPELINE", "LIBRARY", "DOWNLOADS", "LIKES", "CREATED"},
                  [](const ModelInfo& m) {
                    return std::vector<std::string>{m.id,
                                                    or_dash(m.pipeline_tag),
                                                    or_dash(m.library_name),
                                                    or_dash(m.downloads),
                                                    or_dash(m.likes),
                                                    or_dash(m.created_at)};
                  });
  } else if (type == RepoType::Dataset) {
    ListDatasetsParams p;
    p.search = opt(a.search), p.author = opt(a.author), p.filter = a.filter, p.sort = opt(a.sort);
    p.limit = effective_limit(a), p.full = a.full, p.card_data = a.card_data, p.expand = a.expand;
    print_listing(api.list_datasets(p), a.as_json, {"ID", "DOWNLOADS", "LIKES", "CREATED"}, [](const DatasetInfo& d) {
      return std::vector<std::string>{d.id, or_dash(d.downloads), or_dash(d.likes), or_dash(d.created_at)};
    });
  } else {
    ListSpacesParams p;
    p.search = opt(a.search), p.author = opt(a.author), p.filter = a.filter, p.sort = opt(a.sort);
    p.limit = effective_limit(a), p.full = a.full, p.card_data = a.card_data, p.expand = a.expand;
    print_listing(api.list_spaces(p), a.as_json, {"ID", "SDK", "LIKES", "CREATED"}, [](const SpaceInfo& s) {
      return std::vector<std::string>{s.id, or_dash(s.sdk), or_dash(s.likes), or_dash(s.created_at)};
    });
  }
}

void info(RepoType type, const InfoArgs& a, const CliContext& ctx) {
  RepoInfoParams params;
  params.revision = opt(a.revision);
  params.files_metadata = a.files_metadata;
  AnyRepoInfo any = ctx.api().repo_info(a.repo_id, type, params);
  const RepoInfo& r = std::visit([](const auto& v) -> const RepoInfo& { return v; }, any);
  if (a.as_json) {
    print_json(std::cout, json::parse(r.raw_json));
    return;
  }
  Table t({"FIELD", "VALUE"});
  t.add_row({"id", r.id});
  t.add_row({"author", or_dash(r.author)});
  t.add_row({"sha", or_dash(r.sha)});
  t.add_row({"created_at", or_dash(r.created_at)});
  t.add_row({"last_modified", or_dash(r.last_modified)});
  t.add_row({"private", bool_text(r.private_)});
  t.add_row({"gated", gated_text(r.gated)});
  t.add_row({"downloads", or_dash(r.downloads)});
  t.add_row({"likes", or_dash(r.likes)});
  if (auto* m = std::get_if<ModelInfo>(&any)) {
    t.add_row({"pipeline_tag", or_dash(m->pipeline_tag)});
    t.add_row({"library_name", or_dash(m->library_name)});
  }
  if (auto* s = std::get_if<SpaceInfo>(&any)) t.add_row({"sdk", or_dash(s->sdk)});
  std::string tags;
  for (const auto& tag : r.tags.value_or(std::vector<std::string>{})) tags += (tags.empty() ? "" : ", ") + tag;
  t.add_row({"tags", tags.empty() ? "-" : tags});
  if (r.siblings) {
    t.add_row({"files", std::to_string(r.siblings->size())});
    for (const auto& s : *r.siblings)
      t.add_row({"", s.rfilename + (s.size ? " (" + std::to_string(*s.size) + " bytes)" : "")});
  }
  t.print(std::cout, use_color());
}

void add_group(CLI::App& app, CliContext& ctx, RepoType type, const char* name, const char* what) {
  CLI::App* group = app.add_subcommand(name, std::string("Browse ") + what);
  group->require_subcommand(1);

  auto ls_args = std::make_shared<LsArgs>();
  CLI::App* ls = group->add_subcommand("ls", std::string("List ") + what + " (newest pages fetched lazily)");
  ls->add_option("--search", ls_args->search, "Substring of the repo id");
  ls->add_option("--author", ls_args->author, "User or organization");
  ls->add_option("--filter", ls_args->filter, "Tag filter (repeatable)");
  if (type == RepoType::Model) {
    ls->add_option("--pipeline-tag", ls_args->pipeline_tag, "Pipeline task, e.g. text-generation");
    ls->add_option("--library", ls_args->library, "Library, e.g. transformers");
    ls->add_flag("--config", ls_args->config, "Include config.json contents");
  }
  ls->add_option("--sort", ls_args->sort, "createdAt|lastModified|downloads|likes|trendingScore");
  ls->add_option("--limit", ls_args->limit, "Maximum number of results (default 30 unless --all)");
  ls->add_option("--expand", ls_args->expand, "Properties to return (repeatable)");
  ls->add_flag("--full", ls_args->full, "Return most fields");
  ls->add_flag("--card-data", ls_args->card_data, "Include model card metadata");
  ls->add_flag("--all", ls_args->all, "Follow every page");
  ls->add_flag("--json", ls_args->as_json, "Print a JSON array");
  ls->callback([type, ls_args, &ctx] { list(type, *ls_args, ctx); });

  auto info_args = std::make_shared<InfoArgs>();
  CLI::App* inf = group->add_subcommand("info", std::string("Show one of the ") + what);
  inf->add_option("repo_id", info_args->repo_id, "namespace/name")->required();
  inf->add_option("--revision", info_args->revision, "Branch, tag or commit");
  inf->add_flag("--files-metadata", info_args->files_metadata, "Include file sizes and LFS info");
  inf->add_flag("--json", info_args->as_json, "Print the JSON document");
  inf->callback([type, info_args, &ctx] { info(type, *info_args, ctx); });
}

}  // namespace

void register_listing_commands(CLI::App& app, CliContext& ctx) {
  add_group(app, ctx, RepoType::Model, "models", "models");
  add_group(app, ctx, RepoType::Dataset, "datasets", "datasets");
  add_group(app, ctx, RepoType::Space, "spaces", "spaces");
}

}  // namespace hfhub::cli
