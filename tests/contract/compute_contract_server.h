#pragma once
// The compute contract server (docs/compute.md#the-contract-server): a stand-in for the Hub's Jobs
// API and for the Inference Endpoints and Inference Catalog APIs, answering with the shapes those
// APIs document (and huggingface_hub parses), so libhfhub's compute methods are tested without
// the real Hub. It checks what a client sends -- method, path, bearer token, the JSON fields of
// each body -- and refuses a wrong request with 400/401/404/422 as the Hub would. It is a test
// fixture only: hfhubd serves none of this (it answers 501), and nothing hfhubd serves is tested here.
//
// In-process, C++ and Boost.Beast (the project's HTTP stack) rather than Python: the tests drive it
// and inspect what it recorded directly, with no second process to start and synchronise.
#include <boost/json.hpp>

#include <memory>
#include <string>
#include <vector>

namespace hfhub::testing {

struct ContractRequest {
  std::string method;
  std::string path;   // percent-decoded
  std::string query;  // raw, without '?'
  std::string authorization;
  std::string content_type;
  boost::json::value body;  // null when there was none or it was not JSON
};

class ComputeContractServer {
 public:
  static constexpr const char* kToken = "hf_contract_token_0001";
  static constexpr const char* kUser = "alice";
  static constexpr const char* kOrg = "acme";  // alice's org; its endpoint listing answers 401

  ComputeContractServer();
  ~ComputeContractServer();

  std::string url() const;  // "http://127.0.0.1:<port>"
  std::vector<ContractRequest> requests() const;
  // The last request whose path starts with `prefix` (the test fails if none).
  ContractRequest last(const std::string& prefix = "/") const;
  // The next request answers `status` with `message` as its error, whatever it is.
  void fail_next(int status, const std::string& message);

  struct State;

 private:
  std::unique_ptr<State> state_;
};

}  // namespace hfhub::testing
