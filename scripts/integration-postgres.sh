#!/usr/bin/env bash
# The integration suite with its metadata on PostgreSQL (ctest `integration_postgres`): starts a
# throwaway cluster (scripts/pg-test-server.sh), runs integration_tests with
# HFHUB_TEST_DATABASE_URL so that every test server gets a database of its own, and stops it.
#
# Not every store is on PostgreSQL yet (src/server/app/postgres_stores.cpp names the missing
# ones). Until they all are, HFHUB_PG_SQLITE_FALLBACK=1 lets a server start with the missing
# stores taken from its data dir's SQLite file, and the suites below, which need a missing store,
# are left out. Shrink the list as stores land; when no store is missing, drop the fallback.
# Usage: scripts/integration-postgres.sh path/to/integration_tests [extra gtest args]
set -euo pipefail
tests=${1:?usage: integration-postgres.sh path/to/integration_tests}
shift
root=$(cd "$(dirname "$0")/.." && pwd)

excluded=(
  'Xet*'                    # xet store
  'Gated*'                  # access request store
  'WebSettingsPages.AGatedRepoTakesRequestsThatWritersReview'
  'Discussions*'            # discussion store
  'WebDiscussionPages.*'
  'Webhook*'                # webhook store
  'Space*'                  # space store
  'Collection*'             # collection store
  'WebProfilePages.CollectionsFollowTheApiVisibility'
  'Papers*'                 # paper store
  # Not a missing store: these hold SQLite's write lock to fill the bulk lane, which does not
  # stall writes on PostgreSQL. They stay SQLite-only.
  'WorkerPool.*'
)
filter="-$(IFS=:; echo "${excluded[*]}")"

dir=$(mktemp -d /tmp/hfhub-it-pg-XXXXXX)
trap '"$root/scripts/pg-test-server.sh" stop "$dir"' EXIT
url=$("$root/scripts/pg-test-server.sh" start "$dir")
echo "integration-postgres: PostgreSQL at $url; gtest filter $filter"
HFHUB_TEST_DATABASE_URL=$url HFHUB_PG_SQLITE_FALLBACK=1 "$tests" --gtest_filter="$filter" "$@"
