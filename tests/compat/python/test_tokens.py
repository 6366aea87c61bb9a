"""Fine-grained tokens (docs/tokens.md) through the real huggingface_hub, git and hf_xet: a token
with `role: "fineGrained"` and scopes on the user, an org or one repo is allowed and refused per
scope over the API (create_repo, upload_file, repo_info of a private repo), resolve
(hf_hub_download), git smart HTTP (clone and push) and Xet uploads (xet-write-token); whoami-v2
reports it as the Hub does and get_token_permission follows.

The tokens are made with `hfhubd admin token add --scope ...` on the running server's data dir:
the Hub has no client call that creates tokens (docs/tokens.md#creating-them)."""
import itertools
import os
import pathlib
import subprocess
import sys
import urllib.parse

import pytest

from huggingface_hub import CommitOperationAdd, HfApi, hf_hub_download
from huggingface_hub.utils import HfHubHTTPError, RepositoryNotFoundError

_values = itertools.count()


@pytest.fixture
def fine_token():
    """Makes a fine-grained token for a user: fine_token(user, "model:ns/x=repo.write", ..., globals=[...])."""
    hfhubd = os.path.join(os.path.dirname(os.environ["HFHUB_CLI"]), "hfhubd")

    def make(owner, *scopes, globals=(), gated=False):
        value = f"hf_fineGrained{os.getpid()}x{next(_values)}abcdefghijklmnop"
        args = [hfhubd, "admin", "--data", os.environ["HFHUB_DATA"], "token", "add", owner, "--value", value,
                "--name", "fine"]
        for s in scopes:
            args += ["--scope", s]
        for g in globals:
            args += ["--global", g]
        if gated:
            args.append("--can-read-gated")
        proc = subprocess.run(args, capture_output=True, text=True, timeout=60)
        assert proc.returncode == 0, proc.stderr
        assert proc.stdout.strip() == value
        return value
    return make


def status_of(call):
    with pytest.raises(HfHubHTTPError) as err:
        call()
    return err.value.response.status_code


def test_whoami_reports_the_scopes_as_the_hub_does(fine_token, user, org, new_repo):
    repo_id = new_repo(private=True)
    value = fine_token(user, f"user:{user}=repo.content.read", f"model:{repo_id}=repo.write,discussion.write",
                       globals=["discussion.write"], gated=True)
    token = HfApi(token=value).whoami()["auth"]["accessToken"]
    assert token["role"] == "fineGrained"
    assert token["displayName"] == "fine"
    fine = token["fineGrained"]
    assert fine["canReadGatedRepos"] is True
    assert fine["global"] == ["discussion.write"]
    by_type = {s["entity"]["type"]: s for s in fine["scoped"]}
    assert by_type["user"]["entity"]["name"] == user
    assert by_type["user"]["permissions"] == ["repo.content.read"]
    assert by_type["model"]["entity"]["name"] == repo_id
    assert by_type["model"]["entity"]["_id"]
    assert by_type["model"]["permissions"] == ["repo.write", "discussion.write"]


def test_get_token_permission_names_each_role(fine_token, user, token, read_token):
    api = HfApi()
    if not hasattr(api, "get_token_permission"):
        pytest.skip("get_token_permission was removed in huggingface_hub 1.0")  # 0.36.2 still has it
    assert api.get_token_permission(token) == "write"
    assert api.get_token_permission(read_token) == "read"
    assert api.get_token_permission(fine_token(user, f"user:{user}=repo.content.read")) == "fineGrained"
    assert api.get_token_permission("hf_notAKnownToken0123456789") is None


def test_reads_of_a_private_repo_follow_the_scopes(fine_token, user, new_repo, api, tmp_path):
    repo_id = new_repo(private=True)
    api.upload_file(path_or_fileobj=b"secret\n", path_in_repo="a.txt", repo_id=repo_id)
    other = new_repo(private=True)
    reader_token = fine_token(user, f"user:{user}=repo.content.read")
    reader = HfApi(token=reader_token)
    assert reader.repo_info(repo_id).id == repo_id
    with open(hf_hub_download(repo_id, "a.txt", token=reader_token, cache_dir=tmp_path / "c1")) as f:
        assert f.read() == "secret\n"
    # Scoped to another repo only: the private repo does not exist for it (404, never a leak).
    narrow_token = fine_token(user, f"model:{other}=repo.content.read")
    narrow = HfApi(token=narrow_token)
    assert narrow.repo_info(other).id == other
    with pytest.raises(RepositoryNotFoundError):
        narrow.repo_info(repo_id)
    with pytest.raises(RepositoryNotFoundError):
        hf_hub_download(repo_id, "a.txt", token=narrow_token, cache_dir=tmp_path / "c2")
    # Public repos stay readable with any token.
    public = new_repo()
    assert narrow.repo_info(public).id == public


