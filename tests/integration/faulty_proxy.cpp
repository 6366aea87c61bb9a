#include "faulty_proxy.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <stdexcept>
#include <utility>

namespace hfhub::testing {

namespace {

using Headers = std::vector<std::pair<std::string, std::string>>;

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::tolower(c)); });
  return s;
}

std::optional<std::string> find_header(const Headers& headers, const std::string& lower_name) {
  for (const auto& [k, v] : headers)
    if (lower(k) == lower_name) return v;
  return std::nullopt;
}

void erase_header(Headers& headers, const std::string& lower_name) {
  std::erase_if(headers, [&](const auto& h) { return lower(h.first) == lower_name; });
}

// How many bytes went out before the peer went away.
size_t send_some(int fd, const char* data, size_t size) {
  size_t sent = 0;
  while (sent < size) {
    ssize_t n = ::send(fd, data + sent, size - sent, MSG_NOSIGNAL);
    if (n <= 0) break;
    sent += size_t(n);
  }
  return sent;
}

bool send_all(int fd, const char* data, size_t size) { return send_some(fd, data, size) == size; }

// A start line, headers and (once read) the body of a request or response.
struct Message {
  std::string start_line;
  Headers headers;
  std::string body;
};

Message parse_head(const std::string& head) {
  Message m;
  size_t at = head.find("\r\n");
  m.start_line = head.substr(0, at);
  while (at != std::string::npos && at + 2 < head.size()) {
    size_t next = head.find("\r\n", at + 2);
    std::string line = head.substr(at + 2, next - at - 2);
    at = next;
    auto colon = line.find(':');
    if (line.empty() || colon == std::string::npos) continue;
    size_t value = line.find_first_not_of(" \t", colon + 1);
    m.headers.emplace_back(line.substr(0, colon), value == std::string::npos ? "" : line.substr(value));
  }
  return m;
}

int connect_to(const std::string& host, int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(uint16_t(port));
  ::inet_pton(AF_INET, host.c_str(), &addr.sin_addr);
  if (fd >= 0 && ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0) return fd;
  if (fd >= 0) ::close(fd);
  return -1;
}

}  // namespace

// A socket with a read buffer: HTTP/1.1 framing on top of recv.
struct FaultyProxy::Connection {
  int fd;
  std::string buffer;

  bool fill() {
    char chunk[64 * 1024];
    ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
    if (n <= 0) return false;
    buffer.append(chunk, size_t(n));
    return true;
  }
  std::optional<std::string> read_through(const std::string& delimiter) {
    for (;;) {
      if (auto p = buffer.find(delimiter); p != std::string::npos) {
        std::string out = buffer.substr(0, p + delimiter.size());
        buffer.erase(0, p + delimiter.size());
        return out;
      }
      if (!fill()) return std::nullopt;
    }
  }
  bool read_exact(size_t n, std::string& out) {
    while (buffer.size() < n)
      if (!fill()) return false;
    out.append(buffer, 0, n);
    buffer.erase(0, n);
    return true;
  }
  bool read_chunked(std::string& out) {
    for (;;) {
      auto line = read_through("\r\n");
      if (!line) return false;
      size_t size = std::stoul(*line, nullptr, 16);
      if (size == 0) {  // trailers up to the empty line
        for (;;) {
          auto trailer = read_through("\r\n");
          if (!trailer || *trailer == "\r\n") return bool(trailer);
        }
      }
      if (!read_exact(size, out) || !read_through("\r\n")) return false;
    }
  }
  // The body framed by Transfer-Encoding or Content-Length; a response without either runs
  // to the end of the connection.
  bool read_body(Message& m, bool is_response) {
    if (lower(find_header(m.headers, "transfer-encoding").value_or("")).find("chunked") != std::string::npos)
      return read_chunked(m.body);
    if (auto length = find_header(m.headers, "content-length")) return read_exact(std::stoull(*length), m.body);
    if (!is_response) return true;
    m.body += buffer;
    buffer.clear();
    while (fill()) {
      m.body += buffer;
      buffer.clear();
    }
    return true;
  }
};

FaultyProxy::FaultyProxy(const std::string& upstream_url) {
  auto host_start = upstream_url.find("://") + 3;
  auto colon = upstream_url.find(':', host_start);
  upstream_host_ = upstream_url.substr(host_start, colon - host_start);
  upstream_port_ = std::stoi(upstream_url.substr(colon + 1));

  listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  if (listen_fd_ < 0 || ::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::listen(listen_fd_, 64) != 0 || ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len) != 0)
    throw std::runtime_error("faulty proxy: cannot listen");
  port_ = ntohs(addr.sin_port);
  acceptor_ = std::thread([this] { accept_loop(); });
}

