#include "client/transfer/transfer_engine.h"

#include <curl/curl.h>
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <deque>
#include <exception>
#include <map>
#include <mutex>
#include <queue>
#include <vector>

#include "client/http/curl_options.h"
#include "client/http/header_line.h"
#include "common/file_handle.h"
#include "common/posix_io.h"
#include "hfhub/errors.h"

namespace hfhub::client {

namespace {

using Clock = std::chrono::steady_clock;
constexpr size_t kMaxErrorBody = 64 * 1024;

// One transfer in flight: its easy handle and everything the callbacks touch.
struct Active {
  Transfer transfer;
  TransferResult result;
  CURL* easy = nullptr;
  curl_slist* header_list = nullptr;
  FileHandle upload_file;
  int64_t upload_sent = 0;
  bool response_seen = false;  // on_response called for the final response
  bool success_status = false;
  Clock::time_point last_activity = Clock::now();  // last byte moved (stall watchdog)
  char errbuf[CURL_ERROR_SIZE] = {0};

  ~Active() {
    if (header_list) curl_slist_free_all(header_list);
  }
};

int status_of(CURL* easy) {
  long code = 0;
  curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &code);
  return int(code);
}

// Headers of the last response only (redirects and 100-continue produce several blocks).
size_t on_header_line(char* data, size_t size, size_t n, void* user) {
  auto* a = static_cast<Active*>(user);
  a->last_activity = Clock::now();
  add_header_line(std::string_view(data, size * n), a->result.headers);
  return size * n;
}

size_t on_body(char* data, size_t size, size_t n, void* user) {
  auto* a = static_cast<Active*>(user);
  size_t len = size * n;
  a->last_activity = Clock::now();
  if (!a->response_seen) {
    // The first body byte of the final response: its headers are complete.
    a->response_seen = true;
    int status = status_of(a->easy);
    a->result.status = status;
    a->success_status = status >= 200 && status < 300;
    if (a->transfer.on_response && !a->transfer.on_response(status, a->result.headers)) {
      a->result.aborted = true;
      return CURL_WRITEFUNC_ERROR;
    }
  }
  a->result.bytes_received += int64_t(len);
  if (a->success_status && a->transfer.on_data) {
    if (!a->transfer.on_data(data, len)) {
      a->result.aborted = true;
      return CURL_WRITEFUNC_ERROR;
    }
    return len;
  }
  size_t keep = a->success_status ? len : std::min(len, kMaxErrorBody - std::min(kMaxErrorBody, a->result.body.size()));
  a->result.body.append(data, keep);
  return len;
}

// A shared in-memory body, fed like a file so the stall watchdog sees it move.
size_t on_read_shared(char* buffer, size_t size, size_t n, void* user) {
  auto* a = static_cast<Active*>(user);
  const std::string& src = *a->transfer.body->shared;
  size_t want = std::min(src.size() - size_t(a->upload_sent), size * n);
  std::memcpy(buffer, src.data() + a->upload_sent, want);
  a->upload_sent += int64_t(want);
  a->last_activity = Clock::now();
  if (a->transfer.on_upload_progress) a->transfer.on_upload_progress(a->upload_sent);
  return want;
}

size_t on_read(char* buffer, size_t size, size_t n, void* user) {
  auto* a = static_cast<Active*>(user);
  const BodySource& src = *a->transfer.body;
  int64_t left = src.length - a->upload_sent;
  if (left <= 0) return 0;
  size_t want = size_t(std::min<int64_t>(left, int64_t(size * n)));
  std::error_code ec;
  size_t got = pread_all(a->upload_file.fd(), buffer, want, src.offset + a->upload_sent, ec);
  if (ec || got == 0) return CURL_READFUNC_ABORT;  // the file shrank or failed under us
  a->upload_sent += int64_t(got);
  a->last_activity = Clock::now();
  if (a->transfer.on_upload_progress) a->transfer.on_upload_progress(a->upload_sent);
  return got;
}

// Lets libcurl rewind a file body (e.g. after a redirect or a 401 retry by curl itself).
int on_seek(void* user, curl_off_t offset, int origin) {
  auto* a = static_cast<Active*>(user);
  if (origin != SEEK_SET || offset < 0 || offset > a->transfer.body->length) return CURL_SEEKFUNC_FAIL;
  a->upload_sent = offset;
  return CURL_SEEKFUNC_OK;
}

}  // namespace

