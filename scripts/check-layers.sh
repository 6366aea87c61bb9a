#!/usr/bin/env bash
# Fails when a file includes a server folder its layer may not use (docs/architecture.md,
# "Layers and folders"). The CMake libraries link one way only, but they share the src/ include
# root, so only this check turns a wrong-way #include into a failure. Run by ctest as `layers`.
# Usage: scripts/check-layers.sh [source-root]
set -euo pipefail
root=${1:-$(cd "$(dirname "$0")/.." && pwd)}
cd "$root"

# folder → the server folders its files may include (besides their own). common/ and
# include/hfhub/ may be used by all; client/ by none of these.
declare -A allowed=(
  [src/server/model]=""
  [src/server/metrics]=""
  [src/server/http]="model metrics"
  [src/server/stores]="model"
  [src/server/git]="model"
  [src/server/metadata]="model stores git"
  [src/server/services]="model stores"
  [src/server/catalog]="model stores git metadata services"
  [src/server/write]="model stores git git_http metrics"
  [src/server/lfs]="model stores git http metrics"
  [src/server/git_http]="model stores git http content metrics"
  [src/server/content]="model stores git metadata services write lfs metrics xet"
  [src/server/xet]="model stores services http metrics"
  [src/server/admin]="model stores services catalog xet content"
  [src/server/discussions]="model stores services content metadata"
  [src/server/webhooks]="model stores services"
  [src/server/social]="model stores services"
  [src/server/spaces]="model stores services"
  [src/server/collections]="model stores services"
  [src/server/papers]="model stores services catalog"
  [src/server/routes]="model http git services catalog content write lfs git_http metadata routes metrics xet discussions webhooks social spaces collections papers"
  [src/server/web]="model http git services catalog content metadata routes social discussions collections webhooks"
  [src/server/app]="model http stores git services catalog content write lfs git_http metadata routes metrics xet discussions webhooks social spaces collections papers web"
  [apps/hfhubd]="app admin git_http http metrics stores webhooks"
)

status=0
for folder in "${!allowed[@]}"; do
  [ -d "$folder" ] || continue
  own=$(basename "$folder")
  while IFS=: read -r file line text; do
    used=$(sed -E 's|.*#include "server/([a-z_]+)/.*|\1|' <<<"$text")
    [ "$used" = "$own" ] && continue
    case " ${allowed[$folder]} " in *" $used "*) continue ;; esac
    echo "$file:$line: $folder may not include server/$used/ ($text)"
    status=1
  done < <(grep -rnE '^#include "server/[a-z_]+/' "$folder" --include='*.h' --include='*.cpp' || true)
  if grep -rnE '^#include "client/' "$folder" --include='*.h' --include='*.cpp'; then
    echo "$folder may not include the client"
    status=1
  fi
done
# The client and common never include the server.
if grep -rnE '^#include "server/' src/client src/common include; then
  echo "src/client, src/common and include/ may not include the server"
  status=1
fi
[ $status -eq 0 ] && echo "layers: every #include goes the allowed way"
exit $status
