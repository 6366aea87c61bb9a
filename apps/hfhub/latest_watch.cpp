#include "latest_watch.h"

#include <algorithm>

#include "client/json/json_fields.h"
#include "client/util/atomic_file.h"
#include "common/iso_time.h"
#include "hfhub/errors.h"

namespace hfhub::client {

namespace json = boost::json;

WatchMark load_watch_mark(const std::filesystem::path& path) {
  auto text = read_file(path);
  if (!text) return {};
  boost::system::error_code ec;
  auto v = json::parse(*text, ec);
  if (ec || !v.is_object()) throw HfHubError("Invalid watch state file " + path.string());
  WatchMark mark;
  mark.created_at = get_string(v.as_object(), "created_at");
  if (auto ids = get_string_list(v.as_object(), "ids")) mark.ids = *ids;
  if (mark.created_at && !parse_iso8601(*mark.created_at))
    throw HfHubError("Invalid created_at in watch state file " + path.string());
  return mark;
}

void save_watch_mark(const std::filesystem::path& path, const WatchMark& mark) {
  json::array ids;
  for (const auto& id : mark.ids) ids.emplace_back(id);
  json::object o{{"created_at", mark.created_at ? json::value(*mark.created_at) : json::value(nullptr)},
                 {"ids", std::move(ids)}};
  write_file_atomic(path, json::serialize(o) + "\n",
                    std::filesystem::perms::owner_read | std::filesystem::perms::owner_write |
                        std::filesystem::perms::group_read | std::filesystem::perms::others_read);
}

static std::optional<int64_t> created_ms(const json::object& item) {
  auto s = get_string(item, "createdAt");
  return s ? parse_iso8601(*s) : std::nullopt;
}

bool collect_new_models(const json::array& items, const WatchMark& mark, std::vector<json::object>& fresh) {
  std::optional<int64_t> mark_ms = mark.created_at ? parse_iso8601(*mark.created_at) : std::nullopt;
  bool reached_mark = false;
  for (const auto& v : items) {
    if (!v.is_object()) continue;
    const auto& item = v.as_object();
    auto ms = created_ms(item);
    if (!ms) continue;  // cannot be placed relative to the mark
    if (mark_ms) {
      if (*ms < *mark_ms) {
        reached_mark = true;
        break;
      }
      if (*ms == *mark_ms) {
        auto id = get_string(item, "id").value_or("");
        if (std::find(mark.ids.begin(), mark.ids.end(), id) != mark.ids.end()) {
          reached_mark = true;  // already emitted: later pages hold only older models
          continue;
        }
      }
    }
    fresh.push_back(item);
  }
  return reached_mark;
}

WatchMark advance_mark(const WatchMark& mark, const std::vector<json::object>& fresh) {
  WatchMark next = mark;
  std::optional<int64_t> best = mark.created_at ? parse_iso8601(*mark.created_at) : std::nullopt;
  for (const auto& item : fresh) {
    auto ms = created_ms(item);
    if (!ms) continue;
    auto id = get_string(item, "id").value_or("");
    if (!best || *ms > *best) {
      best = ms;
      next.created_at = get_string(item, "createdAt");
      next.ids = {id};
    } else if (*ms == *best && std::find(next.ids.begin(), next.ids.end(), id) == next.ids.end()) {
      next.ids.push_back(id);
    }
  }
  return next;
}

LatestWatcher::LatestWatcher(Session& session, LatestModelsQuery query, std::optional<std::filesystem::path> state_file,
                             int max_pages)
    : session_(session), query_(std::move(query)), state_file_(std::move(state_file)), max_pages_(max_pages) {
  query_.cursor_url.reset();
  if (state_file_) mark_ = load_watch_mark(*state_file_);
}

size_t LatestWatcher::poll_once(const Emit& emit) {
  std::vector<json::object> fresh;
  std::optional<std::string> url = latest_models_url(session_.options().endpoint, query_);
  for (int pages = 0; url && pages < max_pages_; ++pages) {
    auto response = session_.get(*url);
    JsonPage page = read_page(response, *url);
    bool reached = collect_new_models(page.items, mark_, fresh);
    if (reached || mark_.empty()) break;
    url = page.next_url;
  }
  // Oldest first; the API order is newest first, so a stable sort on createdAt keeps ties stable.
  std::reverse(fresh.begin(), fresh.end());
  std::stable_sort(fresh.begin(), fresh.end(), [](const json::object& a, const json::object& b) {
    return created_ms(a).value_or(0) < created_ms(b).value_or(0);
  });
  size_t emitted = 0;
  for (const auto& item : fresh) {
    if (query_.exclude_nsfw && is_nsfw(item)) continue;
    emit(latest_model_entry(item, session_.options().endpoint, query_.full));
    ++emitted;
  }
  WatchMark next = advance_mark(mark_, fresh);
  if (state_file_ && (next.created_at != mark_.created_at || next.ids != mark_.ids))
    save_watch_mark(*state_file_, next);
  mark_ = std::move(next);
  return emitted;
}

void LatestWatcher::run(std::chrono::seconds interval, const Emit& emit, const Log& log) {
  try {
    while (!session_.cancelled()) {
      std::chrono::milliseconds wait = interval;
      try {
        poll_once(emit);
      } catch (const RateLimitedError& e) {
        auto asked = std::chrono::seconds(e.retry_after_seconds().value_or(interval.count()) + 1);
        wait = std::max<std::chrono::milliseconds>(interval, asked);
        log("rate limited; waiting " + std::to_string(wait.count() / 1000) + " s");
      } catch (const CancelledError&) {
        throw;
      } catch (const HfHubError& e) {
        log(std::string("poll failed: ") + e.what());
      }
      session_.sleep(wait);
    }
  } catch (const CancelledError&) {
    // Stopped by the caller (SIGINT/SIGTERM): the mark on disk is consistent.
  }
}

}  // namespace hfhub::client