FaultyProxy::~FaultyProxy() {
  stopping_ = true;
  ::shutdown(listen_fd_, SHUT_RDWR);
  acceptor_.join();
  ::close(listen_fd_);
  std::vector<std::thread> workers;
  {
    std::lock_guard lock(mutex_);
    for (int fd : client_fds_) ::shutdown(fd, SHUT_RDWR);
    workers = std::move(workers_);
  }
  for (auto& t : workers) t.join();
}

void FaultyProxy::accept_loop() {
  while (!stopping_) {
    int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) {
      if (stopping_) return;
      continue;
    }
    std::lock_guard lock(mutex_);
    client_fds_.insert(fd);
    workers_.emplace_back([this, fd] { serve(fd); });
  }
}

void FaultyProxy::serve(int fd) {
  Connection client{fd, {}};
  while (!stopping_ && serve_one(client)) {
  }
  std::lock_guard lock(mutex_);
  client_fds_.erase(fd);
  ::close(fd);
}

bool FaultyProxy::serve_one(Connection& client) {
  auto head = client.read_through("\r\n\r\n");
  if (!head) return false;
  Message request = parse_head(*head);
  if (!client.read_body(request, false)) return false;
  auto sp1 = request.start_line.find(' ');
  auto sp2 = request.start_line.rfind(' ');
  ProxiedRequest entry;
  entry.method = request.start_line.substr(0, sp1);
  entry.target = request.start_line.substr(sp1 + 1, sp2 - sp1 - 1);
  entry.host = find_header(request.headers, "host").value_or("");
  for (const auto& [k, v] : request.headers) entry.headers[lower(k)] = v;
  bool keep_alive = lower(find_header(request.headers, "connection").value_or("")) != "close";
  bool is_head = entry.method == "HEAD";
  ProxyFaults f;
  {
    std::lock_guard lock(mutex_);
    f = faults_;
  }
  const char* faulted = f.xet_transfers ? "/xet/fetch/" : "/resolve/";
  bool resolve_get = entry.method == "GET" && entry.target.find(faulted) != std::string::npos;
  bool resolve_any = (resolve_get || is_head) && entry.target.find("/resolve/") != std::string::npos;
  size_t index = log_request(entry);
  bool refuse = false;
  if (entry.method == "POST" && f.fail_posts > 0 && !f.fail_posts_to.empty() &&
      entry.target.find(f.fail_posts_to) != std::string::npos) {
    std::lock_guard lock(mutex_);
    refuse = faults_.fail_posts > 0;
    if (refuse) --faults_.fail_posts;
  }

  const bool missing = !f.missing_route.empty() && entry.target.find(f.missing_route) != std::string::npos;

  // Forward to hfhubd on a fresh connection, closed after the response.
  if (f.ignore_range && resolve_get) erase_header(request.headers, "range");
  for (const char* hop :
       {"connection", "keep-alive", "proxy-connection", "transfer-encoding", "content-length", "expect"})
    erase_header(request.headers, hop);
  std::string out = request.start_line + "\r\n";
  for (const auto& [k, v] : request.headers) out += k + ": " + v + "\r\n";
  if (!request.body.empty()) out += "Content-Length: " + std::to_string(request.body.size()) + "\r\n";
  out += "Connection: close\r\n\r\n" + request.body;
  Message response;
  int upstream = refuse || missing ? -1 : connect_to(upstream_host_, upstream_port_);
  bool ok = upstream >= 0 && send_all(upstream, out.data(), out.size());
  if (ok) {
    Connection up{upstream, {}};
    auto response_head = up.read_through("\r\n\r\n");
    ok = bool(response_head);
    if (ok) response = parse_head(*response_head);
    int status = ok ? std::stoi(response.start_line.substr(response.start_line.find(' ') + 1)) : 0;
    if (ok && !is_head && status != 204 && status != 304) ok = up.read_body(response, true);
  }
  if (upstream >= 0) ::close(upstream);
  if (missing)
    response = parse_head("HTTP/1.1 404 Not Found\r\n\r\n");
  else if (refuse)
    response = parse_head("HTTP/1.1 503 Service Unavailable\r\n\r\n");
  else if (!ok)
    response = parse_head("HTTP/1.1 502 Bad Gateway\r\n\r\n");

  int status = std::stoi(response.start_line.substr(response.start_line.find(' ') + 1));
  auto reason_at = response.start_line.find(' ', response.start_line.find(' ') + 1);
  std::string reason = reason_at == std::string::npos ? "" : response.start_line.substr(reason_at + 1);
  bool success = status == 200 || status == 206;
  for (const char* hop : {"connection", "keep-alive", "transfer-encoding"}) erase_header(response.headers, hop);
  if (!is_head || (f.redirect_to_localhost && resolve_any && success)) erase_header(response.headers, "content-length");

  if (f.redirect_to_localhost && resolve_any && success && entry.host.starts_with("127.0.0.1")) {
    // As the Hub does for LFS files: a redirect carrying the file's metadata headers.
    status = 302;
    reason = "Found";
    response.body.clear();
    erase_header(response.headers, "content-range");
    erase_header(response.headers, "accept-ranges");
    response.headers.emplace_back("Location", localhost_url() + entry.target);
    response.headers.emplace_back("Content-Length", "0");
  } else if (!is_head) {
    bool forbid = false;
    if (f.forbid_once && resolve_get && success) {
      std::lock_guard lock(mutex_);
      forbid = !std::exchange(forbid_used_, true);
    }
    if (forbid) {
      status = 403;
      reason = "Forbidden";
      success = false;
      response.body = "expired";
      erase_header(response.headers, "content-range");
    }
    if (f.flip_byte_at && resolve_get && success) {
      int64_t start = 0;
      if (status == 206)
        start = std::stoll(find_header(response.headers, "content-range").value_or("bytes 0").substr(6));
      int64_t at = *f.flip_byte_at - start;
      if (at >= 0 && at < int64_t(response.body.size())) response.body[size_t(at)] ^= char(0xff);
    }
    response.headers.emplace_back("Content-Length", std::to_string(response.body.size()));
  }

  // Where to cut the body short, and whether to drop or stall there.
  size_t send_bytes = response.body.size();
  bool drop = false, stall = false;
  if (resolve_get && success && status != 302) {
    std::lock_guard lock(mutex_);
    if (f.drop_after && (f.drop_every_time || !drop_used_) && *f.drop_after < int64_t(send_bytes)) {
      drop = drop_used_ = true;
      send_bytes = size_t(*f.drop_after);
    } else if (f.stall_after && !stall_used_ && *f.stall_after < int64_t(send_bytes)) {
      stall = stall_used_ = true;
      send_bytes = size_t(*f.stall_after);
    }
  }
  std::string reply = "HTTP/1.1 " + std::to_string(status) + " " + reason + "\r\n";
  for (const auto& [k, v] : response.headers) reply += k + ": " + v + "\r\n";
  if (!keep_alive) reply += "Connection: close\r\n";
  reply += "\r\n";
  size_t body_sent =
      send_all(client.fd, reply.data(), reply.size()) ? send_some(client.fd, response.body.data(), send_bytes) : 0;
  bool sent = body_sent == send_bytes;
  log_response(index, status, int64_t(body_sent));
  if (stall) {
    // Keep the socket open and silent until the client gives up (or the proxy stops).
    pollfd p{client.fd, POLLIN, 0};
    char sink[4096];
    while (!stopping_)
      if (::poll(&p, 1, 100) > 0 && ::recv(client.fd, sink, sizeof sink, 0) <= 0) break;
  }
  return sent && keep_alive && !drop && !stall;
}

