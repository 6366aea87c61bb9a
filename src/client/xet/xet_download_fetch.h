#pragma once
// Downloads a Xet-backed file through the CAS (docs/xet.md#client): one reconstruction query,
// then each xorb byte range of it once, in parallel on the transfer engine (at most
// connections_per_file at a time, single Range requests without Authorization), decoded as it
// streams in and written term by term at its file offset into target.chunked_temp. Ranges come
// from the local chunk cache when it holds them. Failed or stalled ranges are retried with
// backoff; a 403 (expired transfer URL) re-queries the reconstruction. Finished terms are
// journaled, so a killed download resumes without fetching them again. The file lands in
// target.final_path only when its Merkle file hash equals the Xet hash and its sha256 the etag;
// otherwise ChecksumMismatchError and nothing is put in place.
#include <exception>
#include <functional>

#include "client/download/blob_fetch.h"

namespace hfhub::client {

void fetch_xet_blob(TransferEngine& engine, const ClientOptions& options, BlobTarget target,
                    std::function<void(std::exception_ptr)> done);

}  // namespace hfhub::client
