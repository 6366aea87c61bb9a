"""Repos: create / delete / move / settings for models, datasets and spaces, in the user's namespace
and the org's, with the names the client's own validator accepts."""
import os
import subprocess
import uuid

import pytest

from huggingface_hub import HfApi, hf_hub_download
from huggingface_hub.utils import HfHubHTTPError, RepositoryNotFoundError

REPO_TYPES = ["model", "dataset", "space"]
URL_PREFIX = {"model": "", "dataset": "datasets/", "space": "spaces/"}


def space_args(repo_type):
    return {"space_sdk": "static"} if repo_type == "space" else {}


@pytest.mark.parametrize("repo_type", REPO_TYPES)
def test_create_exists_delete(api, user, endpoint, unique_name, repo_type):
    repo_id = f"{user}/{unique_name()}"
    url = api.create_repo(repo_id, repo_type=repo_type, **space_args(repo_type))
    assert url == f"{endpoint}/{URL_PREFIX[repo_type]}{repo_id}"
    assert url.repo_id == repo_id
    assert url.repo_type == repo_type
    assert api.repo_exists(repo_id, repo_type=repo_type)
    info = api.repo_info(repo_id, repo_type=repo_type)
    assert info.id == repo_id
    assert info.author == user
    assert info.private is False
    # A new repo has its .gitattributes, as on the Hub.
    assert api.file_exists(repo_id, ".gitattributes", repo_type=repo_type)
    assert not api.file_exists(repo_id, "missing.txt", repo_type=repo_type)
    other = [t for t in REPO_TYPES if t != repo_type][0]
    assert not api.repo_exists(repo_id, repo_type=other)

    api.delete_repo(repo_id, repo_type=repo_type)
    assert not api.repo_exists(repo_id, repo_type=repo_type)
    with pytest.raises(RepositoryNotFoundError):
        api.delete_repo(repo_id, repo_type=repo_type)
    api.delete_repo(repo_id, repo_type=repo_type, missing_ok=True)


@pytest.mark.parametrize("repo_type", REPO_TYPES)
def test_create_twice_conflicts_and_exist_ok_returns_the_url(api, user, endpoint, unique_name, repo_type):
    repo_id = f"{user}/{unique_name()}"
    first = api.create_repo(repo_id, repo_type=repo_type, **space_args(repo_type))
    with pytest.raises(HfHubHTTPError) as err:
        api.create_repo(repo_id, repo_type=repo_type, **space_args(repo_type))
    assert err.value.response.status_code == 409
    again = api.create_repo(repo_id, repo_type=repo_type, exist_ok=True, **space_args(repo_type))
    assert again == first


def test_a_deleted_repo_leaves_nothing_to_its_successor(api, user, unique_name, tmp_path):
    repo_id = f"{user}/{unique_name()}"
    weights = os.urandom(4096)
    api.create_repo(repo_id)
    api.upload_file(path_or_fileobj=weights, path_in_repo="weights.bin", repo_id=repo_id)
    api.upload_file(path_or_fileobj=b"old", path_in_repo="old.txt", repo_id=repo_id)
    api.delete_repo(repo_id)
    api.create_repo(repo_id)
    assert [f for f in api.list_repo_files(repo_id) if f != ".gitattributes"] == []
    # The same LFS content is uploaded again, to the new repo, and reads back.
    api.upload_file(path_or_fileobj=weights, path_in_repo="again.bin", repo_id=repo_id)
    local = hf_hub_download(repo_id, "again.bin", token=api.token, cache_dir=tmp_path)
    with open(local, "rb") as f:
        assert f.read() == weights


def test_a_bare_name_creates_and_deletes_in_the_callers_namespace(api, user, unique_name):
    name = unique_name()
    url = api.create_repo(name)
    assert url.repo_id == f"{user}/{name}"
    assert api.repo_exists(f"{user}/{name}")
    # delete_repo("name") sends organization: null; the Hub reads that as the caller's namespace.
    api.delete_repo(name)
    assert not api.repo_exists(f"{user}/{name}")
    api.create_repo(name, repo_type="dataset")
    api.delete_repo(name, repo_type="dataset")
    assert not api.repo_exists(f"{user}/{name}", repo_type="dataset")


@pytest.mark.parametrize("repo_type", REPO_TYPES)
def test_create_in_the_org(api, org, unique_name, repo_type):
    repo_id = f"{org}/{unique_name()}"
    api.create_repo(repo_id, repo_type=repo_type, **space_args(repo_type))
    info = api.repo_info(repo_id, repo_type=repo_type)
    assert info.author == org
    api.delete_repo(repo_id, repo_type=repo_type)
    assert not api.repo_exists(repo_id, repo_type=repo_type)


