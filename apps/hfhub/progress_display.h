#pragma once
// How transfer progress reaches the user: on a TTY, an aggregate bar for a batch plus a bar
// per active file (rate, ETA); with --json or off a TTY, one JSON object per event (NDJSON);
// with --quiet, nothing. Always on stderr, so stdout keeps only the command's result.
#include <CLI/CLI.hpp>

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include "hfhub/progress.h"

namespace hfhub::cli {

enum class ProgressMode { Bars, Json, Quiet };

struct ProgressFlags {
  bool quiet = false;
  bool json = false;
  // --quiet wins; then --json; then bars on a TTY, NDJSON otherwise.
  ProgressMode mode() const;
};

// Adds --quiet/-q and --json to a command.
void add_progress_flags(CLI::App* command, ProgressFlags& flags);

class ProgressDisplay {
 public:
  explicit ProgressDisplay(ProgressMode mode);
  ~ProgressDisplay();  // clears the bars

  // Bind into ClientOptions::progress.
  ProgressCallback callback();
  void on_event(const TransferEvent& event);

 private:
  struct FileState {
    int64_t done = 0;
    int64_t total = -1;
    int64_t initial = 0;  // bytes already there when it started (resume)
    std::chrono::steady_clock::time_point started;
  };
  void print_json(const TransferEvent& event);
  void redraw(bool force);
  void clear();

  ProgressMode mode_;
  std::map<std::string, FileState> active_;
  int64_t batch_files_ = 0, batch_total_ = -1, files_done_ = 0;
  int64_t finished_bytes_ = 0;  // bytes of files that are done
  bool upload_ = false;
  int lines_drawn_ = 0;
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point last_draw_{};
};

// "1.5 GB", "320 MB", "12 kB", "7 B" (decimal units, like the hf CLI's tqdm bars).
std::string human_bytes(double bytes);

}  // namespace hfhub::cli
