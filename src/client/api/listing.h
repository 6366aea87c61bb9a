#pragma once
// Query strings of GET /api/models, /api/datasets, /api/spaces (docs/hub-behaviour.md#repo-listings), built like
// Python's list_models / list_datasets / list_spaces.
#include <string>
#include <string_view>

#include "client/http/url.h"
#include "hfhub/hf_api.h"

namespace hfhub::client {

// Python's snake_case sort names to the API's: last_modified -> lastModified,
// created_at -> createdAt, trending_score -> trendingScore; others unchanged.
std::string api_sort_name(std::string_view sort);

// Throw std::invalid_argument when `expand` is combined with full/config/card_data.
Query list_models_query(const ListModelsParams& p);
Query list_datasets_query(const ListDatasetsParams& p);
Query list_spaces_query(const ListSpacesParams& p);

}  // namespace hfhub::client
