#include "server/routes/support/download_headers.h"

#include <array>

#include "common/ascii.h"
#include "common/path_segments.h"
#include "common/percent.h"

namespace hfhub::server {

namespace {

constexpr std::array<std::string_view, 24> kTextExtensions{
    "txt", "md",   "json", "jsonl", "yaml", "yml",           "csv",       "tsv",         "py",  "cfg", "ini", "toml",
    "xml", "html", "js",   "ts",    "sh",   "gitattributes", "gitignore", "model-index", "rst", "tex", "log", "vocab"};

// Images a card shows through `resolve` (docs/web.md#pages); a browser does not render an
// <img> served as application/octet-stream. Scripts in an SVG opened on its own are stopped by
// the sandboxing policy every file answer carries (kFileContentSecurityPolicy).
constexpr std::array<std::pair<std::string_view, std::string_view>, 6> kImageTypes{{
    {"png", "image/png"},
    {"jpg", "image/jpeg"},
    {"jpeg", "image/jpeg"},
    {"gif", "image/gif"},
    {"webp", "image/webp"},
    {"svg", "image/svg+xml"},
}};

}  // namespace

std::string_view download_content_type(std::string_view path) {
  auto name = path_basename(path);
  auto dot = name.rfind('.');
  if (dot != std::string_view::npos) {
    auto ext = ascii_lower(name.substr(dot + 1));
    for (auto t : kTextExtensions)
      if (ext == t) return "text/plain; charset=utf-8";
    for (auto [e, type] : kImageTypes)
      if (ext == e) return type;
  }
  return "application/octet-stream";
}

std::string content_disposition(std::string_view path) {
  auto name = path_basename(path);
  std::string ascii;
  ascii.reserve(name.size());
  for (unsigned char c : name) ascii += (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') ? char(c) : '_';
  // RFC 8187 attr-char: unreserved plus these.
  return "inline; filename*=UTF-8''" + percent_encode(name, "!#$&+^`|") + "; filename=\"" + ascii + "\"";
}

std::string quoted_etag(std::string_view tag) {
  std::string out;
  out.reserve(tag.size() + 2);
  out += '"';
  out += tag;
  out += '"';
  return out;
}

bool if_none_match_hits(std::optional<std::string_view> header, std::string_view tag) {
  if (!header) return false;
  std::string_view rest = *header;
  while (!rest.empty()) {
    auto comma = rest.find(',');
    auto item = trim_whitespace(rest.substr(0, comma));
    rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
    if (item == "*") return true;
    if (item.starts_with("W/") || item.starts_with("w/")) item.remove_prefix(2);
    if (item.size() >= 2 && item.front() == '"' && item.back() == '"') item = item.substr(1, item.size() - 2);
    if (item == tag) return true;
  }
  return false;
}

}  // namespace hfhub::server
