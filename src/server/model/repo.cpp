#include "server/model/repo.h"

namespace hfhub::server {

std::optional<Gated> parse_gated(std::string_view t) {
  if (t == "auto") return Gated::Auto;
  if (t == "manual") return Gated::Manual;
  if (t == "false" || t == "False" || t == "0") return Gated::No;
  return std::nullopt;
}

std::string_view gated_name(Gated g) {
  switch (g) {
    case Gated::No:
      return "false";
    case Gated::Auto:
      return "auto";
    case Gated::Manual:
      return "manual";
  }
  return "false";
}

}  // namespace hfhub::server
