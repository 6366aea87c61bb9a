#pragma once
// A Beast body type that writes the request body to a file and hashes it as it arrives.
// Only the session (http_session.h) includes this (Beast stays out of the other layers).
#include <fcntl.h>
#include <unistd.h>

#include <boost/beast/core/buffers_range.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/optional.hpp>
#include <cerrno>
#include <cstdint>
#include <memory>
#include <string>

#include "common/file_handle.h"
#include "common/hash.h"
#include "common/posix_io.h"
#include "server/http/spool_space.h"

namespace hfhub::server {

struct SpoolFileBody {
  static constexpr int64_t kWritebackChunk = 8 << 20;

  struct value_type {
    FileHandle file;
    int64_t size = 0;
    int64_t flushed = 0;  // bytes already handed to writeback
    int64_t reserve = 0;  // free space the spool must leave on its filesystem
    std::unique_ptr<Sha256Stream> sha256;
  };

  class reader {
   public:
    template <bool isRequest, class Fields>
    reader(boost::beast::http::header<isRequest, Fields>&, value_type& body) : body_(body) {}

    void init(const boost::optional<std::uint64_t>&, boost::beast::error_code& ec) { ec = {}; }

    template <class ConstBufferSequence>
    std::size_t put(const ConstBufferSequence& buffers, boost::beast::error_code& ec) {
      std::size_t total = 0;
      for (auto b : boost::beast::buffers_range_ref(buffers)) {
        auto* p = static_cast<const char*>(b.data());
        std::size_t left = b.size();
        body_.sha256->update(p, left);
        std::error_code write_error;
        write_all(body_.file.fd(), {p, left}, write_error);
        if (write_error) {
          ec = boost::beast::error_code(write_error.value(), boost::system::generic_category());
          return total;
        }
        total += b.size();
        body_.size += int64_t(b.size());
      }
      // Start writeback as the body arrives, so the fsync before the object is stored finds
      // little left to write (it would otherwise flush the whole upload at the end).
      if (body_.size - body_.flushed >= kWritebackChunk) {
        ::sync_file_range(body_.file.fd(), body_.flushed, body_.size - body_.flushed, SYNC_FILE_RANGE_WRITE);
        body_.flushed = body_.size;
        // A body of unknown length is checked as it grows, one writeback chunk at a time.
        if (!leaves_reserve(available_bytes(body_.file.fd()), 0, body_.reserve)) {
          ec = boost::beast::error_code(ENOSPC, boost::system::generic_category());
          return total;
        }
      }
      ec = {};
      return total;
    }

    void finish(boost::beast::error_code& ec) { ec = {}; }

   private:
    value_type& body_;
  };
};

}  // namespace hfhub::server
