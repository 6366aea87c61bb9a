#pragma once
// ISO-8601 UTC timestamps with milliseconds, the Hub's date format ("2025-11-04T08:25:31.000Z").
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace hfhub {

int64_t now_ms();
// Unix time in whole seconds (token and signed-URL expiries).
int64_t now_seconds();
std::string format_iso8601_ms(int64_t epoch_ms);
// Accepts "YYYY-MM-DDTHH:MM:SS[.fff...][Z|+00:00]"; returns epoch milliseconds.
std::optional<int64_t> parse_iso8601(std::string_view text);

}  // namespace hfhub
