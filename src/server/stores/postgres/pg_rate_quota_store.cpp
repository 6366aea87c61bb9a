#include "server/stores/postgres/pg_rate_quota_store.h"

#include "server/stores/postgres/pg_connection.h"

namespace hfhub::server {

QuotaClaim PgRateQuotaStore::claim(std::string_view key, int64_t window, int64_t want, int64_t quota) {
  auto c = pool_.lease();
  c->query("INSERT INTO rate_windows (key, window_index, claimed) VALUES ($1, $2, 0) ON CONFLICT DO NOTHING",
           PgParams::of(key, window));
  // The row is locked by the inner SELECT, so `before` is the count this claim raised, however
  // many nodes claim at once (READ COMMITTED re-reads a row another claim changed meanwhile).
  auto r = c->query(
      "UPDATE rate_windows AS w SET claimed = LEAST(w.claimed + $3, $4) "
      "FROM (SELECT claimed FROM rate_windows WHERE key = $1 AND window_index = $2 FOR UPDATE) AS before "
      "WHERE w.key = $1 AND w.window_index = $2 RETURNING w.claimed, before.claimed",
      PgParams::of(key, window, want, quota));
  if (r.empty()) return {};
  int64_t after = r.row(0).int64(0), before = r.row(0).int64(1);
  return {.granted = std::max<int64_t>(0, after - before), .claimed = after};
}

void PgRateQuotaStore::forget_before(int64_t window) {
  auto c = pool_.lease();
  c->query("DELETE FROM rate_windows WHERE window_index < $1", PgParams::of(window));
}

}  // namespace hfhub::server
