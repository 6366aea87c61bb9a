#include "client/util/atomic_file.h"

#include <fstream>
#include <sstream>
#include <system_error>

#include "common/atomic_write.h"
#include "hfhub/errors.h"

namespace hfhub::client {

namespace fs = std::filesystem;

void write_file_atomic(const fs::path& path, std::string_view content, fs::perms mode) {
  std::error_code ec;
  if (path.has_parent_path()) fs::create_directories(path.parent_path(), ec);
  try {
    hfhub::write_file_atomic(path, content, unsigned(mode));
  } catch (const std::system_error& e) {
    throw HfHubError("Cannot write " + path.string() + ": " + e.what());
  }
}

std::optional<std::string> read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace hfhub::client
