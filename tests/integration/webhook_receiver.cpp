#include "webhook_receiver.h"

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <optional>

namespace hfhub::testing {

namespace asio = boost::asio;
namespace http = boost::beast::http;
using tcp = asio::ip::tcp;

struct WebhookReceiver::Impl {
  explicit Impl(std::optional<TlsIdentity> identity) {
    if (!identity) return;
    tls.emplace(asio::ssl::context::tls_server);
    tls->use_certificate_chain_file(identity->cert_file);
    tls->use_private_key_file(identity->key_file, asio::ssl::context::pem);
  }

  asio::io_context ioc;
  std::optional<asio::ssl::context> tls;
  std::atomic<int> failed_handshakes{0};
  tcp::acceptor acceptor{ioc, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)};
  std::atomic<bool> stopping{false};
  mutable std::mutex mu;
  std::vector<ReceivedHook> received;
  std::function<HookAnswer(const ReceivedHook&)> policy;
  std::thread acceptor_thread;
  std::vector<std::thread> connections;

  void serve(tcp::socket socket) {
    if (!tls) return exchange(socket);
    asio::ssl::stream<tcp::socket&> stream(socket, *tls);
    boost::beast::error_code ec;
    stream.handshake(asio::ssl::stream_base::server, ec);
    if (ec) {
      if (!stopping) ++failed_handshakes;
      return;
    }
    exchange(stream);
  }

  template <class Stream>
  void exchange(Stream& socket) {
    boost::beast::flat_buffer buffer;
    http::request<http::string_body> req;
    boost::beast::error_code ec;
    http::read(socket, buffer, req, ec);
    if (ec) return;
    ReceivedHook hook{std::string(req.target()),
                      std::string(req["X-Webhook-Secret"]),
                      std::string(req[http::field::content_type]),
                      {},
                      std::chrono::steady_clock::now()};
    try {
      hook.body = boost::json::parse(req.body()).as_object();
    } catch (const std::exception&) {
    }
    HookAnswer answer;
    {
      std::lock_guard lock(mu);
      if (policy) answer = policy(hook);
      received.push_back(hook);
    }
    if (answer.delay.count()) std::this_thread::sleep_for(answer.delay);
    http::response<http::string_body> res{http::status(answer.status), 11};
    res.body() = "ok";
    res.prepare_payload();
    http::write(socket, res, ec);
  }

  void accept_loop() {
    while (!stopping) {
      boost::beast::error_code ec;
      tcp::socket socket(ioc);
      acceptor.accept(socket, ec);
      if (ec || stopping) return;
      std::lock_guard lock(mu);
      connections.emplace_back([this, s = std::move(socket)]() mutable { serve(std::move(s)); });
    }
  }
};

WebhookReceiver::WebhookReceiver() : impl_(std::make_unique<Impl>(std::nullopt)) {
  impl_->acceptor_thread = std::thread([this] { impl_->accept_loop(); });
}

WebhookReceiver::WebhookReceiver(TlsIdentity tls) : impl_(std::make_unique<Impl>(std::move(tls))) {
  impl_->acceptor_thread = std::thread([this] { impl_->accept_loop(); });
}

WebhookReceiver::~WebhookReceiver() {
  impl_->stopping = true;
  // Wake the blocking accept with a connection of our own.
  boost::beast::error_code ec;
  tcp::socket poke(impl_->ioc);
  poke.connect(impl_->acceptor.local_endpoint(), ec);
  impl_->acceptor_thread.join();
  std::vector<std::thread> connections;
  {
    std::lock_guard lock(impl_->mu);
    connections.swap(impl_->connections);
  }
  for (auto& t : connections) t.join();
}

std::string WebhookReceiver::url(const std::string& path) const {
  std::string scheme = impl_->tls ? "https" : "http";
  return scheme + "://127.0.0.1:" + std::to_string(impl_->acceptor.local_endpoint().port()) + path;
}

void WebhookReceiver::answer_with(std::function<HookAnswer(const ReceivedHook&)> policy) {
  std::lock_guard lock(impl_->mu);
  impl_->policy = std::move(policy);
}

std::vector<ReceivedHook> WebhookReceiver::received() const {
  std::lock_guard lock(impl_->mu);
  return impl_->received;
}

int WebhookReceiver::failed_handshakes() const { return impl_->failed_handshakes; }

std::vector<ReceivedHook> WebhookReceiver::wait_for(size_t count, const std::function<bool(const ReceivedHook&)>& match,
                                                    std::chrono::milliseconds timeout) const {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  std::vector<ReceivedHook> out;
  while (true) {
    out.clear();
    for (auto& h : received())
      if (match(h)) out.push_back(h);
    if (out.size() >= count || std::chrono::steady_clock::now() > deadline) return out;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

}  // namespace hfhub::testing
