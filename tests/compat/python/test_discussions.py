"""Discussions and pull requests through huggingface_hub's public API (docs/discussions.md):
a second user opens a PR on the first user's repo, commits to it and comments, and the owner
merges it; conflicts; upload_folder(create_pr=True); rename, status, hide, edit; listings."""
import hashlib
import json
import os
import urllib.error
import urllib.request

import pytest

import huggingface_hub
from huggingface_hub import CommitOperationAdd, HfApi, hf_hub_download
from huggingface_hub.utils import HfHubHTTPError, RepositoryNotFoundError


@pytest.fixture(scope="session")
def other_api():
    """The second user, with a write token: may read the first user's public repos, not write to
    them, but may open pull requests on them (run.sh gives it this token)."""
    return HfApi(token=os.environ["HFHUB_OTHER_WRITE_TOKEN"])


def _status(error):
    return error.response.status_code


def test_pull_request_workflow(api, other_api, new_repo, user, other_user):
    repo_id = new_repo()
    assert other_api.repo_info(repo_id).id == repo_id  # the second user can read the repo

    pr = other_api.create_pull_request(repo_id, title="Add weights", description="Adding a file")
    assert pr.is_pull_request and pr.status == "draft" and pr.author == other_user
    assert pr.git_reference == f"refs/pr/{pr.num}" and pr.target_branch == "refs/heads/main"

    other_api.upload_file(path_or_fileobj=b"hello from the PR\n", path_in_repo="new.txt", repo_id=repo_id,
                          revision=pr.git_reference, commit_message="Add new.txt")
    other_api.comment_discussion(repo_id, pr.num, "Please have a look")

    details = api.get_discussion_details(repo_id, pr.num)
    assert details.status == "open"  # its first commit opened the draft
    kinds = [event.type for event in details.events]
    assert kinds == ["comment", "commit", "comment"]
    assert details.events[1].summary == "Add new.txt"
    assert details.events[2].content == "Please have a look"
    assert details.conflicting_files == []
    assert "new.txt" in details.diff
    assert "new.txt" not in api.list_repo_files(repo_id)

    with pytest.raises(HfHubHTTPError) as refused:
        other_api.merge_pull_request(repo_id, pr.num)  # only writers merge
    assert _status(refused.value) == 403

    api.merge_pull_request(repo_id, pr.num, comment="Thanks!")
    assert "new.txt" in api.list_repo_files(repo_id)
    merged = api.get_discussion_details(repo_id, pr.num)
    assert merged.status == "merged"
    assert merged.merge_commit_oid == api.repo_info(repo_id).sha
    assert [e.type for e in merged.events][-2:] == ["comment", "status-change"]
    assert merged.events[-1].new_status == "merged"


def test_merge_conflict(api, other_api, new_repo):
    repo_id = new_repo()
    api.upload_file(path_or_fileobj=b"base\n", path_in_repo="shared.txt", repo_id=repo_id)
    # create_pr through the commit API, by a user who may only read the repo.
    first = other_api.upload_file(path_or_fileobj=b"first\n", path_in_repo="shared.txt", repo_id=repo_id,
                                  create_pr=True)
    second = other_api.upload_file(path_or_fileobj=b"second\n", path_in_repo="shared.txt", repo_id=repo_id,
                                   create_pr=True)
    first_num = int(first.pr_num)
    second_num = int(second.pr_num)
    assert second_num == first_num + 1

    api.merge_pull_request(repo_id, first_num)
    conflicted = api.get_discussion_details(repo_id, second_num)
    assert conflicted.conflicting_files == ["shared.txt"]
    with pytest.raises(HfHubHTTPError) as refused:
        api.merge_pull_request(repo_id, second_num)
    assert _status(refused.value) == 409
    assert "shared.txt" in str(refused.value)
    assert api.get_discussion_details(repo_id, second_num).status == "open"


