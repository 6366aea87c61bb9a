#pragma once
// A bare TCP connection to hfhubd, for what curl will not send: malformed framing, trickled
// headers, bodies announced and never sent, many idle connections, a chosen source address.
#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace hfhub::testing {

struct WireResponse {
  int status = 0;
  std::multimap<std::string, std::string> headers;  // names lower-cased
  std::string body;

  std::string header(const std::string& lower_name) const;
};

class RawConnection {
 public:
  // `endpoint` as "http://127.0.0.1:<port>"; `source` binds the client side to a loopback
  // address of its own (127.0.0.2 ...), a different client as far as the server can tell.
  explicit RawConnection(const std::string& endpoint, const std::string& source = "");
  ~RawConnection();
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  // false once the server has closed the connection (EPIPE, ECONNRESET).
  bool send(std::string_view bytes);
  // The next response (a `100 Continue` counts as one); nullopt when the connection closed or
  // nothing complete arrived within `timeout`.
  std::optional<WireResponse> read_response(std::chrono::milliseconds timeout = std::chrono::seconds(10));
  // Waits up to `timeout` for the server to close the connection; the bytes read meanwhile go to
  // `received`. true when it closed.
  bool wait_closed(std::chrono::milliseconds timeout, std::string* received = nullptr);
  // Whether response bytes are waiting to be read right now.
  bool readable_now();

  int local_port() const;
  int server_port() const { return server_port_; }

 private:
  // Appends what arrives within `timeout` to buffer_; false on close, error or timeout.
  bool fill(std::chrono::steady_clock::time_point deadline);
  int fd_ = -1;
  int server_port_ = 0;
  std::string buffer_;
  bool closed_ = false;
};

// Whether the server has read everything this connection sent (its socket's receive queue, as
// /proc/net/tcp shows it, is empty): the request is then in the server's hands.
bool server_read_everything(const RawConnection& connection);

}  // namespace hfhub::testing