def test_create_in_a_missing_namespace_is_forbidden(api, unique_name):
    namespace = f"no-such-namespace-{unique_name()}"
    with pytest.raises(HfHubHTTPError) as err:
        api.create_repo(f"{namespace}/x")
    # As on the Hub: the same answer as a namespace without rights.
    assert err.value.response.status_code == 403
    assert f'You don\'t have the rights to create a model under the namespace "{namespace}"' in str(err.value)


@pytest.mark.parametrize("repo_type", REPO_TYPES)
def test_private_repos_and_update_repo_settings(api, new_repo, other_token, repo_type):
    repo_id = new_repo(repo_type=repo_type, private=True)
    assert api.repo_info(repo_id, repo_type=repo_type).private is True
    stranger = HfApi(token=other_token)
    assert not stranger.repo_exists(repo_id, repo_type=repo_type)
    with pytest.raises(RepositoryNotFoundError):
        stranger.repo_info(repo_id, repo_type=repo_type)

    api.update_repo_settings(repo_id, private=False, repo_type=repo_type)
    assert api.repo_info(repo_id, repo_type=repo_type).private is False
    assert stranger.repo_exists(repo_id, repo_type=repo_type)
    api.update_repo_settings(repo_id, private=True, repo_type=repo_type)
    assert not stranger.repo_exists(repo_id, repo_type=repo_type)


@pytest.mark.parametrize("repo_type", ["model", "dataset"])
def test_gated_settings(api, new_repo, repo_type):
    repo_id = new_repo(repo_type=repo_type)
    assert api.repo_info(repo_id, repo_type=repo_type).gated is False
    api.update_repo_settings(repo_id, gated="auto", repo_type=repo_type)
    assert api.repo_info(repo_id, repo_type=repo_type).gated == "auto"
    api.update_repo_settings(repo_id, gated="manual", repo_type=repo_type)
    assert api.repo_info(repo_id, repo_type=repo_type).gated == "manual"
    api.update_repo_settings(repo_id, gated=False, repo_type=repo_type)
    assert api.repo_info(repo_id, repo_type=repo_type).gated is False


def test_settings_of_a_missing_repo_is_not_found(api, user, unique_name):
    with pytest.raises(RepositoryNotFoundError):
        api.update_repo_settings(f"{user}/{unique_name()}", private=True)


@pytest.mark.parametrize("repo_type", REPO_TYPES)
def test_move_repo_renames_and_keeps_the_files(api, new_repo, user, org, unique_name, repo_type, tmp_path):
    repo_id = new_repo(repo_type=repo_type)
    weights = os.urandom(4096)
    api.upload_file(path_or_fileobj=b"kept", path_in_repo="kept.txt", repo_id=repo_id, repo_type=repo_type)
    api.upload_file(path_or_fileobj=weights, path_in_repo="weights.bin", repo_id=repo_id, repo_type=repo_type)
    renamed = f"{user}/{unique_name('renamed')}"
    api.move_repo(repo_id, renamed, repo_type=repo_type)
    assert api.repo_info(renamed, repo_type=repo_type).id == renamed
    assert api.file_exists(renamed, "kept.txt", repo_type=repo_type)
    # The LFS objects moved with it.
    local = hf_hub_download(renamed, "weights.bin", repo_type=repo_type, token=api.token, cache_dir=tmp_path)
    with open(local, "rb") as f:
        assert f.read() == weights
    # ...and into the org.
    moved = f"{org}/{unique_name('moved')}"
    api.move_repo(renamed, moved, repo_type=repo_type)
    info = api.repo_info(moved, repo_type=repo_type)
    assert info.id == moved
    assert info.author == org


def test_a_new_repo_at_a_moved_repos_old_name_ends_the_redirect(api, new_repo, user, unique_name):
    old = new_repo()
    moved = f"{user}/{unique_name('moved')}"
    api.move_repo(old, moved)
    assert api.repo_info(old).id == moved  # the old name redirects
    api.create_repo(old)
    assert api.repo_info(old).id == old
    api.delete_repo(old)
    assert not api.repo_exists(old)  # the redirect is gone for good
    assert api.repo_exists(moved)


@pytest.mark.parametrize("repo_type", REPO_TYPES)
def test_move_onto_an_existing_repo_names_it(api, new_repo, repo_type):
    a = new_repo(repo_type=repo_type)
    b = new_repo(repo_type=repo_type)
    with pytest.raises(HfHubHTTPError) as err:
        api.move_repo(a, b, repo_type=repo_type)
    assert err.value.response.status_code == 409
    assert f"A {repo_type} repository called {b} already exists" in str(err.value)
    assert api.repo_exists(a, repo_type=repo_type)


