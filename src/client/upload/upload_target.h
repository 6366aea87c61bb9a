#pragma once
// Where an upload goes: the session for the Hub API calls (its options also drive the transfer
// engine: limits, progress, cancellation), the repo and the revision the commit lands on.
#include <memory>
#include <string>

#include "client/http/session.h"
#include "common/repo_id.h"
#include "hfhub/client_options.h"

namespace hfhub::client {

struct UploadTarget {
  std::shared_ptr<Session> session;
  RepoType repo_type = RepoType::Model;
  std::string repo_id;
  std::string revision = "main";  // branch, or refs/pr/N
  bool create_pr = false;

  const ClientOptions& options() const { return session->options(); }
  // "{endpoint}/api/{t}s/{id}/{action}/{quote(revision)}" + "?create_pr=1" when create_pr.
  std::string revision_api_url(std::string_view action) const;
  // Headers the Hub expects on calls outside Session (verify): user-agent and the token.
  HeaderList hub_headers() const;
  // Headers for pre-signed storage URLs: user-agent only, never the token.
  HeaderList signed_url_headers() const;
};

// The progress callback, if any (events always come from the calling thread).
void report(const UploadTarget& target, TransferEvent event);

}  // namespace hfhub::client
