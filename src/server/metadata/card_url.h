#pragma once
// The URLs a repo card may carry, and where its relative ones point: an image at `images/x.png`
// shows the repo's file (/{repo}/resolve/{revision}/images/x.png), a link to `config.json` opens
// its file page (/{repo}/blob/{revision}/config.json). Absolute http(s) and mailto URLs stay.
#include <optional>
#include <string>
#include <string_view>

#include "server/metadata/html_sanitizer.h"

namespace hfhub::server {

struct CardUrlBase {
  std::string repo_path;  // the repo's page path without slashes around it: "gpt2", "datasets/ns/name"
  std::string revision;   // the revision the card was read at ("main", a sha, "refs/pr/1")
};

// The URL to write for `url` found in a card, or nullopt when it must go: any scheme but http,
// https and mailto (javascript:, vbscript:, file:, ...), also in upper case or with tabs, newlines
// or control characters inside (browsers ignore those); data: only for an image, and only a PNG,
// JPEG, GIF or WebP one. `url` arrives with its HTML entities already decoded.
std::optional<std::string> card_url(std::string_view url, UrlUse use, const CardUrlBase& base);

}  // namespace hfhub::server
