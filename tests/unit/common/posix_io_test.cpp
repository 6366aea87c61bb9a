#include "common/posix_io.h"

#include <fcntl.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <string>
#include <thread>

#include "common/file_handle.h"

namespace hfhub {

namespace {

struct Pipe {
  FileHandle read, write;
  Pipe() {
    int fds[2];
    EXPECT_EQ(::pipe2(fds, O_CLOEXEC), 0);
    read = FileHandle(fds[0]);
    write = FileHandle(fds[1]);
  }
};

FileHandle temp_file(const std::string& content) {
  char name[] = "/tmp/hfhub-posix-io-XXXXXX";
  FileHandle file(::mkstemp(name));
  ::unlink(name);
  write_all(file.fd(), content);
  return file;
}

}  // namespace

TEST(PosixIo, ReadToEofDrainsAPipeWrittenInPieces) {
  Pipe p;
  // More than a pipe holds at once, so the writer blocks and the reader sees many short reads.
  std::string sent(1 << 20, '\0');
  for (size_t i = 0; i < sent.size(); ++i) sent[i] = char('a' + i % 26);
  std::thread writer([&] {
    write_all(p.write.fd(), sent);
    p.write.reset();
  });
  std::string got = read_to_eof(p.read.fd());
  writer.join();
  EXPECT_EQ(got.size(), sent.size());
  EXPECT_TRUE(got == sent);
}

TEST(PosixIo, ReadToEofStopsAtMaxBytes) {
  Pipe p;
  write_all(p.write.fd(), "0123456789");
  p.write.reset();
  EXPECT_EQ(read_to_eof(p.read.fd(), 4), "0123");
}

TEST(PosixIo, PreadAllReadsAtAnOffsetAndStopsAtEndOfFile) {
  FileHandle file = temp_file("hello, world");
  std::string buf(5, '\0');
  EXPECT_EQ(pread_all(file.fd(), buf.data(), buf.size(), 7), 5u);
  EXPECT_EQ(buf, "world");
  std::string tail(10, '\0');
  EXPECT_EQ(pread_all(file.fd(), tail.data(), tail.size(), 10), 2u);  // short only at EOF
  EXPECT_EQ(tail.substr(0, 2), "ld");
  // pread leaves the file position alone: a plain read still starts where write_all ended.
  EXPECT_EQ(read_to_eof(file.fd()), "");
}

TEST(PosixIo, PwriteAllWritesAtAnOffset) {
  FileHandle file = temp_file("aaaaaaaa");
  std::error_code ec;
  pwrite_all(file.fd(), "BB", 3, ec);
  EXPECT_FALSE(ec);
  std::string buf(8, '\0');
  EXPECT_EQ(pread_all(file.fd(), buf.data(), buf.size(), 0), 8u);
  EXPECT_EQ(buf, "aaaBBaaa");
}

TEST(PosixIo, ErrorsAreReportedOrThrown) {
  Pipe p;
  int read_only = p.read.fd();
  std::error_code ec;
  write_all(read_only, "x", ec);
  EXPECT_EQ(ec, std::errc::bad_file_descriptor);
  EXPECT_THROW(write_all(read_only, "x"), std::system_error);
  char c;
  EXPECT_EQ(read_some(p.write.fd(), &c, 1, ec), 0u);
  EXPECT_EQ(ec, std::errc::bad_file_descriptor);
  EXPECT_THROW(read_to_eof(p.write.fd()), std::system_error);
  EXPECT_THROW(pread_all(read_only, &c, 1, 0), std::system_error);  // a pipe cannot seek
}

TEST(FileHandle, MovesReleasesAndCloses) {
  Pipe p;
  int fd = p.read.fd();
  FileHandle moved = std::move(p.read);
  EXPECT_FALSE(p.read);
  EXPECT_EQ(moved.fd(), fd);
  EXPECT_NO_THROW(moved.close("close"));
  EXPECT_FALSE(moved);
  EXPECT_EQ(::fcntl(fd, F_GETFD), -1);  // closed for real
  int released = p.write.release();
  EXPECT_FALSE(p.write);
  EXPECT_EQ(::close(released), 0);  // still open: release did not close it
  EXPECT_THROW(FileHandle().close("close"), std::system_error);
}

}  // namespace hfhub
