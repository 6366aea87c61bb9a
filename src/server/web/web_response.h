#pragma once
// HTML answers of the web UI: pages in the layout, error pages, redirects, and the security
// headers every one of them carries (docs/web.md#security).
#include <string>
#include <string_view>

#include "server/http/request.h"
#include "server/http/response.h"
#include "server/model/domain_error.h"
#include "server/web/templates.h"

namespace hfhub::server {

struct WebCall;

struct PageFrame {
  std::string title;
  std::string section;  // "models", "datasets", "spaces": the nav entry marked current
  std::string search;   // the header's search box
};

// `body_template` rendered with `view`, inside the layout (header, nav, account, footer).
Response html_page(const WebCall& web, const PageFrame& frame, std::string_view body_template, const View& view,
                   int status = 200);
// 303 to a path of this site.
Response see_other(std::string location);
Response html_error_page(const WebCall& web, const DomainError& error);
// The API's failure answer as an HTML page for a browser that asked for HTML on a path that is
// not the API's (no route matched, or a failure outside a web handler). Others are kept as they are.
Response html_error_page_for(const Request& request, const Response& failure);

void add_security_headers(Response& res);
// The API's, the file resolvers' and git's paths: their errors stay JSON whatever Accept says.
bool is_api_path(std::string_view path);
// A local path safe to redirect to after a form ("/..." but not "//..."); else "/".
std::string local_path_or_root(std::string_view path);

}  // namespace hfhub::server
