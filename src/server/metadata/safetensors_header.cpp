#include "server/metadata/safetensors_header.h"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

namespace hfhub::server {
namespace {

namespace json = boost::json;

SafetensorsHeaderResult failed(std::string error) {
  SafetensorsHeaderResult r;
  r.error = std::move(error);
  return r;
}

uint64_t read_le_u64(std::string_view bytes) {
  uint64_t n = 0;
  for (int i = 7; i >= 0; --i) n = (n << 8) | static_cast<unsigned char>(bytes[size_t(i)]);
  return n;
}

// Element count of one tensor entry, or an error text. Checked multiplication: the header is
// untrusted and a wrapped product would publish a nonsense parameter count.
std::optional<int64_t> element_count(const json::value& shape, std::string& error) {
  if (!shape.is_array()) {
    error = "\"shape\" is not a list";
    return std::nullopt;
  }
  int64_t count = 1;
  for (const json::value& dim : shape.get_array()) {
    int64_t d = -1;
    if (dim.is_int64())
      d = dim.get_int64();
    else if (dim.is_uint64() && dim.get_uint64() <= uint64_t(INT64_MAX))
      d = int64_t(dim.get_uint64());
    if (d < 0) {
      error = "a dimension is not a non-negative integer";
      return std::nullopt;
    }
    if (__builtin_mul_overflow(count, d, &count)) {
      error = "the element count overflows";
      return std::nullopt;
    }
  }
  return count;
}

}  // namespace

std::optional<uint64_t> safetensors_header_extent(std::string_view first_bytes) {
  if (first_bytes.size() < 8) return std::nullopt;
  uint64_t n = read_le_u64(first_bytes);
  if (n == 0 || n > kSafetensorsMaxHeaderBytes) return std::nullopt;
  return 8 + n;
}

SafetensorsHeaderResult parse_safetensors_header(std::string_view first_bytes) {
  if (first_bytes.size() < 8) return failed("shorter than the 8-byte header length");
  uint64_t n = read_le_u64(first_bytes);
  if (n == 0 || n > kSafetensorsMaxHeaderBytes)
    return failed("header length " + std::to_string(n) + " is outside 1.." +
                  std::to_string(kSafetensorsMaxHeaderBytes));
  if (first_bytes.size() - 8 < n) return failed("the header is cut short");

  boost::system::error_code ec;
  json::value header = json::parse(first_bytes.substr(8, size_t(n)), ec);
  if (ec) return failed("the header is not JSON: " + ec.message());
  if (!header.is_object()) return failed("the header is not a JSON object");

  SafetensorsHeaderResult r;
  for (const auto& [name, entry] : header.get_object()) {
    if (name == "__metadata__") continue;
    std::string where = "tensor \"" + std::string(name) + "\": ";
    if (!entry.is_object()) return failed(where + "not an object");
    const json::value* dtype = entry.get_object().if_contains("dtype");
    if (!dtype || !dtype->is_string() || dtype->get_string().empty()) return failed(where + "no \"dtype\"");
    const json::value* shape = entry.get_object().if_contains("shape");
    if (!shape) return failed(where + "no \"shape\"");
    std::string error;
    auto count = element_count(*shape, error);
    if (!count) return failed(where + error);
    int64_t& per_dtype = r.counts.parameters[std::string(dtype->get_string())];
    if (__builtin_add_overflow(per_dtype, *count, &per_dtype) ||
        __builtin_add_overflow(r.counts.total, *count, &r.counts.total))
      return failed("the parameter count overflows");
  }
  r.ok = true;
  return r;
}

}  // namespace hfhub::server
