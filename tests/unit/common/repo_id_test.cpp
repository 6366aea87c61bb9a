#include "common/repo_id.h"

#include <gtest/gtest.h>

#include <string>

namespace hfhub {

TEST(RepoId, ParsesNamespaceAndName) {
  auto id = RepoId::parse("google/gemma-2b");
  ASSERT_TRUE(id);
  EXPECT_EQ(id->ns, "google");
  EXPECT_EQ(id->name, "gemma-2b");
  EXPECT_EQ(id->str(), "google/gemma-2b");
}

TEST(RepoId, AcceptsLegacySingleSegment) {
  auto id = RepoId::parse("gpt2");
  ASSERT_TRUE(id);
  EXPECT_TRUE(id->ns.empty());
  EXPECT_EQ(id->str(), "gpt2");
}

TEST(RepoId, RejectsDoubleDashAndDoubleDot) {
  EXPECT_FALSE(RepoId::parse("user/a--b"));
  EXPECT_FALSE(RepoId::parse("user/a..b"));
  EXPECT_FALSE(RepoId::parse("us--er/ab"));
  EXPECT_TRUE(RepoId::parse("user/a-b.c_d"));
}

TEST(RepoId, RejectsBadEdgesAndCharacters) {
  EXPECT_FALSE(RepoId::parse(""));
  EXPECT_FALSE(RepoId::parse("/name"));
  EXPECT_FALSE(RepoId::parse("user/"));
  EXPECT_FALSE(RepoId::parse("user/-name"));
  EXPECT_FALSE(RepoId::parse("user/name-"));
  EXPECT_FALSE(RepoId::parse("user/name."));
  EXPECT_FALSE(RepoId::parse("user/na me"));
  EXPECT_FALSE(RepoId::parse("a/b/c"));
}

TEST(RepoId, AcceptsUnderscoreAtEitherEndAsTheClientDoes) {
  // huggingface_hub's validator: a word character at each end, so "__ORG__" is valid.
  EXPECT_TRUE(RepoId::parse("__ORG__/__repo__"));
  EXPECT_TRUE(RepoId::parse("_user/_name"));
  EXPECT_TRUE(RepoId::parse("_"));
  EXPECT_FALSE(RepoId::parse("user/.name"));
  EXPECT_FALSE(RepoId::parse("user/_a--b_"));
}

TEST(RepoId, NinetySixCharactersIsTheLimit) {
  std::string ok(96, 'a');
  std::string too_long(97, 'a');
  EXPECT_TRUE(is_valid_repo_name_part(ok));
  EXPECT_FALSE(is_valid_repo_name_part(too_long));
  EXPECT_TRUE(RepoId::parse("user/" + ok));
  EXPECT_FALSE(RepoId::parse("user/" + too_long));
}

TEST(RepoType, NamesPluralsAndPrefixes) {
  EXPECT_EQ(parse_repo_type("dataset"), RepoType::Dataset);
  EXPECT_EQ(parse_repo_type("spaces"), RepoType::Space);
  EXPECT_FALSE(parse_repo_type("kernel"));
  EXPECT_EQ(repo_type_plural(RepoType::Model), "models");
  EXPECT_EQ(repo_type_url_prefix(RepoType::Model), "");
  EXPECT_EQ(repo_type_url_prefix(RepoType::Dataset), "datasets/");
  EXPECT_EQ(repo_type_name(RepoType::Space), "space");
}

}  // namespace hfhub
