#include "server/model/account.h"

namespace hfhub::server {

std::optional<OrgRole> parse_org_role(std::string_view t) {
  if (t == "read") return OrgRole::Read;
  if (t == "contributor") return OrgRole::Contributor;
  if (t == "write") return OrgRole::Write;
  if (t == "admin") return OrgRole::Admin;
  return std::nullopt;
}

std::string_view org_role_name(OrgRole r) {
  switch (r) {
    case OrgRole::Read:
      return "read";
    case OrgRole::Contributor:
      return "contributor";
    case OrgRole::Write:
      return "write";
    case OrgRole::Admin:
      return "admin";
  }
  return "read";
}

std::optional<TokenRole> parse_token_role(std::string_view t) {
  if (t == "read") return TokenRole::Read;
  if (t == "write") return TokenRole::Write;
  if (t == "fineGrained") return TokenRole::FineGrained;
  return std::nullopt;
}

std::string_view token_role_name(TokenRole r) {
  switch (r) {
    case TokenRole::Read:
      return "read";
    case TokenRole::Write:
      return "write";
    case TokenRole::FineGrained:
      return "fineGrained";
  }
  return "read";
}

}  // namespace hfhub::server
