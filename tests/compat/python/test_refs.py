"""Branches, tags and super-squash through HfApi, the Hub's way: refs start at a branch, a full
sha or a short one; a missing start is RevisionNotFound; an existing branch is a 409 that names
it; `main` is protected; a pull request or a tag cannot be squashed."""
import pytest
from huggingface_hub import CommitOperationAdd
from huggingface_hub.utils import BadRequestError, HfHubHTTPError, RevisionNotFoundError


@pytest.fixture
def repo_with_history(api, new_repo):
    """A model repo with two commits after the initial one; returns (repo_id, [shas, newest first])."""
    repo_id = new_repo()
    api.upload_file(repo_id=repo_id, path_in_repo="a.txt", path_or_fileobj=b"first")
    api.upload_file(repo_id=repo_id, path_in_repo="a.txt", path_or_fileobj=b"second")
    shas = [c.commit_id for c in api.list_repo_commits(repo_id)]
    return repo_id, shas


def _branches(api, repo_id):
    return {b.name: b.target_commit for b in api.list_repo_refs(repo_id).branches}


def _tags(api, repo_id):
    return {t.name: t.target_commit for t in api.list_repo_refs(repo_id).tags}


def test_branches_start_at_a_branch_a_full_sha_and_a_short_sha(api, repo_with_history):
    repo_id, shas = repo_with_history
    head, older = shas[0], shas[1]
    api.create_branch(repo_id, branch="from-main")
    api.create_branch(repo_id, branch="from-branch", revision="from-main")
    api.create_branch(repo_id, branch="from-sha", revision=older)
    api.create_branch(repo_id, branch="from-short", revision=older[:7])

    branches = _branches(api, repo_id)
    assert branches["main"] == head
    assert branches["from-main"] == head
    assert branches["from-branch"] == head
    assert branches["from-sha"] == older
    assert branches["from-short"] == older
    # The branch serves the files of its start.
    content = api.hf_hub_download(repo_id, "a.txt", revision="from-short")
    with open(content, "rb") as f:
        assert f.read() == b"first"


def test_tags_point_at_a_branch_a_full_sha_and_a_short_sha(api, repo_with_history):
    repo_id, shas = repo_with_history
    head, older = shas[0], shas[1]
    api.create_tag(repo_id, tag="v-main")
    api.create_tag(repo_id, tag="v-sha", revision=older, tag_message="the first upload")
    api.create_tag(repo_id, tag="v-short", revision=older[:7])
    assert _tags(api, repo_id) == {"v-main": head, "v-sha": older, "v-short": older}

    api.delete_tag(repo_id, tag="v-sha")
    assert "v-sha" not in _tags(api, repo_id)
    with pytest.raises(RevisionNotFoundError):
        api.delete_tag(repo_id, tag="v-sha")


def test_a_missing_start_revision_is_revision_not_found(api, repo_with_history):
    repo_id, _ = repo_with_history
    with pytest.raises(RevisionNotFoundError):
        api.create_branch(repo_id, branch="nowhere", revision="no-such-branch")
    with pytest.raises(RevisionNotFoundError):
        api.create_branch(repo_id, branch="nowhere", revision="0" * 40)
    with pytest.raises(RevisionNotFoundError):
        api.create_tag(repo_id, tag="nowhere", revision="no-such-branch")
    with pytest.raises(RevisionNotFoundError):
        api.create_tag(repo_id, tag="nowhere", revision="deadbee")
    assert "nowhere" not in _branches(api, repo_id)
    assert "nowhere" not in _tags(api, repo_id)


def test_an_existing_branch_is_a_409_that_names_it(api, repo_with_history):
    repo_id, _ = repo_with_history
    api.create_branch(repo_id, branch="dev")
    with pytest.raises(HfHubHTTPError) as error:
        api.create_branch(repo_id, branch="dev")
    assert error.value.response.status_code == 409
    assert "dev" in str(error.value)
    # exist_ok swallows exactly that 409.
    api.create_branch(repo_id, branch="dev", exist_ok=True)
    api.create_branch(repo_id, branch="main", exist_ok=True)

    api.create_tag(repo_id, tag="v1")
    with pytest.raises(HfHubHTTPError) as error:
        api.create_tag(repo_id, tag="v1")
    assert error.value.response.status_code == 409
    assert "v1" in str(error.value)
    api.create_tag(repo_id, tag="v1", exist_ok=True)


