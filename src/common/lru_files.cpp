#include "common/lru_files.h"

#include <algorithm>
#include <vector>

namespace hfhub {

namespace fs = std::filesystem;

void trim_lru_files(const fs::path& root, int64_t max_bytes, const std::function<bool(const fs::path&)>& counts,
                    const fs::path& keep) {
  struct Item {
    fs::file_time_type used;
    uint64_t size;
    fs::path path;
  };
  std::vector<Item> items;
  uint64_t total = 0;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(root, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    if (!it->is_regular_file(ec) || !counts(it->path())) continue;
    Item item{it->last_write_time(ec), it->file_size(ec), it->path()};
    total += item.size;
    items.push_back(std::move(item));
  }
  if (total <= uint64_t(std::max<int64_t>(max_bytes, 0))) return;
  std::sort(items.begin(), items.end(), [](const Item& a, const Item& b) { return a.used < b.used; });
  for (const Item& item : items) {
    if (total <= uint64_t(max_bytes)) break;
    if (item.path == keep) continue;
    if (fs::remove(item.path, ec)) total -= item.size;
  }
}

}  // namespace hfhub
