#include "progress_display.h"

#include <unistd.h>

#include <boost/json.hpp>
#include <cstdio>
#include <iostream>

namespace hfhub::cli {

namespace json = boost::json;
using Kind = TransferEvent::Kind;

ProgressMode ProgressFlags::mode() const {
  if (quiet) return ProgressMode::Quiet;
  if (json) return ProgressMode::Json;
  return ::isatty(STDERR_FILENO) ? ProgressMode::Bars : ProgressMode::Json;
}

void add_progress_flags(CLI::App* command, ProgressFlags& flags) {
  command->add_flag("--quiet,-q", flags.quiet, "No progress output");
  command->add_flag("--json", flags.json, "Progress as NDJSON events on stderr");
}

std::string human_bytes(double bytes) {
  static const char* units[] = {"B", "kB", "MB", "GB", "TB"};
  int u = 0;
  while (bytes >= 1000 && u < 4) {
    bytes /= 1000;
    ++u;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, u == 0 ? "%.0f %s" : "%.1f %s", bytes, units[u]);
  return buf;
}

ProgressDisplay::ProgressDisplay(ProgressMode mode) : mode_(mode) {}

ProgressDisplay::~ProgressDisplay() {
  if (mode_ == ProgressMode::Bars) clear();
}

ProgressCallback ProgressDisplay::callback() {
  if (mode_ == ProgressMode::Quiet) return {};
  return [this](const TransferEvent& e) { on_event(e); };
}

static const char* kind_name(Kind k) {
  switch (k) {
    case Kind::Planned:
      return "planned";
    case Kind::Start:
      return "start";
    case Kind::Progress:
      return "progress";
    case Kind::Retry:
      return "retry";
    case Kind::Done:
      return "done";
    case Kind::Failed:
      return "failed";
    case Kind::Finished:
      return "finished";
  }
  return "unknown";
}

void ProgressDisplay::print_json(const TransferEvent& e) {
  json::object o;
  o["event"] = kind_name(e.kind);
  if (!e.path.empty()) o["path"] = e.path;
  o["done"] = e.done;
  if (e.total >= 0) o["total"] = e.total;
  if (e.kind == Kind::Planned || e.kind == Kind::Finished) o["files"] = e.files;
  o["direction"] = e.upload ? "upload" : "download";
  if (e.skipped) o["skipped"] = true;
  if (!e.message.empty()) o["message"] = e.message;
  std::cerr << json::serialize(o) << '\n';
}

void ProgressDisplay::on_event(const TransferEvent& e) {
  if (mode_ == ProgressMode::Quiet) return;
  if (mode_ == ProgressMode::Json) return print_json(e);
  upload_ = e.upload;
  switch (e.kind) {
    case Kind::Planned:
      batch_files_ = e.files;
      batch_total_ = e.total;
      break;
    case Kind::Start:
      active_[e.path] = FileState{e.done, e.total, e.done, std::chrono::steady_clock::now()};
      break;
    case Kind::Progress: {
      auto [it, fresh] =
          active_.try_emplace(e.path, FileState{e.done, e.total, e.done, std::chrono::steady_clock::now()});
      it->second.done = e.done;
      it->second.total = e.total;
      break;
    }
    case Kind::Done:
      active_.erase(e.path);
      ++files_done_;
      finished_bytes_ += e.done;
      break;
    case Kind::Failed:
    case Kind::Retry:
      clear();
      std::cerr << (e.kind == Kind::Failed ? "failed: " : "retrying: ") << e.path << ": " << e.message << '\n';
      break;
    case Kind::Finished:
      break;
  }
  redraw(e.kind == Kind::Done || e.kind == Kind::Finished);
}

// "[#####.....]  45%" style bar of `width` cells.
static std::string bar(double fraction, int width) {
  int full = int(fraction * width + 0.5);
  full = std::max(0, std::min(width, full));
  return "[" + std::string(size_t(full), '#') + std::string(size_t(width - full), '.') + "]";
}

static std::string rate_and_eta(int64_t done, int64_t total, double seconds) {
  double rate = seconds > 0 ? double(done) / seconds : 0;
  std::string out = human_bytes(rate) + "/s";
  if (total > 0 && rate > 0 && done < total)
    out += " ETA " + std::to_string(int64_t(double(total - done) / rate)) + "s";
  return out;
}

void ProgressDisplay::clear() {
  for (int i = 0; i < lines_drawn_; ++i) std::cerr << "\x1b[1A\x1b[2K";
  lines_drawn_ = 0;
}

void ProgressDisplay::redraw(bool force) {
  auto now = std::chrono::steady_clock::now();
  if (!force && now - last_draw_ < std::chrono::milliseconds(100)) return;
  last_draw_ = now;
  double seconds = std::chrono::duration<double>(now - started_).count();
  clear();
  int64_t moving = finished_bytes_;
  for (const auto& [path, f] : active_) moving += f.done;
  const char* verb = upload_ ? "Uploading" : "Fetching";
  if (batch_files_ > 0) {
    double fraction = batch_total_ > 0 ? double(moving) / double(batch_total_) : 0;
    std::cerr << verb << ' ' << files_done_ << '/' << batch_files_ << " files " << bar(fraction, 24) << ' '
              << human_bytes(double(moving)) << " / " << human_bytes(double(std::max<int64_t>(batch_total_, 0))) << "  "
              << rate_and_eta(moving, batch_total_, seconds) << '\n';
    ++lines_drawn_;
  }
  int shown = 0;
  for (const auto& [path, f] : active_) {
    if (++shown > 6) break;  // a few bars are enough to see what moves
    double fraction = f.total > 0 ? double(f.done) / double(f.total) : 0;
    std::string name = path.size() > 40 ? "..." + path.substr(path.size() - 37) : path;
    std::cerr << "  " << name << ' ' << bar(fraction, 20) << ' ' << human_bytes(double(f.done));
    if (f.total >= 0) std::cerr << " / " << human_bytes(double(f.total));
    double file_seconds = std::chrono::duration<double>(now - f.started).count();
    std::cerr << "  " << rate_and_eta(f.done - f.initial, f.total < 0 ? -1 : f.total - f.initial, file_seconds) << '\n';
    ++lines_drawn_;
  }
}

}  // namespace hfhub::cli
