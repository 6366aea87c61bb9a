#include "server/http/request_framing.h"

#include "common/ascii.h"

namespace hfhub::server {

std::optional<std::string> framing_problem(const HeaderFields& fields, unsigned version) {
  int content_lengths = 0;
  int transfer_encodings = 0;
  std::string_view coding;
  for (auto& [name, value] : fields) {
    if (ascii_iequals(name, "content-length")) {
      ++content_lengths;
      // Beast reads "5, 5" as one length; a proxy may not.
      if (value.find(',') != std::string_view::npos) return "Content-Length must be a single number";
    } else if (ascii_iequals(name, "transfer-encoding")) {
      ++transfer_encodings;
      coding = trim_whitespace(value);
    }
  }
  if (content_lengths > 1) return "More than one Content-Length header";
  if (transfer_encodings == 0) return std::nullopt;
  if (content_lengths > 0) return "Content-Length and Transfer-Encoding together";
  if (version < 11) return "Transfer-Encoding in an HTTP/1.0 request";
  if (transfer_encodings > 1 || !ascii_iequals(coding, "chunked"))
    return "Unsupported Transfer-Encoding: only a single 'chunked' coding is accepted";
  return std::nullopt;
}

bool LineFoldDetector::scan(std::string_view bytes) {
  for (char c : bytes) {
    if (previous_ == '\n' && (c == ' ' || c == '\t')) folded_ = true;
    previous_ = c;
  }
  return folded_;
}

}  // namespace hfhub::server
