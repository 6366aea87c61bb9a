#include "web_support.h"

#include <gtest/gtest.h>

#include <regex>

#include "server_fixture.h"

namespace hfhub::testing {

namespace {

std::string url(const std::string& path) { return shared_server().endpoint() + path; }

}  // namespace

std::string first_match(const std::string& text, const std::string& pattern) {
  std::smatch m;
  return std::regex_search(text, m, std::regex(pattern)) ? m[1].str() : std::string();
}

std::string cookie(const RawResponse& r, const std::string& name) {
  auto line = set_cookie_line(r, name);
  return line.substr(0, line.find(';'));
}

std::string set_cookie_line(const RawResponse& r, const std::string& name) {
  for (auto [it, end] = r.headers.equal_range("set-cookie"); it != end; ++it)
    if (it->second.starts_with(name + "=")) return it->second;
  return "";
}

WebSession sign_in(const char* token, const std::vector<std::string>& extra) {
  auto form = http_get(url("/login"), extra);
  auto pre = cookie(form, "hfhub_presession");
  auto csrf = first_match(form.body, "name=\"csrf\" value=\"([0-9a-f]+)\"");
  std::vector<std::string> headers = extra;
  headers.push_back("Cookie: " + pre);
  headers.push_back("Content-Type: application/x-www-form-urlencoded");
  auto r = http("POST", url("/login"), headers, "csrf=" + csrf + "&next=%2Fmodels&token=" + token);
  EXPECT_EQ(r.status, 303) << r.body;
  EXPECT_EQ(r.header("location"), "/models");
  WebSession s{cookie(r, "hfhub_session"), ""};
  auto page = http_get(url("/models"), {"Cookie: " + s.cookie});
  s.csrf = first_match(page.body, "name=\"csrf\" value=\"([0-9a-f]+)\"");
  return s;
}

RawResponse post_form(const WebSession& s, const std::string& path, const std::string& body) {
  return http("POST", url(path), {"Cookie: " + s.cookie, "Content-Type: application/x-www-form-urlencoded"}, body);
}

}  // namespace hfhub::testing
