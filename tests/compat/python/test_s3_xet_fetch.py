"""Blobs on S3 (tests/s3/run.sh: blob-store = s3, downloads not proxied): a Xet download by the
official client (huggingface_hub + hf_xet, unmodified) fetches the xorbs' bytes from presigned
URLs of the store, the `url` of each reconstruction entry, not from hfhubd's /fetch
(docs/deployment.md#blobs-on-s3-compatible-storage)."""
import os
import re
import urllib.request

import pytest

from test_xet import DOWNLOAD, UPLOAD, with_xet

S3_ENDPOINT = os.environ.get("HFHUB_TEST_S3_ENDPOINT", "")
pytestmark = pytest.mark.skipif(not S3_ENDPOINT, reason="runs under tests/s3/run.sh (blob-store = s3)")

SIZE = 4 * 1024 * 1024 + 321


def xet_bytes_sent():
    """Response body bytes hfhubd sent on its Xet routes (CAS API and /fetch)."""
    text = urllib.request.urlopen(os.environ["HFHUB_METRICS_URL"], timeout=10).read().decode()
    found = re.search(r'^hfhub_http_response_body_bytes_total\{family="xet"\} (\d+)$', text, re.M)
    return int(found.group(1)) if found else 0


def test_a_xet_download_fetches_the_xorbs_from_the_store(new_repo, tmp_path):
    content = os.urandom(SIZE)
    source = tmp_path / "weights.bin"
    source.write_bytes(content)
    repo = new_repo()
    with_xet(UPLOAD, repo, source, home=tmp_path / "home-up")
    before = xet_bytes_sent()
    path = with_xet(DOWNLOAD, repo, tmp_path / "cache", home=tmp_path / "home-down").strip().splitlines()[-1]
    through_hfhubd = xet_bytes_sent() - before
    with open(path, "rb") as f:
        assert f.read() == content
    # The reconstruction answer itself is small; the xorb bytes went elsewhere.
    assert through_hfhubd < SIZE // 4, f"{through_hfhubd} bytes of a {SIZE}-byte Xet download came from hfhubd"
