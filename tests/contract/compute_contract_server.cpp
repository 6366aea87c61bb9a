#include "compute_contract_server.h"

#include <gtest/gtest.h>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <atomic>
#include <mutex>
#include <thread>

#include "compute_contract_routes.h"

namespace hfhub::testing {

namespace asio = boost::asio;
namespace http = boost::beast::http;
using tcp = asio::ip::tcp;

namespace {

std::string percent_decode(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      out.push_back(char(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16)));
      i += 2;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

}  // namespace

struct ComputeContractServer::State {
  asio::io_context ioc;
  tcp::acceptor acceptor{ioc, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)};
  std::atomic<bool> stopping{false};
  mutable std::mutex mu;
  std::vector<ContractRequest> requests;
  std::optional<std::pair<int, std::string>> failure;
  ContractBook book;
  std::thread acceptor_thread;
  std::vector<std::thread> connections;
  std::vector<std::shared_ptr<tcp::socket>> sockets;

  ContractAnswer answer(const ContractRequest& r) {
    std::lock_guard lock(mu);
    requests.push_back(r);
    if (failure) {
      auto [status, message] = *failure;
      failure.reset();
      return error_answer(status, message);
    }
    return book.handle(r, base_url());
  }

  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(acceptor.local_endpoint().port()); }

  // Keep-alive: curl reuses connections, so one connection carries many requests.
  void serve(tcp::socket& socket) {
    boost::beast::flat_buffer buffer;
    while (!stopping) {
      http::request<http::string_body> req;
      boost::beast::error_code ec;
      http::read(socket, buffer, req, ec);
      if (ec) return;
      ContractRequest r;
      r.method = std::string(req.method_string());
      auto target = std::string(req.target());
      auto q = target.find('?');
      r.path = percent_decode(target.substr(0, q));
      if (q != std::string::npos) r.query = target.substr(q + 1);
      r.authorization = std::string(req[http::field::authorization]);
      r.content_type = std::string(req[http::field::content_type]);
      if (!req.body().empty()) {
        boost::json::error_code jec;
        r.body = boost::json::parse(req.body(), jec);
        if (jec) r.body = nullptr;
      }
      auto a = answer(r);
      http::response<http::string_body> res{http::status(a.status), 11};
      res.set(http::field::content_type, a.content_type);
      if (a.status >= 400) res.set("X-Error-Message", a.message);
      res.body() = a.body;
      res.keep_alive(req.keep_alive());
      res.prepare_payload();
      http::write(socket, res, ec);
      if (ec || !req.keep_alive()) return;
    }
  }

  void accept_loop() {
    while (!stopping) {
      boost::beast::error_code ec;
      auto socket = std::make_shared<tcp::socket>(ioc);
      acceptor.accept(*socket, ec);
      if (ec || stopping) return;
      std::lock_guard lock(mu);
      sockets.push_back(socket);
      connections.emplace_back([this, socket] { serve(*socket); });
    }
  }
};

ComputeContractServer::ComputeContractServer() : state_(std::make_unique<State>()) {
  state_->acceptor_thread = std::thread([this] { state_->accept_loop(); });
}

ComputeContractServer::~ComputeContractServer() {
  state_->stopping = true;
  boost::beast::error_code ec;
  tcp::socket poke(state_->ioc);
  poke.connect(state_->acceptor.local_endpoint(), ec);
  state_->acceptor_thread.join();
  // Idle keep-alive connections block in read: shutting their sockets ends the reads.
  std::vector<std::thread> connections;
  {
    std::lock_guard lock(state_->mu);
    connections.swap(state_->connections);
    for (auto& s : state_->sockets) s->shutdown(tcp::socket::shutdown_both, ec);
  }
  for (auto& t : connections) t.join();
}

std::string ComputeContractServer::url() const { return state_->base_url(); }

std::vector<ContractRequest> ComputeContractServer::requests() const {
  std::lock_guard lock(state_->mu);
  return state_->requests;
}

ContractRequest ComputeContractServer::last(const std::string& prefix) const {
  auto all = requests();
  for (auto it = all.rbegin(); it != all.rend(); ++it)
    if (it->path.starts_with(prefix)) return *it;
  ADD_FAILURE() << "no request under " << prefix;
  return {};
}

void ComputeContractServer::fail_next(int status, const std::string& message) {
  std::lock_guard lock(state_->mu);
  state_->failure = std::make_pair(status, message);
}

}  // namespace hfhub::testing
