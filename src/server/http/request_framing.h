#pragma once
// How a request announces where its body ends, checked on the parsed header before any body byte
// is read. Beast's parser accepts framings on which two HTTP implementations can disagree (a
// proxy in front of hfhubd and hfhubd itself): a Transfer-Encoding other than chunked is read as
// "no body", so the body's bytes would be parsed as a request of their own (request smuggling).
// RFC 9112 §6.1 and §6.3 say to refuse such a request with 400 and close the connection.
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hfhub::server {

using HeaderFields = std::vector<std::pair<std::string_view, std::string_view>>;

// Why the request's framing is refused, or nullopt when it is sound. `version` is 10 or 11.
std::optional<std::string> framing_problem(const HeaderFields& fields, unsigned version);

// Scans header bytes as they are consumed for obsolete line folding (a line that starts with a
// space or tab continues the previous field): Beast joins such lines silently, RFC 9112 §5.2
// lets a server refuse them, and a proxy may split them differently. `previous` carries the last
// byte seen from one call to the next.
class LineFoldDetector {
 public:
  bool scan(std::string_view bytes);  // true once a folded line was seen
  void reset() { previous_ = '\n', folded_ = false; }

 private:
  char previous_ = '\n';
  bool folded_ = false;
};

}  // namespace hfhub::server
