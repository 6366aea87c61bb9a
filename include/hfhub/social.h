#pragma once
// Likes (docs/client.md#likes-users-and-organizations): Python's UserLikes. The user and organization
// overviews use User and Organization (hfhub/types.h).
#include <cstdint>
#include <string>
#include <vector>

namespace hfhub {

// list_liked_repos: the repo ids a user likes, by type.
struct UserLikes {
  std::string user;
  int64_t total = 0;
  std::vector<std::string> datasets;
  std::vector<std::string> kernels;
  std::vector<std::string> models;
  std::vector<std::string> spaces;
};

}  // namespace hfhub
