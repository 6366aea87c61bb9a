#include "server/stores/sibling_json.h"

#include <boost/json.hpp>

namespace hfhub::server {

std::string siblings_to_json(const std::vector<Sibling>& siblings) {
  boost::json::array arr;
  arr.reserve(siblings.size());
  for (auto& s : siblings) {
    boost::json::object o;
    o["rfilename"] = s.rfilename;
    if (s.size) o["size"] = *s.size;
    if (s.blob_id) o["blobId"] = *s.blob_id;
    if (s.lfs_sha256) o["lfs"] = {{"sha256", *s.lfs_sha256}, {"size", s.lfs_size.value_or(0)}};
    arr.push_back(std::move(o));
  }
  return boost::json::serialize(arr);
}

std::vector<Sibling> siblings_from_json(std::string_view text) {
  std::vector<Sibling> out;
  if (text.empty()) return out;
  auto v = boost::json::parse(text);
  for (auto& item : v.as_array()) {
    auto& o = item.as_object();
    Sibling s;
    s.rfilename = std::string(o.at("rfilename").as_string());
    if (auto* p = o.if_contains("size")) s.size = p->to_number<int64_t>();
    if (auto* p = o.if_contains("blobId")) s.blob_id = std::string(p->as_string());
    if (auto* p = o.if_contains("lfs")) {
      s.lfs_sha256 = std::string(p->at("sha256").as_string());
      s.lfs_size = p->at("size").to_number<int64_t>();
    }
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace hfhub::server
