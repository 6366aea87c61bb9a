#pragma once
// RepoType and RepoId are part of libhfhub's public API, so they live in include/hfhub/;
// this header keeps the server's and common's includes unchanged.
#include "hfhub/repo_id.h"
