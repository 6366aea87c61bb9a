#pragma once
// File metadata from a HEAD on a resolve URL (docs/hub-behaviour.md#file-metadata-from-head), and the existence
// checks built on it (file_exists) or on repo info (revision_exists).
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "client/http/session.h"
#include "hfhub/repo_content.h"

namespace hfhub::client {

// The URL a relative `location` points to: `url` with its path replaced by the location's path
// (the location's query dropped, url's kept), as Python does; nullopt for an absolute location
// (with a scheme or "//host"), which is a download location, not followed.
std::optional<std::string> follow_relative_location(std::string_view url, std::string_view location);

// The metadata a final HEAD response carries; `request_url` is the URL it answered.
HfFileMetadata file_metadata_from_response(const HttpResponse& response, std::string_view request_url);

// Seconds as given by the Python-style APIs (etag_timeout=10.0) -> a request timeout; <= 0 is none.
inline std::chrono::milliseconds seconds_to_ms(double seconds) {
  return std::chrono::milliseconds(seconds > 0 ? int64_t(seconds * 1000) : 0);
}

// HEAD with Accept-Encoding: identity, following only relative redirects (a renamed repo).
// `timeout` bounds each HEAD (Python's etag_timeout); 0 keeps the session's.
HfFileMetadata get_file_metadata(Session& session, std::string_view url,
                                 std::chrono::milliseconds timeout = std::chrono::milliseconds(0));

// Python's file_exists: EntryNotFound, RevisionNotFound and RepoNotFound are false; a gated repo throws.
bool file_exists(Session& session, std::string_view repo_id, std::string_view filename, const RepoCall& call);
// Python's revision_exists: repo info at the revision; RevisionNotFound and RepoNotFound are false.
bool revision_exists(Session& session, std::string_view repo_id, std::string_view revision, const RepoCall& call);

}  // namespace hfhub::client
