#pragma once
// One libpq connection with its prepared statements, and a transaction on it. Stores get a
// connection from the pool (pg_pool.h) for each call and never keep it.
#include <libpq-fe.h>

#include <string>
#include <string_view>
#include <unordered_map>

#include "server/stores/postgres/pg_params.h"
#include "server/stores/postgres/pg_result.h"

namespace hfhub::server {

// How PostgreSQL plans a prepared statement's executions. Auto is PostgreSQL's default: a plan
// for each call's values at first, then the generic plan if it costs no more. Generic plans once
// and reuses the plan: for statements whose access path the caller already chose (a listing
// page whose driving index the store picked), where planning each call was half of PostgreSQL's
// CPU per page (bench/README.md "On PostgreSQL").
enum class PgPlan { Auto, Generic };

class PgConnection {
 public:
  // Connects to a postgresql:// URL; throws StoreError when it cannot.
  explicit PgConnection(std::string url);
  ~PgConnection();
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  // Runs one or more statements without parameters (DDL, LISTEN, SET ...).
  void exec(std::string_view sql);
  // Runs `sql` with $1.. bound to `params`. The statement is prepared on this connection the first
  // time its text is seen and reused by name afterwards, so keep the text constant per shape
  // (parameters, never values spliced into the text). Throws StoreConflict on a unique violation.
  PgResult query(std::string_view sql, const PgParams& params = {}, PgPlan plan = PgPlan::Auto);
  // The same without preparing: for statements run once (migrations, admin jobs).
  PgResult query_once(std::string_view sql, const PgParams& params = {});

  // COPY ... FROM STDIN: sends `data` (COPY text format, see pg_copy.h) and ends the copy.
  // Returns the rows copied.
  int64_t copy_in(std::string_view copy_sql, std::string_view data);

  // True when the server went away (restart, idle kill, network): reconnect() before reuse.
  bool broken() const { return PQstatus(conn_) != CONNECTION_OK; }
  // Opens the connection again; prepared statements are forgotten and prepared again on use.
  void reconnect();
  // Inside BEGIN .. COMMIT (or a failed transaction that needs ROLLBACK).
  bool in_transaction() const;
  PGconn* handle() { return conn_; }

 private:
  PgResult checked(PGresult* r, std::string_view what);
  PgResult execute_in_plan_mode(PgPlan plan, const char* name, const PgParams& params, std::string_view what);

  std::string url_;
  PGconn* conn_ = nullptr;
  std::unordered_map<std::string, std::string> prepared_;  // SQL text → statement name
  PgPlan session_plan_ = PgPlan::Auto;                      // the session's plan_cache_mode
};

// BEGIN on construction (SAVEPOINT when one is open already); ROLLBACK when destroyed without
// commit().
class PgTransaction {
 public:
  explicit PgTransaction(PgConnection& c);
  ~PgTransaction();
  PgTransaction(const PgTransaction&) = delete;
  PgTransaction& operator=(const PgTransaction&) = delete;
  void commit();

 private:
  PgConnection& c_;
  bool nested_;
  bool done_ = false;
};

}  // namespace hfhub::server