def test_move_a_missing_repo_is_not_found(api, user, unique_name):
    with pytest.raises(RepositoryNotFoundError):
        api.move_repo(f"{user}/{unique_name()}", f"{user}/{unique_name()}")


# --- Names: every name the client's validator accepts, the server accepts -------------------------

def hfhubd_admin(*args):
    """`hfhubd admin` on the live server's data dir (it may run while the server runs)."""
    hfhubd = os.path.join(os.path.dirname(os.environ["HFHUB_CLI"]), "hfhubd")
    proc = subprocess.run([hfhubd, "admin", "--data", os.environ["HFHUB_DATA"], *args],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


@pytest.fixture
def underscore_accounts():
    """A user and an org whose names begin and end with '_', made with `hfhubd admin`; a write token."""
    stamp = uuid.uuid4().hex[:10]
    user_name, org_name = f"_py_user_{stamp}_", f"__PY_ORG_{stamp}__"
    hfhubd_admin("user", "add", user_name, "--email", f"u{stamp}@example.com")
    hfhubd_admin("org", "add", org_name, "--member", f"{user_name}:admin")
    token = hfhubd_admin("token", "add", user_name, "--role", "write", "--name", "t").strip().splitlines()[-1]
    return user_name, org_name, HfApi(token=token)


@pytest.mark.parametrize("repo_type", REPO_TYPES)
def test_names_with_underscores_at_either_end(underscore_accounts, repo_type):
    user_name, org_name, api = underscore_accounts
    assert api.whoami()["name"] == user_name
    assert org_name in [o["name"] for o in api.whoami()["orgs"]]
    for repo_id in (f"{user_name}/_repo_", f"{org_name}/__x__", f"{org_name}/_a.b-c_"):
        api.create_repo(repo_id, repo_type=repo_type, **space_args(repo_type))
        api.upload_file(path_or_fileobj=b"hi", path_in_repo="a.txt", repo_id=repo_id, repo_type=repo_type)
        assert api.file_exists(repo_id, "a.txt", repo_type=repo_type)
        assert api.repo_info(repo_id, repo_type=repo_type).id == repo_id
    api.move_repo(f"{user_name}/_repo_", f"{org_name}/_moved_", repo_type=repo_type)
    assert api.repo_exists(f"{org_name}/_moved_", repo_type=repo_type)
    api.delete_repo(f"{org_name}/_moved_", repo_type=repo_type)
    assert not api.repo_exists(f"{org_name}/_moved_", repo_type=repo_type)


def test_a_name_of_96_characters_is_the_longest(api, user):
    name = "_" + "a" * 94 + "_"
    api.create_repo(f"{user}/{name}", exist_ok=True)
    assert api.repo_exists(f"{user}/{name}")


def test_exist_ok_on_a_repo_i_cannot_write_returns_its_url(other_token, new_repo, endpoint):
    # The namespace is not mine: the create answers 403, and the client then finds the repo.
    repo_id = new_repo()
    assert HfApi(token=other_token).create_repo(repo_id, exist_ok=True) == f"{endpoint}/{repo_id}"
    private_id = new_repo(private=True)
    with pytest.raises(HfHubHTTPError) as err:
        HfApi(token=other_token).create_repo(private_id, exist_ok=True)
    assert err.value.response.status_code == 403


@pytest.mark.since("1.19")  # `visibility` is not in 0.x; 1.19 is the oldest tested client that has it
@pytest.mark.parametrize("repo_type", REPO_TYPES)
def test_visibility_public_and_private(api, user, unique_name, repo_type):
    repo_id = f"{user}/{unique_name()}"
    api.create_repo(repo_id, repo_type=repo_type, visibility="private", **space_args(repo_type))
    assert api.repo_info(repo_id, repo_type=repo_type).private is True
    api.update_repo_settings(repo_id, visibility="public", repo_type=repo_type)
    assert api.repo_info(repo_id, repo_type=repo_type).private is False


@pytest.mark.since("1.19")  # `visibility` is not in 0.x
def test_a_protected_space_keeps_its_files_private(api, user, other_token, unique_name):
    # On the Hub the app of a protected Space is public and its files private; hfhubd runs no apps.
    repo_id = f"{user}/{unique_name()}"
    api.create_repo(repo_id, repo_type="space", space_sdk="static", visibility="protected")
    assert api.repo_info(repo_id, repo_type="space").private is True
    assert not HfApi(token=other_token).repo_exists(repo_id, repo_type="space")
    api.update_repo_settings(repo_id, visibility="public", repo_type="space")
    assert HfApi(token=other_token).repo_exists(repo_id, repo_type="space")
    api.update_repo_settings(repo_id, visibility="protected", repo_type="space")
    assert api.repo_info(repo_id, repo_type="space").private is True
