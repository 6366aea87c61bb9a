#include "client/xet/xet_token.h"

#include <boost/json.hpp>

#include "client/http/session.h"
#include "common/iso_time.h"
#include "hfhub/errors.h"

namespace hfhub::client {

namespace json = boost::json;

namespace {

// xet-core's REFRESH_BUFFER_SEC.
constexpr int64_t kRefreshBufferSeconds = 30;

}  // namespace

XetConnection parse_xet_token(std::string_view body, std::string_view url) {
  auto bad = [&](const std::string& what) {
    return InvalidResponseError("The Xet token answer of " + std::string(url) + " " + what);
  };
  boost::system::error_code ec;
  json::value v = json::parse(body, ec);
  if (ec || !v.is_object()) throw bad("is not a JSON object");
  const auto& o = v.as_object();
  XetConnection c;
  auto* token = o.if_contains("accessToken");
  auto* cas = o.if_contains("casUrl");
  auto* exp = o.if_contains("exp");
  if (!token || !token->is_string() || token->as_string().empty()) throw bad("has no accessToken");
  if (!cas || !cas->is_string() || cas->as_string().empty()) throw bad("has no casUrl");
  if (!exp || !(exp->is_int64() || exp->is_uint64() || exp->is_double())) throw bad("has no numeric exp");
  c.access_token = std::string(token->as_string());
  c.cas_url = std::string(cas->as_string());
  while (c.cas_url.ends_with('/')) c.cas_url.pop_back();
  c.exp = exp->is_double() ? int64_t(exp->as_double()) : exp->to_number<int64_t>();
  return c;
}

std::optional<XetConnection> xet_token_from_headers(const HeaderList& headers) {
  auto cas = find_header(headers, "x-xet-cas-url");
  auto token = find_header(headers, "x-xet-access-token");
  auto exp = find_header(headers, "x-xet-token-expiration");
  if (!cas || !token || !exp || cas->empty() || token->empty()) return std::nullopt;
  XetConnection c{std::string(*token), 0, std::string(*cas)};
  while (c.cas_url.ends_with('/')) c.cas_url.pop_back();
  try {
    c.exp = std::stoll(std::string(*exp));
  } catch (const std::exception&) {
    return std::nullopt;
  }
  return c;
}

bool xet_token_needs_refresh(const XetConnection& token, int64_t now) {
  return token.exp - kRefreshBufferSeconds <= now;
}

XetTokenSource::XetTokenSource(std::string refresh_url, Fetch fetch, std::optional<XetConnection> first)
    : url_(std::move(refresh_url)), fetch_(std::move(fetch)), current_(std::move(first)) {}

XetTokenSource::XetTokenSource(Session& session, std::string refresh_route)
    : url_(refresh_route.starts_with("/") ? session.options().endpoint + refresh_route : std::move(refresh_route)),
      fetch_([&session](const std::string& url) { return session.get(url).body; }) {}

XetConnection XetTokenSource::get() {
  std::lock_guard lock(mutex_);
  if (!current_ || xet_token_needs_refresh(*current_, now_seconds())) current_ = parse_xet_token(fetch_(url_), url_);
  return *current_;
}

void XetTokenSource::invalidate() {
  std::lock_guard lock(mutex_);
  current_.reset();
}

XetConnection XetTokenSource::refresh() {
  std::lock_guard lock(mutex_);
  current_ = parse_xet_token(fetch_(url_), url_);
  return *current_;
}

}  // namespace hfhub::client
