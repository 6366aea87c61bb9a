"""A file the `hfhub` CLI uploads through Xet downloads through huggingface_hub + hf_xet.

hfhub negotiates the xet transfer on the LFS batch API (docs/client.md#xet-uploads); the file is
then Xet-backed (tree xetHash, resolve X-Xet-Hash), and hf_hub_download reconstructs it from the
CAS with hf_xet.
"""
import hashlib
import os

import huggingface_hub
import pytest


def xet_file_hash(repo, name, token):
    """The Xet file hash resolve advertises for a file (every tested client reads it), or None."""
    meta = huggingface_hub.get_hf_file_metadata(huggingface_hub.hf_hub_url(repo, name), token=token)
    return meta.xet_file_data.file_hash if meta.xet_file_data else None


def test_hfhub_upload_downloads_through_hf_xet(api, new_repo, token, hfhub_cli, tmp_path):
    pytest.importorskip("hf_xet")
    repo = new_repo()
    content = os.urandom(9 << 20)
    local = tmp_path / "weights.bin"
    local.write_bytes(content)
    hfhub_cli("upload", repo, str(local), "weights.bin")

    [entry] = [f for f in api.list_repo_tree(repo) if f.path == "weights.bin"]
    assert entry.lfs is not None and entry.lfs.sha256 == hashlib.sha256(content).hexdigest()
    file_hash = xet_file_hash(repo, "weights.bin", token)
    assert file_hash, "hfhub's upload did not go through Xet"
    # Clients from 1.x on also list it in the tree (RepoFile.xet_hash); 0.x have no such field.
    assert getattr(entry, "xet_hash", file_hash) == file_hash

    path = huggingface_hub.hf_hub_download(repo, "weights.bin", cache_dir=tmp_path / "cache", token=token)
    with open(path, "rb") as f:
        assert f.read() == content


def test_hfhub_upload_folder_and_disable_xet(api, new_repo, token, hfhub_cli, tmp_path):
    pytest.importorskip("hf_xet")
    repo = new_repo()
    folder = tmp_path / "folder"
    (folder / "sub").mkdir(parents=True)
    a, b = os.urandom(3 << 20), os.urandom(1 << 20)
    (folder / "a.bin").write_bytes(a)
    (folder / "sub" / "b.bin").write_bytes(b)
    hfhub_cli("upload", repo, str(folder))
    plain = tmp_path / "plain.bin"
    c = os.urandom(2 << 20)
    plain.write_bytes(c)
    hfhub_cli("upload", repo, str(plain), "plain.bin", env={"HF_HUB_DISABLE_XET": "1"})

    assert xet_file_hash(repo, "a.bin", token) and xet_file_hash(repo, "sub/b.bin", token)
    assert xet_file_hash(repo, "plain.bin", token) is None  # LFS when Xet is disabled
    for name, data in (("a.bin", a), ("sub/b.bin", b), ("plain.bin", c)):
        path = huggingface_hub.hf_hub_download(repo, name, cache_dir=tmp_path / "cache", token=token)
        with open(path, "rb") as f:
            assert f.read() == data
