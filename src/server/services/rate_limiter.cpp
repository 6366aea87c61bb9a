#include "server/services/rate_limiter.h"

#include <algorithm>
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

namespace {

// How much of the rest of a window's quota one claim takes: a sixteenth, so that a node that
// stops receiving requests strands little of the quota, and at most 100, so that busy keys
// still cost one database round trip per hundred requests.
int64_t slice_to_claim(int64_t quota, int64_t all_claimed) {
  return std::clamp((quota - all_claimed) / 16, int64_t(1), int64_t(100));
}

void forget_shared_windows(RateQuotaStore& shared, int64_t index) {
  try {
    shared.forget_before(index);
  } catch (const std::exception&) {
    // Old windows are only clutter; the next window's sweep tries again.
  }
}

}  // namespace

bool RateLimiter::take_shared(Window& w, const std::string& key, int64_t quota, RateDecision& d) {
  if (w.count >= w.slice) {
    QuotaClaim claim;
    try {
      claim = shared_->claim(key, w.index, slice_to_claim(quota, w.all_claimed), quota);
    } catch (const std::exception&) {
      // The shared store is unreachable: count on this node alone rather than refuse everyone
      // (every request needing the database fails on its own anyway).
      claim = {.granted = w.count < quota ? 1 : 0, .claimed = w.count + 1};
    }
    w.slice += claim.granted;
    w.all_claimed = claim.claimed;
  }
  if (w.count >= w.slice) {
    d.remaining = 0;
    return false;
  }
  ++w.count;
  d.remaining = std::max<int64_t>(0, quota - w.all_claimed + (w.slice - w.count));
  return true;
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
    if (shared_ && &shard == &shards_[0]) forget_shared_windows(*shared_, index);
    shard.swept_index = index;
  }
  auto& w = shard.windows[full_key];
  if (w.index != index) w = Window{.index = index};
  if (shared_) {
    d.allowed = take_shared(w, full_key, d.quota, d);
    return d;
  }
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
