#pragma once
// The one table from an error kind to what the wire carries: the HTTP status, the Hub's
// X-Error-Code and the message used when the thrower gave none.
#include <string_view>

#include "server/model/domain_error.h"

namespace hfhub::server {

struct ErrorSpec {
  int status;
  std::string_view code;             // X-Error-Code
  std::string_view default_message;  // the body's `error` when the DomainError has no message
};

const ErrorSpec& error_spec(ErrorKind kind);

inline int error_status(const DomainError& e) { return error_spec(e.kind()).status; }
// The message the answer carries: the error's own, else its kind's default.
inline std::string_view error_message(const DomainError& e) {
  return *e.what() ? std::string_view(e.what()) : error_spec(e.kind()).default_message;
}

}  // namespace hfhub::server
