#pragma once
// Browsing the web UI as a browser does, for the web page tests: cookies, forms, sessions.
#include <string>
#include <vector>

#include "raw_http.h"

namespace hfhub::testing {

// The first capture group of `pattern` in `text`, or empty.
std::string first_match(const std::string& text, const std::string& pattern);
// The cookie's name=value from a Set-Cookie answer.
std::string cookie(const RawResponse& r, const std::string& name);
// The whole Set-Cookie line of that cookie.
std::string set_cookie_line(const RawResponse& r, const std::string& name);

struct WebSession {
  std::string cookie;  // "hfhub_session=..."
  std::string csrf;    // the token of the forms this session is shown
};

// Signs in through the form as a browser would: GET /login (pre-session cookie + token), POST.
WebSession sign_in(const char* token, const std::vector<std::string>& extra = {});
// A form POST of the signed-in browser (urlencoded `body`, which carries csrf when it should).
RawResponse post_form(const WebSession& s, const std::string& path, const std::string& body);

}  // namespace hfhub::testing
