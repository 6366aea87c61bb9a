#pragma once
// hf_hub_download into the shared cache (docs/hub-behaviour.md#download-flow), and try_to_load_from_cache.
#include <filesystem>
#include <string_view>

#include "client/http/session.h"
#include "hfhub/download.h"

namespace hfhub::client {

// The snapshot path of the file. Offline (HF_HUB_OFFLINE or local_files_only) only the cache
// is read. When the Hub cannot be reached, a cached copy is returned, as Python does;
// RevisionNotFound and EntryNotFound are raised at once (the latter leaves a .no_exist marker).
std::filesystem::path download_to_cache(Session& session, std::string_view repo_id, std::string_view path,
                                        const DownloadParams& params);

CacheLookup try_to_load_from_cache(const ClientOptions& options, std::string_view repo_id, std::string_view path,
                                   const DownloadParams& params);

// The metadata HEAD of a download, with Python's fallbacks: no metadata when the Hub could not
// answer (network, offline, repo errors) and a cached copy may stand in; that error is kept.
// RevisionNotFoundError and EntryNotFoundError are thrown at once.
struct HeadOutcome {
  std::optional<HfFileMetadata> metadata;
  std::exception_ptr error;
};
HeadOutcome head_for_download(Session& session, std::string_view url, double etag_timeout_seconds);

// Rethrows a HEAD failure once no cached copy could stand in: HTTP errors as they are,
// others as LocalEntryNotFoundError.
[[noreturn]] void raise_head_error(std::exception_ptr error, std::string_view path);

// commit, etag and size from a HEAD, all required (HfHubError naming what is missing).
struct RemoteFile {
  std::string commit;
  std::string etag;
  int64_t size = 0;
  std::string location;
};
RemoteFile require_remote_file(const HfFileMetadata& metadata, std::string_view url);

}  // namespace hfhub::client
