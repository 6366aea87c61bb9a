#pragma once
// `hfhub models latest --watch`: polls the newest models and emits each model created after a
// high-water mark exactly once, oldest first. The mark (the newest createdAt seen, plus the ids
// seen at exactly that instant, since several models can share a timestamp) is persisted
// atomically, so a restart repeats nothing.
#include <chrono>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "client/http/session.h"
#include "latest_models.h"

namespace hfhub::client {

struct WatchMark {
  std::optional<std::string> created_at;  // ISO-8601 as sent by the server
  std::vector<std::string> ids;           // ids whose createdAt equals created_at

  bool empty() const { return !created_at; }
};

// State file: {"created_at": "...", "ids": [...]}. A missing file is an empty mark; an
// unreadable one throws HfHubError.
WatchMark load_watch_mark(const std::filesystem::path& path);
void save_watch_mark(const std::filesystem::path& path, const WatchMark& mark);

// Scans one page (newest first) and appends the items newer than `mark` to `fresh`. Returns
// true when the page reached models at or before the mark (no need for further pages).
bool collect_new_models(const boost::json::array& items, const WatchMark& mark,
                        std::vector<boost::json::object>& fresh);

// The mark after `fresh` (any order) was emitted.
WatchMark advance_mark(const WatchMark& mark, const std::vector<boost::json::object>& fresh);

class LatestWatcher {
 public:
  using Emit = std::function<void(const boost::json::object& model)>;
  using Log = std::function<void(const std::string& line)>;

  // At most max_pages pages are walked in one poll (a long pause would otherwise walk far).
  LatestWatcher(Session& session, LatestModelsQuery query, std::optional<std::filesystem::path> state_file,
                int max_pages = 20);

  // One poll: fetches until the mark, emits the new models oldest first, saves the mark.
  // Without a mark (first run), only the first page counts. Returns how many were emitted.
  size_t poll_once(const Emit& emit);

  // Polls every `interval` until the session is cancelled (returns normally then). Errors
  // are logged and retried at the next interval; a 429 waits for what the server asked.
  void run(std::chrono::seconds interval, const Emit& emit, const Log& log);

  const WatchMark& mark() const { return mark_; }

 private:
  Session& session_;
  LatestModelsQuery query_;
  std::optional<std::filesystem::path> state_file_;
  int max_pages_;
  WatchMark mark_;
};

}  // namespace hfhub::client
