#include "common/json_writer.h"

#include <gtest/gtest.h>
#include <boost/json.hpp>

namespace hfhub {
namespace {

TEST(JsonWriter, CommasNestingAndRawFragments) {
  JsonWriter w;
  w.begin_object().key("a").value(int64_t(1)).key("b").begin_array().value("x").value(true).null().end_array();
  w.key("c").raw(R"({"k":[1,2]})").key("d").value(2.5).end_object();
  EXPECT_EQ(w.str(), R"({"a":1,"b":["x",true,null],"c":{"k":[1,2]},"d":2.5})");
}

TEST(JsonWriter, EscapesEverythingJsonRequires) {
  JsonWriter w;
  std::string nasty = "q\"b\\s\n\t\x01/é";
  w.begin_array().value(nasty).end_array();
  auto parsed = boost::json::parse(w.str());
  EXPECT_EQ(parsed.as_array().at(0).as_string(), nasty);
}

}  // namespace
}  // namespace hfhub