def test_merge_commit_when_main_moved(api, other_api, new_repo):
    repo_id = new_repo()
    pr = other_api.upload_file(path_or_fileobj=b"pr\n", path_in_repo="pr.txt", repo_id=repo_id, create_pr=True)
    api.upload_file(path_or_fileobj=b"main\n", path_in_repo="main.txt", repo_id=repo_id)
    api.merge_pull_request(repo_id, int(pr.pr_num))
    files = api.list_repo_files(repo_id)
    assert "pr.txt" in files and "main.txt" in files
    head = api.list_repo_commits(repo_id)[0]
    assert head.title.startswith("Merge refs/pr/")


def test_upload_folder_create_pr(api, other_api, new_repo, tmp_path):
    repo_id = new_repo()
    (tmp_path / "a.txt").write_text("a\n")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("b\n")
    info = other_api.upload_folder(folder_path=tmp_path, repo_id=repo_id, create_pr=True,
                                   commit_message="Upload a folder")
    assert info.pr_revision is not None and info.pr_url.endswith(f"/discussions/{info.pr_num}")
    num = int(info.pr_num)
    details = api.get_discussion_details(repo_id, num)
    assert details.is_pull_request and details.status == "open" and details.title == "Upload a folder"
    assert sorted(other_api.list_repo_files(repo_id, revision=info.pr_revision)) == [".gitattributes", "a.txt",
                                                                                  "sub/b.txt"]
    api.merge_pull_request(repo_id, num)
    assert "sub/b.txt" in api.list_repo_files(repo_id)


