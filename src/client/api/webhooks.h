#pragma once
// /api/settings/webhooks: list, get, create, update (POST), enable, disable, delete.
#include <string_view>
#include <vector>

#include "client/http/session.h"
#include "hfhub/webhooks.h"

namespace hfhub::client {

std::vector<WebhookInfo> list_webhooks(Session& session);
WebhookInfo get_webhook(Session& session, std::string_view id);
WebhookInfo create_webhook(Session& session, const CreateWebhookParams& params);
WebhookInfo update_webhook(Session& session, std::string_view id, const UpdateWebhookParams& params);
WebhookInfo set_webhook_disabled(Session& session, std::string_view id, bool disabled);
void delete_webhook(Session& session, std::string_view id);

// Parsing, as Python's WebhookInfo: `id`, `watched`, `domains`, `disabled` required.
WebhookInfo parse_webhook(const boost::json::value& value);

}  // namespace hfhub::client
