#include "server/services/gate_form.h"

#include <boost/json.hpp>

#include <cctype>

#include "server/model/domain_error.h"

namespace hfhub::server {

namespace json = boost::json;

namespace {

constexpr size_t kMaxAnswer = 1000;  // characters of one text answer

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = char(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool known_type(std::string_view t) {
  return t == "text" || t == "checkbox" || t == "date_picker" || t == "country" || t == "select";
}

void add_option(GateField& f, const json::value& o) {
  if (o.is_string()) {
    f.options.emplace_back(o.as_string());
    f.labels.emplace_back(o.as_string());
  } else if (auto* obj = o.if_object()) {
    auto* value = obj->if_contains("value");
    auto* label = obj->if_contains("label");
    if (!value || !value->is_string()) return;
    f.options.emplace_back(value->as_string());
    f.labels.emplace_back(label && label->is_string() ? std::string(label->as_string()) : f.options.back());
  }
}

bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

// YYYY-MM-DD, a real calendar day (what a browser's date input sends).
bool is_date(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
  int y = std::stoi(std::string(s.substr(0, 4))), m = std::stoi(std::string(s.substr(5, 2))),
      d = std::stoi(std::string(s.substr(8, 2)));
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= kDays[m - 1] + (m == 2 && is_leap(y) ? 1 : 0);
}

[[noreturn]] void refuse(const GateField& f, const std::string& why) {
  throw DomainError(ErrorKind::InvalidParameter, "Invalid answer to '" + f.label + "': " + why);
}

// The value to store for one answer.
std::string check_answer(const GateField& f, const std::string& answer) {
  if (f.type == "checkbox") {
    auto v = lower(answer);
    if (v != "on" && v != "true" && v != "1" && v != "yes") refuse(f, "this box must be checked");
    return "on";
  }
  if (answer.empty()) refuse(f, "an answer is required");
  if (answer.size() > kMaxAnswer) refuse(f, "at most " + std::to_string(kMaxAnswer) + " characters");
  if (f.type == "date_picker" && !is_date(answer)) refuse(f, "expected a date (YYYY-MM-DD)");
  if (f.type == "country") {
    if (answer.size() != 2 || !std::isalpha(static_cast<unsigned char>(answer[0])) ||
        !std::isalpha(static_cast<unsigned char>(answer[1])))
      refuse(f, "expected an ISO 3166-1 alpha-2 country code");
    std::string code = answer;
    for (auto& c : code) c = char(std::toupper(static_cast<unsigned char>(c)));
    return code;
  }
  if (f.type == "select") {
    for (size_t i = 0; i < f.options.size(); ++i)
      if (answer == f.options[i] || answer == f.labels[i]) return f.options[i];
    refuse(f, "not one of the options");
  }
  return answer;
}

}  // namespace

std::vector<GateField> gate_fields(std::string_view card_data_json) {
  std::vector<GateField> out;
  if (card_data_json.empty()) return out;
  boost::system::error_code ec;
  auto card = json::parse(card_data_json, ec);
  auto* obj = ec ? nullptr : card.if_object();
  auto* fields = obj ? obj->if_contains("extra_gated_fields") : nullptr;
  if (!fields || !fields->is_object()) return out;
  for (auto& [key, spec] : fields->as_object()) {
    GateField f{std::string(key), {}, {}, {}};
    if (spec.is_string()) {
      f.type = std::string(spec.as_string());
    } else if (auto* s = spec.if_object()) {
      auto* type = s->if_contains("type");
      if (type && type->is_string()) f.type = std::string(type->as_string());
      if (auto* options = s->if_contains("options"); options && options->is_array())
        for (auto& o : options->as_array()) add_option(f, o);
    }
    if (known_type(f.type)) out.push_back(std::move(f));
  }
  return out;
}

std::string validate_gate_answers(const std::vector<GateField>& fields,
                                  const std::map<std::string, std::string>& answers) {
  if (fields.empty()) return {};
  json::object stored;
  for (auto& f : fields) {
    auto it = answers.find(f.label);
    // An unchecked box is not sent at all by a browser form: it reads as a refusal.
    if (it == answers.end()) {
      if (f.type == "checkbox") refuse(f, "this box must be checked");
      refuse(f, "an answer is required");
    }
    stored[f.label] = check_answer(f, it->second);
  }
  return json::serialize(stored);
}

}  // namespace hfhub::server
