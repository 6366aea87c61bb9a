#include "client/upload/xet_upload_token.h"

namespace hfhub::client {

XetUploadTokenSource::XetUploadTokenSource(const ClientOptions& options, std::string refresh_url,
                                           std::optional<XetConnection> first)
    : session_(options),
      source_(
          std::move(refresh_url), [this](const std::string& url) { return session_.get(url).body; }, std::move(first)) {
}

}  // namespace hfhub::client
