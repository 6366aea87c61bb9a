#pragma once
// The bytes of a request body without copying them: Request::body when it came in memory, else
// the spooled file mapped read-only (a commit of thousands of files is parsed straight from the
// file; a 64 MiB xorb is hashed from the page cache).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "server/http/request.h"

namespace hfhub::server {

class BodyText {
 public:
  // PayloadTooLarge when the spooled body exceeds `limit`; std::system_error when it cannot be mapped.
  BodyText(const Request& request, int64_t limit);
  ~BodyText();
  BodyText(const BodyText&) = delete;
  BodyText& operator=(const BodyText&) = delete;

  std::string_view text() const { return text_; }

 private:
  void* map_ = nullptr;
  size_t size_ = 0;
  std::string_view text_;
};

}  // namespace hfhub::server
