#include "server/services/response_cache.h"

namespace hfhub::server {

std::shared_ptr<const CachedResponse> ResponseCache::get(const std::string& key, uint64_t generation) {
  std::lock_guard lock(mutex_);
  auto it = index_.find(key);
  if (it == index_.end()) return nullptr;
  auto entry = it->second;
  if (entry->generation != generation || Clock::now() - entry->stored > ttl_) {
    bytes_ -= entry->size;
    lru_.erase(entry);
    index_.erase(it);
    return nullptr;
  }
  lru_.splice(lru_.begin(), lru_, entry);
  return entry->value;
}

void ResponseCache::put(const std::string& key, uint64_t generation, std::shared_ptr<const CachedResponse> value) {
  size_t size = key.size() + value->body.size() + 128;
  if (size > max_bytes_ / 8) return;  // one huge page must not flush everything else
  std::lock_guard lock(mutex_);
  if (auto it = index_.find(key); it != index_.end()) {
    bytes_ -= it->second->size;
    lru_.erase(it->second);
    index_.erase(it);
  }
  lru_.push_front(Entry{key, generation, Clock::now(), std::move(value), size});
  index_.emplace(key, lru_.begin());
  bytes_ += size;
  evict_locked();
}

void ResponseCache::evict_locked() {
  while (bytes_ > max_bytes_ && !lru_.empty()) {
    bytes_ -= lru_.back().size;
    index_.erase(lru_.back().key);
    lru_.pop_back();
  }
}

size_t ResponseCache::bytes() const {
  std::lock_guard lock(mutex_);
  return bytes_;
}

}  // namespace hfhub::server
