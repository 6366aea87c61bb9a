#include "server/routes/support/byte_range.h"

#include <gtest/gtest.h>

namespace hfhub::server {
namespace {

RangeRequest parse(const char* header, int64_t total) { return parse_range(std::string_view(header), total); }

TEST(ByteRange, AbsentHeaderMeansWhole) { EXPECT_EQ(parse_range(std::nullopt, 100).kind, RangeRequest::Whole); }

TEST(ByteRange, ClosedRange) {
  auto r = parse("bytes=0-0", 100);
  ASSERT_EQ(r.kind, RangeRequest::Partial);
  EXPECT_EQ(r.range.first, 0);
  EXPECT_EQ(r.range.last, 0);
  EXPECT_EQ(r.range.length(), 1);
  r = parse("bytes=10-19", 100);
  EXPECT_EQ(r.range.first, 10);
  EXPECT_EQ(r.range.last, 19);
}

TEST(ByteRange, OpenRangeRunsToTheEnd) {
  auto r = parse("bytes=90-", 100);
  ASSERT_EQ(r.kind, RangeRequest::Partial);
  EXPECT_EQ(r.range.first, 90);
  EXPECT_EQ(r.range.last, 99);
}

TEST(ByteRange, LastPastTheEndIsClamped) {
  // Python's safetensors probe asks for bytes=0-100000 of files of any size.
  auto r = parse("bytes=0-100000", 100);
  ASSERT_EQ(r.kind, RangeRequest::Partial);
  EXPECT_EQ(r.range.last, 99);
}

TEST(ByteRange, LastBeyondInt64IsClamped) {
  // hf_xet asks for bytes=<a>-18446744073709551614 when it does not know the size.
  auto r = parse("bytes=5-18446744073709551614", 100);
  ASSERT_EQ(r.kind, RangeRequest::Partial);
  EXPECT_EQ(r.range.first, 5);
  EXPECT_EQ(r.range.last, 99);
  EXPECT_EQ(parse("bytes=100-18446744073709551614", 100).kind, RangeRequest::Unsatisfiable);
}

TEST(ByteRange, SuffixRange) {
  auto r = parse("bytes=-10", 100);
  ASSERT_EQ(r.kind, RangeRequest::Partial);
  EXPECT_EQ(r.range.first, 90);
  EXPECT_EQ(r.range.last, 99);
  r = parse("bytes=-1000", 100);  // longer than the file: all of it
  EXPECT_EQ(r.range.first, 0);
  EXPECT_EQ(r.range.last, 99);
}

TEST(ByteRange, StartAtOrPastTheEndIsUnsatisfiable) {
  EXPECT_EQ(parse("bytes=100-", 100).kind, RangeRequest::Unsatisfiable);
  EXPECT_EQ(parse("bytes=200-300", 100).kind, RangeRequest::Unsatisfiable);
  EXPECT_EQ(parse("bytes=-0", 100).kind, RangeRequest::Unsatisfiable);
  EXPECT_EQ(parse("bytes=0-0", 0).kind, RangeRequest::Unsatisfiable);
}

TEST(ByteRange, WhatMayBeIgnoredIsWhole) {
  EXPECT_EQ(parse("bytes=0-1,5-6", 100).kind, RangeRequest::Whole);  // several ranges
  EXPECT_EQ(parse("items=0-1", 100).kind, RangeRequest::Whole);      // another unit
  EXPECT_EQ(parse("bytes=5-1", 100).kind, RangeRequest::Whole);      // last before first
  EXPECT_EQ(parse("bytes=a-b", 100).kind, RangeRequest::Whole);
  EXPECT_EQ(parse("bytes=", 100).kind, RangeRequest::Whole);
  EXPECT_EQ(parse("bytes=-", 100).kind, RangeRequest::Whole);
  EXPECT_EQ(parse("bytes=+1-2", 100).kind, RangeRequest::Whole);
  EXPECT_EQ(parse("bytes=99999999999999999999-", 100).kind, RangeRequest::Whole);  // overflow
}

TEST(ByteRange, UnitIsCaseInsensitiveAndSpacesAreTolerated) {
  auto r = parse(" Bytes= 1 - 2 ", 100);
  ASSERT_EQ(r.kind, RangeRequest::Partial);
  EXPECT_EQ(r.range.first, 1);
  EXPECT_EQ(r.range.last, 2);
}

TEST(ByteRange, ContentRangeValues) {
  EXPECT_EQ(content_range({0, 0}, 134), "bytes 0-0/134");
  EXPECT_EQ(content_range({5, 9}, 10), "bytes 5-9/10");
  EXPECT_EQ(unsatisfied_content_range(10), "bytes */10");
}

}  // namespace
}  // namespace hfhub::server
