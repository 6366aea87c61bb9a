#pragma once
// The HubEventSink of a server with webhooks (docs/webhooks.md#delivery). publish() matches an
// event to the enabled webhooks that watch its repo or the repo's namespace, in the event's
// domain, and queues one delivery per webhook in the database in one transaction before it
// returns. A pool of worker threads, never the request threads, makes the deliveries: a bounded
// number at a time, each with a timeout, one (webhook, repo) line in order, failures retried with
// exponential backoff until the give-up time.
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "server/services/hub_event_sink.h"
#include "server/stores/account_store.h"
#include "server/stores/webhook_store.h"
#include "server/webhooks/target_policy.h"

namespace hfhub::server {

struct WebhookDeliveryOptions {
  std::chrono::milliseconds timeout{10000};  // per delivery attempt
  int parallelism = 4;                       // deliveries in flight at once
  int64_t give_up_ms = 24 * 3600 * 1000;     // retries stop this long after the event
  int64_t retry_base_ms = 1000;              // the first retry's delay; each next one doubles
  int64_t retry_max_ms = 3600 * 1000;        // the longest delay between two attempts
  std::string ca_file;                       // extra trusted CAs for https targets (webhook-ca-file)
};

class WebhookDispatcher final : public HubEventSink {
 public:
  WebhookDispatcher(WebhookStore& webhooks, AccountStore& accounts, TargetPolicy policy, WebhookDeliveryOptions options,
                    std::string base_url);
  ~WebhookDispatcher() override;

  void publish(const HubEvent& event) noexcept override;
  // Starts the workers; `base_url` (the server's public URL) is what payload links start with.
  void start(std::string base_url);
  void stop();
  // Something was queued from elsewhere (a redelivery): look for due deliveries now.
  void wake();
  const TargetPolicy& policy() const { return policy_; }

  // The delay before attempt `attempts + 1` after `attempts` failed ones.
  static int64_t backoff_ms(const WebhookDeliveryOptions& options, int attempts);

 private:
  std::vector<WebhookRecord> watching(const HubEvent& event);
  bool may_see(const std::string& owner, const HubEvent& event);
  std::string account_id(std::string_view name);
  void work();
  // `busy`: a due delivery was left because its line is in flight (its end will notify).
  std::optional<WebhookDelivery> claim_locked(bool& busy);
  void deliver(const WebhookDelivery& delivery);
  // How long a claimed delivery stays away from every other dispatcher on the database.
  int64_t lease_ms() const;
  // Bounds the delivery log, at most hourly, when a worker is idle.
  void prune_log_locked();

  WebhookStore& webhooks_;
  AccountStore& accounts_;
  const TargetPolicy policy_;
  const WebhookDeliveryOptions options_;

  std::mutex cache_mu_;
  uint64_t cache_generation_ = ~uint64_t(0);
  std::shared_ptr<const std::vector<WebhookRecord>> cache_;
  std::string base_url_;

  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
  std::set<int64_t> in_flight_;  // delivery ids
  int64_t next_prune_ms_ = 0;
  std::set<std::pair<std::string, std::string>> lines_;  // (webhook, ordering key) in flight
  std::vector<std::thread> workers_;
};

}  // namespace hfhub::server
