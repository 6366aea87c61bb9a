// Outbound HTTP through Boost.Beast rather than libcurl: the server already builds on Beast and
// Asio, and Asio lets the sender resolve the host itself, check each resolved address against the
// TargetPolicy, and then connect to exactly that address (libcurl would resolve again on connect,
// which leaves a DNS-rebinding gap between check and use). Beast also never follows redirects.
#include "server/webhooks/webhook_sender.h"

#include <openssl/ssl.h>

#include <variant>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/version.hpp>

namespace hfhub::server {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace {

constexpr size_t kMaxAnswerBytes = 64 * 1024;  // the answer is only read for its status

http::request<http::string_body> make_request(const WebhookUrl& url, const SendRequest& r) {
  http::request<http::string_body> req{http::verb::post, url.target, 11};
  bool default_port = url.port == (url.https ? "443" : "80");
  std::string host = url.host.find(':') != std::string::npos ? "[" + url.host + "]" : url.host;
  req.set(http::field::host, default_port ? host : host + ":" + url.port);
  req.set(http::field::user_agent, "hfhub-webhooks/1");
  req.set(http::field::content_type, "application/json");
  req.set(http::field::connection, "close");
  if (r.secret) req.set("X-Webhook-Secret", *r.secret);
  req.body() = r.body;
  req.prepare_payload();
  return req;
}

// The resolved addresses the policy allows, in resolver order.
std::vector<tcp::endpoint> allowed_endpoints(const WebhookUrl& url, const TargetPolicy& policy,
                                             const tcp::resolver::results_type& resolved) {
  std::vector<tcp::endpoint> out;
  for (auto& e : resolved)
    if (policy.allows(url.host, e.endpoint().address())) out.push_back(e.endpoint());
  return out;
}

template <class Stream>
SendResult exchange(Stream& stream, http::request<http::string_body>& req, asio::io_context& ioc,
                    std::chrono::steady_clock::time_point deadline) {
  SendResult result;
  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(kMaxAnswerBytes);
  beast::error_code failure;
  http::async_write(stream, req, [&](beast::error_code ec, size_t) {
    if (ec) {
      failure = ec;
      return;
    }
    http::async_read(stream, buffer, parser, [&](beast::error_code ec2, size_t) { failure = ec2; });
  });
  ioc.run_until(deadline);
  if (!ioc.stopped()) {
    result.error = "timed out waiting for the answer";
    return result;
  }
  // An answer too long to keep still has its status.
  if (failure && failure != http::error::body_limit) {
    result.error = "sending failed: " + failure.message();
    return result;
  }
  result.status = int(parser.get().result_int());
  if (!result.ok()) result.error = "the receiver answered " + std::to_string(*result.status);
  return result;
}

// The addresses of the URL's host that the policy allows: an address literal as it is (no resolver
// thread), a name resolved within the deadline.
std::variant<std::vector<tcp::endpoint>, SendResult> endpoints_of(const WebhookUrl& url, const TargetPolicy& policy,
                                                                  asio::io_context& ioc,
                                                                  std::chrono::steady_clock::time_point deadline) {
  boost::system::error_code literal;
  auto address = asio::ip::make_address(url.host, literal);
  if (!literal) {
    if (!policy.allows(url.host, address)) return std::vector<tcp::endpoint>{};
    return std::vector<tcp::endpoint>{tcp::endpoint(address, uint16_t(std::stoi(url.port)))};
  }
  tcp::resolver resolver(ioc);
  tcp::resolver::results_type resolved;
  beast::error_code rec;
  resolver.async_resolve(url.host, url.port, [&](beast::error_code ec, tcp::resolver::results_type res) {
    rec = ec;
    resolved = std::move(res);
  });
  ioc.run_until(deadline);
  if (!ioc.stopped()) return SendResult{std::nullopt, "timed out resolving " + url.host, false};
  if (rec) return SendResult{std::nullopt, "cannot resolve " + url.host + ": " + rec.message(), false};
  return allowed_endpoints(url, policy, resolved);
}

SendResult send(const WebhookUrl& url, const SendRequest& r, const TargetPolicy& policy) {
  auto deadline = std::chrono::steady_clock::now() + r.timeout;
  asio::io_context ioc;
  auto found = endpoints_of(url, policy, ioc, deadline);
  if (auto* failed = std::get_if<SendResult>(&found)) return *failed;
  auto endpoints = std::get<std::vector<tcp::endpoint>>(std::move(found));
  if (endpoints.empty()) return {std::nullopt, "the target " + url.host + " is not an allowed address", true};

  ioc.restart();
  beast::tcp_stream tcp_stream(ioc);
  beast::error_code cec;
  tcp_stream.async_connect(endpoints, [&](beast::error_code ec, const tcp::endpoint&) { cec = ec; });
  ioc.run_until(deadline);
  if (!ioc.stopped()) return {std::nullopt, "timed out connecting to " + url.host, false};
  if (cec) return {std::nullopt, "cannot connect to " + url.host + ": " + cec.message(), false};
  auto req = make_request(url, r);
  ioc.restart();
  if (!url.https) return exchange(tcp_stream, req, ioc, deadline);

  asio::ssl::context tls(asio::ssl::context::tls_client);
  tls.set_default_verify_paths();
  if (!r.ca_file.empty()) {
    beast::error_code lec;
    tls.load_verify_file(r.ca_file, lec);
    if (lec) return {std::nullopt, "cannot load the CA file " + r.ca_file + ": " + lec.message(), false};
  }
  tls.set_verify_mode(asio::ssl::verify_peer);
  beast::ssl_stream<beast::tcp_stream> stream(std::move(tcp_stream), tls);
  SSL_set_tlsext_host_name(stream.native_handle(), url.host.c_str());
  stream.set_verify_callback(asio::ssl::host_name_verification(url.host));
  beast::error_code hec;
  stream.async_handshake(asio::ssl::stream_base::client, [&](beast::error_code ec) { hec = ec; });
  ioc.run_until(deadline);
  if (!ioc.stopped()) return {std::nullopt, "timed out in the TLS handshake", false};
  if (hec) return {std::nullopt, "TLS handshake failed: " + hec.message(), false};
  ioc.restart();
  return exchange(stream, req, ioc, deadline);
}

}  // namespace

std::optional<std::string> target_refusal(std::string_view url_text, const TargetPolicy& policy) {
  std::string why;
  auto url = parse_webhook_url(url_text, why);
  if (!url) return why;
  asio::io_context ioc;
  tcp::resolver resolver(ioc);
  beast::error_code ec;
  auto resolved = resolver.resolve(url->host, url->port, ec);
  if (ec || resolved.empty()) return std::nullopt;
  if (allowed_endpoints(*url, policy, resolved).empty())
    return "the URL's host " + url->host + " is a loopback, private, link-local or otherwise internal address";
  return std::nullopt;
}

SendResult send_webhook(const SendRequest& request, const TargetPolicy& policy) {
  std::string why;
  auto url = parse_webhook_url(request.url, why);
  if (!url) return {std::nullopt, why, true};
  try {
    return send(*url, request, policy);
  } catch (const std::exception& e) {
    return {std::nullopt, std::string("delivery failed: ") + e.what(), false};
  }
}

}  // namespace hfhub::server
