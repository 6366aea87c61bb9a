#include "common/iso_time.h"

#include <algorithm>
#include <chrono>
#include <cstdio>

namespace hfhub {

int64_t now_seconds() { return now_ms() / 1000; }

int64_t now_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

std::string format_iso8601_ms(int64_t epoch_ms) {
  using namespace std::chrono;
  sys_time<milliseconds> tp{milliseconds{epoch_ms}};
  auto day = floor<days>(tp);
  year_month_day ymd{day};
  hh_mm_ss hms{tp - day};
  // Digits by hand rather than snprintf: listings format two timestamps per row.
  std::string out = "0000-00-00T00:00:00.000Z";
  auto put = [&out](size_t at, int width, unsigned v) {
    for (int i = width - 1; i >= 0; --i, v /= 10) out[at + size_t(i)] = char('0' + v % 10);
  };
  put(0, 4, unsigned(std::clamp(int(ymd.year()), 0, 9999)));
  put(5, 2, unsigned(ymd.month()));
  put(8, 2, unsigned(ymd.day()));
  put(11, 2, unsigned(hms.hours().count()));
  put(14, 2, unsigned(hms.minutes().count()));
  put(17, 2, unsigned(hms.seconds().count()));
  put(20, 3, unsigned(hms.subseconds().count()));
  return out;
}

static bool read_int(std::string_view s, size_t pos, size_t len, int& out) {
  if (pos + len > s.size()) return false;
  out = 0;
  for (size_t i = pos; i < pos + len; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

std::optional<int64_t> parse_iso8601(std::string_view s) {
  int y, mo, d, h = 0, mi = 0, sec = 0;
  if (!read_int(s, 0, 4, y) || s.size() < 10 || s[4] != '-' || !read_int(s, 5, 2, mo) || s[7] != '-' ||
      !read_int(s, 8, 2, d))
    return std::nullopt;
  size_t pos = 10;
  int64_t ms = 0;
  if (pos < s.size() && (s[pos] == 'T' || s[pos] == ' ')) {
    if (!read_int(s, 11, 2, h) || s.size() < 19 || s[13] != ':' || !read_int(s, 14, 2, mi) || s[16] != ':' ||
        !read_int(s, 17, 2, sec))
      return std::nullopt;
    pos = 19;
    if (pos < s.size() && s[pos] == '.') {
      ++pos;
      int digits = 0;
      while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
        if (digits < 3) ms = ms * 10 + (s[pos] - '0');
        ++digits, ++pos;
      }
      if (digits == 0) return std::nullopt;
      for (; digits < 3; ++digits) ms *= 10;
    }
  }
  auto rest = s.substr(pos);
  if (!(rest.empty() || rest == "Z" || rest == "+00:00")) return std::nullopt;
  // ok() knows each month's length and the leap years: 2025-02-31 is no date.
  using namespace std::chrono;
  year_month_day date{year{y}, month{unsigned(mo)}, day{unsigned(d)}};
  if (!date.ok() || h > 23 || mi > 59 || sec > 60) return std::nullopt;
  int64_t days = sys_days{date}.time_since_epoch().count();
  return ((days * 24 + h) * 60 + mi) * 60000LL + sec * 1000LL + ms;
}

}  // namespace hfhub
