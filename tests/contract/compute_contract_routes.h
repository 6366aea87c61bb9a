#pragma once
// The compute contract server's routes and state (see compute_contract_server.h): Jobs, scheduled
// Jobs, Inference Endpoints, the Inference Catalog, and whoami (for the namespace a client asks).
#include <boost/json.hpp>

#include <map>
#include <string>

#include "compute_contract_server.h"

namespace hfhub::testing {

struct ContractAnswer {
  int status = 200;
  std::string body;
  std::string content_type = "application/json";
  std::string message;  // X-Error-Message of an error
};

ContractAnswer error_answer(int status, const std::string& message);

class ContractBook {
 public:
  ContractAnswer handle(const ContractRequest& r, const std::string& base_url);

 private:
  ContractAnswer jobs(const ContractRequest& r, const std::vector<std::string>& seg);
  ContractAnswer scheduled(const ContractRequest& r, const std::vector<std::string>& seg);
  ContractAnswer endpoints(const ContractRequest& r, const std::vector<std::string>& seg, const std::string& base);
  ContractAnswer catalog(const ContractRequest& r, const std::vector<std::string>& seg, const std::string& base);
  ContractAnswer create_endpoint(const std::string& ns, const std::string& name, const boost::json::object& model,
                                 const std::string& base);

  std::map<std::string, boost::json::object> jobs_;       // by id
  std::map<std::string, boost::json::object> scheduled_;  // by id
  std::map<std::string, boost::json::object> endpoints_;  // by "ns/name"
  int next_id_ = 1;
};

}  // namespace hfhub::testing
