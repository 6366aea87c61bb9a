#pragma once
// Git LFS pointer files: what git stores in place of a large file's content.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace hfhub {

struct LfsPointer {
  std::string oid;  // sha256 of the content, lowercase hex
  int64_t size = 0;
};

// Pointers are small; anything larger is not worth parsing.
constexpr size_t kMaxLfsPointerSize = 1024;

// Parses the spec v1 format ("version https://git-lfs.github.com/spec/v1\noid sha256:..\nsize N\n").
std::optional<LfsPointer> parse_lfs_pointer(std::string_view blob);
// The canonical pointer text git-lfs itself writes.
std::string format_lfs_pointer(const LfsPointer& pointer);
bool is_sha256_hex(std::string_view text);  // 64 lowercase hex digits

}  // namespace hfhub
