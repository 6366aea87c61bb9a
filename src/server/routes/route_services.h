#pragma once
// What a route handler may reach: the services, and the few settings routes read. Never a store,
// never the whole application. app/ builds one at start-up (AppContext::route_services).
#include <cstdint>
#include <string>

#include "server/catalog/catalog_service.h"
#include "server/collections/collection_service.h"
#include "server/content/content_service.h"
#include "server/content/repo_lifecycle.h"
#include "server/content/repo_read_service.h"
#include "server/discussions/discussion_service.h"
#include "server/http/request.h"
#include "server/lfs/lfs_service.h"
#include "server/papers/paper_service.h"
#include "server/services/access_requests.h"
#include "server/services/repo_service.h"
#include "server/social/social_service.h"
#include "server/services/token_service.h"
#include "server/services/web_sessions.h"
#include "server/spaces/space_settings.h"
#include "server/webhooks/webhook_service.h"
#include "server/xet/cas_service.h"
#include "server/xet/xet_files.h"
#include "server/xet/xet_tokens.h"

namespace hfhub::server {

struct RouteSettings {
  int64_t body_limit = 0;    // JSON bodies
  int64_t upload_limit = 0;  // commits and LFS uploads
  size_t tree_page_max = 1000;
  std::string data_dir;    // git http-backend's hooks live here
  std::string git_root;    // the bare repositories
  std::string public_url;  // links start with it when set
  std::string host;        // else with the Host header, else with host:port
  int port = 0;
  std::string cas_url;  // the separate CAS listener's base URL (`cas-listen`); empty: <base>/xet
};

struct RouteServices {
  RouteSettings settings;
  CatalogService& catalog_service;
  ContentService& content_service;
  RepoReadService& read_service;
  RepoService& repo_admin;
  RepoLifecycle& lifecycle;
  LfsService& lfs_service;
  XetTokens& xet_token_service;
  CasService& cas_service;
  XetFiles& xet_files_service;
  AccessRequests& access_request_service;  // gated repos (docs/gated.md)
  DiscussionService& discussion_service;
  WebhookService& webhook_service;
  SocialService& social_service;  // likes, follows, overviews (docs/accounts.md)
  TokenService& token_service;  // /api/settings/tokens (docs/tokens.md)
  SpaceSettingsService& space_settings;  // docs/spaces.md
  CollectionService& collection_service;  // docs/collections.md
  PaperService& paper_service;            // docs/papers.md
  WebSessions& web_session_service;       // the web UI's sign-ins (docs/web.md)

  const RouteSettings& config() const { return settings; }
  CatalogService& catalog() const { return catalog_service; }
  ContentService& content() const { return content_service; }
  RepoReadService& reads() const { return read_service; }
  RepoService& repo_service() const { return repo_admin; }
  RepoLifecycle& repo_lifecycle() const { return lifecycle; }
  LfsService& lfs() const { return lfs_service; }
  XetTokens& xet_tokens() const { return xet_token_service; }
  CasService& cas() const { return cas_service; }
  XetFiles& xet_files() const { return xet_files_service; }
  AccessRequests& access_requests() const { return access_request_service; }
  DiscussionService& discussions() const { return discussion_service; }
  WebhookService& webhooks() const { return webhook_service; }
  SocialService& social() const { return social_service; }
  TokenService& tokens() const { return token_service; }
  SpaceSettingsService& spaces() const { return space_settings; }
  CollectionService& collections() const { return collection_service; }
  PaperService& papers() const { return paper_service; }
  WebSessions& web_sessions() const { return web_session_service; }

  // Absolute base URL for links: the configured public URL, else http://<Host>.
  std::string base_url(const Request& request) const;
  // The CAS base URL clients get with their Xet tokens (docs/xet.md#tokens): no trailing '/'.
  std::string xet_cas_url(const Request& request) const {
    return settings.cas_url.empty() ? base_url(request) + "/xet" : settings.cas_url;
  }
};

}  // namespace hfhub::server