def test_a_reader_opens_a_pull_request_with_lfs_files(api, other_api, new_repo, endpoint, token, tmp_path):
    """create_pr by a user who may only read the repo, with files stored through the LFS batch (and
    Xet where the version negotiates it). Every tested version leaves `ref` out of the batch for a
    new pull request (hf_api.py: the revision is not sent "if create_pr"), so the batch lets the
    reader upload; a batch naming main is a write to main and stays refused, as on the Hub."""
    repo_id = new_repo()
    from_bytes = os.urandom(128 * 1024)
    from_disk = os.urandom(256 * 1024)
    (tmp_path / "b.bin").write_bytes(from_disk)
    info = other_api.create_commit(repo_id, commit_message="Add weights", create_pr=True, operations=[
        CommitOperationAdd(path_in_repo="a.bin", path_or_fileobj=from_bytes),
        CommitOperationAdd(path_in_repo="b.bin", path_or_fileobj=str(tmp_path / "b.bin")),
    ])
    num = int(info.pr_num)
    infos = {i.path: i for i in api.get_paths_info(repo_id, ["a.bin", "b.bin"], revision=info.pr_revision)}
    for path, content in (("a.bin", from_bytes), ("b.bin", from_disk)):
        assert infos[path].lfs is not None and infos[path].lfs.sha256 == hashlib.sha256(content).hexdigest()
    assert "a.bin" not in api.list_repo_files(repo_id)
    api.merge_pull_request(repo_id, num)
    local = hf_hub_download(repo_id, "b.bin", token=token, cache_dir=tmp_path / "cache")
    with open(local, "rb") as f:
        assert f.read() == from_disk

    body = json.dumps({"operation": "upload", "transfers": ["basic"], "hash_algo": "sha256",
                       "ref": {"name": "refs/heads/main"},
                       "objects": [{"oid": hashlib.sha256(b"x").hexdigest(), "size": 1}]}).encode()
    request = urllib.request.Request(f"{endpoint}/{repo_id}.git/info/lfs/objects/batch", data=body, method="POST",
                                     headers={"Authorization": f"Bearer {os.environ['HFHUB_OTHER_WRITE_TOKEN']}",
                                              "Content-Type": "application/vnd.git-lfs+json"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request)
    assert refused.value.code == 403


def test_rename_status_edit_hide(api, other_api, new_repo, user, other_user):
    repo_id = new_repo()
    discussion = other_api.create_discussion(repo_id, title="A question", description="How does it work?")
    assert not discussion.is_pull_request and discussion.status == "open"
    assert discussion.target_branch is None and discussion.conflicting_files is None

    renamed = other_api.rename_discussion(repo_id, discussion.num, "A better question")
    assert (renamed.old_title, renamed.new_title) == ("A question", "A better question")

    comment = other_api.comment_discussion(repo_id, discussion.num, "first version")
    edited = other_api.edit_discussion_comment(repo_id, discussion.num, comment.id, "second version")
    assert edited.edited and edited.content == "second version" and edited.last_edited_by == other_user
    with pytest.raises(HfHubHTTPError) as refused:
        api.edit_discussion_comment(repo_id, discussion.num, comment.id, "not mine")
    assert _status(refused.value) == 403

    with pytest.raises(HfHubHTTPError) as refused:
        other_api.hide_discussion_comment(repo_id, discussion.num, comment.id)  # only writers hide
    assert _status(refused.value) == 403
    with pytest.warns(UserWarning):
        hidden = api.hide_discussion_comment(repo_id, discussion.num, comment.id)
    assert hidden.hidden and hidden.content == ""
    assert hidden._event["data"]["hiddenBy"] == user

    closed = other_api.change_discussion_status(repo_id, discussion.num, "closed", comment="Answered")
    assert closed.new_status == "closed"
    with pytest.raises(HfHubHTTPError) as refused:
        other_api.comment_discussion(repo_id, discussion.num, "after closing")
    assert _status(refused.value) == 403
    reopened = api.change_discussion_status(repo_id, discussion.num, "open")
    assert reopened.new_status == "open"

    details = api.get_discussion_details(repo_id, discussion.num)
    assert details.title == "A better question"
    assert [e.type for e in details.events] == ["comment", "title-change", "comment", "comment", "status-change",
                                                "status-change"]


def test_listing_filters_and_pages(api, other_api, new_repo, user, other_user):
    repo_id = new_repo(repo_type="dataset")
    for i in range(52):
        api.create_discussion(repo_id, title=f"Discussion {i}", repo_type="dataset")
    pr = other_api.create_pull_request(repo_id, title="A pull request", repo_type="dataset")
    api.change_discussion_status(repo_id, 1, "closed", repo_type="dataset")

    everything = list(api.get_repo_discussions(repo_id, repo_type="dataset"))
    assert len(everything) == 53  # two pages of 50 and 3
    assert [d.num for d in everything] == list(range(53, 0, -1))
    assert everything[0].repo_type == "dataset" and everything[0].repo_id == repo_id

    prs = list(api.get_repo_discussions(repo_id, discussion_type="pull_request", repo_type="dataset"))
    assert [(d.num, d.author, d.status) for d in prs] == [(pr.num, other_user, "draft")]
    assert len(list(api.get_repo_discussions(repo_id, discussion_type="discussion", repo_type="dataset"))) == 52
    closed = list(api.get_repo_discussions(repo_id, discussion_status="closed", repo_type="dataset"))
    assert [d.num for d in closed] == [1]
    assert len(list(api.get_repo_discussions(repo_id, discussion_status="open", repo_type="dataset"))) == 52
    mine = list(api.get_repo_discussions(repo_id, author=other_user, repo_type="dataset"))
    assert [d.num for d in mine] == [pr.num]


def test_private_repo_and_unknown_numbers(api, other_api, new_repo):
    repo_id = new_repo(private=True)
    api.create_discussion(repo_id, title="Internal")
    with pytest.raises(RepositoryNotFoundError):
        list(other_api.get_repo_discussions(repo_id))
    with pytest.raises(RepositoryNotFoundError):
        other_api.create_discussion(repo_id, title="Let me in")
    with pytest.raises(HfHubHTTPError) as missing:
        api.get_discussion_details(repo_id, 999)
    assert _status(missing.value) == 404


def test_space_discussions(api, new_repo):
    repo_id = new_repo(repo_type="space")
    pr = api.create_pull_request(repo_id, title="Space change", repo_type="space")
    api.upload_file(path_or_fileobj=b"<h1>hi</h1>\n", path_in_repo="index.html", repo_id=repo_id,
                    repo_type="space", revision=pr.git_reference)
    api.merge_pull_request(repo_id, pr.num, repo_type="space")
    assert "index.html" in api.list_repo_files(repo_id, repo_type="space")
    assert huggingface_hub.__version__  # every supported version has these methods
