#include "server/stores/account_store.h"

#include "server/stores/store_error.h"

namespace hfhub::server {

int64_t AccountStore::create_missing_accounts(std::span<Account> accounts) {
  int64_t created = 0;
  for (Account& a : accounts) {
    if (find_account(a.name)) continue;
    try {
      create_account(a);
      ++created;
    } catch (const StoreConflict&) {
      // Created concurrently under another case; the name has an owner either way.
    }
  }
  return created;
}

}  // namespace hfhub::server
