#pragma once
// A Transport that replays queued responses and records the requests it was given: unit tests
// of the client's own logic (retries, pagination) without any network.
#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "client/http/transport.h"
#include "hfhub/errors.h"

namespace hfhub::client::testing {

struct Script {
  std::deque<HttpResponse> responses;  // an entry with status 0 throws NetworkError
  std::vector<HttpRequest> requests;
};

class ScriptedTransport : public Transport {
 public:
  explicit ScriptedTransport(std::shared_ptr<Script> script) : script_(std::move(script)) {}
  HttpResponse perform(const HttpRequest& request) override {
    script_->requests.push_back(request);
    if (script_->responses.empty()) throw NetworkError("script exhausted");
    HttpResponse r = script_->responses.front();
    script_->responses.pop_front();
    if (r.status == 0) throw NetworkError("scripted network failure");
    r.url = request.url;
    return r;
  }

 private:
  std::shared_ptr<Script> script_;
};

inline HttpResponse response(int status, std::string body = "", HeaderList headers = {}) {
  HttpResponse r;
  r.status = status;
  r.body = std::move(body);
  r.headers = std::move(headers);
  return r;
}

}  // namespace hfhub::client::testing
