#pragma once
// HfApi's state, shared by the files that define its methods (hf_api.cpp, hf_api_content.cpp,
// hf_api_download.cpp, hf_api_upload.cpp).
#include <memory>
#include <mutex>

#include "client/api/future_pool.h"
#include "client/http/session.h"
#include "hfhub/hf_api.h"

namespace hfhub {

struct HfApi::Impl {
  std::shared_ptr<client::Session> session;

  // The session for one call: the shared one, or a new one carrying the call's token/endpoint
  // overrides (Python's per-method `token=`).
  std::shared_ptr<client::Session> session_for(const CallOverrides& call) const;
  // The options for one call, with the overrides applied.
  ClientOptions options_for(const CallOverrides& call) const;

  // run_as_future's workers, started by the first call (client/api/future_pool.h).
  std::once_flag futures_started;
  std::unique_ptr<client::FuturePool> futures;
};

}  // namespace hfhub
