"""Path rules, the Hub's way: a repo stores any path git allows, a backslash inside a name
included (`folder/..\\x` is one file named `..\\x`); a path the Hub refuses (a leading `..\\`)
answers 422, which the client raises as an HfHubHTTPError carrying the server's message. The
client guards its own disk when it downloads such a name."""
import os

import pytest
from huggingface_hub import CommitOperationAdd, CommitOperationDelete
from huggingface_hub.utils import HfHubHTTPError

DOTS = "folder/..\\x"
PLAIN = "a\\b.txt"


def _inside(path, folder):
    return os.path.commonpath([os.path.realpath(path), os.path.realpath(folder)]) == os.path.realpath(folder)


@pytest.fixture
def backslash_repo(api, new_repo):
    repo_id = new_repo()
    api.create_commit(repo_id, operations=[CommitOperationAdd(DOTS, b"dots"), CommitOperationAdd(PLAIN, b"plain")],
                      commit_message="backslashes")
    return repo_id


def test_backslashes_inside_names_are_stored(api, backslash_repo):
    files = api.list_repo_files(backslash_repo)
    assert DOTS in files
    assert PLAIN in files
    info = {p.path: p for p in api.get_paths_info(backslash_repo, [DOTS, PLAIN])}
    assert info[DOTS].size == 4
    assert info[PLAIN].size == 5
    assert api.file_exists(backslash_repo, DOTS)
    # upload_file goes through preupload too.
    api.upload_file(repo_id=backslash_repo, path_in_repo="more\\name.bin", path_or_fileobj=b"\x00" * 16)
    assert "more\\name.bin" in api.list_repo_files(backslash_repo)


def test_a_backslash_name_downloads_into_the_cache(api, backslash_repo, tmp_path):
    cache = tmp_path / "cache"
    path = api.hf_hub_download(backslash_repo, PLAIN, cache_dir=cache)
    assert _inside(path, cache)
    with open(path, "rb") as f:
        assert f.read() == b"plain"


@pytest.mark.parametrize("mode", ["cache", "local_dir"])
def test_the_client_never_writes_outside_its_folder(api, backslash_repo, tmp_path, mode):
    folder = tmp_path / mode
    kwargs = {"cache_dir": folder} if mode == "cache" else {"local_dir": folder}
    try:
        path = api.hf_hub_download(backslash_repo, DOTS, **kwargs)
    except ValueError:
        return  # newer clients refuse a '..' between backslashes outright
    assert _inside(path, folder)
    with open(path, "rb") as f:
        assert f.read() == b"dots"
    assert not (tmp_path / "x").exists()


def test_deleting_a_backslash_name(api, backslash_repo):
    api.create_commit(backslash_repo, operations=[CommitOperationDelete(DOTS)], commit_message="rm")
    files = api.list_repo_files(backslash_repo)
    assert DOTS not in files
    assert PLAIN in files


@pytest.mark.parametrize("path", ["..\\x", "..\\..\\etc\\passwd"], ids=["dotdot", "deeper"])
def test_a_path_the_hub_refuses_is_422(api, new_repo, path):
    repo_id = new_repo()
    before = api.list_repo_commits(repo_id)[0].commit_id
    with pytest.raises(HfHubHTTPError) as error:
        api.upload_file(repo_id=repo_id, path_in_repo=path, path_or_fileobj=b"x")
    assert error.value.response.status_code == 422
    assert "path must not start with '..\\'" in str(error.value)
    with pytest.raises(HfHubHTTPError) as error:
        api.create_commit(repo_id, operations=[CommitOperationAdd("ok.txt", b"ok"), CommitOperationAdd(path, b"x")],
                          commit_message="bad")
    assert error.value.response.status_code == 422
    assert api.list_repo_commits(repo_id)[0].commit_id == before
