#pragma once
// A webhook receiver on 127.0.0.1 for the tests: records every POST (path, X-Webhook-Secret,
// JSON body, arrival time) and answers as told: a status, or a delay before answering. Plain
// HTTP, or HTTPS with a certificate and key from PEM files.
#include <boost/json.hpp>

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace hfhub::testing {

struct ReceivedHook {
  std::string path;
  std::string secret;
  std::string content_type;
  boost::json::object body;
  std::chrono::steady_clock::time_point at;
};

struct HookAnswer {
  int status = 200;
  std::chrono::milliseconds delay{0};
};

struct TlsIdentity {
  std::string cert_file;  // PEM certificate (chain)
  std::string key_file;   // PEM private key
};

class WebhookReceiver {
 public:
  WebhookReceiver();
  explicit WebhookReceiver(TlsIdentity tls);
  ~WebhookReceiver();

  std::string url(const std::string& path = "/hook") const;
  // Decides each answer from the request (default: 200 at once). Called on the receiver's thread.
  void answer_with(std::function<HookAnswer(const ReceivedHook&)> policy);
  std::vector<ReceivedHook> received() const;
  // TLS handshakes that failed (the client refused the certificate, or spoke no TLS).
  int failed_handshakes() const;
  // Waits until `count` requests satisfy `match`; returns them (fewer after the timeout).
  std::vector<ReceivedHook> wait_for(size_t count, const std::function<bool(const ReceivedHook&)>& match,
                                     std::chrono::milliseconds timeout = std::chrono::seconds(20)) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace hfhub::testing
