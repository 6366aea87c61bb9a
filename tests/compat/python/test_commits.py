"""Commits: upload_file, upload_folder (allow/ignore/delete patterns), create_commit with adds,
deletes and copies, parent_commit and create_pr; LFS files uploaded the way the version does it
with hf_xet active (Xet, negotiated through the LFS batch up to 1.19) that download back identical."""
import hashlib
import io
import os
import subprocess

import pytest

from huggingface_hub import (
    HfApi,
    CommitOperationAdd,
    CommitOperationCopy,
    CommitOperationDelete,
    hf_hub_download,
)
from huggingface_hub.utils import EntryNotFoundError, HfHubHTTPError, RevisionNotFoundError

MIB = 1024 * 1024


def files_of(api, repo_id, revision=None, repo_type=None):
    return sorted(f for f in api.list_repo_files(repo_id, revision=revision, repo_type=repo_type)
                  if f != ".gitattributes")


def read(repo_id, path, token, revision=None, repo_type=None, cache_dir=None):
    local = hf_hub_download(repo_id, path, revision=revision, repo_type=repo_type, token=token,
                            cache_dir=cache_dir)
    with open(local, "rb") as f:
        return f.read()


def head(api, repo_id, revision="main", repo_type=None):
    return api.repo_info(repo_id, revision=revision, repo_type=repo_type).sha


def write_tree(root, files):
    for path, content in files.items():
        full = os.path.join(root, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "wb") as f:
            f.write(content)


def test_upload_file_from_bytes_path_and_file_object(api, new_repo, token, tmp_path):
    repo_id = new_repo()
    info = api.upload_file(path_or_fileobj=b"from bytes", path_in_repo="bytes.txt", repo_id=repo_id)
    assert len(info.oid) == 40
    assert info.oid == head(api, repo_id)
    assert info.commit_message == "Upload bytes.txt with huggingface_hub"
    assert repo_id in info.commit_url
    local = tmp_path / "local.txt"
    local.write_bytes(b"from a path")
    api.upload_file(path_or_fileobj=str(local), path_in_repo="dir/path.txt", repo_id=repo_id,
                    commit_message="Add a path", commit_description="The description")
    api.upload_file(path_or_fileobj=io.BytesIO(b"from a file object"), path_in_repo="fileobj.txt",
                    repo_id=repo_id)
    assert files_of(api, repo_id) == ["bytes.txt", "dir/path.txt", "fileobj.txt"]
    assert read(repo_id, "bytes.txt", token) == b"from bytes"
    assert read(repo_id, "dir/path.txt", token) == b"from a path"
    assert read(repo_id, "fileobj.txt", token) == b"from a file object"
    commits = api.list_repo_commits(repo_id)
    assert [c.title for c in commits[:3]] == [
        "Upload fileobj.txt with huggingface_hub", "Add a path", "Upload bytes.txt with huggingface_hub"]
    assert commits[1].message == "The description"


@pytest.mark.parametrize("repo_type", ["dataset", "space"])
def test_upload_file_to_datasets_and_spaces(api, new_repo, token, repo_type):
    repo_id = new_repo(repo_type=repo_type)
    api.upload_file(path_or_fileobj=b"a,b\n1,2\n", path_in_repo="data.csv", repo_id=repo_id, repo_type=repo_type)
    assert read(repo_id, "data.csv", token, repo_type=repo_type) == b"a,b\n1,2\n"


def test_uploading_an_unchanged_file_makes_no_commit(api, new_repo):
    repo_id = new_repo()
    first = api.upload_file(path_or_fileobj=b"same", path_in_repo="same.txt", repo_id=repo_id)
    again = api.upload_file(path_or_fileobj=b"same", path_in_repo="same.txt", repo_id=repo_id)
    # The preupload answer carries the remote oid, so the client sees nothing changed.
    assert again.oid == first.oid
    assert head(api, repo_id) == first.oid


