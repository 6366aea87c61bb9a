#pragma once
// Typed failures a store reports to services; services turn conflicts into DomainErrors, and
// app/failure_response.cpp answers any other StoreError with 503.
#include <stdexcept>
#include <string>

namespace hfhub::server {

struct StoreError : std::runtime_error {
  using std::runtime_error::runtime_error;
};
// A unique name (account, repo id, token) is already taken.
struct StoreConflict : StoreError {
  using StoreError::StoreError;
};
// The store refused what a client sent it (a multipart upload's part list): the client's fault.
struct StoreRejected : StoreError {
  using StoreError::StoreError;
};

}  // namespace hfhub::server