struct TransferEngine::Impl {
  ClientOptions options;
  NetworkSettings network;
  CURLM* multi = nullptr;
  std::deque<Transfer> queue;
  std::multimap<Clock::time_point, Transfer> timers;
  std::map<CURL*, std::unique_ptr<Active>> active;
  bool stopping = false;
  std::mutex posted_mutex;  // guards posted and holds (the only state other threads touch)
  std::vector<std::function<void()>> posted;
  int holds = 0;

  // Runs the tasks posted so far; true while the loop must not return for lack of work.
  bool run_posted() {
    std::vector<std::function<void()>> tasks;
    {
      std::lock_guard lock(posted_mutex);
      tasks.swap(posted);
    }
    for (auto& task : tasks) task();
    std::lock_guard lock(posted_mutex);
    return holds > 0 || !posted.empty();
  }

  ~Impl() {
    abort_all();
    if (multi) curl_multi_cleanup(multi);
  }

  void abort_all() {
    for (auto& [easy, a] : active) {
      curl_multi_remove_handle(multi, easy);
      curl_easy_cleanup(easy);
    }
    active.clear();
    queue.clear();
    timers.clear();
  }

  size_t limit() const { return size_t(std::max(1, options.transfer.max_connections)); }

  void start(Transfer transfer) {
    auto a = std::make_unique<Active>();
    a->transfer = std::move(transfer);
    CURL* easy = curl_easy_init();
    if (!easy) throw NetworkError("curl_easy_init failed");
    a->easy = easy;
    const Transfer& t = a->transfer;
    apply_network_settings(easy, t.url, network);
    curl_easy_setopt(easy, CURLOPT_URL, t.url.c_str());
    curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, a->errbuf);
    curl_easy_setopt(easy, CURLOPT_PRIVATE, a.get());
    curl_easy_setopt(easy, CURLOPT_HTTP_VERSION, long(CURL_HTTP_VERSION_2TLS));
    if (t.url.starts_with("https://")) curl_easy_setopt(easy, CURLOPT_PIPEWAIT, 1L);
    curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, t.follow_redirects ? 1L : 0L);
    curl_easy_setopt(easy, CURLOPT_MAXREDIRS, 10L);
    curl_easy_setopt(easy, CURLOPT_POSTREDIR, long(CURL_REDIR_POST_ALL));
    curl_easy_setopt(easy, CURLOPT_BUFFERSIZE, 512L * 1024);
    curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, on_header_line);
    curl_easy_setopt(easy, CURLOPT_HEADERDATA, a.get());
    curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(easy, CURLOPT_WRITEDATA, a.get());
    // Stalls are detected by expire_stalled(): libcurl's LOW_SPEED_TIME averages the speed over
    // a 5 s window, so a transfer that stops dead was only noticed stall_timeout + ~5 s later.
    if (int64_t cap = options.transfer.max_bytes_per_second; cap > 0) {
      // The cap is shared by the transfers that may run at once.
      auto share = curl_off_t(std::max<int64_t>(1, cap / int64_t(limit())));
      curl_easy_setopt(easy, CURLOPT_MAX_RECV_SPEED_LARGE, share);
      curl_easy_setopt(easy, CURLOPT_MAX_SEND_SPEED_LARGE, share);
    }

    if (t.method == "HEAD") {
      curl_easy_setopt(easy, CURLOPT_NOBODY, 1L);
    } else if (t.method != "GET") {
      curl_easy_setopt(easy, CURLOPT_CUSTOMREQUEST, t.method.c_str());
    }
    if (t.body) {
      if (t.body->shared) {
        a->transfer.body->length = int64_t(t.body->shared->size());
        curl_easy_setopt(easy, CURLOPT_POST, 1L);
        curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(t.body->length));
        curl_easy_setopt(easy, CURLOPT_READFUNCTION, on_read_shared);
        curl_easy_setopt(easy, CURLOPT_READDATA, a.get());
        curl_easy_setopt(easy, CURLOPT_SEEKFUNCTION, on_seek);
        curl_easy_setopt(easy, CURLOPT_SEEKDATA, a.get());
        curl_easy_setopt(easy, CURLOPT_UPLOAD_BUFFERSIZE, 512L * 1024);
      } else if (t.body->path.empty()) {
        curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(t.body->bytes.size()));
        curl_easy_setopt(easy, CURLOPT_POSTFIELDS, t.body->bytes.data());
      } else {
        a->upload_file = FileHandle(::open(t.body->path.c_str(), O_RDONLY | O_CLOEXEC));
        if (!a->upload_file) {
          curl_easy_cleanup(easy);
          throw HfHubError("Cannot open " + t.body->path.string() + " for upload");
        }
        curl_easy_setopt(easy, CURLOPT_UPLOAD, 1L);
        curl_easy_setopt(easy, CURLOPT_INFILESIZE_LARGE, curl_off_t(t.body->length));
        curl_easy_setopt(easy, CURLOPT_READFUNCTION, on_read);
        curl_easy_setopt(easy, CURLOPT_READDATA, a.get());
        curl_easy_setopt(easy, CURLOPT_SEEKFUNCTION, on_seek);
        curl_easy_setopt(easy, CURLOPT_SEEKDATA, a.get());
        curl_easy_setopt(easy, CURLOPT_UPLOAD_BUFFERSIZE, 512L * 1024);
      }
    }
    for (const auto& [k, v] : t.headers) a->header_list = curl_slist_append(a->header_list, (k + ": " + v).c_str());
    // No "Expect: 100-continue" round trip: signed URLs accept the body outright.
    if (t.body) a->header_list = curl_slist_append(a->header_list, "Expect:");
    curl_easy_setopt(easy, CURLOPT_HTTPHEADER, a->header_list);

    curl_multi_add_handle(multi, easy);
    active.emplace(easy, std::move(a));
  }

  void fill_slots() {
    auto now = Clock::now();
    while (!timers.empty() && timers.begin()->first <= now) {
      queue.push_back(std::move(timers.begin()->second));
      timers.erase(timers.begin());
    }
    while (active.size() < limit() && !queue.empty()) {
      Transfer t = std::move(queue.front());
      queue.pop_front();
      start(std::move(t));
    }
  }

  void finish(CURL* easy, CURLcode code) {
    auto node = active.extract(easy);
    curl_multi_remove_handle(multi, easy);
    std::unique_ptr<Active> a = std::move(node.mapped());
    TransferResult& r = a->result;
    r.status = status_of(easy);
    char* effective = nullptr;
    curl_easy_getinfo(easy, CURLINFO_EFFECTIVE_URL, &effective);
    r.url = effective ? effective : a->transfer.url;
    if (code != CURLE_OK) {
      r.stalled = code == CURLE_OPERATION_TIMEDOUT;
      r.error = a->errbuf[0] ? a->errbuf : curl_easy_strerror(code);
      if (r.aborted) r.error = "aborted by the receiver";
    } else if (!a->response_seen && a->transfer.on_response) {
      // A response without a body (HEAD, 204, empty file): report its headers now.
      if (!a->transfer.on_response(r.status, r.headers)) {
        r.aborted = true;
        r.error = "aborted by the receiver";
      }
    }
    curl_easy_cleanup(easy);
    a->easy = nullptr;
    if (a->transfer.on_done) a->transfer.on_done(std::move(r));
  }

  // Transfers that moved no byte for stall_timeout end as stalled (retriable) failures.
  void expire_stalled() {
    auto now = Clock::now();
    auto deadline = now - std::max<Clock::duration>(std::chrono::seconds(1), options.transfer.stall_timeout);
    // Once a whole body is sent, the server may take a while to answer (it hashes and fsyncs a
    // large upload before it replies): resending gigabytes for that would be wrong.
    auto upload_deadline = now - std::max<Clock::duration>(std::chrono::minutes(5), options.transfer.stall_timeout);
    std::vector<CURL*> stalled;
    for (const auto& [easy, a] : active) {
      bool body_sent = a->transfer.body && (!a->transfer.body->path.empty() || a->transfer.body->shared) &&
                       a->upload_sent >= a->transfer.body->length;
      if (a->last_activity < (body_sent && !a->response_seen ? upload_deadline : deadline)) stalled.push_back(easy);
    }
    for (CURL* easy : stalled) {
      auto it = active.find(easy);
      if (it == active.end() || stopping) continue;  // an earlier on_done ended or stopped it
      std::snprintf(it->second->errbuf, CURL_ERROR_SIZE, "no data received for %lld s",
                    static_cast<long long>(options.transfer.stall_timeout.count()));
      finish(easy, CURLE_OPERATION_TIMEDOUT);
    }
  }

  long poll_timeout_ms() const {
    long wait = 200;  // also the cancellation polling period
    if (!timers.empty()) {
      auto until = std::chrono::duration_cast<std::chrono::milliseconds>(timers.begin()->first - Clock::now()).count();
      wait = std::clamp<long>(long(until), 0, wait);
    }
    return wait;
  }
};

