// hfhub endpoints ls|describe|deploy|update|pause|resume|scale-to-zero|delete|catalog ..., following
// `hf endpoints` (docs/compute.md). hfhubd answers these with 501; the real Hub runs them.
#include <boost/json.hpp>

#include <iostream>

#include "cli_context.h"
#include "output.h"

namespace hfhub::cli {

namespace {

namespace json = boost::json;

struct EndpointArgs {
  std::string name, ns, repo, framework = "pytorch", accelerator, instance_size, instance_type, region, vendor;
  std::string task, revision, type = "authenticated", engine, search, recipe;
  int64_t min_replica = 1, max_replica = 1;
  bool as_json = false;
};

EndpointCall call_of(const EndpointArgs& a) { return {a.ns.empty() ? std::nullopt : std::optional(a.ns), {}}; }

void print_endpoints(const std::vector<InferenceEndpoint>& eps, bool as_json) {
  if (as_json) {
    json::array out;
    for (auto& e : eps) out.push_back(json::parse(e.raw_json));
    print_json(std::cout, out);
    return;
  }
  Table t({"NAME", "NAMESPACE", "MODEL", "TASK", "STATUS", "URL"});
  for (auto& e : eps) t.add_row({e.name, e.namespace_, e.repository, e.task, e.status, or_dash(e.url)});
  t.print(std::cout, use_color());
}

void add_common(CLI::App* cmd, EndpointArgs& a, bool with_name = true) {
  if (with_name) cmd->add_option("name", a.name, "Endpoint name")->required();
  cmd->add_option("--namespace", a.ns, "User or org (default: you)");
  cmd->add_flag("--json", a.as_json, "Print JSON");
}

void register_catalog(CLI::App* eps, std::shared_ptr<EndpointArgs> a, CliContext& ctx) {
  CLI::App* cat = eps->add_subcommand("catalog", "The Inference Catalog: models with tested deployments");
  cat->require_subcommand(1);
  CLI::App* ls = cat->add_subcommand("ls", "List catalog models");
  ls->add_option("--engine", a->engine, "llamacpp, sglang, tei, vllm");
  ls->add_option("--accelerator", a->accelerator, "cpu, gpu, neuron");
  ls->add_option("--task", a->task, "e.g. text-generation");
  ls->add_option("--search", a->search, "Text to look for");
  ls->add_flag("--json", a->as_json, "Print JSON");
  ls->callback([a, &ctx] {
    ListInferenceCatalogParams p;
    if (!a->engine.empty()) p.engine = a->engine;
    if (!a->accelerator.empty()) p.accelerator = a->accelerator;
    if (!a->task.empty()) p.task = a->task;
    if (!a->search.empty()) p.search = a->search;
    auto models = ctx.api().list_inference_catalog(p);
    if (a->as_json) {
      json::array out;
      for (auto& m : models) {
        json::array recipes;
        for (auto& r : m.recipes)
          recipes.push_back({{"id", r.id}, {"accelerator", r.accelerator}, {"engine", r.engine}});
        out.push_back({{"repo_id", m.repo_id}, {"task", m.task}, {"license", m.license}, {"recipes", recipes}});
      }
      return print_json(std::cout, out);
    }
    Table t({"MODEL", "TASK", "LICENSE", "RECIPES"});
    for (auto& m : models) {
      std::string recipes;
      for (auto& r : m.recipes) recipes += (recipes.empty() ? "" : ",") + r.engine + "/" + r.accelerator;
      t.add_row({m.repo_id, m.task, m.license, recipes});
    }
    t.print(std::cout, use_color());
  });
  CLI::App* deploy = cat->add_subcommand("deploy", "Deploy a catalog model (--repo) or recipe (--recipe)");
  deploy->add_option("--repo", a->repo, "Model repo id");
  deploy->add_option("--recipe", a->recipe, "Recipe id");
  deploy->add_option("--name", a->name, "Endpoint name");
  deploy->add_option("--accelerator", a->accelerator, "cpu, gpu, neuron (with --repo)");
  add_common(deploy, *a, false);
  deploy->callback([a, &ctx] {
    CatalogDeployParams p;
    if (!a->repo.empty()) p.repo_id = a->repo;
    if (!a->recipe.empty()) p.recipe_id = a->recipe;
    if (!a->name.empty()) p.name = a->name;
    if (!a->accelerator.empty()) p.accelerator = a->accelerator;
    if (!a->ns.empty()) p.namespace_ = a->ns;
    print_endpoints({ctx.api().create_inference_endpoint_from_catalog(p)}, a->as_json);
  });
}

void register_update(CLI::App* eps, std::shared_ptr<EndpointArgs> a, CliContext& ctx) {
  CLI::App* update = eps->add_subcommand("update", "Change an Inference Endpoint (only the options given)");
  add_common(update, *a);
  auto* min_opt = update->add_option("--min-replica", a->min_replica, "Minimum replicas");
  auto* max_opt = update->add_option("--max-replica", a->max_replica, "Maximum replicas");
  update->add_option("--instance-size", a->instance_size, "e.g. x1");
  update->add_option("--instance-type", a->instance_type, "e.g. nvidia-l4");
  update->add_option("--revision", a->revision, "Model revision");
  update->callback([a, &ctx, min_opt, max_opt] {
    UpdateInferenceEndpointParams p;
    if (min_opt->count()) p.min_replica = a->min_replica;
    if (max_opt->count()) p.max_replica = a->max_replica;
    if (!a->instance_size.empty()) p.instance_size = a->instance_size;
    if (!a->instance_type.empty()) p.instance_type = a->instance_type;
    if (!a->revision.empty()) p.revision = a->revision;
    if (!a->ns.empty()) p.namespace_ = a->ns;
    print_endpoints({ctx.api().update_inference_endpoint(a->name, p)}, a->as_json);
  });
}

}  // namespace

void register_endpoint_commands(CLI::App& app, CliContext& ctx) {
  CLI::App* eps = app.add_subcommand("endpoints", "Manage Inference Endpoints (compute on the Hub; hfhubd has none)");
  eps->require_subcommand(1);
  auto a = std::make_shared<EndpointArgs>();

  CLI::App* ls = eps->add_subcommand("ls", "List Inference Endpoints (--namespace '*': yours and your orgs')");
  add_common(ls, *a, false);
  ls->callback([a, &ctx] { print_endpoints(ctx.api().list_inference_endpoints(call_of(*a)), a->as_json); });

  CLI::App* describe = eps->add_subcommand("describe", "Show an Inference Endpoint as JSON");
  add_common(describe, *a);
  describe->callback([a, &ctx] {
    print_json(std::cout, json::parse(ctx.api().get_inference_endpoint(a->name, call_of(*a)).raw_json));
  });

  CLI::App* deploy = eps->add_subcommand("deploy", "Create an Inference Endpoint");
  add_common(deploy, *a);
  deploy->add_option("--repo", a->repo, "Model repo id")->required();
  deploy->add_option("--framework", a->framework, "Framework (default pytorch)");
  deploy->add_option("--accelerator", a->accelerator, "cpu, gpu, neuron")->required();
  deploy->add_option("--instance-size", a->instance_size, "e.g. x1")->required();
  deploy->add_option("--instance-type", a->instance_type, "e.g. nvidia-l4")->required();
  deploy->add_option("--region", a->region, "e.g. us-east-1")->required();
  deploy->add_option("--vendor", a->vendor, "e.g. aws")->required();
  deploy->add_option("--task", a->task, "e.g. text-generation");
  deploy->add_option("--min-replica", a->min_replica, "Default 1");
  deploy->add_option("--max-replica", a->max_replica, "Default 1");
  deploy->add_option("--type", a->type, "public, authenticated (default), private");
  deploy->callback([a, &ctx] {
    CreateInferenceEndpointParams p;
    p.repository = a->repo;
    p.framework = a->framework;
    p.accelerator = a->accelerator;
    p.instance_size = a->instance_size;
    p.instance_type = a->instance_type;
    p.region = a->region;
    p.vendor = a->vendor;
    p.min_replica = a->min_replica;
    p.max_replica = a->max_replica;
    p.type = a->type;
    if (!a->task.empty()) p.task = a->task;
    if (!a->ns.empty()) p.namespace_ = a->ns;
    print_endpoints({ctx.api().create_inference_endpoint(a->name, p)}, a->as_json);
  });

  register_update(eps, a, ctx);

  for (const char* verb : {"pause", "resume", "scale-to-zero"}) {
    CLI::App* cmd = eps->add_subcommand(verb, std::string(verb) + " an Inference Endpoint");
    add_common(cmd, *a);
    cmd->callback([a, &ctx, v = std::string(verb)] {
      auto api = ctx.api();
      auto e = v == "pause"    ? api.pause_inference_endpoint(a->name, call_of(*a))
               : v == "resume" ? api.resume_inference_endpoint(a->name, {call_of(*a).namespace_, true, {}})
                               : api.scale_to_zero_inference_endpoint(a->name, call_of(*a));
      print_endpoints({e}, a->as_json);
    });
  }

  CLI::App* del = eps->add_subcommand("delete", "Delete an Inference Endpoint");
  add_common(del, *a);
  del->callback([a, &ctx] {
    ctx.api().delete_inference_endpoint(a->name, call_of(*a));
    std::cout << "Deleted Inference Endpoint " << a->name << '\n';
  });

  register_catalog(eps, a, ctx);
}

}  // namespace hfhub::cli
