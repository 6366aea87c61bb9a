// The one parser of the header lines libcurl reports (client/http/header_line.h).
#include "client/http/header_line.h"

#include <gtest/gtest.h>

namespace hfhub::client {
namespace {

TEST(HeaderLine, KeepsTheLastResponseBlockOnly) {
  HeaderList headers;
  for (auto line : {"HTTP/1.1 302 Found\r\n", "Location: /b\r\n", "\r\n", "HTTP/2 200\r\n",
                    "Content-Type:  text/plain \r\n", "X-Repo-Commit:abc\r\n", "\r\n"})
    add_header_line(line, headers);
  ASSERT_EQ(headers.size(), 2u);
  EXPECT_EQ(headers[0], (std::pair<std::string, std::string>{"Content-Type", "text/plain"}));
  EXPECT_EQ(headers[1], (std::pair<std::string, std::string>{"X-Repo-Commit", "abc"}));
}

TEST(HeaderLine, AValueMayHoldColons) {
  HeaderList headers;
  add_header_line("Link: <https://hub/api?cursor=a:b>; rel=\"next\"\r\n", headers);
  ASSERT_EQ(headers.size(), 1u);
  EXPECT_EQ(headers[0].second, "<https://hub/api?cursor=a:b>; rel=\"next\"");
}

}  // namespace
}  // namespace hfhub::client
