#pragma once
// Several nodes on one PostgreSQL (stores/cluster_store.h):
//   - a repository's write lock is a session advisory lock, pg_advisory_lock(kRepoLockSpace,
//     hash of its _id), held on a connection of a pool of its own, so that writers waiting for
//     or holding locks never take the connections store calls need. A hash collision only makes
//     two repos share a lock. lock_timeout bounds the wait (a StoreError, then 503);
//   - refs moved: NOTIFY hfhub_refs '<_id>', delivered to every node's listener
//     (pg_notifications.h), which calls the subscribers with the id.
// If a lock's connection dies, PostgreSQL releases the lock: the writer still finishes, and git's
// compare-and-swap on the ref (git/git_repo.cpp) keeps a second writer from overwriting it.
#include <memory>

#include "server/stores/cluster_store.h"
#include "server/stores/postgres/pg_notifications.h"
#include "server/stores/postgres/pg_pool.h"

namespace hfhub::server {

class PgClusterStore : public ClusterStore {
 public:
  // `lock_pool`: connections for held locks only; `notify_pool`: for NOTIFY.
  PgClusterStore(std::unique_ptr<PgPool> lock_pool, PgPool& notify_pool, PgNotifications& notifications);
  std::unique_ptr<Hold> lock_repo(std::string_view object_id) override;
  void publish_refs_changed(std::string_view object_id) override;
  std::unique_ptr<Subscription> subscribe(ChangeHandler on_change) override;

 private:
  std::unique_ptr<PgPool> lock_pool_;
  PgPool& notify_pool_;
  PgNotifications& notifications_;
};

}  // namespace hfhub::server
