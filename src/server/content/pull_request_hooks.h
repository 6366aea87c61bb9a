#pragma once
// What the content service asks of the discussions service (docs/discussions.md): pull requests
// are discussions, but their refs/pr/<num> and commits live in git, which only ContentService
// touches. An interface here keeps the dependency one-way (discussions/ uses content/).
#include <cstdint>
#include <string>

#include "server/model/repo.h"
#include "server/services/identity.h"

namespace hfhub::server {

class PullRequestHooks {
 public:
  virtual ~PullRequestHooks() = default;
  // The lowest number the next discussion of `repo` may take (its write lock is held).
  virtual int64_t next_number(const RepoRecord& repo) = 0;
  // Refuses (DomainError) a pull request `caller` may not open: discussions disabled.
  virtual void require_may_open(const Caller& caller, const RepoRecord& repo) = 0;
  // A create_pr commit made refs/pr/<num> (write lock held): its pull request opens.
  virtual void opened_by_commit(const Caller& caller, const RepoRecord& repo, int64_t num, const std::string& title,
                                const std::string& description, const std::string& commit) = 0;
  // A commit landed on refs/pr/<num>, over the commit API or a push. Never throws: the commit stands.
  virtual void committed(const Caller& caller, const RepoRecord& repo, int64_t num, const std::string& commit,
                         const std::string& subject) noexcept = 0;
  // Whether `caller`, who may not write to the repo's namespace, may commit to refs/pr/<num>:
  // the pull request's author, while it is open or a draft.
  virtual bool may_commit(const Caller& caller, const RepoRecord& repo, int64_t num) = 0;
};

// <num> of "refs/pr/<num>"; nullopt for any other revision.
std::optional<int64_t> pull_request_number(std::string_view revision);

}  // namespace hfhub::server
