"""Blobs on S3 (tests/s3/run.sh: blob-store = s3, direct uploads on, multipart from 8 MiB in 5 MiB
parts): the LFS batch answers presigned PUTs on the store, so the official client sends the bytes
there and not through hfhubd, in one PUT or in parts; hfhubd checks them before any commit may
name them (docs/deployment.md#uploads-straight-to-the-store)."""
import hashlib
import json
import os
import re
import urllib.error
import urllib.request

import pytest

from huggingface_hub import hf_hub_download

S3_ENDPOINT = os.environ.get("HFHUB_TEST_S3_ENDPOINT", "")
pytestmark = pytest.mark.skipif(not S3_ENDPOINT, reason="runs under tests/s3/run.sh (blob-store = s3)")

MIB = 1024 * 1024
NO_XET = {"HF_HUB_DISABLE_XET": "1"}  # plain LFS: a Xet upload goes to the CAS, not the batch hrefs


def lfs_bytes_received():
    """Request body bytes hfhubd received on its LFS routes (batch, verify, storage hrefs)."""
    text = urllib.request.urlopen(os.environ["HFHUB_METRICS_URL"], timeout=10).read().decode()
    found = re.search(r'^hfhub_http_request_body_bytes_total\{family="lfs"\} (\d+)$', text, re.M)
    return int(found.group(1)) if found else 0


def request(url, method="GET", body=None, headers=None):
    req = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=120) as res:
            return res.status, dict(res.headers), res.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


def batch(endpoint, token, repo_id, content, transfers=("basic",)):
    body = {"operation": "upload", "transfers": list(transfers), "hash_algo": "sha256", "ref": {"name": "main"},
            "objects": [{"oid": hashlib.sha256(content).hexdigest(), "size": len(content)}]}
    status, _, out = request(f"{endpoint}/{repo_id}.git/info/lfs/objects/batch", "POST", json.dumps(body).encode(),
                             {"Authorization": f"Bearer {token}", "Content-Type": "application/vnd.git-lfs+json",
                              "Accept": "application/vnd.git-lfs+json"})
    assert status == 200, out
    return json.loads(out)["objects"][0]


def commit_pointer(endpoint, token, repo_id, path, content):
    lines = [{"key": "header", "value": {"summary": "add " + path}},
             {"key": "lfsFile", "value": {"path": path, "algo": "sha256", "size": len(content),
                                          "oid": hashlib.sha256(content).hexdigest()}}]
    return request(f"{endpoint}/api/models/{repo_id}/commit/main", "POST",
                   "\n".join(json.dumps(l) for l in lines).encode(),
                   {"Authorization": f"Bearer {token}", "Content-Type": "application/x-ndjson"})


def upload_and_read_back(hf_cli, token, repo_id, tmp_path, size):
    content = os.urandom(size)
    path = tmp_path / "weights.bin"
    path.write_bytes(content)
    before = lfs_bytes_received()
    hf_cli("upload", repo_id, str(path), "weights.bin", "--token", token, env=NO_XET)
    through_hfhubd = lfs_bytes_received() - before
    assert through_hfhubd < 64 * 1024, f"{through_hfhubd} bytes of a {size}-byte upload went through hfhubd"
    got = hf_hub_download(repo_id, "weights.bin", cache_dir=tmp_path / "cache")
    with open(got, "rb") as f:
        assert f.read() == content


def test_batch_answers_a_presigned_put_on_the_store(endpoint, token, new_repo):
    entry = batch(endpoint, token, new_repo(), os.urandom(1000))
    href = entry["actions"]["upload"]["href"]
    assert href.startswith(S3_ENDPOINT + "/") and "X-Amz-Signature=" in href
    assert "/staging/lfs/" in href


def test_batch_answers_presigned_parts_and_a_completion_on_hfhubd(endpoint, token, new_repo):
    entry = batch(endpoint, token, new_repo(), os.urandom(12 * MIB + 5), ("basic", "multipart"))
    upload = entry["actions"]["upload"]
    assert upload["href"].startswith(endpoint + "/api/lfs-storage/")
    header = upload["header"]
    assert header["chunk_size"] == str(5 * MIB)
    assert sorted(k for k in header if k.isdigit()) == ["1", "2", "3"]
    assert all(header[k].startswith(S3_ENDPOINT + "/") and "uploadId=" in header[k] for k in ("1", "2", "3"))


def test_upload_file_sends_a_small_file_straight_to_the_store(hf_cli, token, new_repo, tmp_path):
    upload_and_read_back(hf_cli, token, new_repo(), tmp_path, 3 * MIB + 17)


def test_upload_file_sends_a_large_file_in_presigned_parts(hf_cli, token, new_repo, tmp_path):
    upload_and_read_back(hf_cli, token, new_repo(), tmp_path, 12 * MIB + 5)


def test_a_tampered_upload_is_refused_at_commit(endpoint, token, new_repo):
    repo_id = new_repo()
    content = os.urandom(100_000)
    entry = batch(endpoint, token, repo_id, content)
    tampered = bytes([content[0] ^ 1]) + content[1:]
    status, _, _ = request(entry["actions"]["upload"]["href"], "PUT", tampered)
    assert status == 200  # the store takes any bytes: hfhubd's check is what counts
    status, headers, body = commit_pointer(endpoint, token, repo_id, "w.bin", content)
    assert status == 400, body
    assert headers.get("X-Error-Code") == "LfsObjectNotFound"
    # Refused for good: the staged bytes were deleted, and the right ones then commit.
    entry = batch(endpoint, token, repo_id, content)
    assert request(entry["actions"]["upload"]["href"], "PUT", content)[0] == 200
    status, _, body = commit_pointer(endpoint, token, repo_id, "w.bin", content)
    assert status == 200, body


def test_a_tampered_multipart_upload_is_refused_at_completion(endpoint, token, new_repo):
    repo_id = new_repo()
    content = os.urandom(12 * MIB + 5)
    upload = batch(endpoint, token, repo_id, content, ("basic", "multipart"))["actions"]["upload"]
    chunk = int(upload["header"]["chunk_size"])
    parts = []
    for n in (1, 2, 3):
        data = content[(n - 1) * chunk:n * chunk]
        if n == 2:
            data = b"\0" * len(data)
        status, headers, _ = request(upload["header"][str(n)], "PUT", data)
        assert status == 200
        parts.append({"partNumber": n, "etag": headers["ETag"]})
    completion = json.dumps({"oid": hashlib.sha256(content).hexdigest(), "parts": parts}).encode()
    status, headers, body = request(upload["href"], "POST", completion, {"Content-Type": "application/json"})
    assert status == 400, body
    assert b"Hash mismatch" in body
    status, _, _ = commit_pointer(endpoint, token, repo_id, "w.bin", content)
    assert status == 400