def test_lfs_files_upload_through_the_lfs_batch_and_download_identical(api, new_repo, token, tmp_path):
    repo_id = new_repo()
    small_bin = os.urandom(256 * 1024)  # LFS by the default .gitattributes (*.bin)
    big_txt = os.urandom(11 * MIB)  # LFS by size (> 10 MiB), though .txt
    api.upload_file(path_or_fileobj=small_bin, path_in_repo="weights/model.bin", repo_id=repo_id)
    big_path = tmp_path / "big.txt"
    big_path.write_bytes(big_txt)
    api.upload_file(path_or_fileobj=str(big_path), path_in_repo="big.txt", repo_id=repo_id)
    infos = {i.path: i for i in api.get_paths_info(repo_id, ["weights/model.bin", "big.txt"])}
    for path, content in (("weights/model.bin", small_bin), ("big.txt", big_txt)):
        assert infos[path].lfs is not None, path
        assert infos[path].lfs.sha256 == hashlib.sha256(content).hexdigest()
        assert infos[path].size == len(content)
        assert read(repo_id, path, token, cache_dir=tmp_path / "cache") == content
    # Uploading the same LFS content under another name needs no new bytes, and still works.
    api.upload_file(path_or_fileobj=small_bin, path_in_repo="copy.bin", repo_id=repo_id)
    assert read(repo_id, "copy.bin", token, cache_dir=tmp_path / "cache2") == small_bin


def test_upload_folder_with_allow_and_ignore_patterns(api, new_repo, token, tmp_path):
    repo_id = new_repo()
    write_tree(tmp_path / "src", {
        "a.txt": b"a", "b.md": b"b", "sub/c.txt": b"c", "sub/d.bin": b"d" * 100, "logs/x.log": b"x"})
    info = api.upload_folder(folder_path=str(tmp_path / "src"), repo_id=repo_id,
                             allow_patterns=["*.txt", "sub/*"], ignore_patterns=["*.bin"])
    assert info.oid == head(api, repo_id)
    assert files_of(api, repo_id) == ["a.txt", "sub/c.txt"]
    # Into a folder of the repo.
    api.upload_folder(folder_path=str(tmp_path / "src"), path_in_repo="nested", repo_id=repo_id,
                      ignore_patterns=["logs/"])
    assert files_of(api, repo_id) == [
        "a.txt", "nested/a.txt", "nested/b.md", "nested/sub/c.txt", "nested/sub/d.bin", "sub/c.txt"]
    assert read(repo_id, "nested/sub/d.bin", token) == b"d" * 100


def test_upload_folder_with_delete_patterns(api, new_repo, token, tmp_path):
    repo_id = new_repo()
    write_tree(tmp_path / "v1", {"keep.md": b"k", "old.txt": b"o", "sub/old.txt": b"so", "sub/new.txt": b"1"})
    api.upload_folder(folder_path=str(tmp_path / "v1"), repo_id=repo_id)
    write_tree(tmp_path / "v2", {"sub/new.txt": b"2", "fresh.txt": b"f"})
    api.upload_folder(folder_path=str(tmp_path / "v2"), repo_id=repo_id, delete_patterns=["*.txt"])
    # Every remote .txt is gone except those uploaded in the same commit.
    assert files_of(api, repo_id) == ["fresh.txt", "keep.md", "sub/new.txt"]
    assert read(repo_id, "sub/new.txt", token) == b"2"


def test_upload_folder_skips_what_the_repos_gitignore_ignores(api, new_repo, tmp_path):
    repo_id = new_repo()
    api.upload_file(path_or_fileobj=b"*.log\nbuild/\n", path_in_repo=".gitignore", repo_id=repo_id)
    write_tree(tmp_path / "src", {"a.log": b"a", "b.txt": b"b", "build/x.txt": b"x", "sub/c.log": b"c"})
    api.upload_folder(folder_path=str(tmp_path / "src"), repo_id=repo_id)
    # The preupload answer's shouldIgnore, from the repo's .gitignore.
    assert files_of(api, repo_id) == [".gitignore", "b.txt"]


def test_create_commit_with_adds_deletes_and_copies(api, new_repo, token, tmp_path):
    repo_id = new_repo()
    weights = os.urandom(128 * 1024)
    api.create_commit(repo_id, commit_message="Seed", operations=[
        CommitOperationAdd("a.txt", b"a"),
        CommitOperationAdd("b.txt", b"b"),
        CommitOperationAdd("model.bin", weights),
    ])
    info = api.create_commit(repo_id, commit_message="Mixed", operations=[
        CommitOperationAdd("new.txt", b"new"),
        CommitOperationDelete("a.txt"),
        CommitOperationCopy("model.bin", "copies/model.bin"),
        CommitOperationCopy("b.txt", "copies/b.txt"),
    ])
    assert info.oid == head(api, repo_id)
    assert files_of(api, repo_id) == ["b.txt", "copies/b.txt", "copies/model.bin", "model.bin", "new.txt"]
    assert read(repo_id, "copies/model.bin", token, cache_dir=tmp_path / "c") == weights
    assert read(repo_id, "copies/b.txt", token) == b"b"
    copied = api.get_paths_info(repo_id, ["copies/model.bin"])[0]
    assert copied.lfs.sha256 == hashlib.sha256(weights).hexdigest()
    with pytest.raises(EntryNotFoundError):
        api.create_commit(repo_id, commit_message="Bad copy",
                          operations=[CommitOperationCopy("missing.bin", "x.bin")])


