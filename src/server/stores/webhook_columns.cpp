#include "server/stores/webhook_columns.h"

#include <boost/json.hpp>

namespace hfhub::server {

std::string_view delivery_status_name(DeliveryStatus s) {
  switch (s) {
    case DeliveryStatus::Pending:
      return "pending";
    case DeliveryStatus::Delivered:
      return "delivered";
    case DeliveryStatus::Failed:
      return "failed";
    case DeliveryStatus::Cancelled:
      return "cancelled";
  }
  return "pending";
}

DeliveryStatus parse_delivery_status(std::string_view s) {
  if (s == "delivered") return DeliveryStatus::Delivered;
  if (s == "failed") return DeliveryStatus::Failed;
  if (s == "cancelled") return DeliveryStatus::Cancelled;
  return DeliveryStatus::Pending;
}

std::string watched_json(const std::vector<WebhookWatchedItem>& items) {
  boost::json::array a;
  for (auto& w : items) a.push_back(boost::json::object{{"type", w.type}, {"name", w.name}});
  return boost::json::serialize(a);
}

std::vector<WebhookWatchedItem> parse_watched(const std::string& text) {
  std::vector<WebhookWatchedItem> out;
  auto parsed = boost::json::parse(text);  // kept: the loop must not run over a temporary
  for (auto& v : parsed.as_array()) {
    auto& o = v.as_object();
    out.push_back({std::string(o.at("type").as_string()), std::string(o.at("name").as_string())});
  }
  return out;
}

std::string domains_json(const std::vector<std::string>& domains) {
  boost::json::array a;
  for (auto& d : domains) a.push_back(boost::json::string(d));
  return boost::json::serialize(a);
}

std::vector<std::string> parse_domains(const std::string& text) {
  std::vector<std::string> out;
  auto parsed = boost::json::parse(text);
  for (auto& v : parsed.as_array()) out.emplace_back(v.as_string());
  return out;
}

}  // namespace hfhub::server
