#!/usr/bin/env bash
# The blobs on a real S3-compatible server (docs/deployment.md#blobs-on-s3-compatible-storage):
# starts MinIO on loopback (s3_server.sh), then runs against it
#   1. the LFS, resolve, download, git-push-with-LFS, lfs-files (Xet-backed files too) and xet-gc
#      integration tests, every server with blob-store = s3
#      (tests/integration/server_fixture.cpp reads HFHUB_TEST_S3_*): downloads answer 302;
#   2. the resolve and download suites again with s3-proxy-downloads (the bytes through hfhubd);
#   3. the official huggingface_hub following the 302 (tests/compat/python/test_s3_redirect.py; and
#      test_lfs_files.py: a file whose object lfs-files deleted is a missing entry, until uploaded again) and
#      uploading through presigned PUTs, in one request and in parts (test_s3_uploads.py);
#      and downloading Xet files with the xorbs fetched from presigned URLs (test_s3_xet_fetch.py);
#   4. the official @huggingface/hub uploading the same way (tests/compat/js/s3_upload.test.mjs).
#
#   tests/s3/run.sh BUILD_DIR [PY_VERSION]
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
[[ $# -ge 1 ]] || { echo "usage: $0 BUILD_DIR [PY_VERSION]" >&2; exit 2; }
BUILD="$(cd "$1" && pwd)"
PY_VERSION=${2:-2.4.0}
source "$HERE/s3_server.sh"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/hfhub-s3.XXXXXX")"
trap 's3_server_stop; rm -rf "$WORK"' EXIT
s3_server_start "$WORK" || exit 2
echo "integration_s3: MinIO at $S3_ENDPOINT, bucket $S3_BUCKET"
export HFHUB_TEST_S3_ENDPOINT=$S3_ENDPOINT HFHUB_TEST_S3_BUCKET=$S3_BUCKET

status=0
# Downloads redirected to the store. ClientDownloadFaults and
# ClientDownload.RegularAndLfsFilesLandInTheCacheLayout inject faults into, or count, the bytes a
# proxy in front of hfhubd sees, which the 302 sends to the store instead: they run in the proxy
# mode below, with the Resolve suite, whose LFS answers are hfhubd's own.
# LFS uploads go to presigned PUTs on the store too (docs/deployment.md#uploads-straight-to-the-store):
# the Lfs tests that PUT to hfhubd's own signed hrefs (and expect hfhubd to refuse wrong bytes at
# once) run in the proxy mode below, where uploads flow through hfhubd.
"$BUILD/tests/integration_tests" --gtest_brief=1 --gtest_filter='Lfs*:ClientDownload.*:ClientDownloadPaths.*:'\
'ClientDownloadSnapshot.*:S3*:GitHttp.*Lfs*:XetHubLfs.XetGcFreesWhatNoRepoLinks:'\
'XetHubLfs.LfsFilesListsAndDeletesXetBackedObjects:'\
'-ClientDownload.RegularAndLfsFilesLandInTheCacheLayout:'\
'Lfs.BatchAsksForMissingObjectsAndPresignedPutStoresThem:Lfs.WrongBytesAreRefusedAndNotStored:'\
'Lfs.LargeBodiesAreSpooledAndVerifiedToo:Lfs.TamperedUrlsAreForbidden' || status=1
HFHUB_TEST_S3_PROXY=1 "$BUILD/tests/integration_tests" --gtest_brief=1 \
  --gtest_filter='Resolve*:ClientDownload.*:ClientDownloadFaults.*:Lfs.*' || status=1

# Multipart from 8 MiB in 5 MiB parts (S3's smallest), so test_s3_uploads.py gets parts from a small file.
HFHUB_SERVE_EXTRA_ARGS="--blob-store s3 --s3-endpoint $S3_ENDPOINT --s3-bucket $S3_BUCKET --s3-prefix compat \
  --lfs-multipart-chunk-mb 5 --lfs-multipart-threshold-mb 8" \
  HFHUB_PYTEST_ARGS="-k (s3_)or(lfs_files)" "$ROOT/tests/compat/python/run.sh" "$BUILD/hfhubd" "$PY_VERSION" || status=1
# The official @huggingface/hub uploading through the same presigned PUTs, whole and in parts.
HFHUB_TEST_S3_ENDPOINT=$S3_ENDPOINT HFHUB_COMPAT_FILES=s3_upload.test.mjs \
  HFHUB_SERVE_EXTRA_ARGS="--blob-store s3 --s3-endpoint $S3_ENDPOINT --s3-bucket $S3_BUCKET --s3-prefix compat-js" \
  "$ROOT/tests/compat/js/run.sh" "$BUILD/hfhubd" || status=1
exit "$status"
