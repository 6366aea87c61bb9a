#include "server/webhooks/webhook_dispatcher.h"

#include <algorithm>
#include <cstdio>

#include "common/iso_time.h"
#include "hfhub/repo_id.h"
#include "server/webhooks/webhook_payload.h"
#include "server/webhooks/webhook_sender.h"

namespace hfhub::server {

namespace {

// How long an idle worker sleeps before it looks at the queue again: deliveries queued by
// another process (`hfhubd admin webhooks redeliver`) are found within this time.
constexpr std::chrono::milliseconds kIdlePoll{1000};
// The delivery log keeps 30 days and at most 1,000 deliveries per webhook, pruned hourly
// (docs/webhooks.md#delivery-log).
constexpr int64_t kLogKeepMs = 30LL * 24 * 3600 * 1000;
constexpr size_t kLogKeepPerWebhook = 1000;
constexpr int64_t kPruneEveryMs = 3600LL * 1000;

bool contains(const std::vector<std::string>& v, std::string_view s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

std::string_view namespace_of(std::string_view id) { return id.substr(0, id.find('/')); }

// Whether a watched item names the repo, or its namespace.
bool item_matches(const WebhookWatchedItem& item, RepoType type, std::string_view id) {
  if (item.type == "user" || item.type == "org") return item.name == namespace_of(id);
  return item.type == repo_type_name(type) && item.name == id;
}

bool webhook_watches(const WebhookRecord& w, const HubEvent& e) {
  // Discussion and comment events belong to the "discussion" domain; all others to "repo".
  if (!contains(w.domains, e.scope.starts_with("discussion") ? "discussion" : "repo")) return false;
  for (auto& item : w.watched) {
    if (item_matches(item, e.repo.type, e.repo.id)) return true;
    if (e.moved_to && item_matches(item, e.repo.type, *e.moved_to)) return true;
  }
  return false;
}

}  // namespace

WebhookDispatcher::WebhookDispatcher(WebhookStore& webhooks, AccountStore& accounts, TargetPolicy policy,
                                     WebhookDeliveryOptions options, std::string base_url)
    : webhooks_(webhooks),
      accounts_(accounts),
      policy_(std::move(policy)),
      options_(options),
      base_url_(std::move(base_url)) {}

WebhookDispatcher::~WebhookDispatcher() { stop(); }

int64_t WebhookDispatcher::backoff_ms(const WebhookDeliveryOptions& o, int attempts) {
  int64_t delay = o.retry_base_ms;
  for (int i = 1; i < attempts && delay < o.retry_max_ms; ++i) delay *= 2;
  return std::min(delay, o.retry_max_ms);
}

// A private repo's events go only to webhooks whose owner may read it, whatever they watch: a
// webhook on an org must not reveal the org's private repos to a user outside it.
bool WebhookDispatcher::may_see(const std::string& owner, const HubEvent& e) {
  if (!e.repo.is_private || owner == e.repo.owner) return true;
  auto user = accounts_.find_account(owner);
  if (!user) return false;
  for (auto& m : accounts_.memberships_of(user->rowid))
    if (m.org.name == e.repo.owner) return true;
  return false;
}

std::vector<WebhookRecord> WebhookDispatcher::watching(const HubEvent& e) {
  std::shared_ptr<const std::vector<WebhookRecord>> all;
  {
    std::lock_guard lock(cache_mu_);
    if (!cache_ || cache_generation_ != webhooks_.generation()) {
      cache_generation_ = webhooks_.generation();
      cache_ = std::make_shared<const std::vector<WebhookRecord>>(webhooks_.enabled_webhooks());
    }
    all = cache_;
  }
  std::vector<WebhookRecord> out;
  for (auto& w : *all)
    if (webhook_watches(w, e) && may_see(w.owner, e)) out.push_back(w);
  return out;
}

std::string WebhookDispatcher::account_id(std::string_view name) {
  auto account = name.empty() ? std::nullopt : accounts_.find_account(name);
  return account ? account->object_id : std::string(name);
}

void WebhookDispatcher::publish(const HubEvent& event) noexcept {
  try {
    auto targets = watching(event);
    if (targets.empty()) return;
    PayloadContext context;
    {
      std::lock_guard lock(cache_mu_);
      context.base_url = base_url_;
    }
    context.account_id = [this](std::string_view name) { return account_id(name); };
    auto payload = event_payload(event, context);
    std::vector<WebhookDelivery> queued;
    int64_t now = now_ms();
    for (auto& w : targets) {
      WebhookDelivery d;
      d.webhook_id = w.id;
      d.ordering_key = event.repo.object_id.empty() ? event.repo.id : event.repo.object_id;
      d.scope = event.scope;
      d.action = event.action;
      d.payload = payload_for_webhook(payload, w.id);
      d.created_at_ms = d.next_attempt_at_ms = now;
      queued.push_back(std::move(d));
    }
    webhooks_.enqueue(queued);
    wake();
  } catch (const std::exception& e) {
    // The change itself stands; only its notification is lost, and the log says so.
    std::fprintf(stderr, "hfhubd: webhook event %s/%s on %s not queued: %s\n", event.scope.c_str(),
                 event.action.c_str(), event.repo.id.c_str(), e.what());
  }
}

void WebhookDispatcher::start(std::string base_url) {
  {
    std::lock_guard lock(cache_mu_);
    base_url_ = std::move(base_url);
  }
  std::lock_guard lock(mu_);
  if (!workers_.empty()) return;
  stopping_ = false;
  for (int i = 0; i < std::max(1, options_.parallelism); ++i) workers_.emplace_back([this] { work(); });
}

void WebhookDispatcher::stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  for (auto& t : workers_) t.join();
  workers_.clear();
}

void WebhookDispatcher::wake() { cv_.notify_all(); }

// The oldest due delivery whose line (webhook, repo) has nothing in flight. Called with mu_ held.
std::optional<WebhookDelivery> WebhookDispatcher::claim_locked(bool& busy) {
  auto due = webhooks_.due_deliveries(now_ms(), in_flight_.size() + size_t(options_.parallelism) + 8);
  busy = false;
  for (auto& d : due) {
    if (in_flight_.count(d.id) || lines_.count({d.webhook_id, d.ordering_key})) {
      busy = true;
      continue;
    }
    if (d.webhook_disabled) {
      // Events are not queued for a disabled webhook; those queued before it was disabled are dropped.
      webhooks_.record_attempt(d.id, {DeliveryStatus::Cancelled, now_ms(), now_ms(), std::nullopt, "webhook disabled"});
      continue;
    }
    // Other nodes on the same database read the same due row: only the lease's winner sends it.
    if (!webhooks_.lease_delivery(d.id, d.attempts, d.next_attempt_at_ms, now_ms() + lease_ms())) continue;
    in_flight_.insert(d.id);
    lines_.insert({d.webhook_id, d.ordering_key});
    return std::move(d);
  }
  return std::nullopt;
}

// Long enough for one attempt to end (it is bounded by the timeout) and be recorded; only a
// node that died mid-attempt makes anyone wait it out.
int64_t WebhookDispatcher::lease_ms() const { return 2 * int64_t(options_.timeout.count()) + 30000; }

void WebhookDispatcher::work() {
  std::unique_lock lock(mu_);
  while (!stopping_) {
    std::optional<WebhookDelivery> job;
    bool busy = false;
    try {
      job = claim_locked(busy);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "hfhubd: webhook queue unreadable: %s\n", e.what());
    }
    if (!job) {
      prune_log_locked();
      // Sleep until the next retry is due, a delivery ends or one is queued (both notify); a
      // due line in flight is waited for by notification only, never by polling.
      auto wait = kIdlePoll;
      try {
        if (auto next = webhooks_.next_due_ms(); next && !busy)
          wait = std::clamp(std::chrono::milliseconds(*next - now_ms()), std::chrono::milliseconds(1), kIdlePoll);
      } catch (const std::exception&) {
      }
      cv_.wait_for(lock, wait);
      continue;
    }
    cv_.notify_one();  // more may be due: one more worker looks
    lock.unlock();
    deliver(*job);
    lock.lock();
    in_flight_.erase(job->id);
    lines_.erase({job->webhook_id, job->ordering_key});
    cv_.notify_one();  // the line's next delivery may go now
  }
}