@pytest.mark.parametrize("folder", ["folder/", "folder"], ids=["trailing-slash", "bare"])
def test_deleting_a_folder_as_the_hub_does(api, new_repo, folder):
    repo_id = new_repo()
    api.create_commit(repo_id, commit_message="Seed", operations=[
        CommitOperationAdd("folder/x.txt", b"x"),
        CommitOperationAdd("folder/sub/y.txt", b"y"),
        CommitOperationAdd("folder-keep/z.txt", b"z"),
        CommitOperationAdd("keep.txt", b"k"),
    ])
    # Without a trailing '/', the client sends a deletedFile: the Hub deletes the folder anyway.
    api.create_commit(repo_id, commit_message="Drop the folder", operations=[CommitOperationDelete(folder)])
    assert files_of(api, repo_id) == ["folder-keep/z.txt", "keep.txt"]


def test_delete_then_add_of_one_path_keeps_the_file(api, new_repo, token):
    repo_id = new_repo()
    api.create_commit(repo_id, commit_message="Seed", operations=[
        CommitOperationAdd("a.txt", b"a"), CommitOperationAdd("d/x.txt", b"x"), CommitOperationAdd("d/y.txt", b"y")])
    # Operations apply in order, as on the Hub: a file re-added after its deletion stays. (Content
    # changes: clients before 2.x drop the add of an unchanged file but keep its deletion.)
    api.create_commit(repo_id, commit_message="Redo", operations=[
        CommitOperationDelete("a.txt"), CommitOperationAdd("a.txt", b"a2"),
        CommitOperationDelete("d/"), CommitOperationAdd("d/x.txt", b"x2")])
    assert files_of(api, repo_id) == ["a.txt", "d/x.txt"]
    assert read(repo_id, "a.txt", token) == b"a2"
    assert read(repo_id, "d/x.txt", token) == b"x2"


def test_delete_file_and_delete_folder(api, new_repo):
    repo_id = new_repo()
    api.create_commit(repo_id, commit_message="Seed", operations=[
        CommitOperationAdd("docs/a.md", b"a"), CommitOperationAdd("docs/b.md", b"b"),
        CommitOperationAdd("c.txt", b"c")])
    api.delete_file("c.txt", repo_id)
    api.delete_folder("docs", repo_id)
    assert files_of(api, repo_id) == []
    with pytest.raises(EntryNotFoundError):
        api.delete_file("c.txt", repo_id)


def test_parent_commit_guards_against_a_concurrent_commit(api, new_repo):
    repo_id = new_repo()
    base = head(api, repo_id)
    api.upload_file(path_or_fileobj=b"1", path_in_repo="one.txt", repo_id=repo_id, parent_commit=base)
    with pytest.raises(HfHubHTTPError) as err:
        api.upload_file(path_or_fileobj=b"2", path_in_repo="two.txt", repo_id=repo_id, parent_commit=base)
    assert err.value.response.status_code == 412
    assert "The branch was updated since you opened this page. Please refresh and try again." in str(err.value)
    assert files_of(api, repo_id) == ["one.txt"]
    # The current head as parent works.
    api.create_commit(repo_id, commit_message="On top", parent_commit=head(api, repo_id),
                      operations=[CommitOperationAdd("two.txt", b"2")])
    assert files_of(api, repo_id) == ["one.txt", "two.txt"]


def test_create_pr_commits_to_a_pull_request_ref_not_main(api, new_repo, token, tmp_path):
    repo_id = new_repo()
    main_before = head(api, repo_id)
    info = api.create_commit(repo_id, commit_message="Proposal", create_pr=True,
                             operations=[CommitOperationAdd("proposal.txt", b"p"),
                                         CommitOperationAdd("proposal.bin", b"\0" * 2048)])
    assert info.pr_revision == "refs/pr/1"
    assert info.pr_num == 1
    assert info.pr_url.endswith(f"{repo_id}/discussions/1")
    assert head(api, repo_id) == main_before
    assert files_of(api, repo_id) == []
    assert files_of(api, repo_id, revision="refs/pr/1") == ["proposal.bin", "proposal.txt"]
    assert read(repo_id, "proposal.bin", token, revision=info.pr_revision, cache_dir=tmp_path) == b"\0" * 2048
    refs = api.list_repo_refs(repo_id, include_pull_requests=True)
    assert [r.ref for r in refs.pull_requests] == ["refs/pr/1"]
    assert [b.name for b in refs.branches] == ["main"]
    second = api.upload_file(path_or_fileobj=b"q", path_in_repo="q.txt", repo_id=repo_id, create_pr=True)
    assert second.pr_revision == "refs/pr/2"
    assert files_of(api, repo_id, revision="refs/pr/2") == ["q.txt"]
    # Committing to a PR's ref appends to it.
    api.upload_file(path_or_fileobj=b"more", path_in_repo="more.txt", repo_id=repo_id, revision="refs/pr/1")
    assert files_of(api, repo_id, revision="refs/pr/1") == ["more.txt", "proposal.bin", "proposal.txt"]
    assert files_of(api, repo_id) == []
    with pytest.raises(RevisionNotFoundError):
        api.upload_file(path_or_fileobj=b"x", path_in_repo="x.txt", repo_id=repo_id, revision="no-such-branch",
                        create_pr=True)