TransferEngine::TransferEngine(const ClientOptions& options) : impl_(new Impl) {
  curl_global_init_once();
  impl_->options = options;
  impl_->network.connect_timeout = options.connect_timeout;
  impl_->network.ca_bundle = options.transfer.ca_bundle;
  impl_->multi = curl_multi_init();
  if (!impl_->multi) throw NetworkError("curl_multi_init failed");
  curl_multi_setopt(impl_->multi, CURLMOPT_PIPELINING, long(CURLPIPE_MULTIPLEX));
  curl_multi_setopt(impl_->multi, CURLMOPT_MAX_HOST_CONNECTIONS, long(impl_->limit()));
  curl_multi_setopt(impl_->multi, CURLMOPT_MAXCONNECTS, long(impl_->limit() * 2));
}

TransferEngine::~TransferEngine() = default;

void TransferEngine::submit(Transfer transfer) { impl_->queue.push_back(std::move(transfer)); }

void TransferEngine::submit_after(std::chrono::milliseconds delay, Transfer transfer) {
  impl_->timers.emplace(Clock::now() + delay, std::move(transfer));
}

void TransferEngine::stop() { impl_->stopping = true; }

void TransferEngine::post(std::function<void()> task) {
  {
    std::lock_guard lock(impl_->posted_mutex);
    impl_->posted.push_back(std::move(task));
  }
  curl_multi_wakeup(impl_->multi);
}

