#pragma once
// JSON -> User (whoami-v2), MetricInfo list, TagsByType.
#include <boost/json/value.hpp>
#include <vector>

#include "hfhub/types.h"

namespace hfhub::client {

User parse_user(const boost::json::value& v);
std::vector<MetricInfo> parse_metrics(const boost::json::value& v);
TagsByType parse_tags_by_type(const boost::json::value& v);

}  // namespace hfhub::client
