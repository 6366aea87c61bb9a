#include "common/posix_io.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>

namespace hfhub {

namespace {

std::error_code last_error() { return std::error_code(errno, std::generic_category()); }

void throw_if(const std::error_code& ec, const char* what) {
  if (ec) throw std::system_error(ec, what);
}

}  // namespace

void write_all(int fd, std::string_view data, std::error_code& ec) noexcept {
  ec.clear();
  while (!data.empty()) {
    ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      ec = last_error();
      return;
    }
    data.remove_prefix(size_t(n));
  }
}

void write_all(int fd, std::string_view data) {
  std::error_code ec;
  write_all(fd, data, ec);
  throw_if(ec, "write");
}

void pwrite_all(int fd, std::string_view data, int64_t offset, std::error_code& ec) noexcept {
  ec.clear();
  while (!data.empty()) {
    ssize_t n = ::pwrite(fd, data.data(), data.size(), off_t(offset));
    if (n < 0) {
      if (errno == EINTR) continue;
      ec = last_error();
      return;
    }
    data.remove_prefix(size_t(n));
    offset += n;
  }
}

size_t pread_all(int fd, char* buf, size_t size, int64_t offset, std::error_code& ec) noexcept {
  ec.clear();
  size_t done = 0;
  while (done < size) {
    ssize_t n = ::pread(fd, buf + done, size - done, off_t(offset + int64_t(done)));
    if (n < 0) {
      if (errno == EINTR) continue;
      ec = last_error();
      break;
    }
    if (n == 0) break;
    done += size_t(n);
  }
  return done;
}

size_t pread_all(int fd, char* buf, size_t size, int64_t offset) {
  std::error_code ec;
  size_t n = pread_all(fd, buf, size, offset, ec);
  throw_if(ec, "pread");
  return n;
}

size_t read_some(int fd, char* buf, size_t size, std::error_code& ec) noexcept {
  ec.clear();
  for (;;) {
    ssize_t n = ::read(fd, buf, size);
    if (n >= 0) return size_t(n);
    if (errno != EINTR) {
      ec = last_error();
      return 0;
    }
  }
}

size_t read_some(int fd, char* buf, size_t size) {
  std::error_code ec;
  size_t n = read_some(fd, buf, size, ec);
  throw_if(ec, "read");
  return n;
}

std::string read_to_eof(int fd, std::error_code& ec, size_t max_bytes) {
  std::string out;
  char buf[65536];
  while (out.size() < max_bytes) {
    size_t n = read_some(fd, buf, std::min(sizeof buf, max_bytes - out.size()), ec);
    if (ec || n == 0) break;
    out.append(buf, n);
  }
  return out;
}

std::string read_to_eof(int fd, size_t max_bytes) {
  std::error_code ec;
  auto out = read_to_eof(fd, ec, max_bytes);
  throw_if(ec, "read");
  return out;
}

}  // namespace hfhub
