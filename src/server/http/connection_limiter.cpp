#include "server/http/connection_limiter.h"

namespace hfhub::server {

std::optional<ConnectionLimiter::Slot> ConnectionLimiter::try_acquire(const std::string& address) {
  std::lock_guard lock(mutex_);
  if (max_total_ > 0 && total_ >= max_total_) return std::nullopt;
  int& mine = per_address_[address];
  if (max_per_address_ > 0 && mine >= max_per_address_) return std::nullopt;
  ++mine;
  ++total_;
  return std::optional<Slot>(std::in_place, this, address);
}

void ConnectionLimiter::release(const std::string& address) {
  std::lock_guard lock(mutex_);
  --total_;
  auto it = per_address_.find(address);
  if (it != per_address_.end() && --it->second <= 0) per_address_.erase(it);
}

int ConnectionLimiter::open_connections() const {
  std::lock_guard lock(mutex_);
  return total_;
}

int ConnectionLimiter::open_connections(const std::string& address) const {
  std::lock_guard lock(mutex_);
  auto it = per_address_.find(address);
  return it == per_address_.end() ? 0 : it->second;
}

}  // namespace hfhub::server
