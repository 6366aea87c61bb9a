// A pipe body of known length (what Xet reconstructions use): sent with Content-Length instead of
// chunked, HEAD answers the length alone, and a pipe that ends short closes the connection.
#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <string>
#include <thread>

#include "common/posix_io.h"
#include "server/http/http_server.h"

namespace hfhub::server {
namespace {

// A server whose every request is answered by a pipe a thread fills with `written` bytes,
// announcing `announced`.
class PipeServer {
 public:
  PipeServer(int64_t announced, size_t written) {
    HttpServerOptions o;
    o.port = 0;
    o.threads = 1;
    o.workers = 1;
    o.bulk_workers = 1;
    o.access_log = AccessLog::Off;
    server_ = std::make_unique<HttpServer>(o, [announced, written](Request&) {
      Admission a;
      a.handle = [announced, written](Request&) {
        int fds[2];
        EXPECT_EQ(::pipe(fds), 0);
        std::thread([fd = fds[1], written] {
          std::error_code ec;
          write_all(fd, std::string(written, 'x'), ec);
          ::close(fd);
        }).detach();
        Response r;
        r.stream = std::make_shared<PipeStream>();
        r.stream->file = FileHandle(fds[0]);
        r.stream->length = announced;
        return r;
      };
      return a;
    });
    thread_ = std::thread([this] { server_->run(); });
  }
  ~PipeServer() {
    server_->stop();
    thread_.join();
  }
  uint16_t port() const { return server_->port(); }

 private:
  std::unique_ptr<HttpServer> server_;
  std::thread thread_;
};

// Sends one request and reads until the server closes the connection.
std::string exchange(uint16_t port, const std::string& request) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  EXPECT_EQ(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  write_all(fd, request);
  std::string out;
  char buf[65536];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n <= 0) break;
    out.append(buf, size_t(n));
  }
  ::close(fd);
  return out;
}

TEST(PipeStreamLength, SentWithContentLength) {
  PipeServer server(300000, 300000);
  auto out = exchange(server.port(), "GET /f HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  auto end = out.find("\r\n\r\n");
  ASSERT_NE(end, std::string::npos);
  auto head = out.substr(0, end);
  EXPECT_NE(head.find("Content-Length: 300000"), std::string::npos) << head;
  EXPECT_EQ(head.find("chunked"), std::string::npos) << head;
  EXPECT_EQ(out.size() - end - 4, 300000u);
}

TEST(PipeStreamLength, HeadSendsTheLengthOnly) {
  PipeServer server(1234, 1234);
  auto out = exchange(server.port(), "HEAD /f HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_NE(out.find("Content-Length: 1234"), std::string::npos) << out;
  EXPECT_EQ(out.size(), out.find("\r\n\r\n") + 4);
}

TEST(PipeStreamLength, AShortPipeClosesTheConnection) {
  PipeServer server(100000, 5000);
  // Keep-alive asked for: only the close tells the client the body is incomplete.
  auto out = exchange(server.port(), "GET /f HTTP/1.1\r\nHost: x\r\n\r\n");
  auto end = out.find("\r\n\r\n");
  ASSERT_NE(end, std::string::npos);
  EXPECT_EQ(out.size() - end - 4, 5000u);
}

}  // namespace
}  // namespace hfhub::server
