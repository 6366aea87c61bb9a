#pragma once
// Header values of file downloads (/resolve/, /raw/) that depend only on the file.
#include <optional>
#include <string>
#include <string_view>

namespace hfhub::server {

// Text files as text/plain; charset=utf-8 (the Hub never serves repo files as HTML or script,
// so a browser cannot be made to run them), images (png, jpeg, gif, webp, svg) as their image
// type so cards can show them, everything else application/octet-stream.
std::string_view download_content_type(std::string_view path);
// Carried by every file answer: a file opened on its own in a browser (an SVG, say) runs no
// script, loads nothing and is sandboxed away from the site's origin.
inline constexpr const char* kFileContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; sandbox";

// `inline; filename*=UTF-8''<percent-encoded basename>; filename="<ASCII-safe basename>"`.
std::string content_disposition(std::string_view path);

// A quoted strong ETag: "\"" + tag + "\"".
std::string quoted_etag(std::string_view tag);

// Whether an If-None-Match header names `tag` (unquoted): `*`, or a comma list of entity tags,
// each with or without W/ and quotes (clients normalise ETags the same way).
bool if_none_match_hits(std::optional<std::string_view> header, std::string_view tag);

}  // namespace hfhub::server
