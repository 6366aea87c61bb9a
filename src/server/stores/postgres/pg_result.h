#pragma once
// An owned PGresult (text format) and typed reads of its rows: result.row(i).int64(0).
#include <libpq-fe.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace hfhub::server {

class PgResult;

// One row of a result; valid while the result lives.
class PgRow {
 public:
  PgRow(const PgResult& result, int row) : result_(result), row_(row) {}
  bool is_null(int col) const;
  // A view into the result's copy: no allocation per field.
  std::string_view text_view(int col) const;
  std::string text(int col) const { return std::string(text_view(col)); }
  std::optional<std::string> optional_text(int col) const;
  std::optional<std::string_view> optional_text_view(int col) const;
  int64_t int64(int col) const;  // throws StoreError when the field is not an integer
  std::optional<int64_t> optional_int64(int col) const;
  double real(int col) const;
  bool boolean(int col) const;       // a boolean column ("t"/"f")
  std::string bytes(int col) const;  // a bytea column, decoded

 private:
  const PgResult& result_;
  int row_;
};

class PgResult {
 public:
  PgResult() = default;
  explicit PgResult(PGresult* r) : r_(r) {}
  ~PgResult() { PQclear(r_); }
  PgResult(PgResult&& o) noexcept : r_(o.r_) { o.r_ = nullptr; }
  PgResult& operator=(PgResult&& o) noexcept;
  PgResult(const PgResult&) = delete;
  PgResult& operator=(const PgResult&) = delete;

  int rows() const { return r_ ? PQntuples(r_) : 0; }
  bool empty() const { return rows() == 0; }
  PgRow row(int i) const { return PgRow(*this, i); }
  // Rows an INSERT, UPDATE or DELETE touched.
  int64_t affected() const;
  const PGresult* get() const { return r_; }

 private:
  PGresult* r_ = nullptr;
};

}  // namespace hfhub::server
