// hfhub models latest: the newest models, in the seed tool's JSON shape (logic in
// latest_models.* and latest_watch.*).
#include <boost/json.hpp>
#include <iostream>

#include "cli_context.h"
#include "client/http/session.h"
#include "latest_models.h"
#include "latest_watch.h"
#include "output.h"

namespace hfhub::cli {

namespace {

struct LatestArgs {
  std::string filter, library, author, search, cursor, state;
  int64_t limit = 50;
  int64_t max_wait = 60;
  int64_t watch = 0;
  bool full = false, exclude_nsfw = false;
};

std::optional<std::string> opt(const std::string& s) { return s.empty() ? std::nullopt : std::optional(s); }

void run_latest(const LatestArgs& a, const CliContext& ctx) {
  client::LatestModelsQuery q;
  q.limit = a.limit;
  q.filter = opt(a.filter), q.library = opt(a.library), q.author = opt(a.author), q.search = opt(a.search);
  q.full = a.full, q.cursor_url = opt(a.cursor), q.exclude_nsfw = a.exclude_nsfw;

  ClientOptions options = ctx.client_options();
  if (a.watch > 0) {
    install_stop_handlers();
    client::Session session(options);
    std::optional<std::filesystem::path> state;
    if (!a.state.empty()) state = a.state;
    client::LatestWatcher watcher(session, q, state);
    watcher.run(
        std::chrono::seconds(a.watch),
        [](const boost::json::object& model) { std::cout << boost::json::serialize(model) << '\n'
                                                         << std::flush; },
        [](const std::string& line) { std::cerr << "hfhub: " << line << '\n'; });
    return;
  }

  options.max_retry_wait = std::chrono::seconds(a.max_wait);
  client::Session session(options);
  try {
    print_json(std::cout, client::fetch_latest_models(session, q));
  } catch (const RateLimitedError& e) {
    print_json(std::cout, client::rate_limited_output(e));
    std::cout.flush();
    throw Exit{kExitRateLimited};
  }
}

}  // namespace

void register_latest_command(CLI::App& models, CliContext& ctx) {
  auto a = std::make_shared<LatestArgs>();
  CLI::App* cmd = models.add_subcommand("latest", "The most recently created models, as JSON");
  cmd->add_option("--filter", a->filter, "Pipeline task, e.g. text-generation");
  cmd->add_option("--library", a->library, "Library, e.g. transformers, diffusers, gguf");
  cmd->add_option("--author", a->author, "User or organization");
  cmd->add_option("--search", a->search, "Substring of the model id");
  cmd->add_option("--limit", a->limit, "Page size (default 50, at most 1000)")->check(CLI::Range(1, 1000));
  cmd->add_flag("--full", a->full, "Request full=true (adds sha)");
  cmd->add_option("--cursor", a->cursor, "A next_cursor_url from a previous run, fetched verbatim");
  cmd->add_option("--max-wait", a->max_wait, "Longest rate-limit wait to sit out, in seconds (default 60)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_flag("--exclude-nsfw", a->exclude_nsfw, "Drop models tagged not-for-all-audiences or nsfw");
  auto* watch = cmd->add_option("--watch", a->watch, "Poll every SECONDS and print new models as NDJSON")
                    ->check(CLI::PositiveNumber);
  cmd->add_option("--state", a->state, "File keeping the --watch high-water mark across restarts")->needs(watch);
  cmd->callback([a, &ctx] { run_latest(*a, ctx); });
}

}  // namespace hfhub::cli
