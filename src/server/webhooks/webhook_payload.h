#pragma once
// The Hub's webhook payload (version 3) for a HubEvent (docs/webhooks.md#payload).
#include <boost/json/object.hpp>

#include <functional>
#include <string>
#include <string_view>

#include "server/model/hub_event.h"

namespace hfhub::server {

struct PayloadContext {
  std::string base_url;  // absolute, without a trailing '/'
  // An account's `_id` for its name (owners and authors are sent as {"id"}); the name itself
  // when the account is unknown (deleted since).
  std::function<std::string(std::string_view name)> account_id;
};

// The payload without its `webhook` member, built once per event.
boost::json::object event_payload(const HubEvent& event, const PayloadContext& context);
// The body sent to one webhook.
std::string payload_for_webhook(boost::json::object payload, std::string_view webhook_id);

}  // namespace hfhub::server
