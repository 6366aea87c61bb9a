#include "common/lfs_pointer.h"

#include <charconv>

#include "common/hash.h"

namespace hfhub {

namespace {
constexpr std::string_view kVersionLine = "version https://git-lfs.github.com/spec/v1";

}  // namespace

bool is_sha256_hex(std::string_view text) { return text.size() == 64 && is_lower_hex(text); }

std::optional<LfsPointer> parse_lfs_pointer(std::string_view blob) {
  if (blob.size() > kMaxLfsPointerSize || !blob.starts_with(kVersionLine)) return std::nullopt;
  LfsPointer p;
  bool have_oid = false, have_size = false;
  size_t pos = 0;
  while (pos < blob.size()) {
    size_t end = blob.find('\n', pos);
    if (end == std::string_view::npos) end = blob.size();
    auto line = blob.substr(pos, end - pos);
    pos = end + 1;
    if (line.starts_with("oid sha256:")) {
      auto oid = line.substr(11);
      if (!is_sha256_hex(oid)) return std::nullopt;
      p.oid = std::string(oid);
      have_oid = true;
    } else if (line.starts_with("size ")) {
      auto digits = line.substr(5);
      auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), p.size);
      if (ec != std::errc() || ptr != digits.data() + digits.size() || p.size < 0) return std::nullopt;
      have_size = true;
    }
  }
  if (!have_oid || !have_size) return std::nullopt;
  return p;
}

std::string format_lfs_pointer(const LfsPointer& pointer) {
  return std::string(kVersionLine) + "\noid sha256:" + pointer.oid + "\nsize " + std::to_string(pointer.size) + "\n";
}

}  // namespace hfhub
