#pragma once
// Rows in COPY's text format, built in memory for PgConnection::copy_in: fields separated by tabs,
// rows by newlines, NULL as \N, and backslash, tab, newline and carriage return escaped.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace hfhub::server {

class PgCopyRows {
 public:
  PgCopyRows& field(std::string_view text);
  // Spelled out: a const char* would otherwise bind to field(bool).
  PgCopyRows& field(const char* text) { return field(std::string_view(text)); }
  PgCopyRows& field(const std::string& text) { return field(std::string_view(text)); }
  PgCopyRows& field(const std::optional<std::string>& text);
  PgCopyRows& field(int64_t v);
  PgCopyRows& field(int v) { return field(int64_t(v)); }
  PgCopyRows& field(double v);
  PgCopyRows& field(bool v);
  PgCopyRows& null();
  void end_row();

  const std::string& data() const { return data_; }
  size_t rows() const { return rows_; }
  void clear() {
    data_.clear();
    rows_ = 0;
    at_row_start_ = true;
  }

 private:
  void separate();

  std::string data_;
  size_t rows_ = 0;
  bool at_row_start_ = true;
};

}  // namespace hfhub::server
