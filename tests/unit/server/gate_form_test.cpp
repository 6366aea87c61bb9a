// The gate form (docs/gated.md#the-request-form): reading a card's extra_gated_fields and checking
// the answers against them.
#include "server/services/gate_form.h"

#include <gtest/gtest.h>

#include "server/model/domain_error.h"

namespace hfhub::server {
namespace {

const char* kCard = R"({"extra_gated_prompt":"Be nice","extra_gated_fields":{
  "Company":"text","Country":"country","Born":"date_picker","Where":"ip_location",
  "Use":{"type":"select","options":["Research",{"label":"Something else","value":"other"},7]},
  "I agree":"checkbox","Odd":{"options":["x"]}}})";

TEST(GateForm, ReadsKnownFieldTypesInCardOrder) {
  auto fields = gate_fields(kCard);
  ASSERT_EQ(fields.size(), 5u);  // ip_location and the typeless field are not asked
  EXPECT_EQ(fields[0].label, "Company");
  EXPECT_EQ(fields[3].label, "Use");
  EXPECT_EQ(fields[3].options, (std::vector<std::string>{"Research", "other"}));
  EXPECT_EQ(fields[3].labels, (std::vector<std::string>{"Research", "Something else"}));
  EXPECT_EQ(fields[4].type, "checkbox");
  EXPECT_TRUE(gate_fields("").empty());
  EXPECT_TRUE(gate_fields("not json").empty());
  EXPECT_TRUE(gate_fields(R"({"extra_gated_fields":["a"]})").empty());
}

TEST(GateForm, StoresNormalizedAnswersOfTheFormOnly) {
  auto fields = gate_fields(kCard);
  auto stored = validate_gate_answers(fields, {{"Company", "ACME"},
                                               {"Country", "fr"},
                                               {"Born", "2000-02-29"},
                                               {"Use", "Something else"},
                                               {"I agree", "true"},
                                               {"Extra", "dropped"}});
  EXPECT_EQ(stored, R"({"Company":"ACME","Country":"FR","Born":"2000-02-29","Use":"other","I agree":"on"})");
  EXPECT_EQ(validate_gate_answers({}, {{"anything", "x"}}), "");
}

TEST(GateForm, RefusesMissingOrMistypedAnswers) {
  auto fields = gate_fields(kCard);
  std::map<std::string, std::string> good{
      {"Company", "ACME"}, {"Country", "FR"}, {"Born", "1999-12-31"}, {"Use", "Research"}, {"I agree", "on"}};
  auto refused = [&](const std::string& key, const std::optional<std::string>& value) {
    auto answers = good;
    if (value)
      answers[key] = *value;
    else
      answers.erase(key);
    try {
      validate_gate_answers(fields, answers);
      return std::string("accepted");
    } catch (const DomainError& e) {
      EXPECT_EQ(e.kind(), ErrorKind::InvalidParameter);
      return std::string(e.what());
    }
  };
  EXPECT_NE(refused("Company", std::nullopt).find("'Company'"), std::string::npos);
  EXPECT_NE(refused("Company", "").find("required"), std::string::npos);
  EXPECT_NE(refused("Company", std::string(1001, 'x')).find("1000"), std::string::npos);
  EXPECT_NE(refused("Country", "FRA").find("alpha-2"), std::string::npos);
  EXPECT_NE(refused("Born", "1999-02-29").find("date"), std::string::npos);  // not a leap year
  EXPECT_NE(refused("Born", "1999-13-01").find("date"), std::string::npos);
  EXPECT_NE(refused("Born", "99-01-01").find("date"), std::string::npos);
  EXPECT_NE(refused("Use", "Fun").find("options"), std::string::npos);
  EXPECT_NE(refused("I agree", "off").find("checked"), std::string::npos);
  EXPECT_NE(refused("I agree", std::nullopt).find("checked"), std::string::npos);
  EXPECT_EQ(refused("Born", "2000-02-29"), "accepted");
}

}  // namespace
}  // namespace hfhub::server
