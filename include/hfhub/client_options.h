#pragma once
// How an HfApi talks to the Hub: endpoint, token, timeouts, retries, rate-limit pacing.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>

#include "hfhub/progress.h"

namespace hfhub {

// How file transfers (downloads, LFS uploads) run: one libcurl multi loop for all of them.
struct TransferOptions {
  int max_connections = 16;                 // concurrent transfers per host
  int connections_per_file = 4;             // parallel range requests for one large file
  int64_t parallel_threshold = 64ll << 20;  // files from this size are fetched in ranges
  int64_t chunk_size = 16ll << 20;          // bytes per range request
  std::chrono::seconds stall_timeout{10};   // no byte for this long: retry (HF_HUB_DOWNLOAD_TIMEOUT)
  int max_attempts = 5;                     // per transfer, with backoff between them
  int64_t max_bytes_per_second = 0;         // bandwidth cap for all transfers; 0 = none
  std::string ca_bundle;                    // PEM file; default: REQUESTS_CA_BUNDLE / CURL_CA_BUNDLE / SSL_CERT_FILE
};

struct ClientOptions {
  // Base URL without trailing '/'.
  std::string endpoint = "https://huggingface.co";
  // Sent as "Authorization: Bearer <token>"; nullopt sends no Authorization header.
  std::optional<std::string> token;
  std::string user_agent = "hfhub/0.1.0; cpp";
  // Extra headers sent with every request (take precedence over the defaults).
  std::map<std::string, std::string> headers;

  std::chrono::milliseconds connect_timeout{10'000};
  std::chrono::milliseconds request_timeout{0};  // whole request; 0 = no limit

  // Retries on 408/429/500/502/503/504 and network errors (POST: only 429), see retry.h.
  int max_retries = 5;
  // When the server asks to wait longer than this (Retry-After / RateLimit t=), give up at once
  // with RateLimitedError instead of sleeping. nullopt = always wait.
  std::optional<std::chrono::seconds> max_retry_wait;
  // Pre-emptive slowdown: when RateLimit remaining drops under 10% of the RateLimit-Policy
  // quota, space the following requests evenly over what is left of the window.
  bool pace_requests = true;

  // HF_HUB_OFFLINE: every request throws OfflineModeError.
  bool offline = false;

  // $HF_HOME (token files live here). Informational for HfApi; used by TokenStore::from_env.
  std::string hf_home;
  // The shared download cache: HF_HUB_CACHE, else $HF_HOME/hub (default_hub_cache()).
  std::filesystem::path hub_cache;

  TransferOptions transfer;

  // HF_HUB_DISABLE_XET: no Xet: uploads never offer the Xet transfer (they go through LFS) and
  // Xet-backed files are downloaded over plain HTTP (resolve) instead of through the CAS.
  bool disable_xet = false;
  // The local chunk cache of Xet downloads (docs/client.md#xet-downloads): $HF_XET_CACHE, else
  // $HF_HOME/xet, then /hfhub-chunks. Empty = none.
  std::filesystem::path xet_chunk_cache;
  // Its size cap (HFHUB_XET_CHUNK_CACHE_SIZE, bytes of entries); the least recently used go first. 0 = off.
  int64_t xet_chunk_cache_bytes = 10ll << 30;

  // Transfer events (downloads, uploads); unset = silent.
  ProgressCallback progress;

  // Sleeps used for retries and pacing; defaults to std::this_thread::sleep_for. Tests inject a
  // recorder; the CLI injects an interruptible sleep.
  std::function<void(std::chrono::milliseconds)> sleep;
  // Polled during sleeps and transfers; when it returns true the call throws CancelledError.
  std::function<bool()> cancelled;

  // Compute (docs/compute.md): the Inference Endpoints API and the Inference Catalog, which the
  // real Hub serves from other hosts. Empty: those hosts when `endpoint` is https://huggingface.co,
  // else "{endpoint}/v2" and "{endpoint}/api/v1/catalog" (the paths hfhubd answers, with 501).
  // HFHUB_INFERENCE_ENDPOINTS_ENDPOINT and HFHUB_INFERENCE_CATALOG_ENDPOINT set them.
  std::string inference_endpoints_endpoint;
  std::string inference_catalog_endpoint;
  // Worker threads of HfApi::run_as_future, each with its own connection pool; at least 1.
  int future_workers = 4;

  // Reads HF_ENDPOINT (trailing '/' stripped), HF_TOKEN (else HUGGING_FACE_HUB_TOKEN, else the
  // token file $HF_TOKEN_PATH or $HF_HOME/token), HF_HOME (default $XDG_CACHE_HOME/huggingface
  // or ~/.cache/huggingface), HF_HUB_OFFLINE (1/true/yes/on), HF_HUB_CACHE (see
  // default_hub_cache), HF_HUB_DOWNLOAD_TIMEOUT (stall timeout, seconds), the CA bundle
  // variables, HF_HUB_DISABLE_XET, HF_XET_CACHE and HFHUB_XET_CHUNK_CACHE_SIZE.
  static ClientOptions from_env();
};

}  // namespace hfhub
