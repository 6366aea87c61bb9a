#include "server/metadata/yaml_json.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include <boost/json/serialize.hpp>

namespace hfhub::server {
namespace {

namespace json = boost::json;

json::value parse_ok(std::string_view yaml) {
  YamlParseResult r = parse_yaml_to_json(yaml);
  EXPECT_TRUE(r.ok) << r.error << "\n" << yaml;
  return r.value;
}

TEST(YamlJson, PlainScalarsResolveLikeJsYaml) {
  json::value v = parse_ok(
      "t: true\nT: True\nf: FALSE\nn: null\ntilde: ~\nempty:\n"
      "int: 42\nneg: -7\nplus: +3\nsep: 1_000\nhex: 0x1F\noct: 0o17\nbin: 0b101\nlead0: 0123\n"
      "float: 1.5\nver: 3.10\nexp: 1e3\ndot: .5\nnegf: -2.5e-1\ninf: .inf\nnan: .NaN\n"
      "big: 12345678901234567890\nmin: -9223372036854775808\n"
      "yes: yes\nword: hello world\nver3: 1.2.3\ncolon: a:b\ndash: -x\nlt: 10K<n<100K\n");
  const json::object& o = v.as_object();
  EXPECT_EQ(o.at("t"), json::value(true));
  EXPECT_EQ(o.at("T"), json::value(true));
  EXPECT_EQ(o.at("f"), json::value(false));
  EXPECT_TRUE(o.at("n").is_null());
  EXPECT_TRUE(o.at("tilde").is_null());
  EXPECT_TRUE(o.at("empty").is_null());
  EXPECT_EQ(o.at("int").as_int64(), 42);
  EXPECT_EQ(o.at("neg").as_int64(), -7);
  EXPECT_EQ(o.at("plus").as_int64(), 3);
  EXPECT_EQ(o.at("sep").as_int64(), 1000);
  EXPECT_EQ(o.at("hex").as_int64(), 31);
  EXPECT_EQ(o.at("oct").as_int64(), 15);
  EXPECT_EQ(o.at("bin").as_int64(), 5);
  EXPECT_EQ(o.at("lead0").as_int64(), 123);  // js-yaml reads a leading zero as decimal
  EXPECT_DOUBLE_EQ(o.at("float").as_double(), 1.5);
  EXPECT_DOUBLE_EQ(o.at("ver").as_double(), 3.1);  // the classic: an unquoted version is a number
  EXPECT_DOUBLE_EQ(o.at("exp").as_double(), 1000.0);
  EXPECT_DOUBLE_EQ(o.at("dot").as_double(), 0.5);
  EXPECT_DOUBLE_EQ(o.at("negf").as_double(), -0.25);
  EXPECT_TRUE(o.at("inf").is_null());  // JSON has no infinity
  EXPECT_TRUE(o.at("nan").is_null());
  EXPECT_DOUBLE_EQ(o.at("big").as_double(), 12345678901234567890.0);
  EXPECT_EQ(o.at("min").as_int64(), INT64_MIN);
  EXPECT_EQ(o.at("yes").as_string(), "yes");  // YAML 1.1 booleans are strings in the core schema
  EXPECT_EQ(o.at("word").as_string(), "hello world");
  EXPECT_EQ(o.at("ver3").as_string(), "1.2.3");
  EXPECT_EQ(o.at("colon").as_string(), "a:b");
  EXPECT_EQ(o.at("dash").as_string(), "-x");
  EXPECT_EQ(o.at("lt").as_string(), "10K<n<100K");
}

TEST(YamlJson, QuotedAndBlockScalarsStayStrings) {
  json::value v = parse_ok(
      "a: \"true\"\nb: '42'\nc: \"1.0\"\nd: 'null'\ne: \"\"\n"
      "lit: |\n  line one\n  line two\nfold: >\n  folded\n  text\n");
  const json::object& o = v.as_object();
  EXPECT_EQ(o.at("a").as_string(), "true");
  EXPECT_EQ(o.at("b").as_string(), "42");
  EXPECT_EQ(o.at("c").as_string(), "1.0");
  EXPECT_EQ(o.at("d").as_string(), "null");
  EXPECT_EQ(o.at("e").as_string(), "");
  EXPECT_EQ(o.at("lit").as_string(), "line one\nline two\n");
  EXPECT_EQ(o.at("fold").as_string(), "folded text\n");
}

TEST(YamlJson, ExplicitTags) {
  json::value v = parse_ok("s: !!str 123\ni: !!int \"7\"\nf: !!float 2\nb: !!bool \"false\"\nn: ! 5\n");
  const json::object& o = v.as_object();
  EXPECT_EQ(o.at("s").as_string(), "123");
  EXPECT_EQ(o.at("i").as_int64(), 7);
  EXPECT_DOUBLE_EQ(o.at("f").as_double(), 2.0);
  EXPECT_EQ(o.at("b"), json::value(false));
  EXPECT_EQ(o.at("n").as_string(), "5");

  YamlParseResult bad_int = parse_yaml_to_json("x: !!int abc\n");
  EXPECT_FALSE(bad_int.ok);
  EXPECT_NE(bad_int.error.find("tag:yaml.org,2002:int"), std::string::npos) << bad_int.error;
  EXPECT_FALSE(parse_yaml_to_json("x: !custom value\n").ok);
  EXPECT_FALSE(parse_yaml_to_json("x: !!python/object {}\n").ok);
}

TEST(YamlJson, StructureKeepsOrderAndNesting) {
  json::value v = parse_ok("zeta: 1\nalpha:\n  - a\n  - {k: v, n: [1, 2]}\n1: numeric key\n");
  EXPECT_EQ(json::serialize(v), R"({"zeta":1,"alpha":["a",{"k":"v","n":[1,2]}],"1":"numeric key"})");
  EXPECT_TRUE(parse_ok("").is_null());
  EXPECT_TRUE(parse_ok("# only a comment\n").is_null());
  EXPECT_EQ(parse_ok("- 1\n- x\n"), json::value(json::array{1, "x"}));
  EXPECT_EQ(parse_ok("plain"), json::value("plain"));
}

TEST(YamlJson, AliasesCopyTheAnchoredValue) {
  json::value v = parse_ok(
      "base: &base\n  lr: 0.001\n  epochs: 3\nlist: &l [a, b]\nname: &n hello\n"
      "copy: *base\nlists: [*l, *l]\nagain: *n\n");
  const json::object& o = v.as_object();
  EXPECT_EQ(o.at("copy"), o.at("base"));
  EXPECT_EQ(json::serialize(o.at("lists")), R"([["a","b"],["a","b"]])");
  EXPECT_EQ(o.at("again").as_string(), "hello");

  YamlParseResult unknown = parse_yaml_to_json("a: *nowhere\n");
  EXPECT_FALSE(unknown.ok);
  EXPECT_NE(unknown.error.find("nowhere"), std::string::npos);
}

TEST(YamlJson, MergeKeys) {
  json::value v = parse_ok(
      "defaults: &d {lr: 1, epochs: 3}\nextra: &e {epochs: 9, warmup: 2}\n"
      "run: {<<: [*d, *e], epochs: 5}\nquoted: {'<<': x}\n");
  const json::object& run = v.as_object().at("run").as_object();
  EXPECT_EQ(run.at("lr").as_int64(), 1);
  EXPECT_EQ(run.at("epochs").as_int64(), 5);  // an explicit key overrides a merged one
  EXPECT_EQ(run.at("warmup").as_int64(), 2);
  EXPECT_EQ(run.size(), 3u);
  EXPECT_EQ(v.as_object().at("quoted").as_object().at("<<").as_string(), "x");
  EXPECT_FALSE(parse_yaml_to_json("a: {<<: 5}\n").ok);
}

TEST(YamlJson, SyntaxErrorsCarryLineAndColumn) {
  YamlParseResult r = parse_yaml_to_json("license: mit\ntags:\n  - a\n  bad: value\n");
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.line, 4);
  EXPECT_GT(r.column, 0);
  EXPECT_EQ(r.error.rfind("line 4, column ", 0), 0u) << r.error;
  EXPECT_FALSE(r.problem.empty());

