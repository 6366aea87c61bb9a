#pragma once
// An append-only JSON text builder for hot responses. Unlike building a boost::json::value it
// copies stored JSON fragments straight through (raw()), which keeps a 50-item listing page
// free of parse-and-reserialize work. Commas between members and elements are automatic.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace hfhub {

class JsonWriter {
 public:
  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  JsonWriter& key(std::string_view k);
  JsonWriter& value(std::string_view s);
  JsonWriter& value(const char* s) { return value(std::string_view(s)); }
  JsonWriter& value(int64_t v);
  JsonWriter& value(int v) { return value(int64_t(v)); }
  JsonWriter& value(double v);
  JsonWriter& value(bool v);
  JsonWriter& null();
  // A fragment that is already valid JSON (an object, array, number ...).
  JsonWriter& raw(std::string_view json);

  const std::string& str() const { return out_; }
  std::string take() { return std::move(out_); }
  void reserve(size_t n) { out_.reserve(n); }

 private:
  void separate();
  std::string out_;
  std::vector<bool> first_;  // per open container: nothing written into it yet
  bool after_key_ = false;
};

void append_json_string(std::string& out, std::string_view s);

}  // namespace hfhub
