// BOOST_ASSERT's handler in the fuzz build (BOOST_ENABLE_ASSERT_HANDLER): abort on a failed
// assertion, as the default does, except for one that is known to be false. Boost 1.81's Beast
// asserts `n >= 5` on entry to basic_parser::parse_chunk_header, yet a chunk header that arrives
// split across reads ("0\r\n", then "\r", then "\n") reaches it with fewer bytes, and the code
// after the assertion handles that case by asking for more input. Later Beast releases relaxed the
// assertion to match. Release builds (NDEBUG) compile the assertion out; the fuzzer found it by
// splitting its input into small reads, as a slow client would.
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace boost {

void assertion_failed(char const* expr, char const* function, char const* file, long line) {
  if (std::strcmp(expr, "n >= 5") == 0 && std::strstr(file, "beast/http/impl/basic_parser.ipp")) return;
  std::fprintf(stderr, "%s:%ld: %s: Assertion `%s' failed.\n", file, line, function, expr);
  std::abort();
}

void assertion_failed_msg(char const* expr, char const* msg, char const* function, char const* file, long line) {
  std::fprintf(stderr, "%s:%ld: %s: Assertion `%s' failed: %s\n", file, line, function, expr, msg);
  std::abort();
}

}  // namespace boost
