// The opaque `cursor` of GET /api/{type}?cursor=...: any text a client sends is either refused or
// decodes to a keyset position this server could have written, which must encode back to a
// cursor that decodes to the same position.
#include <cmath>
#include <cstdint>
#include <string>

#include "common/object_id.h"
#include "fuzz_check.h"
#include "server/catalog/list_cursor.h"

using namespace hfhub;
using namespace hfhub::server;
using hfhub::fuzz::check;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  for (RepoSort sort :
       {RepoSort::CreatedAt, RepoSort::LastModified, RepoSort::Downloads, RepoSort::Likes, RepoSort::TrendingScore}) {
    auto position = decode_list_cursor(text, sort);
    if (!position) continue;
    check(is_object_id(position->object_id), "a decoded cursor has a bad _id");
    // Only a value the store can hold is re-encoded (an integer key holds an int64; trending a
    // finite double); the decoder itself passes the value to SQLite as a bound double.
    double v = position->sort_value;
    bool storable =
        sort == RepoSort::TrendingScore ? std::isfinite(v) : (v >= -9.2e18 && v <= 9.2e18 && v == std::floor(v));
    if (!storable) continue;
    auto again = decode_list_cursor(encode_list_cursor(sort, *position), sort);
    check(again && again->object_id == position->object_id, "a cursor does not round-trip its _id");
    check(again->sort_value == v, "a cursor does not round-trip its sort value");
  }
  return 0;
}
