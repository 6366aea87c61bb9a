#include "client/http/curl_transport.h"

#include "client/http/curl_options.h"
#include "client/http/header_line.h"

#include <curl/curl.h>

#include <string>

#include "hfhub/errors.h"

namespace hfhub::client {

namespace {

size_t on_body(char* data, size_t size, size_t n, void* user) {
  static_cast<std::string*>(user)->append(data, size * n);
  return size * n;
}

// Keeps only the header block of the last response (redirects produce several).
size_t on_header(char* data, size_t size, size_t n, void* user) {
  add_header_line(std::string_view(data, size * n), *static_cast<HeaderList*>(user));
  return size * n;
}

int on_progress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  const auto* cancelled = static_cast<const std::function<bool()>*>(user);
  return (*cancelled && (*cancelled)()) ? 1 : 0;
}

}  // namespace

struct CurlTransport::Handle {
  CURL* easy = nullptr;
  ~Handle() {
    if (easy) curl_easy_cleanup(easy);
  }
};

CurlTransport::CurlTransport(TransportOptions options) : options_(std::move(options)), handle_(new Handle) {
  curl_global_init_once();
  handle_->easy = curl_easy_init();
  if (!handle_->easy) throw NetworkError("curl_easy_init failed");
}

CurlTransport::~CurlTransport() = default;

HttpResponse CurlTransport::perform(const HttpRequest& request) {
  CURL* h = handle_->easy;
  curl_easy_reset(h);  // keeps the connection cache: keep-alive across requests

  HttpResponse response;
  char errbuf[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(h, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf);
  curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, request.follow_redirects ? 1L : 0L);
  curl_easy_setopt(h, CURLOPT_MAXREDIRS, 10L);
  curl_easy_setopt(h, CURLOPT_POSTREDIR, long(CURL_REDIR_POST_ALL));
  curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "");  // gzip/deflate if the server offers it
  // Proxies from the environment, CA bundle, connect timeout, keep-alive (shared with transfers).
  apply_network_settings(h, request.url, NetworkSettings{options_.connect_timeout, options_.ca_bundle});
  auto timeout = request.timeout.count() > 0 ? request.timeout : options_.request_timeout;
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, long(timeout.count()));
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &response.body);
  curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(h, CURLOPT_HEADERDATA, &response.headers);
  curl_easy_setopt(h, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, on_progress);
  curl_easy_setopt(h, CURLOPT_XFERINFODATA, &options_.cancelled);

  if (request.method == "HEAD") {
    curl_easy_setopt(h, CURLOPT_NOBODY, 1L);
  } else if (request.method == "GET") {
    curl_easy_setopt(h, CURLOPT_HTTPGET, 1L);
  } else {
    curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, request.method.c_str());
    if (!request.body.empty() || request.method == "POST" || request.method == "PUT") {
      curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(request.body.size()));
      curl_easy_setopt(h, CURLOPT_POSTFIELDS, request.body.data());
    }
  }

  curl_slist* list = nullptr;
  for (const auto& [k, v] : request.headers) list = curl_slist_append(list, (k + ": " + v).c_str());
  if (!request.body.empty() || request.method == "POST") list = curl_slist_append(list, "Expect:");
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, list);

  CURLcode rc = curl_easy_perform(h);
  curl_slist_free_all(list);
  if (rc == CURLE_ABORTED_BY_CALLBACK) throw CancelledError("request cancelled: " + request.url);
  if (rc != CURLE_OK) {
    std::string detail = errbuf[0] ? errbuf : curl_easy_strerror(rc);
    throw NetworkError(request.method + " " + request.url + ": " + detail);
  }
  long status = 0;
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
  response.status = int(status);
  char* effective = nullptr;
  curl_easy_getinfo(h, CURLINFO_EFFECTIVE_URL, &effective);
  response.url = effective ? effective : request.url;
  return response;
}

}  // namespace hfhub::client
