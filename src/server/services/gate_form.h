#pragma once
// The form a gated repo asks its requesters to fill in: the card's `extra_gated_fields`
// (docs/gated.md#the-request-form). A field is a label and a type (text, checkbox, date_picker,
// country, select with options); every field the server knows must be answered.
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace hfhub::server {

struct GateField {
  std::string label;
  std::string type;                  // text, checkbox, date_picker, country, select
  std::vector<std::string> options;  // select: the values it accepts
  std::vector<std::string> labels;   // select: each option's label (same order; equal to the value when plain)
};

// The fields of a card (RepoRecord::card_data_json); none when the card asks for nothing. Field
// types the server does not know (e.g. ip_location, filled by the Hub itself) are left out.
std::vector<GateField> gate_fields(std::string_view card_data_json);

// The answers as the JSON object text to store, '' when the form has no fields. Throws DomainError
// InvalidParameter naming the first field that is missing or does not fit its type. Answers to
// labels the form does not ask for are dropped.
std::string validate_gate_answers(const std::vector<GateField>& fields,
                                  const std::map<std::string, std::string>& answers);

}  // namespace hfhub::server
