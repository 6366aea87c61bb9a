// A pushed .gitattributes or .gitignore, and the paths preupload asks about: the first part of
// the input is the file, the rest (after a NUL) is one path per line. Wildmatch must stay
// bounded and answer for any pattern, including unterminated brackets and runs of '*'.
#include <cstdint>
#include <string>

#include "common/split.h"
#include "server/write/path_patterns.h"

using namespace hfhub;
using namespace hfhub::server;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  auto nul = input.find('\0');
  std::string_view file = input.substr(0, nul);
  std::string_view paths = nul == std::string_view::npos ? std::string_view{} : input.substr(nul + 1);

  auto attributes = GitAttributes::parse(file);
  auto ignore = GitIgnore::parse(file);
  int checked = 0;
  for (auto path : split(paths, '\n')) {
    if (++checked > 64) break;
    (void)attributes.is_lfs(path);
    (void)should_upload_as_lfs(attributes, path, int64_t(path.size()) * 1'000'000);
    (void)ignore.ignored(path, false);
    (void)ignore.ignored(path, true);
    // Each line of the file as a bare pattern, as wildmatch sees it after parsing.
    int patterns = 0;
    for (auto line : split(file, '\n')) {
      if (++patterns > 16) break;
      (void)wildmatch(line, path);
      (void)PathPattern(line).matches(path, false);
    }
  }
  return 0;
}