def test_writes_need_repo_write_where_they_happen(fine_token, user, org, new_repo, unique_name):
    repo_id = new_repo()
    other = new_repo()
    read_only = HfApi(token=fine_token(user, f"user:{user}=repo.content.read"))
    assert status_of(lambda: read_only.upload_file(path_or_fileobj=b"x", path_in_repo="x.txt", repo_id=repo_id)) == 403
    assert status_of(lambda: read_only.create_repo(f"{user}/{unique_name()}")) == 403

    one_repo = HfApi(token=fine_token(user, f"model:{repo_id}=repo.write"))
    one_repo.create_commit(repo_id, operations=[CommitOperationAdd("ok.txt", b"ok\n")], commit_message="scoped")
    assert one_repo.file_exists(repo_id, "ok.txt")
    assert status_of(lambda: one_repo.upload_file(path_or_fileobj=b"x", path_in_repo="x.txt", repo_id=other)) == 403
    # Creating repos needs repo.write on the namespace itself.
    assert status_of(lambda: one_repo.create_repo(f"{user}/{unique_name()}")) == 403

    org_writer = HfApi(token=fine_token(user, f"org:{org}=repo.write"))
    created = org_writer.create_repo(f"{org}/{unique_name()}", private=True).repo_id
    org_writer.upload_file(path_or_fileobj=b"o\n", path_in_repo="o.txt", repo_id=created)
    assert org_writer.repo_info(created).id == created  # repo.write includes reading
    assert status_of(lambda: org_writer.create_repo(f"{user}/{unique_name()}")) == 403


def test_discussions_need_discussion_write(fine_token, user, new_repo):
    repo_id = new_repo()
    no_scope = HfApi(token=fine_token(user, f"user:{user}=repo.content.read"))
    assert status_of(lambda: no_scope.create_discussion(repo_id, title="Hello there")) == 403
    talker = HfApi(token=fine_token(user, globals=["discussion.write"]))
    assert talker.create_discussion(repo_id, title="Hello there").num >= 1


def git(*args, cwd=None):
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(cwd or os.getcwd())}
    return subprocess.run(["git", *args], capture_output=True, text=True, cwd=cwd, env=env, timeout=120)


def git_url(endpoint, user, token, repo_id):
    parts = urllib.parse.urlsplit(endpoint)
    return f"{parts.scheme}://{user}:{token}@{parts.netloc}/{repo_id}"


def test_git_clone_and_push_follow_the_scopes(fine_token, endpoint, user, new_repo, api, tmp_path):
    repo_id = new_repo(private=True)
    api.upload_file(path_or_fileobj=b"hello\n", path_in_repo="README.md", repo_id=repo_id)
    reader = fine_token(user, f"model:{repo_id}=repo.content.read")
    writer = fine_token(user, f"model:{repo_id}=repo.write")
    stranger = fine_token(user, f"user:{user}=discussion.write")

    assert git("clone", "-q", git_url(endpoint, user, stranger, repo_id), "nope", cwd=tmp_path).returncode != 0
    assert not (tmp_path / "nope" / "README.md").exists()
    assert git("clone", "-q", git_url(endpoint, user, reader, repo_id), "work", cwd=tmp_path).returncode == 0
    work = tmp_path / "work"
    assert (work / "README.md").read_text() == "hello\n"
    (work / "new.txt").write_text("pushed\n")
    for args in (["add", "new.txt"], ["-c", "user.name=t", "-c", "user.email=t@x", "commit", "-qm", "push"]):
        assert git(*args, cwd=work).returncode == 0
    refused = git("push", "-q", "origin", "HEAD:main", cwd=work)
    assert refused.returncode != 0
    assert not api.file_exists(repo_id, "new.txt")
    assert git("remote", "set-url", "origin", git_url(endpoint, user, writer, repo_id), cwd=work).returncode == 0
    pushed = git("push", "-q", "origin", "HEAD:main", cwd=work)
    assert pushed.returncode == 0, pushed.stderr
    assert api.file_exists(repo_id, "new.txt")


XET_UPLOAD = """
import sys
from huggingface_hub import HfApi, constants
assert not constants.HF_HUB_DISABLE_XET
repo_id, path = sys.argv[1:3]
HfApi().upload_file(path_or_fileobj=path, path_in_repo="weights.bin", repo_id=repo_id)
"""


def xet_upload(repo_id, path, token, home):
    """An upload in a child Python with Xet on (as in test_xet.py): the client asks xet-write-token."""
    env = {k: v for k, v in os.environ.items() if k != "HF_HUB_DISABLE_XET"}
    env.update(HF_TOKEN=token, HF_HOME=str(home))
    return subprocess.run([sys.executable, "-c", XET_UPLOAD, repo_id, str(path)], env=env, capture_output=True,
                          text=True, timeout=300)


def stored_xorbs():
    root = pathlib.Path(os.environ["HFHUB_DATA"]) / "xet" / "xorbs"
    return sum(1 for p in root.rglob("*") if p.is_file()) if root.exists() else 0


def test_xet_uploads_need_repo_write(fine_token, user, new_repo, api, tmp_path):
    repo_id = new_repo()
    source = tmp_path / "weights.bin"
    source.write_bytes(os.urandom(1024 * 1024 + 7))
    reader = fine_token(user, f"model:{repo_id}=repo.content.read")
    refused = xet_upload(repo_id, source, reader, tmp_path / "home-1")
    assert refused.returncode != 0
    assert "403" in refused.stderr
    assert not api.file_exists(repo_id, "weights.bin")
    writer = fine_token(user, f"model:{repo_id}=repo.write")
    before = stored_xorbs()
    done = xet_upload(repo_id, source, writer, tmp_path / "home-2")
    assert done.returncode == 0, done.stderr
    assert api.file_exists(repo_id, "weights.bin")
    assert stored_xorbs() > before, "the upload did not go through Xet (xet-write-token, then the CAS)"
