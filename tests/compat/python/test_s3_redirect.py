"""Blobs on S3 (tests/s3/run.sh starts hfhubd with blob-store = s3 on a real S3-compatible server):
`resolve` of an LFS file answers 302 to a presigned GET on the store, the way the Hub redirects to
its CDN, and the official client follows it. Without that server configured there is nothing to
test here (tests/compat/python/run.sh alone runs hfhubd on its filesystem store)."""
import hashlib
import http.client
import os
import urllib.parse

import pytest

from huggingface_hub import hf_hub_download, get_hf_file_metadata, hf_hub_url

S3_ENDPOINT = os.environ.get("HFHUB_TEST_S3_ENDPOINT", "")
pytestmark = pytest.mark.skipif(not S3_ENDPOINT, reason="runs under tests/s3/run.sh (blob-store = s3)")

CONTENT = os.urandom(3 * 1024 * 1024 + 17)


@pytest.fixture
def lfs_file(new_repo, hf_cli, token, tmp_path):
    repo_id = new_repo()
    path = tmp_path / "weights.bin"
    path.write_bytes(CONTENT)
    # Through plain LFS, not Xet: a Xet-uploaded file is reconstructed by hfhubd, not redirected.
    hf_cli("upload", repo_id, str(path), "weights.bin", "--token", token, env={"HF_HUB_DISABLE_XET": "1"})
    return repo_id


def raw_request(url, method="HEAD", headers=None):
    u = urllib.parse.urlsplit(url)
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=60)
    conn.request(method, u.path + ("?" + u.query if u.query else ""), headers=headers or {})
    res = conn.getresponse()
    body = res.read()
    conn.close()
    return res, body


def test_resolve_of_an_lfs_file_redirects_to_a_presigned_get(endpoint, lfs_file):
    res, _ = raw_request(f"{endpoint}/{lfs_file}/resolve/main/weights.bin")
    assert res.status == 302
    location = res.getheader("Location")
    assert location.startswith(S3_ENDPOINT + "/")
    assert "X-Amz-Signature=" in location
    assert res.getheader("X-Linked-Size") == str(len(CONTENT))
    assert res.getheader("X-Linked-Etag") == '"' + hashlib.sha256(CONTENT).hexdigest() + '"'
    assert len(res.getheader("X-Repo-Commit")) == 40
    # The store checks the signature: the URL as given works, a tampered one does not.
    ok, body = raw_request(location, "GET", {"Range": "bytes=0-9"})
    assert ok.status == 206 and body == CONTENT[:10]
    bad, _ = raw_request(location.replace("X-Amz-Expires=", "X-Amz-Expires=1"), "GET")
    assert bad.status == 403


def test_hf_hub_download_follows_the_redirect(lfs_file, tmp_path):
    meta = get_hf_file_metadata(hf_hub_url(lfs_file, "weights.bin"))
    assert meta.size == len(CONTENT)
    assert meta.etag == hashlib.sha256(CONTENT).hexdigest()
    assert meta.location.startswith(S3_ENDPOINT + "/")
    path = hf_hub_download(lfs_file, "weights.bin", cache_dir=tmp_path / "cache")
    with open(path, "rb") as f:
        assert f.read() == CONTENT
