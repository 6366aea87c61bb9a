#include "common/json_writer.h"

#include <gtest/gtest.h>
#include <boost/json.hpp>

#include <cstdio>

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

// The reference: every byte on its own, as JSON (RFC 8259, section 7) spells it.
std::string escaped_one_by_one(std::string_view text) {
  std::string out = "\"";
  for (unsigned char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += char(c);
    } else if (c == '\n') {
      out += "\\n";
    } else if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else {
      out += char(c);
    }
  }
  return out + "\"";
}

// Plain runs are skipped eight bytes at a time: an escape at every offset of a word, in short
// and long strings, with UTF-8 bytes (>= 0x80) beside it, must still be found.
TEST(JsonWriter, FindsEscapesAtEveryOffsetOfLongStrings) {
  const std::string specials[] = {"\"", "\\", "\n", std::string(1, '\x1f'), std::string(1, '\0')};
  for (size_t len : {0u, 1u, 7u, 8u, 9u, 17u, 64u}) {
    for (size_t at = 0; at <= len; ++at) {
      for (auto& special : specials) {
        std::string text(len, 'a');
        for (size_t i = 0; i < len; i += 3) text[i] = char(0xc3);  // high bytes must not read as controls
        text.insert(at, special);
        std::string out;
        append_json_string(out, text);
        EXPECT_EQ(out, escaped_one_by_one(text)) << "len " << len << " at " << at;
      }
    }
  }
  std::string plain;
  append_json_string(plain, "sapling-ai/Mistral-7B-Instruct-v0.3");
  EXPECT_EQ(plain, "\"sapling-ai/Mistral-7B-Instruct-v0.3\"");
}

}  // namespace
}  // namespace hfhub
