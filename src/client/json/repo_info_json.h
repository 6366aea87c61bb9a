#pragma once
// JSON -> ModelInfo / DatasetInfo / SpaceInfo, for listings and info responses alike.
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "hfhub/types.h"

namespace hfhub::client {

// `gated`: false -> Off, "auto"/"manual" (true -> Auto); nullopt if absent or unknown.
std::optional<GatedMode> parse_gated(const boost::json::value* v);

ModelInfo parse_model_info(const boost::json::object& o);
DatasetInfo parse_dataset_info(const boost::json::object& o);
SpaceInfo parse_space_info(const boost::json::object& o);

// The same, from a value that must be an object (InvalidResponseError otherwise).
ModelInfo parse_model_info(const boost::json::value& v);
DatasetInfo parse_dataset_info(const boost::json::value& v);
SpaceInfo parse_space_info(const boost::json::value& v);

}  // namespace hfhub::client
