"""Gated repos and access requests (docs/gated.md) through the real huggingface_hub: the owner gates
a repo, the other user meets GatedRepoError with the Hub's messages, asks for access, and the
owner reviews the request with list_*_access_requests, accept/reject/cancel_access_request and
grant_access."""
import urllib.error
import urllib.parse
import urllib.request

import pytest

from huggingface_hub import HfApi, hf_hub_download
from huggingface_hub.utils import GatedRepoError

CARD = """---
extra_gated_prompt: You agree to share your contact information.
extra_gated_fields:
  Company: text
  Use:
    type: select
    options:
      - Research
      - label: Something else
        value: other
  I agree to the terms: checkbox
---
# A gated model
"""
ANSWERS = {"Company": "ACME", "Use": "Research", "I agree to the terms": "on"}


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def ask_access(endpoint, repo_id, token, answers):
    """POST /{repo_id}/ask-access as the gate form of the repo page does.

    huggingface_hub has no call for asking: on the Hub users ask from the repo page in their
    browser, which posts this form (docs/gated.md#asking-for-access). This is the one place the
    suite speaks HTTP itself; it uses the standard library so that it runs with every client
    version (their HTTP libraries differ: requests, httpx, httpx2). Returns (status, Location).
    """
    request = urllib.request.Request(
        f"{endpoint}/{repo_id}/ask-access",
        data=urllib.parse.urlencode(answers).encode(),
        method="POST",
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/x-www-form-urlencoded"},
    )
    try:
        response = urllib.request.build_opener(_NoRedirect).open(request, timeout=30)
        return response.status, response.headers.get("Location")
    except urllib.error.HTTPError as e:  # the 303 too: the redirect is not followed
        return e.code, e.headers.get("Location")


@pytest.fixture
def gated_repo(api, new_repo):
    def make(mode):
        repo_id = new_repo()
        api.upload_file(path_or_fileobj=CARD.encode(), path_in_repo="README.md", repo_id=repo_id)
        api.upload_file(path_or_fileobj=b"the weights\n", path_in_repo="weights.txt", repo_id=repo_id)
        api.update_repo_settings(repo_id, gated=mode)
        return repo_id
    return make


def download(repo_id, token, tmp_path):
    # A fresh cache each time: a cached copy must not hide the server's answer.
    cache = tmp_path / f"cache-{len(list(tmp_path.iterdir()))}"
    with open(hf_hub_download(repo_id, "weights.txt", token=token, cache_dir=cache)) as f:
        return f.read()


def refused(repo_id, token, tmp_path):
    with pytest.raises(GatedRepoError) as e:
        download(repo_id, token, tmp_path)
    return str(e.value)


def test_manual_gate_request_accept_reject_cancel_grant(api, gated_repo, endpoint, other_user, other_token, tmp_path):
    repo_id = gated_repo("manual")
    assert api.repo_info(repo_id).gated == "manual"
    assert HfApi(token=other_token).repo_info(repo_id).gated == "manual"  # repo info stays readable

    message = refused(repo_id, False, tmp_path)
    assert "Cannot access gated repo for url" in message
    assert f"Access to model {repo_id} is restricted. You must have access to it and be authenticated" in message
    message = refused(repo_id, other_token, tmp_path)
    assert f"Access to model {repo_id} is restricted and you are not in the authorized list. Visit " in message
    assert f"/{repo_id} to ask for access." in message

    status, location = ask_access(endpoint, repo_id, other_token, ANSWERS)
    assert status == 303
    assert location.endswith(f"/{repo_id}")
    assert "is awaiting a review from the repo authors" in refused(repo_id, other_token, tmp_path)

    pending = list(api.list_pending_access_requests(repo_id))
    assert [r.username for r in pending] == [other_user]
    assert pending[0].fullname == "Py Compat Other"
    assert pending[0].email == "pycompat-other@example.com"
    assert pending[0].status == "pending"
    assert pending[0].fields == {"Company": "ACME", "Use": "Research", "I agree to the terms": "on"}
    assert pending[0].timestamp is not None

    api.accept_access_request(repo_id, other_user)
    assert download(repo_id, other_token, tmp_path) == "the weights\n"
    assert [r.username for r in api.list_accepted_access_requests(repo_id)] == [other_user]
    assert list(api.list_pending_access_requests(repo_id)) == []

    api.reject_access_request(repo_id, other_user, rejection_reason="Not this time")
    assert f"Your request to access model {repo_id} has been rejected by the repo's authors." in refused(
        repo_id, other_token, tmp_path)
    assert [r.status for r in api.list_rejected_access_requests(repo_id)] == ["rejected"]

    api.cancel_access_request(repo_id, other_user)  # back to pending
    assert [r.username for r in api.list_pending_access_requests(repo_id)] == [other_user]
    assert "awaiting a review" in refused(repo_id, other_token, tmp_path)

    api.grant_access(repo_id, other_user)
    assert download(repo_id, other_token, tmp_path) == "the weights\n"


def test_errors_of_the_review_calls(api, gated_repo, new_repo, other_user, other_token):
    repo_id = gated_repo("manual")
    with pytest.raises(Exception) as e:  # nothing to accept yet: 404
        api.accept_access_request(repo_id, other_user)
    assert getattr(e.value, "response", None) is not None and e.value.response.status_code == 404
    with pytest.raises(Exception) as e:  # only writers review: the other user's token may not
        list(HfApi(token=other_token).list_pending_access_requests(repo_id))
    assert e.value.response.status_code == 403
    api.grant_access(repo_id, other_user)
    with pytest.raises(Exception) as e:  # already granted: 400
        api.grant_access(repo_id, other_user)
    assert e.value.response.status_code == 400
    plain = new_repo()
    with pytest.raises(Exception) as e:  # not gated: 400
        api.grant_access(plain, other_user)
    assert e.value.response.status_code == 400


def test_auto_gate_grants_at_once(api, gated_repo, endpoint, other_user, other_token, tmp_path):
    repo_id = gated_repo("auto")
    assert "not in the authorized list" in refused(repo_id, other_token, tmp_path)
    status, _ = ask_access(endpoint, repo_id, other_token, ANSWERS)
    assert status == 303
    assert download(repo_id, other_token, tmp_path) == "the weights\n"
    accepted = list(api.list_accepted_access_requests(repo_id))
    assert [(r.username, r.status) for r in accepted] == [(other_user, "accepted")]
    # Switching gating off keeps the records; the repo is then open to everyone.
    api.update_repo_settings(repo_id, gated=False)
    assert download(repo_id, False, tmp_path) == "the weights\n"
    assert [r.username for r in api.list_accepted_access_requests(repo_id)] == [other_user]
