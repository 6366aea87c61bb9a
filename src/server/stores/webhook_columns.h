#pragma once
// How a webhook's lists and a delivery's status are stored, the same in every engine: the watched
// items and domains as JSON arrays, the status by its name.
#include <string>
#include <string_view>
#include <vector>

#include "server/stores/webhook_store.h"

namespace hfhub::server {

std::string watched_json(const std::vector<WebhookWatchedItem>& items);
std::vector<WebhookWatchedItem> parse_watched(const std::string& text);
std::string domains_json(const std::vector<std::string>& domains);
std::vector<std::string> parse_domains(const std::string& text);
// The inverse of delivery_status_name; an unknown name reads as Pending.
DeliveryStatus parse_delivery_status(std::string_view name);

}  // namespace hfhub::server
