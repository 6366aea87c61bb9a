#!/usr/bin/env bash
# The integration suite with its metadata on PostgreSQL (ctest `integration_postgres`): starts a
# throwaway cluster (scripts/pg-test-server.sh), runs integration_tests with
# HFHUB_TEST_DATABASE_URL so that every test server gets a database of its own, and stops it.
#
# Usage: scripts/integration-postgres.sh path/to/integration_tests [extra gtest args]
set -euo pipefail
tests=${1:?usage: integration-postgres.sh path/to/integration_tests}
shift
root=$(cd "$(dirname "$0")/.." && pwd)

excluded=(
  # These hold SQLite's write lock to fill the bulk lane, which does not stall writes on
  # PostgreSQL. They stay SQLite-only.
  'WorkerPool.*'
)
filter="-$(IFS=:; echo "${excluded[*]}")"

dir=$(mktemp -d /tmp/hfhub-it-pg-XXXXXX)
trap '"$root/scripts/pg-test-server.sh" stop "$dir"' EXIT
url=$("$root/scripts/pg-test-server.sh" start "$dir")
echo "integration-postgres: PostgreSQL at $url; gtest filter $filter"
HFHUB_TEST_DATABASE_URL=$url "$tests" --gtest_filter="$filter" "$@"
