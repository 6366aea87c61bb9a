#include "client/upload/lfs_transfer.h"

#include <algorithm>
#include <boost/json.hpp>
#include <map>
#include <memory>

#include "client/http/retry.h"
#include "client/transfer/transfer_engine.h"
#include "client/transfer/transfer_errors.h"
#include "hfhub/errors.h"

namespace hfhub::client {

namespace json = boost::json;

std::optional<MultipartPlan> multipart_plan(const LfsAction& upload, int64_t size) {
  auto chunk = find_header(upload.header, "chunk_size");
  if (!chunk) return std::nullopt;
  MultipartPlan plan;
  try {
    plan.chunk_size = std::stoll(*chunk);
  } catch (const std::exception&) {
    plan.chunk_size = 0;
  }
  if (plan.chunk_size <= 0) throw InvalidResponseError("LFS multipart upload with an invalid chunk_size: " + *chunk);
  std::map<long long, std::string> parts;
  for (const auto& [key, url] : upload.header)
    if (!key.empty() && std::all_of(key.begin(), key.end(), [](char c) { return c >= '0' && c <= '9'; }))
      parts[std::stoll(key)] = url;
  const int64_t expected = (size + plan.chunk_size - 1) / plan.chunk_size;
  if (static_cast<int64_t>(parts.size()) != expected || (!parts.empty() && parts.begin()->first != 1))
    throw InvalidResponseError("LFS multipart upload: expected " + std::to_string(expected) + " part URLs, got " +
                               std::to_string(parts.size()));
  for (auto& [number, url] : parts) plan.part_urls.push_back(std::move(url));
  return plan;
}

namespace {

constexpr std::string_view kLfsMediaType = "application/vnd.git-lfs+json";

// One object on its way: the bytes each of its requests has sent, for progress.
struct JobState {
  LfsUploadJob job;
  std::vector<int64_t> sent;       // per part (one entry for a basic upload)
  std::vector<std::string> etags;  // multipart
  size_t parts_left = 0;
};

class LfsUploader {
 public:
  LfsUploader(const UploadTarget& target, const ClientOptions& options)
      : target_(target), engine_(options), max_attempts_(std::max(1, options.transfer.max_attempts)) {}

  void add(LfsUploadJob job) {
    auto state = std::make_shared<JobState>();
    state->job = std::move(job);
    const auto& upload = *state->job.object.upload;
    const int64_t size = state->job.object.size;
    report(target_, {TransferEvent::Kind::Start, state->job.path_in_repo, 0, size});
    if (auto plan = multipart_plan(upload, size)) {
      state->sent.assign(plan->part_urls.size(), 0);
      state->etags.assign(plan->part_urls.size(), "");
      state->parts_left = plan->part_urls.size();
      for (size_t i = 0; i < plan->part_urls.size(); ++i) {
        const int64_t offset = static_cast<int64_t>(i) * plan->chunk_size;
        Transfer put = body_put(state, plan->part_urls[i], offset, std::min(plan->chunk_size, size - offset), i);
        send(std::move(put), 0, [this, state, i](TransferResult&& r) {
          auto etag = find_header(r.headers, "etag");
          if (!etag || etag->empty()) throw InvalidResponseError("LFS part upload answered without an ETag: " + r.url);
          state->etags[i] = *etag;
          if (--state->parts_left == 0) complete_multipart(state);
        });
      }
    } else {
      state->sent.assign(1, 0);
      send(body_put(state, upload.href, 0, size, 0), 0, [this, state](TransferResult&&) { verify(state); });
    }
  }

  void run() { engine_.run(); }

