// HfApi's webhook methods (/api/settings/webhooks), with Python's names and semantics.
#include "client/api/webhooks.h"
#include "client/hf_api_impl.h"
#include "hfhub/hf_api.h"

namespace hfhub {

std::vector<WebhookInfo> HfApi::list_webhooks() const { return client::list_webhooks(*impl_->session); }
WebhookInfo HfApi::get_webhook(std::string_view webhook_id) const {
  return client::get_webhook(*impl_->session, webhook_id);
}
WebhookInfo HfApi::create_webhook(const CreateWebhookParams& params) const {
  return client::create_webhook(*impl_->session, params);
}
WebhookInfo HfApi::update_webhook(std::string_view webhook_id, const UpdateWebhookParams& params) const {
  return client::update_webhook(*impl_->session, webhook_id, params);
}
WebhookInfo HfApi::enable_webhook(std::string_view webhook_id) const {
  return client::set_webhook_disabled(*impl_->session, webhook_id, false);
}
WebhookInfo HfApi::disable_webhook(std::string_view webhook_id) const {
  return client::set_webhook_disabled(*impl_->session, webhook_id, true);
}
void HfApi::delete_webhook(std::string_view webhook_id) const { client::delete_webhook(*impl_->session, webhook_id); }

}  // namespace hfhub
