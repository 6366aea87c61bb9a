#include "server/lfs/upload_signer.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>

#include "common/hash.h"

namespace hfhub::server {
namespace {

SignedTransfer sample() {
  SignedTransfer t;
  t.action = SignedTransfer::Action::Part;
  t.repo = "65f0a1b2c3d4e5f60718293a";
  t.oid = sha256_hex("hello");
  t.size = 5 << 20;
  t.chunk = 2 << 20;
  t.part = 2;
  t.expires = 1'900'000'000;
  return t;
}

constexpr int64_t kBefore = 1'800'000'000;

TEST(UploadSigner, AcceptsItsOwnSignatureUntilExpiry) {
  UploadSigner signer("secret");
  auto t = sample();
  auto sig = signer.sign(t);
  EXPECT_EQ(sig.size(), 64u);
  EXPECT_EQ(signer.check(t, sig, kBefore), SignatureCheck::Valid);
  EXPECT_EQ(signer.check(t, sig, t.expires), SignatureCheck::Valid);
  EXPECT_EQ(signer.check(t, sig, t.expires + 1), SignatureCheck::Expired);
}

TEST(UploadSigner, EveryFieldIsCovered) {
  UploadSigner signer("secret");
  const auto original = sample();
  const auto sig = signer.sign(original);
  std::vector<SignedTransfer> tampered(9, original);
  tampered[0].action = SignedTransfer::Action::Upload;
  tampered[1].repo = "65f0a1b2c3d4e5f60718293b";
  tampered[2].oid = sha256_hex("other");
  tampered[3].size += 1;
  tampered[4].chunk = 1 << 20;
  tampered[5].part = 3;
  tampered[6].expires += 3600;  // a longer life is a forgery too
  tampered[7].action = SignedTransfer::Action::Download;
  tampered[8].staging = "0123456789abcdef-5242880:upload";  // an S3 upload's completion
  for (size_t i = 0; i < tampered.size(); ++i)
    EXPECT_EQ(signer.check(tampered[i], sig, kBefore), SignatureCheck::Invalid) << "field " << i;
}

TEST(UploadSigner, RejectsTamperedSignaturesAndOtherKeys) {
  UploadSigner signer("secret");
  auto t = sample();
  auto sig = signer.sign(t);
  auto flipped = sig;
  flipped[10] = flipped[10] == '0' ? '1' : '0';
  EXPECT_EQ(signer.check(t, flipped, kBefore), SignatureCheck::Invalid);
  EXPECT_EQ(signer.check(t, "", kBefore), SignatureCheck::Invalid);
  EXPECT_EQ(signer.check(t, sig.substr(0, 63), kBefore), SignatureCheck::Invalid);
  EXPECT_EQ(UploadSigner("other secret").check(t, sig, kBefore), SignatureCheck::Invalid);
}

TEST(UploadSigner, ExpiredForgeryIsInvalidNotExpired) {
  UploadSigner signer("secret");
  auto t = sample();
  EXPECT_EQ(signer.check(t, std::string(64, 'a'), t.expires + 1), SignatureCheck::Invalid);
}

TEST(UploadSigner, MalformedIdsNeverValidate) {
  UploadSigner signer("secret");
  auto t = sample();
  t.repo = "abc\nupload";  // a newline would let fields shift into each other
  EXPECT_EQ(signer.check(t, signer.sign(t), kBefore), SignatureCheck::Invalid);
  t = sample();
  t.oid = "ABCDEF";
  EXPECT_EQ(signer.check(t, signer.sign(t), kBefore), SignatureCheck::Invalid);
  t = sample();
  t.staging = "abc\nupload";
  EXPECT_EQ(signer.check(t, signer.sign(t), kBefore), SignatureCheck::Invalid);
}

TEST(UploadSigner, AStagingNameIsSignedToo) {
  UploadSigner signer("secret");
  auto t = sample();
  const auto without = signer.sign(t);
  t.staging = "0123456789abcdef-5242880:2~YWJj.ZGVm";
  const auto with = signer.sign(t);
  EXPECT_NE(with, without);
  EXPECT_EQ(signer.check(t, with, kBefore), SignatureCheck::Valid);
  t.staging = "0123456789abcdef-5242880:2~YWJj.ZGVn";
  EXPECT_EQ(signer.check(t, with, kBefore), SignatureCheck::Invalid);
}

TEST(SigningKey, ConfiguredKeyWins) {
  auto file = std::filesystem::temp_directory_path() / ("hfhub-key-" + random_hex(6));
  EXPECT_EQ(load_or_create_signing_key("configured", file), "configured");
  EXPECT_FALSE(std::filesystem::exists(file));
}

TEST(SigningKey, GeneratedOnceKeptPrivateAndReused) {
  auto dir = std::filesystem::temp_directory_path() / ("hfhub-key-" + random_hex(6));
  std::filesystem::create_directories(dir);
  auto file = dir / "url-signing.key";
  auto key = load_or_create_signing_key("", file);
  EXPECT_EQ(key.size(), 64u);
  struct stat st {};
  ASSERT_EQ(::stat(file.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  EXPECT_EQ(load_or_create_signing_key("", file), key);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace hfhub::server
