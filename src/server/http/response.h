#pragma once
// An HTTP response as handlers build it.
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/file_handle.h"

namespace hfhub::server {

// Part of an open file, sent with sendfile(2): file bytes never pass through user space.
struct FileSlice {
  std::shared_ptr<FileHandle> file;
  int64_t offset = 0;
  int64_t length = 0;
};

// A body another process or thread writes (git, a Xet reconstruction), read from a pipe as it
// comes. Sent chunked, or with Content-Length when `length` is known: the writer then owes
// exactly that many bytes, and a pipe that ends early closes the connection (the client sees a
// short body, never a complete-looking wrong one). `finish` runs once the stream ended or the
// client went away (reaps the process, stops the producer).
struct PipeStream {
  FileHandle file;  // the transport reads it, then closes it
  std::function<void()> finish;
  std::optional<int64_t> length;
};

struct Response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  // At most one of these replaces `body`.
  std::optional<FileSlice> file;
  std::shared_ptr<PipeStream> stream;

  static Response json(std::string body, int status = 200);
  static Response text(std::string body, int status = 200);
  Response& set(std::string name, std::string value);
  // The first value of a header, or empty.
  std::string_view header(std::string_view name) const;
};

class DomainError;
// The JSON error body and headers the Hub clients parse (docs/hub-behaviour.md#error-bodies).
Response error_response(const DomainError& e);

}  // namespace hfhub::server
