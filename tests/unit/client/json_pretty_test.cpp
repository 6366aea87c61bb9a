#include "client/util/json_pretty.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace hfhub::client {

TEST(JsonPretty, IndentsLikePythonJsonDumps) {
  auto v = boost::json::parse(R"({"a":1,"b":[true,null,"x"],"c":{},"d":[],"e":{"f":-1}})");
  EXPECT_EQ(pretty_json(v),
            "{\n  \"a\": 1,\n  \"b\": [\n    true,\n    null,\n    \"x\"\n  ],\n  \"c\": {},\n  \"d\": [],\n"
            "  \"e\": {\n    \"f\": -1\n  }\n}");
}

TEST(JsonPretty, PreservesKeyOrderAndEscapes) {
  boost::json::object o;
  o["z"] = "quote\"d";
  o["a"] = 2;
  EXPECT_EQ(pretty_json(o), "{\n  \"z\": \"quote\\\"d\",\n  \"a\": 2\n}");
}

}  // namespace hfhub::client
