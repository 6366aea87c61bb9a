#!/usr/bin/env bash
# README command 1: set up, build (Release) and run hfhubd on 127.0.0.1:8080 with the embedded
# default store (SQLite + a local data dir under the checkout). The first start loads a demo
# catalog. Ctrl-C (or SIGTERM) stops the server gracefully.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
port=${HFHUB_PORT:-8080}
data=${HFHUB_DATA:-$root/data/demo}
demo_models=${HFHUB_DEMO_MODELS:-5000}

"$root/scripts/setup.sh"
"$root/scripts/build.sh" Release "$root/build/release" -DHFHUB_BUILD_TESTS=OFF -DHFHUB_BUILD_BENCH=OFF
bin=$root/build/release

# A demo user with a write token, so the CLI's write commands work out of the box.
if [[ ! -f "$data/hfhub.sqlite3" ]]; then
  mkdir -p "$data"
  "$bin/hfhubd" admin --data "$data" user add demo --fullname "Demo User" --email demo@example.org >/dev/null
  "$bin/hfhubd" admin --data "$data" org add demo-org --fullname "Demo Org" --member demo:admin >/dev/null
  "$bin/hfhubd" admin --data "$data" token add demo --role write --name demo --value hf_demo_write_token >/dev/null
  # A paper some demo models link through their arxiv: tag (docs/papers.md).
  "$bin/hfhubd" admin --data "$data" papers import "$root/scripts/demo-papers.jsonl" >/dev/null
fi

cat <<MSG

hfhubd is starting on http://127.0.0.1:$port (data: $data).

Web UI: open http://127.0.0.1:$port/ in a browser; sign in with the token hf_demo_write_token.

Try, in another terminal:

  export HF_ENDPOINT=http://127.0.0.1:$port
  $bin/hfhub models latest --limit 5                  # the newest models, as JSON
  $bin/hfhub models ls --filter text-generation --sort downloads --limit 10
  $bin/hfhub auth login --token hf_demo_write_token   # demo user, write token
  $bin/hfhub repo create my-model && $bin/hfhub models info demo/my-model
  curl -s "\$HF_ENDPOINT/api/models?sort=createdAt&limit=3"
  $bin/hfhub papers info 1910.09700                   # a paper and the demo models that cite it

MSG
exec "$bin/hfhubd" serve --data "$data" --host 127.0.0.1 --port "$port" --demo "$demo_models"
