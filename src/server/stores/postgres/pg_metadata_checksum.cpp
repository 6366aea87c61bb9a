#include "server/stores/postgres/pg_metadata_checksum.h"

#include <openssl/sha.h>

#include <charconv>
#include <cstdio>
#include <cstring>

namespace hfhub::server {

void CanonicalRow::integer(int64_t v) {
  out_ += 'i';
  out_ += std::to_string(v);
  out_ += ';';
}

void CanonicalRow::real(double v) {
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  out_ += 'r';
  out_.append(buf, end);
  out_ += ';';
}

void CanonicalRow::tagged(char tag, std::string_view v) {
  out_ += tag;
  out_ += std::to_string(v.size());
  out_ += ':';
  out_ += v;
}

void TableChecksum::add(const CanonicalRow& row) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  auto view = row.view();
  SHA256(reinterpret_cast<const unsigned char*>(view.data()), view.size(), digest);
  for (int lane = 0; lane < 2; ++lane) {
    uint64_t v;
    std::memcpy(&v, digest + 8 * lane, 8);
    lanes_[lane] += v;  // wraps: a sum modulo 2^64 per lane
  }
  ++rows_;
}

std::string TableChecksum::hex() const {
  char buf[33];
  std::snprintf(buf, sizeof buf, "%016llx%016llx", (unsigned long long)lanes_[0], (unsigned long long)lanes_[1]);
  return buf;
}

}  // namespace hfhub::server
