"""Dedup through Xet with huggingface_hub and hf_xet, unmodified, measured at the server.

A 256 MiB file is uploaded, then uploaded again with 1 MiB changed in its middle, from a client
with an empty Xet cache: only the server's global dedup (docs/xet.md#cas-api) can tell it which
chunks are already stored. What the client sent is read from the server's own counter of request
body bytes on the Xet routes (docs/deployment.md, "Metrics"), not from the client.
"""
import os
import re
import urllib.request

from test_xet import DOWNLOAD, UPLOAD, with_xet

SIZE = 256 * 1024 * 1024
CHANGED = 1024 * 1024


def xet_bytes_received():
    text = urllib.request.urlopen(os.environ["HFHUB_METRICS_URL"], timeout=10).read().decode()
    found = re.search(r'^hfhub_http_request_body_bytes_total\{family="xet"\} (\d+)$', text, re.M)
    assert found, "the server reports no request body bytes for its Xet routes"
    return int(found.group(1))


def test_second_upload_with_one_mib_changed_sends_under_five_percent(new_repo, tmp_path):
    data = bytearray(os.urandom(SIZE))
    source = tmp_path / "weights.bin"
    source.write_bytes(data)
    repo = new_repo()
    before_first = xet_bytes_received()
    with_xet(UPLOAD, repo, source, home=tmp_path / "home-1")
    first = xet_bytes_received() - before_first
    assert first >= SIZE * 0.9, f"the first upload sent {first} bytes through Xet for {SIZE}"

    middle = SIZE // 2
    data[middle:middle + CHANGED] = os.urandom(CHANGED)
    source.write_bytes(data)
    before_second = xet_bytes_received()
    with_xet(UPLOAD, repo, source, home=tmp_path / "home-2")
    second = xet_bytes_received() - before_second
    print(f"xet dedup: first upload sent {first} bytes, second {second} ({100 * second / SIZE:.2f}%)")
    assert second < SIZE * 0.05, f"the second upload sent {second} bytes ({100 * second / SIZE:.1f}%)"

    path = with_xet(DOWNLOAD, repo, tmp_path / "cache", home=tmp_path / "home-3").strip().splitlines()[-1]
    with open(path, "rb") as downloaded:
        assert downloaded.read() == data
