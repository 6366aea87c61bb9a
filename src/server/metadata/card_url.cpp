#include "server/metadata/card_url.h"

#include <algorithm>
#include <cctype>
#include <vector>

#include "common/percent.h"

namespace hfhub::server {

namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

// The URL as a browser reads it (WHATWG URL parsing): leading and trailing C0 controls and spaces
// trimmed, tabs and newlines anywhere removed. Any other control character: nullopt.
std::optional<std::string> browser_form(std::string_view url) {
  while (!url.empty() && static_cast<unsigned char>(url.front()) <= ' ') url.remove_prefix(1);
  while (!url.empty() && static_cast<unsigned char>(url.back()) <= ' ') url.remove_suffix(1);
  std::string out;
  out.reserve(url.size());
  for (char ch : url) {
    auto c = static_cast<unsigned char>(ch);
    if (c == '\t' || c == '\n' || c == '\r') continue;
    if (c < ' ' || c == 0x7f) return std::nullopt;
    out += ch;
  }
  return out;
}

// The scheme, lower-cased, when the URL has one: what precedes the first ':' that comes before
// any '/', '?' or '#'. A ':' there after something that is no valid scheme: nullopt and `odd`.
std::optional<std::string> scheme_of(std::string_view url, bool& odd) {
  size_t colon = url.find(':');
  if (colon == std::string_view::npos || colon > url.find_first_of("/?#")) return std::nullopt;
  std::string_view scheme = url.substr(0, colon);
  bool valid = !scheme.empty() && std::isalpha(static_cast<unsigned char>(scheme[0])) &&
               std::all_of(scheme.begin(), scheme.end(),
                           [](unsigned char c) { return std::isalnum(c) || c == '+' || c == '-' || c == '.'; });
  if (!valid) {
    odd = true;
    return std::nullopt;
  }
  return lower(scheme);
}

bool allowed_data_image(std::string_view url) {
  std::string head = lower(url.substr(0, 20));
  for (std::string_view type : {"data:image/png", "data:image/jpeg", "data:image/gif", "data:image/webp"})
    if (head.starts_with(type) && (head.size() > type.size() && (head[type.size()] == ';' || head[type.size()] == ',')))
      return true;
  return false;
}

// `path` (relative to the repo root, the README's folder) with "." and ".." resolved; ".." never
// climbs above the root.
std::string normalized(std::string_view path) {
  std::vector<std::string_view> parts;
  size_t at = 0;
  while (at <= path.size()) {
    size_t end = std::min(path.find('/', at), path.size());
    std::string_view part = path.substr(at, end - at);
    if (part == "..") {
      if (!parts.empty()) parts.pop_back();
    } else if (!part.empty() && part != ".") {
      parts.push_back(part);
    }
    at = end + 1;
  }
  std::string out;
  for (auto part : parts) {
    if (!out.empty()) out += '/';
    out += part;
  }
  return out;
}

std::string in_repo(std::string_view url, UrlUse use, const CardUrlBase& base) {
  size_t tail = std::min(url.find_first_of("?#"), url.size());
  std::string_view path = url.substr(0, tail);
  std::string file = normalized(path);
  bool folder = file.empty() || path.ends_with('/');
  std::string_view view = use == UrlUse::Image ? "resolve" : folder ? "tree" : "blob";
  std::string out = "/" + base.repo_path + "/" + std::string(view) + "/" + percent_encode(base.revision);
  if (!file.empty()) out += "/" + file;
  out += url.substr(tail);
  return out;
}

}  // namespace

std::optional<std::string> card_url(std::string_view raw, UrlUse use, const CardUrlBase& base) {
  auto url = browser_form(raw);
  if (!url || url->empty()) return std::nullopt;
  bool odd = false;
  auto scheme = scheme_of(*url, odd);
  if (odd) return std::nullopt;
  if (scheme) {
    if (*scheme == "http" || *scheme == "https") return url;
    if (*scheme == "mailto" && use == UrlUse::Link) return url;
    if (*scheme == "data" && use == UrlUse::Image && allowed_data_image(*url)) return url;
    return std::nullopt;
  }
  // "/x" is a page of this server and "//host/x" another site over http(s): both stay. Browsers
  // read a leading '\\' as '/' in http(s) pages, so it is written as one.
  if (url->starts_with('/') || url->starts_with('\\')) {
    for (size_t i = 0; i < url->size() && ((*url)[i] == '/' || (*url)[i] == '\\'); ++i) (*url)[i] = '/';
    // An image is fetched as soon as the card shows, with the viewer's cookies: a page of this
    // server as an image source could be a sign-out or any other GET, so only its files (a
    // `resolve` URL, as other repos' pictures are linked) may be one.
    bool other_site = url->starts_with("//");
    if (use == UrlUse::Image && !other_site && url->find("/resolve/") == std::string::npos) return std::nullopt;
    return url;
  }
  // Everything else is a file of the repo.
  return in_repo(*url, use, base);
}

}  // namespace hfhub::server
