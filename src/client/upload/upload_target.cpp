#include "client/upload/upload_target.h"

#include "client/content/content_urls.h"
#include "client/http/url.h"

namespace hfhub::client {

std::string UploadTarget::revision_api_url(std::string_view action) const {
  std::string url = content_api_url(*session, repo_type, repo_id, action, encode_revision(revision));
  if (create_pr) url += "?create_pr=1";
  return url;
}

HeaderList UploadTarget::signed_url_headers() const { return {{"user-agent", options().user_agent}}; }

HeaderList UploadTarget::hub_headers() const {
  HeaderList headers = signed_url_headers();
  for (const auto& [k, v] : options().headers) headers.emplace_back(k, v);
  if (options().token && !options().token->empty()) headers.emplace_back("authorization", "Bearer " + *options().token);
  return headers;
}

void report(const UploadTarget& target, TransferEvent event) {
  if (!target.options().progress) return;
  event.upload = true;
  target.options().progress(event);
}

}  // namespace hfhub::client
