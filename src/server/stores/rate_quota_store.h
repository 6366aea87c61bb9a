#pragma once
// Rate-limit windows shared by several hfhubd nodes (services/rate_limiter.h). A node claims a
// slice of a window's quota at a time and spends it locally, so the nodes together never allow
// more than the quota and most requests cost no round trip to the database.
#include <cstdint>
#include <string_view>

namespace hfhub::server {

struct QuotaClaim {
  int64_t granted = 0;  // requests this claim added to the caller's slice; 0: the quota is spent
  int64_t claimed = 0;  // requests claimed in the window by every node, this claim included
};

class RateQuotaStore {
 public:
  virtual ~RateQuotaStore() = default;
  // Claims up to `want` more requests of `key`'s window `window` (a wall-clock window index:
  // every node counts the same windows), never past `quota` in total.
  virtual QuotaClaim claim(std::string_view key, int64_t window, int64_t want, int64_t quota) = 0;
  // Forgets windows before `window`.
  virtual void forget_before(int64_t window) = 0;
};

}  // namespace hfhub::server