size_t FaultyProxy::log_request(ProxiedRequest request) {
  std::lock_guard lock(mutex_);
  log_.push_back(std::move(request));
  return log_.size() - 1;
}

void FaultyProxy::log_response(size_t index, int status, int64_t body_bytes) {
  std::lock_guard lock(mutex_);
  if (index < log_.size()) {  // clear_log may have run meanwhile
    log_[index].status = status;
    log_[index].body_bytes = body_bytes;
  }
  responded_.notify_all();
}

void FaultyProxy::set_faults(const ProxyFaults& faults) {
  std::lock_guard lock(mutex_);
  faults_ = faults;
  drop_used_ = stall_used_ = false;
}

std::vector<ProxiedRequest> FaultyProxy::requests() const {
  std::lock_guard lock(mutex_);
  return log_;
}

int FaultyProxy::count(const std::string& method, const std::string& needle) const {
  std::lock_guard lock(mutex_);
  return int(std::count_if(log_.begin(), log_.end(), [&](const ProxiedRequest& r) {
    return r.method == method && r.target.find(needle) != std::string::npos;
  }));
}

int64_t FaultyProxy::body_bytes(const std::string& method, const std::string& needle) const {
  std::unique_lock lock(mutex_);
  // The client may have read the whole body before the proxy thread that sent it logs the count.
  responded_.wait_for(lock, std::chrono::seconds(10), [&] {
    return std::all_of(log_.begin(), log_.end(), [](const ProxiedRequest& r) { return r.status != 0; });
  });
  int64_t total = 0;
  for (const auto& r : log_)
    if (r.method == method && r.target.find(needle) != std::string::npos) total += r.body_bytes;
  return total;
}

void FaultyProxy::clear_log() {
  std::lock_guard lock(mutex_);
  log_.clear();
}

}  // namespace hfhub::testing
