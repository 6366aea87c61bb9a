#include "server/stores/postgres/pg_params.h"

#include <charconv>

namespace hfhub::server {

PgParams& PgParams::add(int64_t v) {
  values_.emplace_back(std::to_string(v));
  formats_.push_back(0);
  return *this;
}

PgParams& PgParams::add(double v) {
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  values_.emplace_back(std::string(buf, end));
  formats_.push_back(0);
  return *this;
}

PgParams& PgParams::add(bool v) {
  values_.emplace_back(v ? "t" : "f");
  formats_.push_back(0);
  return *this;
}

PgParams& PgParams::add(std::string_view v) {
  values_.emplace_back(std::string(v));
  formats_.push_back(0);
  return *this;
}

PgParams& PgParams::add(const std::optional<std::string>& v) { return v ? add(std::string_view(*v)) : add_null(); }
PgParams& PgParams::add(const std::optional<int64_t>& v) { return v ? add(*v) : add_null(); }

PgParams& PgParams::add_null() {
  values_.emplace_back(std::nullopt);
  formats_.push_back(0);
  return *this;
}

PgParams& PgParams::add_text_array(const std::vector<std::string>& items) {
  // The array literal {"a","b"}: every element quoted, with " and \ escaped by \.
  std::string literal = "{";
  for (size_t i = 0; i < items.size(); ++i) {
    literal += i ? ",\"" : "\"";
    for (char ch : items[i]) {
      if (ch == '"' || ch == '\\') literal += '\\';
      literal += ch;
    }
    literal += '"';
  }
  values_.emplace_back(literal + "}");
  formats_.push_back(0);
  return *this;
}

PgParams& PgParams::add_bytes(std::string_view bytes) {
  values_.emplace_back(std::string(bytes));
  formats_.push_back(1);
  return *this;
}

std::vector<const char*> PgParams::values() const {
  std::vector<const char*> out;
  out.reserve(values_.size());
  for (auto& v : values_) out.push_back(v ? v->c_str() : nullptr);
  return out;
}

std::vector<int> PgParams::lengths() const {
  std::vector<int> out;
  out.reserve(values_.size());
  for (auto& v : values_) out.push_back(v ? int(v->size()) : 0);
  return out;
}

std::vector<int> PgParams::formats() const { return formats_; }

}  // namespace hfhub::server
