"""The `hf` CLI against hfhubd: download, upload, repo create/delete, deleting repo files and the cache
commands. Command names changed between versions (0.36 has `hf repo create` and `hf cache scan/delete`;
1.x `hf repo(s) create/delete` and `hf cache ls/rm`; 2.x only `hf repos`): each test uses the name the
installed CLI lists in its own help."""
import functools
import os
import re
import select
import subprocess
import sys
import time

import pytest
from huggingface_hub import CommitOperationAdd
from huggingface_hub.utils import RepositoryNotFoundError

FILES = {"config.json": b'{"x": 1}\n', "a.txt": b"a\n", "sub/b.txt": b"b\n", "sub/c.bin": b"c" * 300}


@functools.lru_cache(maxsize=None)
def _help(*words):
    hf = os.path.join(os.path.dirname(sys.executable), "hf")
    proc = subprocess.run([hf, *words, "--help"], capture_output=True, text=True, timeout=60,
                          env={**os.environ, "HF_HUB_DISABLE_UPDATE_CHECK": "1"})
    return proc.stdout if proc.returncode == 0 else ""


def _has(*words):
    """Whether the installed CLI has the command `hf WORDS...` (asked through its --help)."""
    return bool(_help(*words))


def _repo_group():
    return "repos" if _has("repos") else "repo"


@pytest.fixture
def cli(hf_cli, token, tmp_path):
    """hf_cli with the user's token and a cache of the test's own."""
    env = {"HF_TOKEN": token, "HF_HUB_CACHE": str(tmp_path / "cache"), "HF_HUB_DISABLE_UPDATE_CHECK": "1"}

    def run(*args, **kwargs):
        return hf_cli(*args, env={**env, **kwargs.pop("env", {})}, **kwargs)
    run.env = env
    return run


@pytest.fixture
def filled(api, new_repo):
    def make(**kwargs):
        repo_id = new_repo(**kwargs)
        api.create_commit(repo_id, [CommitOperationAdd(p, d) for p, d in FILES.items()], commit_message="files",
                          repo_type=kwargs.get("repo_type", "model"))
        return repo_id
    return make


def test_download_one_file_prints_its_path(cli, filled):
    repo_id = filled()
    out = cli("download", repo_id, "config.json", "--quiet").stdout.strip().splitlines()[-1]
    assert open(out, "rb").read() == FILES["config.json"]
    assert out.endswith("config.json") and "snapshots" in out


def test_download_a_repo_with_include_exclude_into_a_local_dir(cli, filled, tmp_path):
    repo_id = filled(repo_type="dataset")
    target = tmp_path / "local"
    cli("download", repo_id, "--repo-type", "dataset", "--include", "*.txt", "--exclude", "a.*",
        "--local-dir", str(target))
    got = {str(p.relative_to(target)) for p in target.rglob("*") if p.is_file() and ".cache" not in p.parts}
    assert got == {"sub/b.txt"}
    whole = cli("download", repo_id, "--repo-type", "dataset", "--quiet").stdout.strip().splitlines()[-1]
    assert open(os.path.join(whole, "sub/c.bin"), "rb").read() == FILES["sub/c.bin"]


def test_download_of_a_private_repo_without_a_token_fails(cli, api, new_repo):
    repo_id = new_repo(private=True)
    api.upload_file(path_or_fileobj=b"s", path_in_repo="s.txt", repo_id=repo_id)
    # Without the token first: once cached, the client serves the file even when the Hub says no.
    proc = cli("download", repo_id, "s.txt", check=False, env={"HF_TOKEN": ""})
    assert proc.returncode != 0
    # Each CLI words it its own way ("Repository Not Found", "Model '<id>' not found").
    assert re.search(r"Repository ?Not ?Found|Model '[^']+' not found", proc.stdout + proc.stderr, re.I)
    path = cli("download", repo_id, "s.txt", "--quiet").stdout.strip().splitlines()[-1]
    assert open(path, "rb").read() == b"s"


