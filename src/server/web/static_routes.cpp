// GET /static/<hash>/<file>: the web UI's CSS and JavaScript. The hash in the URL is the file's
// own (web_assets.h), so the answer is immutable and cached for a year; a URL with an older
// hash still gets the current file, revalidated through its ETag.
#include "server/model/domain_error.h"
#include "server/web/web_assets.h"
#include "server/web/web_response.h"
#include "server/web/web_routes.h"

namespace hfhub::server {

namespace {

Response static_file(const Call& c) {
  const auto* asset = WebAssets::get().find_static(c.params["file"]);
  if (!asset) throw DomainError(ErrorKind::NotFound);
  auto etag = "\"" + asset->hash + "\"";
  Response res;
  if (c.request.header("if-none-match") == std::optional<std::string_view>(etag)) {
    res.status = 304;
  } else {
    res.body = std::string(asset->text);
    res.set("Content-Type", asset->content_type);
  }
  res.set("ETag", etag);
  res.set("Cache-Control", c.params["hash"] == asset->hash ? "public, max-age=31536000, immutable" : "no-cache");
  res.set("X-Content-Type-Options", "nosniff");
  return res;
}

}  // namespace

void add_static_routes(RouteTable& table) { table.add("GET", "/static/{hash}/{file}", static_file); }

}  // namespace hfhub::server
