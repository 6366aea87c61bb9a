"""Accounts: `hf auth login` / `whoami`, api.whoami(), and what read tokens and strangers may do."""
import os

import pytest

from huggingface_hub import HfApi
from huggingface_hub.utils import HfHubHTTPError


@pytest.fixture
def own_home(tmp_path):
    """An HF_HOME of the test's own, so a login does not leak into the other tests' token."""
    return {"HF_HOME": str(tmp_path / "own-hf-home")}


def test_hf_auth_login_with_token_then_whoami(hf_cli, own_home, token, user, org):
    login = hf_cli("auth", "login", "--token", token, env=own_home)
    assert "Login successful" in login.stdout + login.stderr
    # The token landed in the HF_HOME the user chose, where every later command finds it.
    assert open(os.path.join(own_home["HF_HOME"], "token")).read().strip() == token
    whoami = hf_cli("auth", "whoami", env=own_home)
    assert user in whoami.stdout
    assert org in whoami.stdout


def test_hf_auth_login_refuses_an_invalid_token(hf_cli, own_home):
    proc = hf_cli("auth", "login", "--token", "hf_notAValidToken0123456789abcdefghijk", env=own_home, check=False)
    assert proc.returncode != 0
    assert not os.path.exists(os.path.join(own_home["HF_HOME"], "token"))


def test_hf_auth_whoami_without_login_says_so(hf_cli, own_home):
    proc = hf_cli("auth", "whoami", env=own_home, check=False)
    assert "Not logged in" in proc.stdout + proc.stderr


def test_whoami_describes_the_user_and_the_write_token(api, user, org):
    me = api.whoami()
    assert me["type"] == "user"
    assert me["name"] == user
    assert me["fullname"] == "Py Compat User"
    orgs = {o["name"]: o for o in me["orgs"]}
    assert orgs[org]["type"] == "org"
    assert me["auth"]["type"] == "access_token"
    assert me["auth"]["accessToken"]["role"] == "write"


def test_whoami_with_a_read_token_names_its_role(read_token, user):
    me = HfApi(token=read_token).whoami()
    assert me["name"] == user
    assert me["auth"]["accessToken"]["role"] == "read"


def test_whoami_with_an_invalid_token_is_unauthorized():
    # 0.x raises requests' HTTPError here, 1.x and later HfHubHTTPError: both carry the response.
    with pytest.raises(Exception) as err:
        HfApi(token="hf_notAValidToken0123456789abcdefghijk").whoami()
    assert err.value.response.status_code == 401
    assert "Invalid user token" in str(err.value)


def test_a_read_token_cannot_create_a_repo(read_token, user, unique_name):
    with pytest.raises(HfHubHTTPError) as err:
        HfApi(token=read_token).create_repo(f"{user}/{unique_name()}", repo_type="dataset")
    assert err.value.response.status_code == 403
    assert f'You don\'t have the rights to create a dataset under the namespace "{user}"' in str(err.value)


def test_a_read_token_cannot_write_to_its_owners_repo(read_token, new_repo, api):
    repo_id = new_repo()
    reader = HfApi(token=read_token)
    with pytest.raises(HfHubHTTPError) as err:
        reader.upload_file(path_or_fileobj=b"nope", path_in_repo="x.txt", repo_id=repo_id)
    assert err.value.response.status_code == 403
    with pytest.raises(HfHubHTTPError) as err:
        reader.delete_repo(repo_id)
    assert err.value.response.status_code == 403
    # ...but it reads.
    assert reader.repo_exists(repo_id)
    assert not api.file_exists(repo_id, "x.txt")


def test_another_user_cannot_write_to_my_repo_or_my_org(other_token, new_repo, org, unique_name):
    repo_id = new_repo()
    stranger = HfApi(token=other_token)
    with pytest.raises(HfHubHTTPError) as err:
        stranger.upload_file(path_or_fileobj=b"nope", path_in_repo="x.txt", repo_id=repo_id)
    assert err.value.response.status_code == 403
    with pytest.raises(HfHubHTTPError) as err:
        stranger.create_repo(f"{org}/{unique_name()}")
    assert err.value.response.status_code == 403
    assert f'You don\'t have the rights to create a model under the namespace "{org}"' in str(err.value)


def test_anonymous_calls_have_no_identity(new_repo):
    repo_id = new_repo()
    anonymous = HfApi(token=False)
    assert anonymous.repo_exists(repo_id)
    with pytest.raises(HfHubHTTPError) as err:
        anonymous.create_repo(repo_id + "-anon")
    assert err.value.response.status_code == 401


def test_hf_auth_logout_forgets_the_token(hf_cli, own_home, token):
    hf_cli("auth", "login", "--token", token, env=own_home)
    hf_cli("auth", "logout", env=own_home)
    assert not os.path.exists(os.path.join(own_home["HF_HOME"], "token"))
    whoami = hf_cli("auth", "whoami", env=own_home, check=False)
    assert "Not logged in" in whoami.stdout + whoami.stderr


def test_hf_auth_whoami_reads_HF_TOKEN(hf_cli, own_home, read_token, user):
    whoami = hf_cli("auth", "whoami", env={**own_home, "HF_TOKEN": read_token})
    assert user in whoami.stdout


def test_auth_check_tells_access_apart(api, new_repo, other_token):
    from huggingface_hub.utils import GatedRepoError, RepositoryNotFoundError
    private_id = new_repo(private=True)
    gated_id = new_repo()
    api.update_repo_settings(gated_id, gated="auto")
    api.auth_check(private_id)
    api.auth_check(gated_id)
    stranger = HfApi(token=other_token)
    with pytest.raises(RepositoryNotFoundError):
        stranger.auth_check(private_id)
    with pytest.raises(GatedRepoError):
        stranger.auth_check(gated_id)
    assert stranger.repo_exists(gated_id)
