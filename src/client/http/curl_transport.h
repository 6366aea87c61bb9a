#pragma once
// Transport over one reusable libcurl easy handle: connections are kept alive and reused
// between requests of the same HfApi.
#include <memory>

#include "client/http/transport.h"

namespace hfhub::client {

class CurlTransport : public Transport {
 public:
  explicit CurlTransport(TransportOptions options);
  ~CurlTransport() override;
  CurlTransport(const CurlTransport&) = delete;
  CurlTransport& operator=(const CurlTransport&) = delete;

  HttpResponse perform(const HttpRequest& request) override;

 private:
  struct Handle;
  TransportOptions options_;
  std::unique_ptr<Handle> handle_;
};

}  // namespace hfhub::client
