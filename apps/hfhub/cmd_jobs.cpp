// hfhub jobs run|uv run|ps|inspect|logs|cancel|scheduled ..., following `hf jobs` (docs/compute.md).
// hfhubd answers these with 501; against the real Hub they run containers.
#include <boost/json.hpp>

#include <iostream>

#include "cli_context.h"
#include "output.h"

namespace hfhub::cli {

namespace {

namespace json = boost::json;

struct JobArgs {
  std::string image, script, id, schedule, ns, flavor, timeout, name;
  std::vector<std::string> command, env, secrets, with;
  std::string python;
  bool all = false, as_json = false, suspend = false;
};

std::map<std::string, std::string> key_values(const std::vector<std::string>& items, const char* flag) {
  std::map<std::string, std::string> out;
  for (auto& kv : items) {
    auto eq = kv.find('=');
    if (eq == std::string::npos || eq == 0) throw CLI::ValidationError(flag, "expected KEY=VALUE, got " + kv);
    out[kv.substr(0, eq)] = kv.substr(eq + 1);
  }
  return out;
}

template <class P>
void fill(P& p, const JobArgs& a) {
  p.env = key_values(a.env, "--env");
  p.secrets = key_values(a.secrets, "--secrets");
  if (!a.flavor.empty()) p.flavor = a.flavor;
  if (!a.timeout.empty()) p.timeout = a.timeout;
  if (!a.name.empty()) p.name = a.name;
  if (!a.ns.empty()) p.namespace_ = a.ns;
}

JobCall job_call(const JobArgs& a) { return {a.ns.empty() ? std::nullopt : std::optional(a.ns), {}}; }

std::string joined(const std::optional<std::vector<std::string>>& v) {
  std::string out;
  if (v)
    for (auto& s : *v) out += (out.empty() ? "" : " ") + s;
  return out.empty() ? "-" : out;
}

void print_jobs(const std::vector<JobInfo>& jobs, bool as_json) {
  if (as_json) {
    json::array out;
    for (auto& j : jobs) out.push_back(json::parse(j.raw_json));
    print_json(std::cout, out);
    return;
  }
  Table t({"JOB ID", "IMAGE/SPACE", "COMMAND", "CREATED", "STATUS"});
  for (auto& j : jobs)
    t.add_row({j.id, j.docker_image ? *j.docker_image : or_dash(j.space_id), joined(j.command), or_dash(j.created_at),
               j.status.stage});
  t.print(std::cout, use_color());
}

void print_scheduled(const std::vector<ScheduledJobInfo>& jobs, bool as_json) {
  if (as_json) {
    json::array out;
    for (auto& j : jobs) out.push_back(json::parse(j.raw_json));
    print_json(std::cout, out);
    return;
  }
  Table t({"ID", "SCHEDULE", "IMAGE/SPACE", "COMMAND", "SUSPENDED", "NEXT RUN"});
  for (auto& j : jobs) {
    auto& s = j.job_spec;
    t.add_row({j.id, or_dash(j.schedule), s.docker_image ? *s.docker_image : or_dash(s.space_id), joined(s.command),
               j.suspend.value_or(false) ? "yes" : "no", or_dash(j.status.next_job_run_at)});
  }
  t.print(std::cout, use_color());
}

void add_run_options(CLI::App* cmd, JobArgs& a) {
  cmd->add_option("-e,--env", a.env, "KEY=VALUE environment variable; repeatable");
  cmd->add_option("-s,--secrets", a.secrets, "KEY=VALUE secret environment variable; repeatable");
  cmd->add_option("--flavor", a.flavor, "Hardware flavor (default cpu-basic)");
  cmd->add_option("--timeout", a.timeout, "Max duration: seconds, or 90s, 5m, 2h, 1d");
  cmd->add_option("--name", a.name, "A name for the Job (its `name` label)");
  cmd->add_option("--namespace", a.ns, "User or org (default: you)");
  cmd->add_flag("--json", a.as_json, "Print JSON");
}

void add_uv_options(CLI::App* cmd, JobArgs& a) {
  cmd->add_option("script", a.script, "Script URL or command")->required();
  cmd->add_option("args", a.command, "Script arguments");
  cmd->add_option("--with", a.with, "Dependency for uv run --with; repeatable");
  cmd->add_option("-p,--python", a.python, "Python version for uv");
}

UvJobParams uv_params(const JobArgs& a) {
  UvJobParams p;
  fill(p, a);
  p.script_args = a.command;
  p.dependencies = a.with;
  if (!a.python.empty()) p.python = a.python;
  return p;
}

void register_scheduled(CLI::App* jobs, std::shared_ptr<JobArgs> a, CliContext& ctx) {
  CLI::App* sch = jobs->add_subcommand("scheduled", "Manage scheduled Jobs");
  sch->require_subcommand(1);
  CLI::App* run = sch->add_subcommand("run", "Schedule a Job: SCHEDULE IMAGE COMMAND...");
  run->add_option("schedule", a->schedule, "@hourly, @daily, ... or a cron expression")->required();
  run->add_option("image", a->image, "Docker image or hf.co/spaces/<id>")->required();
  run->add_option("command", a->command, "Command and arguments")->required();
  run->add_flag("--suspend", a->suspend, "Create it suspended");
  add_run_options(run, *a);
  run->callback([a, &ctx] {
    ScheduledJobParams p;
    fill(p, *a);
    if (a->suspend) p.suspend = true;
    print_scheduled({ctx.api().create_scheduled_job(a->image, a->command, a->schedule, p)}, a->as_json);
  });
  CLI::App* ps = sch->add_subcommand("ps", "List scheduled Jobs");
  ps->add_option("--namespace", a->ns, "User or org (default: you)");
  ps->add_flag("--json", a->as_json, "Print JSON");
  ps->callback([a, &ctx] { print_scheduled(ctx.api().list_scheduled_jobs(job_call(*a)), a->as_json); });
  CLI::App* inspect = sch->add_subcommand("inspect", "Show a scheduled Job");
  inspect->add_option("id", a->id, "Scheduled Job id")->required();
  inspect->add_option("--namespace", a->ns, "User or org (default: you)");
  inspect->callback(
      [a, &ctx] { print_json(std::cout, json::parse(ctx.api().inspect_scheduled_job(a->id, job_call(*a)).raw_json)); });
  for (const char* verb : {"delete", "suspend", "resume"}) {
    CLI::App* cmd = sch->add_subcommand(verb, std::string(verb) + " a scheduled Job");
    cmd->add_option("id", a->id, "Scheduled Job id")->required();
    cmd->add_option("--namespace", a->ns, "User or org (default: you)");
    cmd->callback([a, &ctx, v = std::string(verb)] {
      auto api = ctx.api();
      if (v == "delete") api.delete_scheduled_job(a->id, job_call(*a));
      if (v == "suspend") api.suspend_scheduled_job(a->id, job_call(*a));
      if (v == "resume") api.resume_scheduled_job(a->id, job_call(*a));
      std::cout << v << ": " << a->id << '\n';
    });
  }
}

}  // namespace

void register_job_commands(CLI::App& app, CliContext& ctx) {
  CLI::App* jobs = app.add_subcommand("jobs", "Run and manage Jobs (compute on the Hub; hfhubd has none)");
  jobs->require_subcommand(1);
  auto a = std::make_shared<JobArgs>();

  CLI::App* run = jobs->add_subcommand("run", "Run a Job: IMAGE COMMAND...");
  run->add_option("image", a->image, "Docker image or hf.co/spaces/<id>")->required();
  run->add_option("command", a->command, "Command and arguments")->required();
  add_run_options(run, *a);
  run->callback([a, &ctx] {
    JobParams p;
    fill(p, *a);
    auto job = ctx.api().run_job(a->image, a->command, p);
    if (a->as_json) return print_json(std::cout, json::parse(job.raw_json));
    std::cout << "Job started with ID: " << job.id << "\nView at: " << job.url << '\n';
  });

  CLI::App* uv = jobs->add_subcommand("uv", "Run a UV script as a Job");
  uv->require_subcommand(1);
  CLI::App* uv_run = uv->add_subcommand("run", "Run SCRIPT [ARGS...] with uv");
  add_uv_options(uv_run, *a);
  add_run_options(uv_run, *a);
  uv_run->callback([a, &ctx] {
    auto job = ctx.api().run_uv_job(a->script, uv_params(*a));
    if (a->as_json) return print_json(std::cout, json::parse(job.raw_json));
    std::cout << "Job started with ID: " << job.id << "\nView at: " << job.url << '\n';
  });

  CLI::App* ps = jobs->add_subcommand("ps", "List Jobs (running ones unless --all)");
  ps->add_flag("-a,--all", a->all, "Every Job, finished ones too");
  ps->add_option("--namespace", a->ns, "User or org (default: you)");
  ps->add_flag("--json", a->as_json, "Print JSON");
  ps->callback([a, &ctx] {
    ListJobsParams p;
    if (!a->ns.empty()) p.namespace_ = a->ns;
    auto all = ctx.api().list_jobs(p);
    std::vector<JobInfo> shown;
    for (auto& j : all)
      if (a->all || !is_terminal_job_stage(j.status.stage)) shown.push_back(j);
    print_jobs(shown, a->as_json);
  });

  CLI::App* inspect = jobs->add_subcommand("inspect", "Show a Job as JSON");
  inspect->add_option("id", a->id, "Job id")->required();
  inspect->add_option("--namespace", a->ns, "User or org (default: you)");
  inspect->callback(
      [a, &ctx] { print_json(std::cout, json::parse(ctx.api().inspect_job(a->id, job_call(*a)).raw_json)); });

  CLI::App* logs = jobs->add_subcommand("logs", "Print a Job's logs");
  logs->add_option("id", a->id, "Job id")->required();
  logs->add_option("--namespace", a->ns, "User or org (default: you)");
  logs->callback([a, &ctx] {
    FetchJobLogsParams p;
    if (!a->ns.empty()) p.namespace_ = a->ns;
    for (auto& line : ctx.api().fetch_job_logs(a->id, p)) std::cout << line << '\n';
  });

  CLI::App* cancel = jobs->add_subcommand("cancel", "Cancel a Job");
  cancel->add_option("id", a->id, "Job id")->required();
  cancel->add_option("--namespace", a->ns, "User or org (default: you)");
  cancel->callback([a, &ctx] {
    ctx.api().cancel_job(a->id, job_call(*a));
    std::cout << "Canceled job " << a->id << '\n';
  });

  register_scheduled(jobs, a, ctx);
}

}  // namespace hfhub::cli
