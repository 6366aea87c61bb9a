// git smart HTTP on the Hub's URLs: `git clone https://host/{repo}` (with or without ".git",
// datasets/ and spaces/ prefixes), fetch, and push. Access follows the repo's visibility, pushes
// need write rights; git itself serves the protocol (git_http/git_http_backend.h) and checks what
// is pushed (git_http/push_hooks.h).
#include <cstdio>
#include <memory>
#include <mutex>

#include "server/git_http/git_http_backend.h"
#include "server/git_http/push_hooks.h"
#include "server/http/error_table.h"
#include "server/model/domain_error.h"
#include "server/routes/route_table.h"

namespace hfhub::server {

namespace {

constexpr std::string_view kUploadPack = "git-upload-pack";
constexpr std::string_view kReceivePack = "git-receive-pack";

// Built on the first git request (git located, push hooks written), once per application.
class LazyBackend {
 public:
  const GitHttpBackend& get(const RouteServices& services) {
    std::call_once(once_, [&] {
      backend_ = std::make_unique<GitHttpBackend>(services.config().git_root, services.config().data_dir,
                                                  current_executable());
    });
    return *backend_;
  }

 private:
  std::once_flag once_;
  std::unique_ptr<GitHttpBackend> backend_;
};

// "ns/name.git" and "ns/name" name the same repo.
std::string repo_id_of(const Call& c) {
  std::string id = c.params["repo"];
  if (id.ends_with(".git")) id.resize(id.size() - 4);
  return id;
}

// git asks for credentials only when a 401 carries a Basic challenge.
template <class F>
RepoRecord with_auth_challenge(F&& open) {
  try {
    return open();
  } catch (DomainError& e) {
    if (error_status(e) == 401) e.with_header("WWW-Authenticate", "Basic realm=\"Hugging Face\"");
    throw;
  }
}

RepoRecord open_repo(const Call& c, RepoType type) {
  return with_auth_challenge([&] { return c.services.content().open_read(c.caller, type, repo_id_of(c)); });
}

// A push: every ref for a writer, a reader's own pull requests otherwise.
ContentService::PushAccess open_push(const Call& c, RepoType type) {
  ContentService::PushAccess access;
  with_auth_challenge([&] {
    access = c.services.content().open_push(c.caller, type, repo_id_of(c));
    return access.repo;
  });
  return access;
}

// Imported catalog rows have no git storage: nothing to clone. A push gives them one, as an API
// commit would (called with the repo's write lock held).
void require_git_storage(const Call& c, RepoRecord& repo, bool push) {
  if (c.services.content().has_git_storage(repo)) return;
  if (!push) throw DomainError(ErrorKind::RepoNotFound, "Repository " + repo.id + " has no git content yet");
  c.services.content().initialize(repo, c.caller);
}

std::string pusher_name(const Call& c) { return c.caller ? c.caller->user.name : std::string(); }

Response info_refs(const Call& c, RepoType type, LazyBackend& backend) {
  auto service = c.request.query.get("service");
  if (!service || (*service != kUploadPack && *service != kReceivePack))
    throw DomainError(ErrorKind::Forbidden,
                      "Only git's smart HTTP protocol is served (service=git-upload-pack or git-receive-pack)");
  bool push = *service == kReceivePack;
  auto repo = push ? open_push(c, type).repo : open_repo(c, type);
  if (push) {
    ContentService::WriteLock lock(c.services.content(), repo);
    require_git_storage(c, repo, push);
  } else {
    require_git_storage(c, repo, push);
  }
  GitHttpCall call{repo.object_id, "info/refs", std::string(*service), push ? pusher_name(c) : ""};
  return backend.get(c.services).start(c.request, call).stream();
}

// Fetch and clone: the pack streams from git to the client, never held in memory.
Response upload_pack(const Call& c, RepoType type, LazyBackend& backend) {
  auto repo = open_repo(c, type);
  require_git_storage(c, repo, false);
  GitHttpCall call{repo.object_id, std::string(kUploadPack), "", ""};
  return backend.get(c.services).start(c.request, call).stream();
}

// Push: receive-pack runs under the repo's write lock, so it never interleaves with an API commit
// (both would be safe anyway — each moves refs compare-and-swap — but the loser would fail).
// Its answer is a short status report, read whole so the lock is released and the catalog row
// synced before the client hears "ok".
Response receive_pack(const Call& c, RepoType type, LazyBackend& backend) {
  auto [repo, only_refs] = open_push(c, type);
  auto pull_requests = c.services.content().pull_request_heads(repo);
  Response res;
  {
    ContentService::WriteLock lock(c.services.content(), repo);
    require_git_storage(c, repo, true);
    GitHttpCall call{repo.object_id, std::string(kReceivePack), "", pusher_name(c), only_refs};
    // The refs before and after the push give the webhooks' repo.content event (docs/webhooks.md):
    // git's own hooks run in another process, so the server compares them itself, under the lock.
    auto before = c.services.content().ref_targets(repo);
    res = backend.get(c.services).start(c.request, call).collect();
    c.services.content().report_ref_changes(c.caller, repo, before);
  }
  try {
    c.services.content().sync_default_branch(repo);
  } catch (const std::exception& e) {
    // The push stands; the start-up reconcile repairs the row if this keeps failing.
    std::fprintf(stderr, "git push to %s: catalog sync failed: %s\n", repo.id.c_str(), e.what());
  }
  // Pushes to refs/pr/<num> are commits of that pull request (docs/discussions.md#commits).
  c.services.content().pull_requests_pushed(c.caller, repo, pull_requests);
  return res;
}

}  // namespace

void add_git_http_routes(RouteTable& t) {
  auto backend = std::make_shared<LazyBackend>();
  // Prefixed forms first: "/datasets/x/info/refs" would otherwise read as model "datasets/x".
  const std::pair<const char*, RepoType> prefixes[] = {
      {"/datasets", RepoType::Dataset}, {"/spaces", RepoType::Space}, {"", RepoType::Model}};
  for (auto& [prefix, type] : prefixes) {
    std::string base = std::string(prefix) + "/{repo:repo}/";
    RepoType repo_type = type;
    t.add("GET", base + "info/refs", [=](const Call& c) { return info_refs(c, repo_type, *backend); });
    // A fetch's negotiation is small (body-limit); a push is an upload. Both are refused on
    // their headers when the caller may not read (fetch) or write (push) the repo.
    t.add(
        "POST", base + std::string(kUploadPack), [=](const Call& c) { return upload_pack(c, repo_type, *backend); },
        BodyRule{.mode = BodyMode::Streamed, .precheck = [=](const Call& c) { open_repo(c, repo_type); }});
    t.add(
        "POST", base + std::string(kReceivePack), [=](const Call& c) { return receive_pack(c, repo_type, *backend); },
        BodyRule{
            .mode = BodyMode::Streamed, .upload = true, .precheck = [=](const Call& c) { open_push(c, repo_type); }});
  }
}

}  // namespace hfhub::server
