#pragma once
// The parameters of one PostgreSQL statement, sent in text format (bytea in binary): each add()
// appends $N+1, so `PgParams().add(id).add(name)` binds $1 and $2.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hfhub::server {

class PgParams {
 public:
  PgParams() = default;
  // PgParams::of(a, b, c): each value as add() takes it.
  template <class... T>
  static PgParams of(const T&... values) {
    PgParams p;
    (p.add(values), ...);
    return p;
  }

  PgParams& add(int64_t v);
  PgParams& add(int v) { return add(int64_t(v)); }
  PgParams& add(uint64_t v) { return add(int64_t(v)); }
  PgParams& add(double v);  // shortest text that reads back to the same double
  PgParams& add(bool v);
  PgParams& add(std::string_view v);
  PgParams& add(const std::string& v) { return add(std::string_view(v)); }
  PgParams& add(const char* v) { return add(std::string_view(v)); }
  PgParams& add(const std::optional<std::string>& v);
  PgParams& add(const std::optional<int64_t>& v);
  PgParams& add_null();
  // A text[] parameter (cast it in SQL: $1::text[]), so a list of any length is one statement.
  PgParams& add_text_array(const std::vector<std::string>& items);
  // Raw bytes for a bytea parameter (sent in binary format, so no escaping).
  PgParams& add_bytes(std::string_view bytes);

  int size() const { return int(values_.size()); }
  // Arrays for PQexecPrepared/PQexecParams; valid while this object lives and is not changed.
  std::vector<const char*> values() const;
  std::vector<int> lengths() const;
  std::vector<int> formats() const;

 private:
  std::vector<std::optional<std::string>> values_;
  std::vector<int> formats_;  // 0 text, 1 binary
};

}  // namespace hfhub::server
