#include "output.h"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>

#include "client/util/json_pretty.h"

namespace hfhub::cli {

bool stdout_is_tty() { return ::isatty(STDOUT_FILENO) == 1; }

bool use_color() {
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color && *no_color) return false;
  return stdout_is_tty();
}

void Table::print(std::ostream& out, bool color) const {
  std::vector<size_t> widths(headers_.size(), 0);
  auto measure = [&widths](const std::vector<std::string>& row) {
    for (size_t i = 0; i < row.size() && i < widths.size(); ++i) widths[i] = std::max(widths[i], row[i].size());
  };
  measure(headers_);
  for (const auto& row : rows_) measure(row);
  auto line = [&](const std::vector<std::string>& row, bool header) {
    std::string text;
    for (size_t i = 0; i < widths.size(); ++i) {
      std::string cell = i < row.size() ? row[i] : "";
      if (i + 1 < widths.size()) cell.resize(widths[i], ' ');
      text += cell;
      if (i + 1 < widths.size()) text += "  ";
    }
    while (!text.empty() && text.back() == ' ') text.pop_back();
    if (header && color) text = "\x1b[1m" + text + "\x1b[0m";
    out << text << '\n';
  };
  line(headers_, true);
  for (const auto& row : rows_) line(row, false);
}

void print_json(std::ostream& out, const boost::json::value& v) { out << client::pretty_json(v) << '\n'; }

std::string or_dash(const std::optional<std::string>& s) { return s && !s->empty() ? *s : "-"; }
std::string or_dash(const std::optional<int64_t>& n) { return n ? std::to_string(*n) : "-"; }

}  // namespace hfhub::cli
