#pragma once
// Caps open connections, overall and per client address, so that one address (or a crowd of
// stalled clients) cannot take every slot. A connection over a cap gets a 503 and is closed.
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace hfhub::server {

class ConnectionLimiter {
 public:
  // 0 means no cap.
  ConnectionLimiter(int max_total, int max_per_address) : max_total_(max_total), max_per_address_(max_per_address) {}

  // Held by a connection while it is open; frees its place when destroyed.
  class Slot {
   public:
    Slot(ConnectionLimiter* owner, std::string address) : owner_(owner), address_(std::move(address)) {}
    Slot(Slot&& other) noexcept : owner_(other.owner_), address_(std::move(other.address_)) { other.owner_ = nullptr; }
    Slot& operator=(Slot&&) = delete;
    Slot(const Slot&) = delete;
    ~Slot() {
      if (owner_) owner_->release(address_);
    }

   private:
    ConnectionLimiter* owner_;
    std::string address_;
  };

  // nullopt when the total or the address is at its cap.
  std::optional<Slot> try_acquire(const std::string& address);
  int open_connections() const;
  int open_connections(const std::string& address) const;

 private:
  void release(const std::string& address);

  const int max_total_;
  const int max_per_address_;
  mutable std::mutex mutex_;
  int total_ = 0;
  std::unordered_map<std::string, int> per_address_;
};

}  // namespace hfhub::server
