#include "server/stores/postgres/pg_result.h"

#include <charconv>
#include <cstdlib>

#include "server/stores/store_error.h"

namespace hfhub::server {

PgResult& PgResult::operator=(PgResult&& o) noexcept {
  if (this != &o) {
    PQclear(r_);
    r_ = o.r_;
    o.r_ = nullptr;
  }
  return *this;
}

int64_t PgResult::affected() const {
  const char* n = r_ ? PQcmdTuples(r_) : "";
  return *n ? std::strtoll(n, nullptr, 10) : 0;
}

bool PgRow::is_null(int col) const { return PQgetisnull(result_.get(), row_, col) != 0; }

std::string_view PgRow::text_view(int col) const {
  auto* r = result_.get();
  return std::string_view(PQgetvalue(r, row_, col), size_t(PQgetlength(r, row_, col)));
}

std::optional<std::string> PgRow::optional_text(int col) const {
  if (is_null(col)) return std::nullopt;
  return text(col);
}

std::optional<std::string_view> PgRow::optional_text_view(int col) const {
  if (is_null(col)) return std::nullopt;
  return text_view(col);
}

int64_t PgRow::int64(int col) const {
  auto v = text_view(col);
  int64_t n = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (ec != std::errc{} || p != v.data() + v.size())
    throw StoreError("postgres: column " + std::to_string(col) + " is not an integer: " + std::string(v));
  return n;
}

std::optional<int64_t> PgRow::optional_int64(int col) const {
  if (is_null(col)) return std::nullopt;
  return int64(col);
}

double PgRow::real(int col) const {
  // from_chars: locale-independent, and it reads PostgreSQL's "Infinity" and "NaN" too.
  auto v = text_view(col);
  double d = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), d);
  if (ec != std::errc{}) throw StoreError("postgres: column " + std::to_string(col) + " is not a number");
  return d;
}

bool PgRow::boolean(int col) const {
  auto v = text_view(col);
  return !v.empty() && v[0] == 't';
}

std::string PgRow::bytes(int col) const {
  if (is_null(col)) return {};
  size_t n = 0;
  unsigned char* raw =
      PQunescapeBytea(reinterpret_cast<const unsigned char*>(PQgetvalue(result_.get(), row_, col)), &n);
  if (!raw) throw StoreError("postgres: cannot decode a bytea column");
  std::string out(reinterpret_cast<const char*>(raw), n);
  PQfreemem(raw);
  return out;
}

}  // namespace hfhub::server
