#include "client/api/pagination.h"

#include "common/link_header.h"
#include "hfhub/errors.h"

namespace hfhub::client {

JsonPage read_page(const HttpResponse& response, std::string_view url) {
  auto body = parse_json_body(response, url);
  if (!body.is_array()) throw InvalidResponseError("Expected a JSON array page from " + std::string(url));
  JsonPage page;
  page.items = std::move(body.as_array());
  if (auto link = response.header("Link")) page.next_url = parse_next_link(*link);
  return page;
}

PageCursor::PageCursor(std::shared_ptr<Session> session, std::string first_url)
    : session_(std::move(session)), next_url_(std::move(first_url)) {}

std::optional<JsonPage> PageCursor::next() {
  if (!next_url_) return std::nullopt;
  std::string url = std::move(*next_url_);
  next_url_.reset();
  auto response = session_->get(url);
  JsonPage page = read_page(response, url);
  next_url_ = page.next_url;
  return page;
}

}  // namespace hfhub::client
