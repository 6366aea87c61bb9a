"""Likes, user and organization overviews, followers and members, and repo visibility
(docs/accounts.md) through the real huggingface_hub.

huggingface_hub has no `like` since 2025 (the Hub refuses likes from scripts), so likes are made
with the hfhub CLI (`hfhub likes add`); follows have no Hub route at all, so the fixture makes
them with `hfhubd admin user follow` (docs/accounts.md#follows). Methods an old version lacks are
called only where it has them (hasattr)."""
import os
import subprocess

import pytest

from huggingface_hub import HfApi
from huggingface_hub.utils import HfHubHTTPError, RepositoryNotFoundError


@pytest.fixture(scope="module")
def other_write_token():
    return os.environ["HFHUB_OTHER_WRITE_TOKEN"]


@pytest.fixture(scope="module")
def admin():
    """Runs `hfhubd admin` on the running server's data dir (hfhubd sits next to the hfhub CLI)."""
    hfhubd = os.path.join(os.path.dirname(os.environ["HFHUB_CLI"]), "hfhubd")

    def run(*args):
        subprocess.run([hfhubd, "admin", "--data", os.environ["HFHUB_DATA"], *args], check=True,
                       capture_output=True, text=True, timeout=60)
    return run


def test_like_counts_lists_and_unlike(api, user, new_repo, hfhub_cli):
    repo_id = new_repo()
    assert api.model_info(repo_id).likes == 0
    hfhub_cli("likes", "add", repo_id)
    hfhub_cli("likes", "add", repo_id)  # liking twice counts once
    assert api.model_info(repo_id).likes == 1
    likes = api.list_liked_repos(user)
    assert likes.user == user and repo_id in likes.models and likes.total >= 1
    assert repo_id in api.list_liked_repos().models  # the token's user
    likers = [u.username for u in api.list_repo_likers(repo_id)]
    assert likers == [user]
    api.unlike(repo_id)
    assert api.model_info(repo_id).likes == 0
    assert repo_id not in api.list_liked_repos(user).models
    assert list(api.list_repo_likers(repo_id)) == []


def test_dataset_and_space_likes(api, user, new_repo, hfhub_cli):
    dataset = new_repo("dataset")
    space = new_repo("space")
    hfhub_cli("likes", "add", dataset, "--repo-type", "dataset")
    hfhub_cli("likes", "add", space, "--repo-type", "space")
    likes = api.list_liked_repos(user)
    assert dataset in likes.datasets and space in likes.spaces
    assert api.dataset_info(dataset).likes == 1 and api.space_info(space).likes == 1
    api.unlike(dataset, repo_type="dataset")
    assert dataset not in api.list_liked_repos(user).datasets


def test_sort_by_likes_in_listing(api, user, new_repo, hfhub_cli, other_write_token):
    names = [new_repo(name=f"likes-sort-{i}-{os.getpid()}") for i in range(3)]
    hfhub_cli("likes", "add", names[1])
    hfhub_cli("--token", other_write_token, "likes", "add", names[1])
    hfhub_cli("likes", "add", names[2])
    listed = [m for m in api.list_models(author=user, sort="likes", limit=1000) if m.id in names]
    assert [m.id for m in listed] == [names[1], names[2], names[0]]
    assert [m.likes for m in listed] == [2, 1, 0]


def test_private_repo_likers_not_found_for_others(api, new_repo, hfhub_cli, other_token):
    repo_id = new_repo(private=True)
    hfhub_cli("likes", "add", repo_id)
    assert [u.username for u in api.list_repo_likers(repo_id)] != []
    with pytest.raises(RepositoryNotFoundError):
        list(HfApi(token=other_token).list_repo_likers(repo_id))
    # A like of a private repo is not shown in the public list of likes.
    assert repo_id not in HfApi(token=other_token).list_liked_repos(os.environ["HFHUB_USER"]).models


def test_user_overview(api, user, org, new_repo):
    new_repo()
    u = api.get_user_overview(user)
    assert u.username == user
    assert u.num_models >= 1 and u.num_datasets is not None and u.num_spaces is not None
    assert u.num_followers is not None and u.num_following is not None and u.num_likes is not None
    assert u.is_pro is False and u.avatar_url.startswith("http")
    assert org in [o.name for o in u.orgs]
    with pytest.raises(HfHubHTTPError) as e:
        api.get_user_overview("no-such-user-xyz")
    assert e.value.response.status_code == 404


def test_private_repos_count_only_for_their_owner(api, user, new_repo, other_token):
    new_repo(private=True)
    mine = api.get_user_overview(user).num_models
    theirs = HfApi(token=other_token).get_user_overview(user).num_models
    assert mine > theirs


def test_organization_overview_and_members(api, user, org):
    o = api.get_organization_overview(org)
    assert o.name == org and o.num_users >= 1 and o.avatar_url.startswith("http")
    members = list(api.list_organization_members(org))
    me = [m for m in members if m.username == user]
    assert me and getattr(me[0], "role", None) == "admin"
    with pytest.raises(HfHubHTTPError) as e:
        api.get_organization_overview(user)  # a user is not an organization
    assert e.value.response.status_code == 404


def test_followers_and_following(api, user, org, other_user, admin):
    admin("user", "follow", other_user, user)
    admin("user", "follow", other_user, org)
    assert other_user in [u.username for u in api.list_user_followers(user)]
    assert user in [u.username for u in api.list_user_following(other_user)]
    assert api.get_user_overview(user).num_followers >= 1
    assert api.get_organization_overview(org).num_followers >= 1
    if hasattr(api, "list_organization_followers"):  # 1.x and later
        assert other_user in [u.username for u in api.list_organization_followers(org)]
    admin("user", "follow", other_user, user, "--remove")
    assert other_user not in [u.username for u in api.list_user_followers(user)]


def test_full_repo_name(api, user, org):
    assert api.get_full_repo_name("my-model") == f"{user}/my-model"
    assert api.get_full_repo_name("my-model", organization=org) == f"{org}/my-model"


def test_visibility_hides_the_repo_from_others(api, new_repo, other_token):
    repo_id = new_repo()
    other = HfApi(token=other_token)
    assert other.model_info(repo_id).private is False
    if hasattr(api, "update_repo_visibility"):  # removed in 1.0
        assert api.update_repo_visibility(repo_id, private=True)["private"] is True
    else:
        api.update_repo_settings(repo_id, private=True)
    assert api.model_info(repo_id).private is True
    with pytest.raises(RepositoryNotFoundError):
        other.model_info(repo_id)
    with pytest.raises(RepositoryNotFoundError):
        list(other.list_repo_likers(repo_id))
    api.update_repo_settings(repo_id, private=False)
    assert other.model_info(repo_id).private is False
