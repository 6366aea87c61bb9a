#pragma once
// The JSON of the compute APIs (docs/compute.md): request pieces and the parsers of the Hub's
// documented answers, as Python's JobInfo, ScheduledJobInfo, InferenceEndpoint.from_raw and
// InferenceCatalogModel.from_raw read them (camelCase, tolerant of missing optional fields).
#include <boost/json.hpp>

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "hfhub/compute.h"

namespace hfhub::client {

boost::json::array string_list_json(const std::vector<std::string>& items);
boost::json::object string_map_json(const std::map<std::string, std::string>& items);
boost::json::array volumes_json(const std::vector<Volume>& volumes);

// InvalidResponseError when a required field (id, owner, status.stage, ...) is missing.
JobInfo parse_job_info(const boost::json::value& value, std::string_view endpoint);
ScheduledJobInfo parse_scheduled_job_info(const boost::json::value& value);
// The `data` of each `data: {...}` line of the logs event stream, less the "===== Job started" banner.
std::vector<std::string> parse_job_log_events(std::string_view body);

InferenceEndpoint parse_inference_endpoint(const boost::json::value& value, std::string_view namespace_);
InferenceCatalogModel parse_catalog_model(const boost::json::value& value);

}  // namespace hfhub::client
