#include "server/services/rate_limiter.h"

#include <functional>

namespace hfhub::server {

std::string_view rate_bucket_name(RateBucket b) {
  switch (b) {
    case RateBucket::Api:
      return "api";
    case RateBucket::Resolvers:
      return "resolvers";
    case RateBucket::Pages:
      return "pages";
  }
  return "api";
}

RateBucket rate_bucket_for_path(std::string_view path) {
  // File transfers share the resolvers quota: downloads, signed LFS storage URLs (each part of
  // a multipart upload is a request), the LFS batch API and git smart HTTP (git makes an
  // anonymous request before every authenticated one), and the Xet CAS (one request per xorb or range).
  if (path.starts_with("/api/lfs-storage/") || path.starts_with("/xet/")) return RateBucket::Resolvers;
  // The web UI's CSS and JS are files too (immutable, fetched once per browser): a page view
  // costs one `pages` request, not three.
  if (path.starts_with("/static/")) return RateBucket::Resolvers;
  if (path.starts_with("/api/")) return RateBucket::Api;
  for (std::string_view marker : {"/resolve/", "/raw/", ".git/", "/info/refs", "/git-upload-pack", "/git-receive-pack"})
    if (path.find(marker) != std::string_view::npos) return RateBucket::Resolvers;
  return RateBucket::Pages;
}

RateDecision RateLimiter::take(RateBucket bucket, std::string_view key, bool authenticated, Clock::time_point now) {
  const auto& q = config_.quotas[size_t(bucket)];
  RateDecision d;
  d.bucket = bucket;
  d.quota = authenticated ? q.authenticated : q.anonymous;
  const int64_t window_ms = config_.window_seconds * 1000;
  const int64_t now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
  const int64_t index = now_ms / window_ms;
  d.reset_seconds = ((index + 1) * window_ms - now_ms + 999) / 1000;
  if (!config_.enabled) {
    d.remaining = d.quota;
    return d;
  }

  std::string full_key;
  full_key.reserve(key.size() + 2);
  full_key += char('0' + int(bucket));
  full_key += key;
  auto& shard = shards_[std::hash<std::string>{}(full_key) % kShards];
  std::lock_guard lock(shard.mutex);
  // Once per window, forget identities whose window has passed, so memory follows the number of
  // recent callers rather than every caller ever seen.
  if (shard.swept_index != index) {
    std::erase_if(shard.windows, [index](auto& kv) { return kv.second.index < index; });
    shard.swept_index = index;
  }
  auto& w = shard.windows[full_key];
  if (w.index != index) w = Window{index, 0};
  if (w.count >= d.quota) {
    d.allowed = false;
    d.remaining = 0;
    return d;
  }
  ++w.count;
  d.remaining = d.quota - w.count;
  return d;
}

}  // namespace hfhub::server
