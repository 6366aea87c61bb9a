#include "hfhub/types.h"

namespace hfhub {

std::string_view gated_mode_name(GatedMode mode) {
  switch (mode) {
    case GatedMode::Off:
      return "false";
    case GatedMode::Auto:
      return "auto";
    case GatedMode::Manual:
      return "manual";
  }
  return "false";
}

std::optional<GatedMode> parse_gated_mode(std::string_view text) {
  if (text == "false") return GatedMode::Off;
  if (text == "auto" || text == "true") return GatedMode::Auto;
  if (text == "manual") return GatedMode::Manual;
  return std::nullopt;
}

}  // namespace hfhub