def test_upload_a_file_and_a_folder(cli, api, new_repo, tmp_path):
    repo_id = new_repo()
    local = tmp_path / "up"
    (local / "nested").mkdir(parents=True)
    (local / "one.txt").write_text("one")
    (local / "nested" / "two.txt").write_text("two")
    (local / "skip.log").write_text("log")
    cli("upload", repo_id, str(local / "one.txt"), "renamed.txt", "--commit-message", "single file")
    assert api.list_repo_commits(repo_id)[0].title == "single file"
    cli("upload", repo_id, str(local), "folder", "--exclude", "*.log")
    assert sorted(api.list_repo_files(repo_id)) == [
        ".gitattributes", "folder/nested/two.txt", "folder/one.txt", "renamed.txt"]


def test_upload_creates_the_repo_when_missing(cli, api, user, unique_name, tmp_path):
    repo_id = f"{user}/{unique_name()}"
    (tmp_path / "f.txt").write_text("hello")
    cli("upload", repo_id, str(tmp_path / "f.txt"), "--repo-type", "dataset", "--private")
    info = api.dataset_info(repo_id)
    assert info.private and "f.txt" in [s.rfilename for s in info.siblings]


def test_repo_create_model_dataset_and_private(cli, api, user, unique_name):
    group = _repo_group()
    model = f"{user}/{unique_name()}"
    cli(group, "create", model)
    assert api.model_info(model).id == model
    dataset = f"{user}/{unique_name()}"
    cli(group, "create", dataset, "--repo-type", "dataset", "--private")
    assert api.dataset_info(dataset).private is True
    again = cli(group, "create", model, check=False)
    assert again.returncode != 0
    cli(group, "create", model, "--exist-ok")


@pytest.mark.since("1.0")  # 0.36's `hf repo` has only create and tag
def test_repo_delete(cli, api, new_repo):
    repo_id = new_repo()
    cli(_repo_group(), "delete", repo_id, "--yes")
    with pytest.raises(RepositoryNotFoundError):
        api.model_info(repo_id)
    dataset = new_repo(repo_type="dataset")
    cli(_repo_group(), "delete", dataset, "--repo-type", "dataset", "--yes")
    assert not api.repo_exists(dataset, repo_type="dataset")
    assert cli(_repo_group(), "delete", repo_id, "--yes", check=False).returncode != 0
    cli(_repo_group(), "delete", repo_id, "--yes", "--missing-ok")


def test_repo_files_delete(cli, api, filled):
    repo_id = filled()
    # Newer CLIs name it `hf repos delete-files`; 0.36 to 1.x have `hf repo-files delete`.
    cmd = ["repos", "delete-files"] if _has("repos", "delete-files") else ["repo-files", "delete"]
    cli(*cmd, repo_id, "a.txt", "sub/")
    assert sorted(api.list_repo_files(repo_id)) == [".gitattributes", "config.json"]
    repo2 = filled()
    cli(*cmd, repo2, "*.txt")
    assert sorted(api.list_repo_files(repo2)) == [".gitattributes", "config.json", "sub/c.bin"]


def _cached_repos(cli):
    if _has("cache", "ls"):
        return cli("cache", "ls", "--quiet").stdout
    return cli("cache", "scan").stdout