def test_commits_to_a_branch_leave_main_alone(api, new_repo):
    repo_id = new_repo()
    api.create_branch(repo_id, branch="feature/x")
    api.upload_file(path_or_fileobj=b"d", path_in_repo="dev.txt", repo_id=repo_id, revision="feature/x")
    api.upload_file(path_or_fileobj=os.urandom(2048), path_in_repo="dev.bin", repo_id=repo_id, revision="feature/x")
    assert files_of(api, repo_id, revision="feature/x") == ["dev.bin", "dev.txt"]
    assert files_of(api, repo_id) == []
    # A PR opened from the branch starts from its head.
    info = api.upload_file(path_or_fileobj=b"p", path_in_repo="p.txt", repo_id=repo_id, revision="feature/x",
                           create_pr=True)
    assert files_of(api, repo_id, revision=info.pr_revision) == ["dev.bin", "dev.txt", "p.txt"]
    # The full ref name works as well.
    api.upload_file(path_or_fileobj=b"m", path_in_repo="m.txt", repo_id=repo_id, revision="refs/heads/main")
    assert files_of(api, repo_id) == ["m.txt"]


@pytest.fixture(scope="module")
def multipart_hub(tmp_path_factory):
    """A second hfhubd whose LFS batch offers multipart above 8 MiB in 5 MiB parts (the suite's
    server keeps the 5 GiB default), with a user and a write token: (endpoint, token)."""
    hfhubd = os.path.join(os.path.dirname(os.environ["HFHUB_CLI"]), "hfhubd")
    data = tmp_path_factory.mktemp("multipart-hub")
    token = "hf_multipartWrite0123456789abcdefghijk"
    for args in (["user", "add", "mp-user"], ["token", "add", "mp-user", "--role", "write", "--value", token]):
        subprocess.run([hfhubd, "admin", "--data", str(data), *args], check=True, capture_output=True)
    config = data / "hfhubd.conf"
    config.write_text("lfs-multipart-threshold-mb = 8\nlfs-multipart-chunk-mb = 5\n")
    server = subprocess.Popen([hfhubd, "serve", "--config", str(config), "--data", str(data), "--host", "127.0.0.1",
                               "--port", "0", "--no-rate-limit", "--no-access-log"],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        port = None
        for line in server.stdout:
            if line.startswith("listening "):
                port = line.split()[1]
                break
        assert port, "the second hfhubd did not start"
        yield f"http://127.0.0.1:{port}", token
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_lfs_multipart_upload_downloads_back_identical(multipart_hub, hf_cli, tmp_path):
    endpoint, token = multipart_hub
    api = HfApi(endpoint=endpoint, token=token)
    repo_id = api.create_repo("mp-user/multipart").repo_id
    content = os.urandom(12 * MIB + 123)  # 3 parts: 5 + 5 + 2 MiB
    (tmp_path / "big.bin").write_bytes(content)
    # The CLI, configured the way users point it at a server: HF_ENDPOINT and HF_TOKEN. (0.x parses
    # a commit's URL against the global endpoint, so HfApi(endpoint=...) cannot upload there.)
    env = {"HF_ENDPOINT": endpoint, "HF_TOKEN": token, "HF_HOME": str(tmp_path / "home")}
    hf_cli("upload", repo_id, str(tmp_path / "big.bin"), "big.bin", env=env)
    info = api.get_paths_info(repo_id, ["big.bin"])[0]
    assert info.lfs.sha256 == hashlib.sha256(content).hexdigest()
    hf_cli("download", repo_id, "big.bin", "--local-dir", str(tmp_path / "out"), env=env)
    assert (tmp_path / "out" / "big.bin").read_bytes() == content