void TransferEngine::hold() {
  std::lock_guard lock(impl_->posted_mutex);
  ++impl_->holds;
}

void TransferEngine::release() {
  {
    std::lock_guard lock(impl_->posted_mutex);
    --impl_->holds;
  }
  curl_multi_wakeup(impl_->multi);
}

void TransferEngine::run() {
  Impl& m = *impl_;
  m.stopping = false;
  try {
    for (;;) {
      if (m.stopping) {
        m.abort_all();
        return;
      }
      if (m.options.cancelled && m.options.cancelled()) throw CancelledError("cancelled");
      const bool waiting = m.run_posted();
      if (m.stopping) continue;
      m.fill_slots();
      if (m.active.empty()) {
        if (m.queue.empty() && m.timers.empty() && !waiting) return;
        if (m.queue.empty()) {
          // Only timers or posted work to wait for (in cancellable slices; post() wakes the poll).
          curl_multi_poll(m.multi, nullptr, 0, int(m.poll_timeout_ms()), nullptr);
          continue;
        }
      }
      int running = 0;
      CURLMcode mc = curl_multi_perform(m.multi, &running);
      if (mc != CURLM_OK) throw NetworkError(std::string("curl_multi_perform: ") + curl_multi_strerror(mc));
      int left = 0;
      while (!m.stopping) {
        CURLMsg* msg = curl_multi_info_read(m.multi, &left);
        if (!msg) break;
        if (msg->msg == CURLMSG_DONE) m.finish(msg->easy_handle, msg->data.result);
      }
      if (m.stopping) continue;
      m.expire_stalled();
      if (m.stopping) continue;
      if (running > 0) curl_multi_poll(m.multi, nullptr, 0, int(m.poll_timeout_ms()), nullptr);
    }
  } catch (...) {
    m.abort_all();
    throw;
  }
}

}  // namespace hfhub::client
