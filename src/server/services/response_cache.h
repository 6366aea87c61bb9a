#pragma once
// A bounded LRU of rendered responses (catalog listing pages and repo info; collections). The
// Hub's listings are read far more than written, and the same first pages are asked for again and
// again, so a hit skips the store and the rendering. An entry is valid while the store's
// generation is the one it was rendered at (any write through this process bumps it), and for at
// most `ttl`, which bounds how long a change made by another process (hfhubd admin) can go unseen.
#include <chrono>
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace hfhub::server {

struct CachedResponse {
  std::string body;
  std::optional<std::string> next_cursor;
};

class ResponseCache {
 public:
  using Clock = std::chrono::steady_clock;
  ResponseCache(size_t max_bytes, std::chrono::milliseconds ttl) : max_bytes_(max_bytes), ttl_(ttl) {}

  std::shared_ptr<const CachedResponse> get(const std::string& key, uint64_t generation);
  void put(const std::string& key, uint64_t generation, std::shared_ptr<const CachedResponse> value);
  size_t bytes() const;

 private:
  struct Entry {
    std::string key;
    uint64_t generation;
    Clock::time_point stored;
    std::shared_ptr<const CachedResponse> value;
    size_t size;
  };
  void evict_locked();

  const size_t max_bytes_;
  const std::chrono::milliseconds ttl_;
  mutable std::mutex mutex_;
  std::list<Entry> lru_;  // most recent first
  std::unordered_map<std::string, std::list<Entry>::iterator> index_;
  size_t bytes_ = 0;
};

}  // namespace hfhub::server
