// hfhubd: a self-hostable Hugging Face Hub server.
#include <CLI/CLI.hpp>

#include "commands.h"

int main(int argc, char** argv) {
  CLI::App app{"hfhubd — a Hugging Face Hub-compatible server"};
  app.require_subcommand(1);
  int exit_code = 0;
  hfhubd::add_serve_command(app, exit_code);
  hfhubd::add_admin_commands(app, exit_code);
  hfhubd::add_hook_commands(app, exit_code);
  CLI11_PARSE(app, argc, argv);
  return exit_code;
}
