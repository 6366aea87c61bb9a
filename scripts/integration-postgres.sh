#!/usr/bin/env bash
# The integration suite with its metadata on PostgreSQL (ctest `integration_postgres`): starts a
# throwaway cluster (scripts/pg-test-server.sh), runs integration_tests with
# HFHUB_TEST_DATABASE_URL so that every test server gets a database of its own, and stops it.
#
# Not every store is on PostgreSQL yet (src/server/app/postgres_stores.cpp names the missing
# ones). Until they all are, this runs only the suites below, whose servers use nothing but the
# ported stores (accounts, repos, social, web sessions), and HFHUB_PG_SQLITE_FALLBACK=1 lets a
# server start with the missing stores on SQLite. Shrink the list as stores land; when none is
# missing, drop the filter and the fallback and run the whole suite.
# Usage: scripts/integration-postgres.sh path/to/integration_tests [extra gtest args]
set -euo pipefail
tests=${1:?usage: integration-postgres.sh path/to/integration_tests}
shift
root=$(cd "$(dirname "$0")/.." && pwd)

suites=(
  CatalogListing
  BadInput
  Auth
  SocialHttp
  RepoManagement
)
filter=$(IFS=:; echo "${suites[*]/%/.*}")

dir=$(mktemp -d /tmp/hfhub-it-pg-XXXXXX)
trap '"$root/scripts/pg-test-server.sh" stop "$dir"' EXIT
url=$("$root/scripts/pg-test-server.sh" start "$dir")
echo "integration-postgres: PostgreSQL at $url; suites: ${suites[*]}"
HFHUB_TEST_DATABASE_URL=$url HFHUB_PG_SQLITE_FALLBACK=1 "$tests" --gtest_filter="$filter" "$@"
