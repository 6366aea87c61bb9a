#pragma once
// Whole-buffer reads and writes on a descriptor. Every call retries EINTR and carries on after a
// short transfer, so callers never write those loops. The overloads taking an std::error_code
// report a failure there (errno, generic category) and never throw; the others throw
// std::system_error.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <system_error>

namespace hfhub {

void write_all(int fd, std::string_view data, std::error_code& ec) noexcept;
void write_all(int fd, std::string_view data);
// At `offset`, leaving the file position alone.
void pwrite_all(int fd, std::string_view data, int64_t offset, std::error_code& ec) noexcept;

// Up to `size` bytes from `offset`; fewer only at end of file. Returns how many were read (on an
// error, how many were read before it).
size_t pread_all(int fd, char* buf, size_t size, int64_t offset, std::error_code& ec) noexcept;
size_t pread_all(int fd, char* buf, size_t size, int64_t offset);

// One read(2), for callers that stream a file chunk by chunk: 0 at end of file.
size_t read_some(int fd, char* buf, size_t size, std::error_code& ec) noexcept;
size_t read_some(int fd, char* buf, size_t size);

// Everything up to end of file, at most `max_bytes` (on an error, what was read before it).
std::string read_to_eof(int fd, std::error_code& ec, size_t max_bytes = SIZE_MAX);
std::string read_to_eof(int fd, size_t max_bytes = SIZE_MAX);

}  // namespace hfhub