def test_delete_branch_and_main_is_protected(api, repo_with_history):
    repo_id, shas = repo_with_history
    api.create_branch(repo_id, branch="short-lived")
    api.delete_branch(repo_id, branch="short-lived")
    assert "short-lived" not in _branches(api, repo_id)
    with pytest.raises(HfHubHTTPError) as error:
        api.delete_branch(repo_id, branch="short-lived")
    assert error.value.response.status_code == 404

    with pytest.raises(HfHubHTTPError) as error:
        api.delete_branch(repo_id, branch="main")
    assert error.value.response.status_code == 403
    assert _branches(api, repo_id)["main"] == shas[0]


def test_a_pull_request_branch_name_is_refused(api, repo_with_history):
    repo_id, _ = repo_with_history
    with pytest.raises(BadRequestError, match="refs/pr/5"):
        api.create_branch(repo_id, branch="refs/pr/5")


def test_create_pr_against_a_missing_branch_is_revision_not_found(api, repo_with_history):
    repo_id, _ = repo_with_history
    with pytest.raises(RevisionNotFoundError):
        api.create_commit(repo_id, operations=[CommitOperationAdd("b.txt", b"b")], commit_message="pr",
                          revision="no-such-branch", create_pr=True)
    info = api.create_commit(repo_id, operations=[CommitOperationAdd("b.txt", b"b")], commit_message="pr",
                             create_pr=True)
    assert info.pr_num == 1
    assert info.pr_revision == "refs/pr/1"


def test_super_squash_main_and_another_branch(api, repo_with_history):
    repo_id, shas = repo_with_history
    api.create_branch(repo_id, branch="work", revision=shas[1])
    api.upload_file(repo_id=repo_id, path_in_repo="w.txt", path_or_fileobj=b"w", revision="work")
    api.super_squash_history(repo_id, branch="work", commit_message="squashed work")
    work = api.list_repo_commits(repo_id, revision="work")
    assert [c.title for c in work] == ["squashed work"]
    assert sorted(api.list_repo_files(repo_id, revision="work")) == [".gitattributes", "a.txt", "w.txt"]
    # main is untouched by the squash of another branch, then squashed in turn.
    assert [c.commit_id for c in api.list_repo_commits(repo_id)] == shas
    api.super_squash_history(repo_id)
    main = api.list_repo_commits(repo_id)
    assert len(main) == 1
    assert main[0].title == "Super-squash branch 'main' using huggingface_hub"
    with open(api.hf_hub_download(repo_id, "a.txt"), "rb") as f:
        assert f.read() == b"second"


def test_super_squash_refuses_pull_requests_tags_and_missing_branches(api, repo_with_history):
    repo_id, shas = repo_with_history
    api.create_commit(repo_id, operations=[CommitOperationAdd("b.txt", b"b")], commit_message="pr",
                      create_pr=True)
    api.create_tag(repo_id, tag="v1")
    with pytest.raises(BadRequestError, match="refs/pr/1"):
        api.super_squash_history(repo_id, branch="refs/pr/1")
    with pytest.raises(BadRequestError, match="v1"):
        api.super_squash_history(repo_id, branch="v1")
    with pytest.raises(RevisionNotFoundError):
        api.super_squash_history(repo_id, branch="no-such-branch")
    assert [c.commit_id for c in api.list_repo_commits(repo_id)] == shas


def test_names_with_a_slash_and_pull_requests_in_the_refs(api, repo_with_history):
    repo_id, shas = repo_with_history
    api.create_branch(repo_id, branch="feature/x", revision=shas[1][:8])
    api.create_tag(repo_id, tag="release/1.0", revision="feature/x")
    api.upload_file(repo_id=repo_id, path_in_repo="f.txt", path_or_fileobj=b"f", revision="feature/x")
    api.super_squash_history(repo_id, branch="feature/x")
    assert len(api.list_repo_commits(repo_id, revision="feature/x")) == 1
    assert _tags(api, repo_id)["release/1.0"] == shas[1]
    api.create_commit(repo_id, operations=[CommitOperationAdd("p.txt", b"p")], commit_message="pr", create_pr=True)
    refs = api.list_repo_refs(repo_id, include_pull_requests=True)
    assert [(p.name, p.ref) for p in refs.pull_requests] == [("1", "refs/pr/1")]
    assert "refs/pr/1" not in {b.ref for b in refs.branches}
    api.delete_branch(repo_id, branch="feature/x")
    api.delete_tag(repo_id, tag="release/1.0")
    assert "feature/x" not in _branches(api, repo_id)
    assert _tags(api, repo_id) == {}


def test_a_commit_to_a_tag_is_refused(api, repo_with_history):
    repo_id, _ = repo_with_history
    api.create_tag(repo_id, tag="v1")
    with pytest.raises(BadRequestError, match="Invalid reference for a branch: v1"):
        api.upload_file(repo_id=repo_id, path_in_repo="t.txt", path_or_fileobj=b"t", revision="v1")
