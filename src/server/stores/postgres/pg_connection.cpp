#include "server/stores/postgres/pg_connection.h"

#include <vector>

#include "server/stores/postgres/pg_error.h"
#include "server/stores/store_error.h"

namespace hfhub::server {

// NOTICE messages ("relation exists, skipping") are not errors; libpq would print them to stderr.
static void ignore_notice(void*, const char*) {}

static PGconn* connect(const std::string& url) {
  const char* keys[] = {"dbname", "application_name", nullptr};
  const char* values[] = {url.c_str(), "hfhubd", nullptr};
  PGconn* c = PQconnectdbParams(keys, values, 1);
  if (!c) throw StoreError("postgres: out of memory connecting");
  if (PQstatus(c) != CONNECTION_OK) {
    std::string msg = PQerrorMessage(c);
    PQfinish(c);
    while (!msg.empty() && msg.back() == '\n') msg.pop_back();
    throw StoreError("postgres: cannot connect: " + msg);
  }
  PQsetNoticeProcessor(c, ignore_notice, nullptr);
  // hfhubd's statements are short keyed reads and page reads under a LIMIT. For those, a Memoize
  // node sizes its hash table from the join's whole estimated row count (hundreds of thousands for
  // a popular tag) though the LIMIT stops after 50 rows: building it cost ~2.5 ms of a 0.4 ms
  // listing page. A parallel worker's start-up costs more than the page it would share.
  PGresult* set = PQexec(c, "SET enable_memoize = off; SET max_parallel_workers_per_gather = 0");
  bool set_ok = PQresultStatus(set) == PGRES_COMMAND_OK;
  PQclear(set);
  if (!set_ok) {
    std::string msg = PQerrorMessage(c);
    PQfinish(c);
    throw StoreError("postgres: cannot set the session's planner settings: " + msg);
  }
  return c;
}

PgConnection::PgConnection(std::string url) : url_(std::move(url)), conn_(connect(url_)) {}

PgConnection::~PgConnection() { PQfinish(conn_); }

void PgConnection::reconnect() {
  prepared_.clear();
  session_plan_ = PgPlan::Auto;
  PGconn* fresh = connect(url_);
  PQfinish(conn_);
  conn_ = fresh;
}

bool PgConnection::in_transaction() const {
  auto s = PQtransactionStatus(conn_);
  return s == PQTRANS_INTRANS || s == PQTRANS_INERROR || s == PQTRANS_ACTIVE;
}

PgResult PgConnection::checked(PGresult* r, std::string_view what) {
  PgResult result(r);
  auto status = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_COPY_IN) return result;
  throw_pg_error(conn_, r, what);
}

void PgConnection::exec(std::string_view sql) { checked(PQexec(conn_, std::string(sql).c_str()), sql.substr(0, 60)); }

// The statement with the session's plan_cache_mode switched to `plan` first, in one round trip:
// the SET and the statement go out together (libpq's pipeline mode) and run in one implicit
// transaction, so a failing statement undoes the SET too and the mode kept here stays true.
PgResult PgConnection::execute_in_plan_mode(PgPlan plan, const char* name, const PgParams& params,
                                            std::string_view what) {
  auto values = params.values();
  auto lengths = params.lengths();
  auto formats = params.formats();
  const char* set = plan == PgPlan::Generic ? "SET plan_cache_mode = force_generic_plan" : "SET plan_cache_mode = auto";
  if (!PQenterPipelineMode(conn_)) throw_pg_error(conn_, nullptr, what);
  bool sent = PQsendQueryParams(conn_, set, 0, nullptr, nullptr, nullptr, nullptr, 0) &&
              PQsendQueryPrepared(conn_, name, params.size(), values.data(), lengths.data(), formats.data(), 0) &&
              PQpipelineSync(conn_);
  std::vector<PgResult> results;  // the SET's, then the statement's
  while (sent) {
    PGresult* r = PQgetResult(conn_);
    if (!r) {  // the end of one statement's results, or a connection gone
      if (PQstatus(conn_) != CONNECTION_OK) break;
      continue;
    }
    if (PQresultStatus(r) == PGRES_PIPELINE_SYNC) {
      PQclear(r);
      break;
    }
    results.emplace_back(r);
  }
  PQexitPipelineMode(conn_);
  if (results.size() != 2) throw_pg_error(conn_, nullptr, what);
  if (PQresultStatus(results[0].get()) != PGRES_COMMAND_OK) throw_pg_error(conn_, results[0].get(), what);
  auto status = PQresultStatus(results[1].get());
  if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) throw_pg_error(conn_, results[1].get(), what);
  session_plan_ = plan;
  return std::move(results[1]);
}

