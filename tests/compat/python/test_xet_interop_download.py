"""Xet downloads between the official client and hfhub's CLI (docs/client.md#xet-downloads): a file
uploaded by huggingface_hub with hf_xet downloads through `hfhub download` over the CAS into the
shared cache, where hf_hub_download(local_files_only=True) finds it; and the reverse, hfhub
finding offline what huggingface_hub + hf_xet downloaded."""
import os

import pytest
from huggingface_hub import hf_hub_download

pytestmark = pytest.mark.since("1.20")  # uploads through Xet without negotiation

SIZE = 3 * 1024 * 1024 + 321


def xet_file(api, new_repo, tmp_path):
    repo_id = new_repo()
    data = os.urandom(SIZE)
    source = tmp_path / "weights.bin"
    source.write_bytes(data)
    api.upload_file(path_or_fileobj=str(source), path_in_repo="weights.bin", repo_id=repo_id)
    info = api.get_paths_info(repo_id, ["weights.bin"])[0]
    assert info.xet_hash, "the upload did not go through Xet"
    return repo_id, data


def test_hfhub_downloads_an_hf_xet_upload_python_finds_it(api, new_repo, tmp_path, hfhub_cli, token):
    repo_id, data = xet_file(api, new_repo, tmp_path)
    cache = tmp_path / "shared-cache"
    path = hfhub_cli("download", repo_id, "weights.bin", "--cache-dir", cache).stdout.strip().splitlines()[-1]
    with open(path, "rb") as f:
        assert f.read() == data
    chunks = hfhub_cli.home / "xet" / "hfhub-chunks"
    assert chunks.is_dir() and any(p.is_file() for p in chunks.rglob("*")), "hfhub did not use the CAS"
    found = hf_hub_download(repo_id, "weights.bin", cache_dir=str(cache), local_files_only=True)
    assert os.path.realpath(found) == os.path.realpath(path)


def test_hfhub_finds_a_python_xet_download_offline(api, new_repo, tmp_path, hfhub_cli, token):
    repo_id, data = xet_file(api, new_repo, tmp_path)
    cache = tmp_path / "shared-cache"
    downloaded = hf_hub_download(repo_id, "weights.bin", cache_dir=str(cache), token=token)
    path = hfhub_cli("download", repo_id, "weights.bin", "--cache-dir", cache, "--local-files-only").stdout.strip().splitlines()[-1]
    assert os.path.realpath(path) == os.path.realpath(downloaded)
    with open(path, "rb") as f:
        assert f.read() == data
