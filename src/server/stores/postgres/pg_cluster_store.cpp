#include "server/stores/postgres/pg_cluster_store.h"

#include <cstdint>
#include <string>

#include "server/stores/postgres/pg_connection.h"

namespace hfhub::server {

namespace {

constexpr int32_t kRepoLockSpace = 0x68667270;  // "hfrp": keeps these locks apart from others
constexpr const char* kRefsChannel = "hfhub_refs";

// FNV-1a folded to 32 bits: stable across nodes and builds (std::hash is neither).
int32_t lock_key(std::string_view object_id) {
  uint32_t h = 2166136261u;
  for (unsigned char ch : object_id) h = (h ^ ch) * 16777619u;
  return int32_t(h);
}

class PgRepoHold : public ClusterStore::Hold {
 public:
  PgRepoHold(PgPool::Lease lease, int32_t key) : lease_(std::move(lease)), key_(key) {
    lease_->query("SELECT pg_advisory_lock($1, $2)", PgParams::of(int64_t(kRepoLockSpace), int64_t(key_)));
  }
  ~PgRepoHold() override {
    try {
      lease_->query("SELECT pg_advisory_unlock($1, $2)", PgParams::of(int64_t(kRepoLockSpace), int64_t(key_)));
    } catch (const std::exception&) {
      // A broken connection: PostgreSQL ended its session, and with it the lock.
    }
  }

 private:
  PgPool::Lease lease_;
  int32_t key_;
};

}  // namespace

PgClusterStore::PgClusterStore(std::unique_ptr<PgPool> lock_pool, PgPool& notify_pool, PgNotifications& notifications)
    : lock_pool_(std::move(lock_pool)), notify_pool_(notify_pool), notifications_(notifications) {}

std::unique_ptr<ClusterStore::Hold> PgClusterStore::lock_repo(std::string_view object_id) {
  auto lease = lock_pool_->lease();
  // A session setting of this pool's connections only: a lock wait past it fails the write.
  lease->exec("SET lock_timeout = '60s'");
  return std::make_unique<PgRepoHold>(std::move(lease), lock_key(object_id));
}

void PgClusterStore::publish_refs_changed(std::string_view object_id) {
  auto c = notify_pool_.lease();
  c->query("SELECT pg_notify($1, $2)", PgParams::of(kRefsChannel, object_id));
}

std::unique_ptr<ClusterStore::Subscription> PgClusterStore::subscribe(ChangeHandler on_change) {
  class Listening : public Subscription {
   public:
    Listening(PgNotifications& n, int id) : n_(n), id_(id) {}
    ~Listening() override { n_.unsubscribe(id_); }

   private:
    PgNotifications& n_;
    int id_;
  };
  return std::make_unique<Listening>(notifications_, notifications_.subscribe_channel(kRefsChannel, std::move(on_change)));
}

}  // namespace hfhub::server
