// HfApi downloads: thin forwards to client/download/.
#include "client/download/cache_download.h"
#include "client/download/local_dir.h"
#include "client/download/snapshot_download.h"
#include "client/hf_api_impl.h"

namespace hfhub {

std::filesystem::path HfApi::hf_hub_download(std::string_view repo_id, std::string_view filename,
                                             const DownloadParams& params) const {
  auto session = impl_->session_for(params);
  if (params.local_dir) return client::download_to_local_dir(*session, repo_id, filename, params);
  return client::download_to_cache(*session, repo_id, filename, params);
}

std::filesystem::path HfApi::snapshot_download(std::string_view repo_id, const SnapshotParams& params) const {
  return client::snapshot_download(impl_->session_for(params), repo_id, params);
}

std::vector<DryRunFileInfo> HfApi::snapshot_download_dry_run(std::string_view repo_id,
                                                             const SnapshotParams& params) const {
  return client::snapshot_download_dry_run(impl_->session_for(params), repo_id, params);
}

CacheLookup HfApi::try_to_load_from_cache(std::string_view repo_id, std::string_view filename,
                                          const DownloadParams& params) const {
  return client::try_to_load_from_cache(impl_->session->options(), repo_id, filename, params);
}

}  // namespace hfhub
