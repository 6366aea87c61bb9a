#include "client/upload/xet_upload_token.h"

#include <boost/json.hpp>
#include <ctime>

#include "client/json/json_fields.h"
#include "hfhub/errors.h"

namespace hfhub::client {

namespace {

// xet-core refreshes this long before the expiry (docs/xet.md#tokens).
constexpr int64_t kRefreshMarginSeconds = 30;

std::string without_trailing_slash(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

}  // namespace

std::optional<XetUploadToken> xet_token_from_headers(const HeaderList& headers) {
  auto cas = find_header(headers, "x-xet-cas-url");
  auto token = find_header(headers, "x-xet-access-token");
  auto exp = find_header(headers, "x-xet-token-expiration");
  if (!cas || !token || !exp) return std::nullopt;
  XetUploadToken out{*token, 0, without_trailing_slash(*cas)};
  try {
    out.exp = std::stoll(*exp);
  } catch (const std::exception&) {
    return std::nullopt;
  }
  return out;
}

XetUploadToken xet_token_from_json(const std::string& body, const std::string& url) {
  boost::json::value parsed;
  try {
    parsed = boost::json::parse(body);
  } catch (const std::exception&) {
    throw InvalidResponseError("Xet token answer is not JSON: " + url);
  }
  const auto* o = parsed.if_object();
  auto token = o ? get_string(*o, "accessToken") : std::nullopt;
  auto exp = o ? get_int(*o, "exp") : std::nullopt;
  auto cas = o ? get_string(*o, "casUrl") : std::nullopt;
  if (!token || !exp || !cas) throw InvalidResponseError("Xet token answer lacks accessToken, exp or casUrl: " + url);
  return {*token, *exp, without_trailing_slash(*cas)};
}

XetUploadTokenSource::XetUploadTokenSource(const ClientOptions& options, std::string refresh_url,
                                           std::optional<XetUploadToken> first)
    : session_(options), refresh_url_(std::move(refresh_url)), token_(std::move(first)) {}

XetUploadToken XetUploadTokenSource::current() {
  std::lock_guard lock(mutex_);
  if (token_ && token_->exp - kRefreshMarginSeconds > int64_t(std::time(nullptr))) return *token_;
  return fetch_locked();
}

XetUploadToken XetUploadTokenSource::refresh() {
  std::lock_guard lock(mutex_);
  return fetch_locked();
}

XetUploadToken XetUploadTokenSource::fetch_locked() {
  auto response = session_.get(refresh_url_);
  token_ = xet_token_from_json(response.body, refresh_url_);
  return *token_;
}

}  // namespace hfhub::client