void WebhookDispatcher::prune_log_locked() {
  int64_t now = now_ms();
  if (now < next_prune_ms_) return;
  next_prune_ms_ = now + kPruneEveryMs;
  try {
    webhooks_.prune_log(now - kLogKeepMs, kLogKeepPerWebhook);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "hfhubd: webhook log not pruned: %s\n", e.what());
  }
}

void WebhookDispatcher::deliver(const WebhookDelivery& d) {
  auto result = send_webhook({d.url, d.payload, d.secret, options_.timeout, options_.ca_file}, policy_);
  DeliveryAttempt a;
  a.at_ms = now_ms();
  a.next_attempt_at_ms = a.at_ms;
  if (result.status) a.response_code = *result.status;
  a.error = result.error;
  if (result.ok()) {
    a.status = DeliveryStatus::Delivered;
  } else if (result.refused || a.at_ms - d.created_at_ms >= options_.give_up_ms) {
    a.status = DeliveryStatus::Failed;
  } else {
    a.status = DeliveryStatus::Pending;
    a.next_attempt_at_ms = a.at_ms + backoff_ms(options_, d.attempts + 1);
  }
  try {
    webhooks_.record_attempt(d.id, a);
  } catch (const std::exception& e) {
    // The delivery stays pending and is attempted again: at least once, never lost.
    std::fprintf(stderr, "hfhubd: webhook delivery %lld not recorded: %s\n", (long long)d.id, e.what());
  }
}

}  // namespace hfhub::server
