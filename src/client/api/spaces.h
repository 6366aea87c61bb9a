#pragma once
// /api/spaces/{id}/variables, secrets, runtime, hardware, sleeptime, pause, restart, storage and
// /api/spaces/{id}/duplicate, as huggingface_hub calls them.
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "client/http/session.h"
#include "hfhub/spaces.h"
#include "hfhub/types.h"

namespace hfhub::client {

void add_space_secret(Session& s, std::string_view repo_id, std::string_view key, std::string_view value,
                      const std::optional<std::string>& description);
void delete_space_secret(Session& s, std::string_view repo_id, std::string_view key);
std::map<std::string, SpaceSecret> get_space_secrets(Session& s, std::string_view repo_id);
std::map<std::string, SpaceVariable> get_space_variables(Session& s, std::string_view repo_id);
std::map<std::string, SpaceVariable> add_space_variable(Session& s, std::string_view repo_id, std::string_view key,
                                                        std::string_view value,
                                                        const std::optional<std::string>& description);
std::map<std::string, SpaceVariable> delete_space_variable(Session& s, std::string_view repo_id, std::string_view key);

// POST (or GET for "runtime") /api/spaces/{id}/<action> with an optional JSON body.
SpaceRuntime space_runtime_call(Session& s, std::string_view method, std::string_view repo_id, std::string_view action,
                                const std::optional<boost::json::object>& body, std::string_view query = {});
RepoUrl duplicate_space(Session& s, std::string_view from_id, const DuplicateSpaceParams& params);

// Parsing, as Python's SpaceRuntime: `stage` required, `hardware` an object when present.
SpaceRuntime parse_space_runtime(const boost::json::value& value, std::string raw);

}  // namespace hfhub::client
