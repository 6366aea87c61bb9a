#pragma once
// A sharded safetensors model at a glance, for GET /api/models/{id}/safetensors-metadata/{index}
// (Python ≥ 2's get_sharded_safetensors_metadata): the index file and every shard's header, read
// from the first bytes of each shard, so a client learns a 100-shard model in one request.
#include <boost/json/value.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "server/content/repo_read_service.h"

namespace hfhub::server {

struct ShardedSafetensors {
  boost::json::value index;  // the index file, parsed (checked once, here)
  // Each shard the index's weight_map names (once, sorted), with its header: a JSON object.
  std::vector<std::pair<std::string, boost::json::value>> headers;
};

// At `main`, as the Hub answers. EntryNotFound when the index or a shard is missing;
// UnprocessableParameter when the index or a header is not what the format says.
ShardedSafetensors sharded_safetensors(RepoReadService& reads, const Caller& caller, std::string_view id,
                                       const std::string& index_path);

}  // namespace hfhub::server