def _delete_revision_old_cli(cli, tmp_path, revision):
    """0.36's `hf cache delete --disable-tui`: it names a file listing the cached revisions, each
    commented out, and asks whether to go on. The user uncomments the revision, answers no (so it
    reads the file again), then yes, then confirms the deletion."""
    env = {**os.environ, **cli.env, "TMPDIR": str(tmp_path), "PYTHONUNBUFFERED": "1"}
    hf = os.path.join(os.path.dirname(sys.executable), "hf")
    proc = subprocess.Popen([hf, "cache", "delete", "--disable-tui"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, cwd=tmp_path)
    seen = b""
    deadline = time.time() + 60
    while b"(y/N)" not in seen and time.time() < deadline:
        ready, _, _ = select.select([proc.stdout], [], [], 1)
        if ready:
            seen += os.read(proc.stdout.fileno(), 4096)
    path = re.search(rb"File to edit: (?:\x1b\[[0-9;]*m)?(\S+?\.txt)", seen).group(1).decode()
    text = open(path).read().replace(f"#   {revision}", f"   {revision}")
    open(path, "w").write(text)
    out, _ = proc.communicate(b"n\ny\ny\n", timeout=60)
    assert proc.returncode == 0, (seen + out).decode()
    return (seen + out).decode()


def test_cache_list_and_remove(cli, api, filled, new_repo, tmp_path):
    keep, drop = filled(), new_repo()
    # Content of its own, so its commit (the revision the old CLI deletes by hash) is its alone.
    api.upload_file(path_or_fileobj=drop.encode(), path_in_repo="a.txt", repo_id=drop)
    cli("download", keep, "config.json")
    cli("download", drop, "a.txt")
    listed = _cached_repos(cli)
    assert keep in listed and drop in listed
    if _has("cache", "rm"):
        cli("cache", "rm", f"model/{drop}", "--yes")
    else:
        _delete_revision_old_cli(cli, tmp_path, api.model_info(drop).sha)
    listed = _cached_repos(cli)
    assert keep in listed and drop not in listed


def test_upload_to_a_new_branch_and_as_a_pull_request(cli, api, filled, tmp_path):
    repo_id = filled()
    (tmp_path / "n.txt").write_text("on a branch")
    cli("upload", repo_id, str(tmp_path / "n.txt"), "n.txt", "--revision", "feature")
    assert "n.txt" in api.list_repo_files(repo_id, revision="feature")
    assert "n.txt" not in api.list_repo_files(repo_id)
    cli("upload", repo_id, str(tmp_path / "n.txt"), "pr.txt", "--create-pr")
    refs = api.list_repo_refs(repo_id, include_pull_requests=True)
    assert [r.ref for r in refs.pull_requests] == ["refs/pr/1"]
    assert "pr.txt" in api.list_repo_files(repo_id, revision="refs/pr/1")
    path = cli("download", repo_id, "pr.txt", "--revision", "refs/pr/1", "--quiet").stdout.strip().splitlines()[-1]
    assert open(path).read() == "on a branch"


def test_repo_create_a_space(cli, api, user, unique_name):
    space = f"{user}/{unique_name()}"
    sdk_flag = "--space-sdk" if "--space-sdk" in _help(_repo_group(), "create") else "--space_sdk"
    cli(_repo_group(), "create", space, "--repo-type", "space", sdk_flag, "static")
    assert api.space_info(space).sdk == "static"


@pytest.mark.since("1.19")  # `hf cache verify` is not in 1.0; 1.19 has it
def test_cache_verify_checks_files_against_the_server(cli, filled, tmp_path):
    repo_id = filled()
    cli("download", repo_id)
    out = cli("cache", "verify", repo_id)
    assert out.returncode == 0
    target = tmp_path / "local"
    cli("download", repo_id, "--local-dir", str(target))
    cli("cache", "verify", repo_id, "--local-dir", str(target), "--fail-on-missing-files")
    (target / "sub" / "c.bin").write_bytes(b"tampered")
    bad = cli("cache", "verify", repo_id, "--local-dir", str(target), check=False)
    assert bad.returncode != 0
    assert "sub/c.bin" in bad.stdout + bad.stderr


def test_upload_a_folder_deleting_what_it_no_longer_has(cli, api, filled, tmp_path):
    repo_id = filled()
    local = tmp_path / "sub"
    local.mkdir()
    (local / "b.txt").write_text("new b")
    cli("upload", repo_id, str(local), "sub", "--delete", "*")
    assert sorted(api.list_repo_files(repo_id)) == [".gitattributes", "a.txt", "config.json", "sub/b.txt"]
    path = cli("download", repo_id, "sub/b.txt", "--quiet").stdout.strip().splitlines()[-1]
    assert open(path).read() == "new b"
