#pragma once
// What several hfhubd nodes sharing one database coordinate through it (docs/deployment.md,
// "Several nodes"): a repository's write lock, and word that a repository's refs moved so the
// other nodes' read caches let go of it. The embedded default (one process on SQLite) has no
// ClusterStore: its in-process locks and caches are the whole truth.
#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace hfhub::server {

class ClusterStore {
 public:
  // A repository's cross-node write lock, held until destroyed.
  class Hold {
   public:
    virtual ~Hold() = default;
  };
  // A subscription, live until destroyed (destroy it before what its handler uses).
  class Subscription {
   public:
    virtual ~Subscription() = default;
  };
  using ChangeHandler = std::function<void(const std::string& object_id)>;

  virtual ~ClusterStore() = default;
  // Blocks until no other node holds `object_id`'s write lock, then holds it. A node's own
  // writers are already serialized by its in-process lock, so at most one hold per repo and node.
  virtual std::unique_ptr<Hold> lock_repo(std::string_view object_id) = 0;
  // Tells the other nodes that `object_id`'s refs moved (called with its lock held).
  virtual void publish_refs_changed(std::string_view object_id) = 0;
  // `on_change` runs on a background thread for every change another node publishes, and with
  // an empty id when changes may have been missed (a lost connection): then drop everything.
  virtual std::unique_ptr<Subscription> subscribe(ChangeHandler on_change) = 0;
};

}  // namespace hfhub::server
