#pragma once
// Git content for the most popular repos of the demo catalog (demo_catalog.h), whose rows
// otherwise have no files: cards, configs, tokenizers, small valid safetensors weights, data
// files and apps (demo_files.h), committed through ContentService like any API commit, so the
// catalog rows (cardData, siblings, sha, safetensors) follow from git as after any commit.
#include <cstdint>

#include "server/content/content_service.h"
#include "server/stores/account_store.h"
#include "server/stores/blob_store.h"
#include "server/stores/repo_store.h"

namespace hfhub::server {

// How many repos of each type get content: the top `n` public repos by trending score, plus the
// first listing page (30) by likes and by downloads, so each of those listings opens on repos
// with files.
struct DemoContentOptions {
  int64_t models = 200;
  int64_t datasets = 50;
  int64_t spaces = 50;
};

struct DemoContentReport {
  int64_t seeded = 0;    // repos given content by this run
  int64_t existing = 0;  // chosen repos that already had git storage: left as they are
  int64_t commits = 0;
  double seconds = 0;
};

// Each chosen repo without git storage gets its history: an initial commit at its createdAt,
// "Upload model" (or dataset/app files), "Update README.md" at its lastModified, then a tag
// v1.0 on every third repo and a branch "dev" with one commit on every fourth. Repos that
// already have git storage are never touched, so running it again changes nothing.
DemoContentReport seed_demo_content(RepoStore& repos, AccountStore& accounts, ContentService& content, BlobStore& blobs,
                                    const DemoContentOptions& options);

}  // namespace hfhub::server
