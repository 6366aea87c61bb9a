#include "server/stores/postgres/pg_copy.h"

#include <charconv>

namespace hfhub::server {

void PgCopyRows::separate() {
  if (!at_row_start_) data_ += '\t';
  at_row_start_ = false;
}

PgCopyRows& PgCopyRows::field(std::string_view text) {
  separate();
  for (char c : text) {
    switch (c) {
      case '\\':
        data_ += "\\\\";
        break;
      case '\t':
        data_ += "\\t";
        break;
      case '\n':
        data_ += "\\n";
        break;
      case '\r':
        data_ += "\\r";
        break;
      default:
        data_ += c;
    }
  }
  return *this;
}

PgCopyRows& PgCopyRows::field(const std::optional<std::string>& text) {
  return text ? field(std::string_view(*text)) : null();
}

PgCopyRows& PgCopyRows::field(int64_t v) {
  separate();
  data_ += std::to_string(v);
  return *this;
}

PgCopyRows& PgCopyRows::field(double v) {
  separate();
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  data_.append(buf, end);
  return *this;
}

PgCopyRows& PgCopyRows::field(bool v) {
  separate();
  data_ += v ? 't' : 'f';
  return *this;
}

PgCopyRows& PgCopyRows::null() {
  separate();
  data_ += "\\N";
  return *this;
}

void PgCopyRows::end_row() {
  data_ += '\n';
  ++rows_;
  at_row_start_ = true;
}

}  // namespace hfhub::server
