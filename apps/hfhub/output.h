#pragma once
// Terminal output: aligned tables (bold header on a TTY unless NO_COLOR), JSON documents.
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include <boost/json/value.hpp>

namespace hfhub::cli {

bool stdout_is_tty();
// Colors only on a TTY and when NO_COLOR is unset or empty.
bool use_color();

class Table {
 public:
  explicit Table(std::vector<std::string> headers) : headers_(std::move(headers)) {}
  void add_row(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
  size_t size() const { return rows_.size(); }
  // Columns padded to their widest cell, two spaces apart; the last column is not padded.
  void print(std::ostream& out, bool color) const;

 private:
  std::vector<std::string> headers_;
  std::vector<std::vector<std::string>> rows_;
};

// Pretty (2-space indent) JSON followed by a newline.
void print_json(std::ostream& out, const boost::json::value& v);

std::string or_dash(const std::optional<std::string>& s);
std::string or_dash(const std::optional<int64_t>& n);

}  // namespace hfhub::cli