  YamlParseResult unterminated = parse_yaml_to_json("a: [1, 2\nb: 3\n");
  EXPECT_FALSE(unterminated.ok);
  EXPECT_GE(unterminated.line, 2) << unterminated.error;

  YamlParseResult quote = parse_yaml_to_json("a: \"open\n");
  EXPECT_FALSE(quote.ok);
  EXPECT_NE(quote.error.find("line "), std::string::npos);
}

TEST(YamlJson, DuplicateKeysAndCollectionKeysAreErrors) {
  YamlParseResult dup = parse_yaml_to_json("license: mit\ntags: [a]\nlicense: apache-2.0\n");
  EXPECT_FALSE(dup.ok);
  EXPECT_EQ(dup.line, 3);
  EXPECT_NE(dup.error.find("duplicated mapping key \"license\""), std::string::npos) << dup.error;
  EXPECT_FALSE(parse_yaml_to_json("? [a, b]\n: value\n").ok);
}

TEST(YamlJson, OnlyOneDocument) {
  YamlParseResult r = parse_yaml_to_json("a: 1\n---\nb: 2\n");
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.line, 2);
  EXPECT_TRUE(parse_yaml_to_json("---\na: 1\n...\n").ok);
}

TEST(YamlJson, DepthIsCapped) {
  std::string ok_depth = std::string(256, '[') + std::string(256, ']');
  EXPECT_TRUE(parse_yaml_to_json(ok_depth).ok);
  std::string too_deep = std::string(257, '[') + std::string(257, ']');
  YamlParseResult r = parse_yaml_to_json(too_deep);
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.error.find("deeper than 256"), std::string::npos) << r.error;
  YamlLimits shallow;
  shallow.max_depth = 2;
  EXPECT_FALSE(parse_yaml_to_json("a:\n  b:\n    c: 1\n", shallow).ok);
  EXPECT_TRUE(parse_yaml_to_json("a:\n  b: 1\n", shallow).ok);
}

TEST(YamlJson, BillionLaughsIsStoppedEarly) {
  std::string yaml = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  for (char c = 'b'; c <= 'i'; ++c) {
    std::string prev(1, char(c - 1));
    yaml += std::string(1, c) + ": &" + c + " [";
    for (int i = 0; i < 10; ++i) yaml += (i ? ", *" : "*") + prev;
    yaml += "]\n";
  }
  auto start = std::chrono::steady_clock::now();
  YamlParseResult r = parse_yaml_to_json(yaml);
  auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.error.find("nodes"), std::string::npos) << r.error;
  EXPECT_LT(elapsed, std::chrono::seconds(5));

  YamlLimits small;
  small.max_nodes = 20;
  EXPECT_FALSE(parse_yaml_to_json("a: &a [1, 2, 3, 4, 5]\nb: [*a, *a, *a]\n", small).ok);
  EXPECT_TRUE(parse_yaml_to_json("a: &a [1, 2, 3, 4, 5]\nb: [*a]\n", small).ok);
}

}  // namespace
}  // namespace hfhub::server
