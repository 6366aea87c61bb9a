#pragma once
// Indexes a xorb as its bytes arrive (docs/xet.md#xorbs): a server can check an upload while it
// streams it to storage, holding at most one chunk record (<= 256 KiB) instead of the whole
// 64 MiB xorb. index_xorb is this over one buffer; both give the same index and the same errors.
#include <string>
#include <string_view>
#include <vector>

#include "common/xet/xorb_format.h"

namespace hfhub::xet {

class XorbIndexer {
 public:
  // Throws FormatError as soon as the bytes so far cannot start a valid xorb.
  void feed(std::string_view bytes);
  // The index, once every byte was fed. Throws FormatError on a truncated record or no chunks.
  XorbIndex finish();

 private:
  size_t consume(std::string_view bytes);
  size_t record_size(std::string_view head) const;
  void add_record(std::string_view record);

  XorbIndex index_;
  std::vector<HashedSize> hashed_;
  std::string partial_;  // the start of a record split across feeds
  std::string chunk_;    // decode buffer, reused
  uint64_t seen_ = 0;    // every byte fed, footer included
  bool footer_ = false;  // reached the XETBLOB footer: the rest is ignored
};

}  // namespace hfhub::xet
