"""Listing and permanently deleting a repo's LFS objects with HfApi (list_lfs_files,
permanently_delete_lfs_files): the Python client deletes by `file_oid`, the object's sha256."""
import hashlib

import pytest
from huggingface_hub.utils import EntryNotFoundError, HfHubHTTPError

WEIGHTS = b"w" * 4096
CHECKPOINT = b"c" * 2048


@pytest.fixture
def lfs_repo(api, new_repo):
    repo_id = new_repo()
    api.upload_file(repo_id=repo_id, path_in_repo="weights.bin", path_or_fileobj=WEIGHTS)
    api.upload_file(repo_id=repo_id, path_in_repo="checkpoints/step1.bin", path_or_fileobj=CHECKPOINT)
    api.upload_file(repo_id=repo_id, path_in_repo="notes.txt", path_or_fileobj=b"not lfs")
    return repo_id


def test_list_lfs_files_names_every_object(api, lfs_repo):
    files = {f.filename: f for f in api.list_lfs_files(lfs_repo)}
    assert sorted(files) == ["checkpoints/step1.bin", "weights.bin"]
    weights = files["weights.bin"]
    assert weights.size == len(WEIGHTS)
    assert weights.file_oid == hashlib.sha256(WEIGHTS).hexdigest()
    assert weights.pushed_at is not None
    assert files["checkpoints/step1.bin"].file_oid == hashlib.sha256(CHECKPOINT).hexdigest()


def test_an_object_deleted_from_a_later_commit_is_still_listed(api, lfs_repo):
    api.delete_file("weights.bin", repo_id=lfs_repo)
    assert "weights.bin" in {f.filename for f in api.list_lfs_files(lfs_repo)}


def test_permanently_delete_lfs_files(api, lfs_repo):
    doomed = [f for f in api.list_lfs_files(lfs_repo) if f.filename.startswith("checkpoints/")]
    assert len(doomed) == 1
    api.permanently_delete_lfs_files(lfs_repo, doomed)
    assert [f.filename for f in api.list_lfs_files(lfs_repo)] == ["weights.bin"]
    # The kept object still downloads; the deleted one's file is a missing entry (with S3 too, not
    # a redirect to the store's own 404); uploading the content again makes both files download.
    with open(api.hf_hub_download(lfs_repo, "weights.bin"), "rb") as f:
        assert f.read() == WEIGHTS
    with pytest.raises(EntryNotFoundError):
        api.hf_hub_download(lfs_repo, "checkpoints/step1.bin")
    api.upload_file(repo_id=lfs_repo, path_in_repo="checkpoints/again.bin", path_or_fileobj=CHECKPOINT)
    for path in ("checkpoints/again.bin", "checkpoints/step1.bin"):
        with open(api.hf_hub_download(lfs_repo, path), "rb") as f:
            assert f.read() == CHECKPOINT


def test_lfs_files_need_write_rights(read_token, lfs_repo):
    from huggingface_hub import HfApi
    with pytest.raises(HfHubHTTPError) as error:
        list(HfApi(token=read_token).list_lfs_files(lfs_repo))
    assert error.value.response.status_code in (401, 403)
