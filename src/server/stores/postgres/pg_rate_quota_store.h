#pragma once
// Rate-limit windows shared by every node (stores/rate_quota_store.h) in the UNLOGGED table
// rate_windows: a crash of PostgreSQL forgets the counts, which costs at most one window of
// leniency and saves a WAL write per claim.
#include "server/stores/postgres/pg_pool.h"
#include "server/stores/rate_quota_store.h"

namespace hfhub::server {

class PgRateQuotaStore : public RateQuotaStore {
 public:
  explicit PgRateQuotaStore(PgPool& pool) : pool_(pool) {}
  QuotaClaim claim(std::string_view key, int64_t window, int64_t want, int64_t quota) override;
  void forget_before(int64_t window) override;

 private:
  PgPool& pool_;
};

}  // namespace hfhub::server
