"""Webhooks through the real client (docs/webhooks.md): create, a delivery caused by a commit made
with the client, update, disable, enable and delete. run.sh lets hfhubd deliver to loopback
(webhook-allow), which the default refuses. The webhook methods exist in every tested version
(since huggingface_hub 0.21)."""
import json
import queue
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from huggingface_hub.utils import HfHubHTTPError


class _Receiver:
    """A webhook receiver on 127.0.0.1: every POST is queued as (headers, JSON body)."""

    def __init__(self):
        received = self.received = queue.Queue()

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                received.put((dict(self.headers), json.loads(body), self.path))
                self.send_response(200)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def wait_for(self, predicate, timeout=15):
        """The first delivery that satisfies `predicate`, skipping others."""
        deadline = time.time() + timeout
        while time.time() < deadline:
            try:
                item = self.received.get(timeout=max(0.05, deadline - time.time()))
            except queue.Empty:
                break
            if predicate(item):
                return item
        raise AssertionError("no matching webhook delivery")

    def drain(self, seconds):
        time.sleep(seconds)
        items = []
        while not self.received.empty():
            items.append(self.received.get())
        return items


@pytest.fixture
def receiver():
    r = _Receiver()
    yield r
    r.server.shutdown()


def _commit_to(item, repo_id):
    headers, body, _ = item
    return body["event"]["scope"] == "repo.content" and body["repo"]["name"] == repo_id


def test_webhook_lifecycle_and_delivery(api, user, new_repo, receiver, other_token):
    repo_id = new_repo()
    hook = api.create_webhook(url=receiver.url + "/hook", watched=[{"type": "model", "name": repo_id}],
                              domains=["repo"], secret="first-secret")
    assert hook.url == receiver.url + "/hook"
    assert [(w.type, w.name) for w in hook.watched] == [("model", repo_id)]
    assert hook.domains == ["repo"] and hook.secret == "first-secret" and hook.disabled is False
    assert hook.id in [w.id for w in api.list_webhooks()]
    assert api.get_webhook(hook.id).url == hook.url

    # A commit through the client is delivered with the Hub's payload and the secret.
    info = api.upload_file(path_or_fileobj=b"hello", path_in_repo="a.txt", repo_id=repo_id)
    headers, body, path = receiver.wait_for(lambda item: _commit_to(item, repo_id))
    assert path == "/hook"
    assert headers.get("X-Webhook-Secret") == "first-secret"
    assert headers.get("Content-Type") == "application/json"
    assert body["event"] == {"action": "update", "scope": "repo.content"}
    repo = body["repo"]
    assert repo["type"] == "model" and repo["private"] is False and repo["id"]
    assert repo["url"]["web"].endswith("/" + repo_id) and repo["url"]["api"].endswith("/api/models/" + repo_id)
    assert repo["headSha"] == info.oid and repo["owner"]["id"]
    assert body["updatedRefs"][0]["ref"] == "refs/heads/main" and body["updatedRefs"][0]["newSha"] == info.oid
    assert body["webhook"] == {"id": hook.id, "version": 3}

    # Another user neither sees nor changes it.
    with pytest.raises(HfHubHTTPError) as err:
        api.get_webhook(hook.id, token=other_token)
    assert err.value.response.status_code == 404

    # Update: a new secret and path, and the next delivery uses them.
    updated = api.update_webhook(hook.id, url=receiver.url + "/v2", watched=[{"type": "user", "name": user}],
                                 domains=["repo"], secret="second-secret")
    assert updated.secret == "second-secret" and updated.url == receiver.url + "/v2"
    assert [(w.type, w.name) for w in updated.watched] == [("user", user)]
    api.upload_file(path_or_fileobj=b"again", path_in_repo="b.txt", repo_id=repo_id)
    headers, body, path = receiver.wait_for(lambda item: _commit_to(item, repo_id))
    assert path == "/v2" and headers.get("X-Webhook-Secret") == "second-secret"

    # Disabled: nothing is delivered.
    assert api.disable_webhook(hook.id).disabled is True
    api.upload_file(path_or_fileobj=b"quiet", path_in_repo="c.txt", repo_id=repo_id)
    assert [item for item in receiver.drain(2) if _commit_to(item, repo_id)] == []
    assert api.enable_webhook(hook.id).disabled is False

    api.delete_webhook(hook.id)
    assert hook.id not in [w.id for w in api.list_webhooks()]
    with pytest.raises(HfHubHTTPError) as err:
        api.get_webhook(hook.id)
    assert err.value.response.status_code == 404


def test_webhook_bad_input(api, user, read_token):
    # run.sh allows 127.0.0.1 only: a private network is still refused.
    with pytest.raises(HfHubHTTPError) as err:
        api.create_webhook(url="http://10.1.2.3/hook", watched=[{"type": "user", "name": user}])
    assert err.value.response.status_code == 400
    assert err.value.response.headers.get("X-Error-Code") == "WebhookTargetForbidden"
    with pytest.raises(HfHubHTTPError) as err:
        api.create_webhook(url="ftp://example.com/hook", watched=[{"type": "user", "name": user}])
    assert err.value.response.status_code == 400
    with pytest.raises(HfHubHTTPError) as err:
        api.create_webhook(url="http://127.0.0.1:9/hook", watched=[{"type": "model", "name": f"{user}/no-such-repo"}])
    assert err.value.response.status_code == 400
    with pytest.raises(HfHubHTTPError) as err:
        api.create_webhook(url="http://127.0.0.1:9/hook", watched=[{"type": "user", "name": user}],
                           domains=["everything"])
    assert err.value.response.status_code == 400
    # A read token cannot create one.
    with pytest.raises(HfHubHTTPError) as err:
        api.create_webhook(url="http://127.0.0.1:9/hook", watched=[{"type": "user", "name": user}], token=read_token)
    assert err.value.response.status_code == 403