 private:
  Transfer body_put(const std::shared_ptr<JobState>& state, const std::string& url, int64_t offset, int64_t length,
                    size_t slot) {
    Transfer t;
    t.method = "PUT";
    t.url = url;
    // Pre-signed URLs authorize themselves: no token, no action headers
    // (docs/hub-behaviour.md#signed-storage-urls).
    t.headers = target_.signed_url_headers();
    BodySource body;
    if (state->job.file) {
      body.path = *state->job.file;
      body.offset = offset;
      body.length = length;
    } else {
      body.bytes = state->job.bytes.substr(static_cast<size_t>(offset), static_cast<size_t>(length));
    }
    t.body = std::move(body);
    t.on_upload_progress = [this, s = state, slot](int64_t sent) {
      s->sent[slot] = sent;
      int64_t done = 0;
      for (int64_t v : s->sent) done += v;
      report(target_, {TransferEvent::Kind::Progress, s->job.path_in_repo, done, s->job.object.size});
    };
    return t;
  }

  void complete_multipart(const std::shared_ptr<JobState>& state) {
    json::array parts;
    for (size_t i = 0; i < state->etags.size(); ++i)
      parts.push_back(json::object{{"partNumber", static_cast<int64_t>(i + 1)}, {"etag", state->etags[i]}});
    Transfer t = json_post(state->job.object.upload->href, target_.signed_url_headers(),
                           json::object{{"oid", state->job.object.oid}, {"parts", std::move(parts)}});
    send(std::move(t), 0, [this, state](TransferResult&&) { verify(state); });
  }

  void verify(const std::shared_ptr<JobState>& state) {
    const auto& verify = state->job.object.verify;
    if (!verify || verify->href.empty()) return finished(state);
    Transfer t = json_post(verify->href, target_.hub_headers(),
                           json::object{{"oid", state->job.object.oid}, {"size", state->job.object.size}});
    send(std::move(t), 0, [this, state](TransferResult&&) { finished(state); });
  }

  void finished(const std::shared_ptr<JobState>& state) {
    if (state->job.on_uploaded) state->job.on_uploaded();
    report(target_,
           {TransferEvent::Kind::Done, state->job.path_in_repo, state->job.object.size, state->job.object.size});
  }

  static Transfer json_post(const std::string& url, HeaderList headers, const json::object& body) {
    Transfer t;
    t.method = "POST";
    t.url = url;
    t.headers = std::move(headers);
    t.headers.emplace_back("accept", std::string(kLfsMediaType));
    t.headers.emplace_back("content-type", std::string(kLfsMediaType));
    t.body = BodySource{json::serialize(body), {}, 0, 0};
    return t;
  }

  // Submits with retries: network errors, stalls, 429 and 5xx are retried with backoff up to
  // max_attempts; anything else (or the last failure) throws out of the engine loop.
  void send(Transfer transfer, int attempt, std::function<void(TransferResult&&)> on_success,
            std::chrono::milliseconds delay = {}) {
    Transfer retry_copy = transfer;
    transfer.on_done = [this, retry_copy, attempt, on_success](TransferResult&& r) {
      if (r.ok()) return on_success(std::move(r));
      if (!is_retriable_failure(r) || attempt + 1 >= max_attempts_)
        std::rethrow_exception(transfer_error(r, retry_copy.url));
      report(target_, {TransferEvent::Kind::Retry, "", 0, -1, 0, true, false,
                       r.status ? "HTTP " + std::to_string(r.status) : (r.stalled ? "stalled" : r.error)});
      send(retry_copy, attempt + 1, on_success, backoff_delay(attempt));
    };
    if (delay.count() > 0)
      engine_.submit_after(delay, std::move(transfer));
    else
      engine_.submit(std::move(transfer));
  }

  const UploadTarget& target_;
  TransferEngine engine_;
  int max_attempts_;
};

}  // namespace

void run_lfs_transfers(const UploadTarget& target, std::vector<LfsUploadJob> jobs, int max_connections) {
  if (jobs.empty()) return;
  ClientOptions options = target.options();
  if (max_connections > 0) options.transfer.max_connections = max_connections;
  LfsUploader uploader(target, options);
  for (auto& job : jobs) uploader.add(std::move(job));
  uploader.run();
}

}  // namespace hfhub::client