PgResult PgConnection::query(std::string_view sql, const PgParams& params, PgPlan plan) {
  std::string key(sql);
  auto it = prepared_.find(key);
  if (it == prepared_.end()) {
    std::string name = "hfhub_" + std::to_string(prepared_.size() + 1);
    checked(PQprepare(conn_, name.c_str(), key.c_str(), 0, nullptr), "prepare " + key.substr(0, 60));
    it = prepared_.emplace(std::move(key), std::move(name)).first;
  }
  // A SET inside a transaction is undone by its rollback, so the mode changes only outside one (a
  // statement in a transaction keeps the session's mode: slower at worst, never wrong).
  if (plan != session_plan_ && !in_transaction())
    return execute_in_plan_mode(plan, it->second.c_str(), params, sql.substr(0, 60));
  auto values = params.values();
  auto lengths = params.lengths();
  auto formats = params.formats();
  return checked(
      PQexecPrepared(conn_, it->second.c_str(), params.size(), values.data(), lengths.data(), formats.data(), 0),
      sql.substr(0, 60));
}

PgResult PgConnection::query_once(std::string_view sql, const PgParams& params) {
  auto values = params.values();
  auto lengths = params.lengths();
  auto formats = params.formats();
  return checked(PQexecParams(conn_, std::string(sql).c_str(), params.size(), nullptr, values.data(), lengths.data(),
                              formats.data(), 0),
                 sql.substr(0, 60));
}

int64_t PgConnection::copy_in(std::string_view copy_sql, std::string_view data) {
  checked(PQexec(conn_, std::string(copy_sql).c_str()), copy_sql.substr(0, 60));
  // Pieces of at most 1 MiB: libpq buffers what it cannot send at once.
  constexpr size_t kPiece = 1 << 20;
  bool ok = true;
  for (size_t at = 0; at < data.size() && ok; at += kPiece) {
    auto piece = data.substr(at, kPiece);
    ok = PQputCopyData(conn_, piece.data(), int(piece.size())) == 1;
  }
  PQputCopyEnd(conn_, ok ? nullptr : "hfhub: sending the rows failed");
  PgResult last;
  while (PGresult* r = PQgetResult(conn_)) {
    if (PQresultStatus(r) != PGRES_COMMAND_OK) {
      PgResult failed(r);
      while (PGresult* rest = PQgetResult(conn_)) PQclear(rest);
      throw_pg_error(conn_, failed.get(), "copy");
    }
    last = PgResult(r);
  }
  return last.affected();
}

// Inside a transaction already open on this connection (a bulk load, pg_bulk_load.h, or a store
// call made inside another's transaction) the transaction is a savepoint: its rollback undoes only
// its own writes, and its commit leaves them to the outer transaction's.
PgTransaction::PgTransaction(PgConnection& c) : c_(c), nested_(c.in_transaction()) {
  c_.exec(nested_ ? "SAVEPOINT nested_tx" : "BEGIN");
}

PgTransaction::~PgTransaction() {
  if (done_) return;
  try {
    c_.exec(nested_ ? "ROLLBACK TO SAVEPOINT nested_tx; RELEASE SAVEPOINT nested_tx" : "ROLLBACK");
  } catch (...) {
  }
}

void PgTransaction::commit() {
  c_.exec(nested_ ? "RELEASE SAVEPOINT nested_tx" : "COMMIT");
  done_ = true;
}

}  // namespace hfhub::server
