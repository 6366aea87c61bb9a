#pragma once
// The verification of migrate-store (pg_metadata_copy.h): each row, read back from either database,
// is written in one canonical form (typed by the table map, never by how a side prints it), hashed
// with SHA-256, and the hashes are summed. The sum does not depend on row order, so neither side
// needs an ORDER BY, whose text collations differ between SQLite and PostgreSQL; with the row
// count beside it, a changed, lost, duplicated or added row changes the result.
#include <cstdint>
#include <string>
#include <string_view>

namespace hfhub::server {

// One row's canonical form: each value tagged with its kind, and text and bytes length-prefixed,
// so no two different rows can read the same.
class CanonicalRow {
 public:
  void null() { out_ += 'N'; }
  void integer(int64_t v);
  void real(double v);  // the shortest text that reads back to the same double
  void text(std::string_view v) { tagged('t', v); }
  void bytes(std::string_view v) { tagged('b', v); }
  std::string_view view() const { return out_; }
  void clear() { out_.clear(); }

 private:
  void tagged(char tag, std::string_view v);
  std::string out_;
};

class TableChecksum {
 public:
  void add(const CanonicalRow& row);
  int64_t rows() const { return rows_; }
  // The sum as 32 hex digits.
  std::string hex() const;

 private:
  uint64_t lanes_[2] = {0, 0};  // the first 16 bytes of each row's SHA-256, summed per 8 bytes
  int64_t rows_ = 0;
};

}  // namespace hfhub::server
