// hfhub: command-line client of the Hugging Face Hub (and of hfhubd).
#include <CLI/CLI.hpp>

#include <iostream>

#include "cli_context.h"
#include "hfhub/errors.h"

int main(int argc, char** argv) {
  using namespace hfhub;
  using namespace hfhub::cli;

  CLI::App app("hfhub: Hugging Face Hub client", "hfhub");
  app.set_version_flag("--version", "hfhub 0.1.0");
  app.require_subcommand(1);
  app.fallthrough();  // global options are accepted after the subcommand too

  CliContext ctx;
  app.add_option("--endpoint", ctx.endpoint, "Hub URL (default: $HF_ENDPOINT or https://huggingface.co)");
  app.add_option("--token", ctx.token, "Access token (default: $HF_TOKEN or the saved token)");

  register_listing_commands(app, ctx);
  register_latest_command(*app.get_subcommand("models"), ctx);
  register_repo_commands(app, ctx);
  register_auth_commands(app, ctx);
  register_download_command(app, ctx);
  register_cache_commands(app, ctx);
  register_upload_commands(app, ctx);
  register_repo_delete_files_command(*app.get_subcommand("repo"), ctx);
  register_access_request_commands(app, ctx);
  register_discussion_commands(app, ctx);
  register_webhook_commands(app, ctx);
  register_social_commands(app, ctx);
  register_space_commands(app, ctx);
  register_job_commands(app, ctx);
  register_endpoint_commands(app, ctx);
  register_collection_commands(app, ctx);
  register_paper_commands(app, ctx);

  try {
    app.parse(argc, argv);
    return 0;
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : kExitUsage;
  } catch (const Exit& e) {
    return e.code;
  } catch (const CancelledError&) {
    std::cerr << "hfhub: interrupted; run the same command again to resume\n";
    return kExitInterrupted;
  } catch (const RateLimitedError& e) {
    std::cerr << "hfhub: " << e.what() << '\n';
    return kExitRateLimited;
  } catch (const std::invalid_argument& e) {
    std::cerr << "hfhub: " << e.what() << '\n';
    return kExitUsage;
  } catch (const std::exception& e) {
    std::cerr << "hfhub: " << e.what() << '\n';
    return kExitError;
  }
}
