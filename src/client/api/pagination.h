#pragma once
// Cursor pagination (docs/hub-behaviour.md#pagination): GET the first URL, then follow `Link: <url>; rel="next"`
// verbatim until a page has no next link. Each page body must be a JSON array.
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include <boost/json.hpp>

#include "client/http/session.h"
#include "hfhub/paginated.h"

namespace hfhub::client {

struct JsonPage {
  boost::json::array items;
  std::optional<std::string> next_url;
};

// A page from a response: the array body and the rel="next" URL of its Link header.
JsonPage read_page(const HttpResponse& response, std::string_view url);

class PageCursor {
 public:
  PageCursor(std::shared_ptr<Session> session, std::string first_url);
  // The next page, or nullopt once the last page was returned.
  std::optional<JsonPage> next();

 private:
  std::shared_ptr<Session> session_;
  std::optional<std::string> next_url_;
};

// A lazy Paginated<T> over the pages at first_url; `parse` converts one item object.
template <class T>
Paginated<T> paginate(std::shared_ptr<Session> session, std::string first_url,
                      std::function<T(const boost::json::object&)> parse, std::optional<int64_t> limit) {
  auto cursor = std::make_shared<PageCursor>(std::move(session), std::move(first_url));
  return Paginated<T>(
      [cursor, parse = std::move(parse)](std::vector<T>& out) {
        auto page = cursor->next();
        if (!page) return false;
        for (const auto& item : page->items)
          if (item.is_object()) out.push_back(parse(item.as_object()));
        return true;
      },
      limit);
}

}  // namespace hfhub::client
