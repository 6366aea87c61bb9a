#include "common/atomic_write.h"

#include <sys/stat.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "common/hash.h"

namespace hfhub {

namespace fs = std::filesystem;

namespace {

class AtomicWrite : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("hfhub-atomic-" + random_hex(6));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string read(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }
  size_t entries() { return size_t(std::distance(fs::directory_iterator(dir_), fs::directory_iterator())); }

  fs::path dir_;
};

}  // namespace

TEST_F(AtomicWrite, ReplacesContentAndLeavesNoTempFile) {
  auto path = dir_ / "config";
  write_file_atomic(path, "first\n");
  EXPECT_EQ(read(path), "first\n");
  write_file_atomic(path, "second, longer\n");
  EXPECT_EQ(read(path), "second, longer\n");
  write_file_atomic(path, "");
  EXPECT_EQ(read(path), "");
  EXPECT_EQ(entries(), 1u);
}

TEST_F(AtomicWrite, ModeIsExactWhateverTheUmask) {
  auto path = dir_ / "secret";
  mode_t old = ::umask(0077);
  write_file_atomic(path, "key", 0644);
  write_file_atomic(dir_ / "private", "key", 0600);
  ::umask(old);
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0644u);
  ASSERT_EQ(::stat((dir_ / "private").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
}

TEST_F(AtomicWrite, AMissingDirectoryIsAnError) {
  EXPECT_THROW(write_file_atomic(dir_ / "no" / "such" / "file", "x"), std::system_error);
  EXPECT_EQ(entries(), 0u);
}

TEST_F(AtomicWrite, AFailedRenameReportsAndRemovesTheTempFile) {
  // A non-empty directory cannot be replaced by a file: rename fails after the bytes were written.
  auto target = dir_ / "taken";
  fs::create_directories(target / "inside");
  try {
    write_file_atomic(target, "x");
    FAIL() << "expected an error";
  } catch (const std::system_error& e) {
    EXPECT_NE(std::string(e.what()).find("rename"), std::string::npos) << e.what();
  }
  EXPECT_EQ(entries(), 1u);  // only the directory: no temp file left behind
  EXPECT_TRUE(fs::is_directory(target));
}

TEST_F(AtomicWrite, FsyncDirectoryOfAMissingDirectoryThrows) {
  EXPECT_NO_THROW(fsync_directory(dir_));
  EXPECT_THROW(fsync_directory(dir_ / "missing"), std::system_error);
}

}  // namespace hfhub
