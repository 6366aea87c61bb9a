"""Uploads and downloads through Xet (docs/xet.md) with huggingface_hub and hf_xet, unmodified.

run.sh leaves Xet on for the whole suite; each Xet step still runs in a child Python with
HF_HUB_DISABLE_XET removed (huggingface_hub reads it once at import), using only the public API
(HfApi.upload_file, hf_hub_download, get_hf_file_metadata). huggingface_hub >= 1.20 uploads
through Xet whenever hf_xet is installed; older versions negotiate it through the LFS batch API
(docs/xet.md#negotiation).
"""
import os
import pathlib
import subprocess
import sys


UPLOAD = """
import sys
from huggingface_hub import HfApi, constants
assert not constants.HF_HUB_DISABLE_XET
repo_id, path = sys.argv[1:3]
HfApi().upload_file(path_or_fileobj=path, path_in_repo="weights.bin", repo_id=repo_id)
"""

DOWNLOAD = """
import sys
from huggingface_hub import get_hf_file_metadata, hf_hub_download, hf_hub_url
repo_id, cache_dir = sys.argv[1:3]
meta = get_hf_file_metadata(hf_hub_url(repo_id, "weights.bin"))
assert meta.xet_file_data is not None, "resolve did not advertise Xet"
print(hf_hub_download(repo_id, "weights.bin", cache_dir=cache_dir))
"""


def with_xet(code, *args, home):
    """Runs `code` in a child Python with Xet enabled and its own HF_HOME; returns its stdout."""
    env = {k: v for k, v in os.environ.items() if k != "HF_HUB_DISABLE_XET"}
    env.update(HF_TOKEN=os.environ["HFHUB_TOKEN"], HF_HOME=str(home))
    proc = subprocess.run([sys.executable, "-c", code, *map(str, args)], env=env, capture_output=True,
                          text=True, timeout=300)
    assert proc.returncode == 0, f"exit {proc.returncode}\n{proc.stdout}\n{proc.stderr}"
    return proc.stdout


def stored_xorbs():
    root = pathlib.Path(os.environ["HFHUB_DATA"]) / "xet" / "xorbs"
    return sum(1 for p in root.rglob("*") if p.is_file()) if root.exists() else 0


def test_upload_and_download_through_xet(new_repo, tmp_path):
    data = os.urandom(3 * 1024 * 1024 + 12345)
    source = tmp_path / "weights.bin"
    source.write_bytes(data)
    first = new_repo()
    before = stored_xorbs()
    with_xet(UPLOAD, first, source, home=tmp_path / "home-1")
    assert stored_xorbs() > before, "the upload stored no xorb: it did not go through Xet"
    # resolve advertises Xet (checked in DOWNLOAD), so huggingface_hub downloads through the CAS.
    path = with_xet(DOWNLOAD, first, tmp_path / "cache-1", home=tmp_path / "home-2").strip().splitlines()[-1]
    assert pathlib.Path(path).read_bytes() == data

    # The same bytes in another repo, from a client with an empty Xet cache: global dedup finds
    # the stored xorbs, so none is uploaded again.
    second = new_repo()
    after_first = stored_xorbs()
    with_xet(UPLOAD, second, source, home=tmp_path / "home-3")
    assert stored_xorbs() == after_first
    path = with_xet(DOWNLOAD, second, tmp_path / "cache-2", home=tmp_path / "home-4").strip().splitlines()[-1]
    assert pathlib.Path(path).read_bytes() == data
