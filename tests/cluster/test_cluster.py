"""Three nodes, one truth: commits seen everywhere at once, no lost commit under contention or
a crash, rate limits counted across nodes, and each webhook attempt sent by one node only
(docs/deployment.md, "Several nodes")."""
import collections
import concurrent.futures
import hashlib
import http.server
import json
import os
import random
import threading
import time
import urllib.error
import urllib.request

# Uploads go over LFS here: the crash test kills a node under a client that must give up on it
# quickly, and Xet's transfer client retries for minutes.
os.environ.setdefault("HF_HUB_DISABLE_XET", "1")

from huggingface_hub import CommitOperationAdd, HfApi, WebhookWatchedItem, hf_hub_download  # noqa: E402
from huggingface_hub.utils import HfHubHTTPError  # noqa: E402

from cluster import ANONYMOUS_API_QUOTA, USER, WRITE_TOKEN  # noqa: E402


def api(url):
    return HfApi(endpoint=url, token=WRITE_TOKEN)


def get(url, headers=None):
    """(status, headers, body) of a GET, without raising on 4xx/5xx."""
    req = urllib.request.Request(url, headers={"Authorization": f"Bearer {WRITE_TOKEN}", **(headers or {})})
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read()


def test_a_commit_through_one_node_is_visible_at_once_through_the_others(cluster):
    a, b, c = (api(cluster.node_url(i)) for i in range(3))
    repo = f"{USER}/visible"
    a.create_repo(repo)
    for i in range(10):
        # B and C read the repo first, so a stale cache would show.
        for node in (b, c):
            node.model_info(repo)
            get(f"{node.endpoint}/{repo}/resolve/main/.gitattributes")
        commit = a.create_commit(repo, operations=[CommitOperationAdd(f"f{i}.txt", f"v{i}".encode())],
                                 commit_message=f"commit {i}")
        for node in (b, c):
            assert node.model_info(repo).sha == commit.oid
            assert f"f{i}.txt" in node.list_repo_files(repo)
            status, headers, body = get(f"{node.endpoint}/{repo}/resolve/main/f{i}.txt")
            assert status == 200 and body == f"v{i}".encode()
            assert headers["X-Repo-Commit"] == commit.oid


def commit_until_accepted(endpoints, repo, i):
    """One file committed with parentCommit through random nodes, again after each 412."""
    attempts = 0
    while True:
        attempts += 1
        client = api(random.choice(endpoints))
        head = client.model_info(repo).sha
        try:
            info = client.create_commit(repo, operations=[CommitOperationAdd(f"n/{i}.txt", str(i).encode())],
                                        commit_message=f"commit {i}", parent_commit=head)
            return info.oid, attempts
        except HfHubHTTPError as e:
            if e.response is None or e.response.status_code != 412:
                raise


def test_concurrent_commits_with_parent_commit_through_random_nodes_lose_none(cluster):
    endpoints = [cluster.node_url(i) for i in range(3)] + [cluster.lb_url]
    repos = [f"{USER}/race-{k}" for k in range(4)]
    per_repo = 250
    for repo in repos:
        api(cluster.lb_url).create_repo(repo)
    with concurrent.futures.ThreadPoolExecutor(32) as pool:
        futures = {(repo, i): pool.submit(commit_until_accepted, endpoints, repo, i)
                   for i in range(per_repo) for repo in repos}
        results = {key: f.result() for key, f in futures.items()}
    assert len(results) == 1000
    assert sum(attempts for _, attempts in results.values()) > 1000, "the commits did not contend"
    for repo in repos:
        reader = api(random.choice(endpoints))
        files = [f for f in reader.list_repo_files(repo) if f.startswith("n/")]
        assert sorted(files) == sorted(f"n/{i}.txt" for i in range(per_repo))
        history = {c.commit_id for c in reader.list_repo_commits(repo)}
        assert len(history) == per_repo + 1  # and the repo's first commit
        assert {oid for (r, _), (oid, _) in results.items() if r == repo} <= history


def test_a_node_killed_mid_upload_and_commit_loses_no_acknowledged_write(cluster, tmp_path):
    a, c = api(cluster.node_url(0)), api(cluster.node_url(2))
    b_url = cluster.node_url(1)
    repo = f"{USER}/crash"
    a.create_repo(repo)
    acknowledged, uploaded, others_failed = [], [], []
    stop = threading.Event()

    def commits_through_b():
        client = api(b_url)
        for i in range(100000):
            try:
                info = client.create_commit(repo, operations=[CommitOperationAdd(f"k/{i}.txt", str(i).encode())],
                                            commit_message=f"k {i}")
            except Exception:
                return  # node B is gone
            acknowledged.append((i, info.oid))

    big = tmp_path / "big.bin"
    big.write_bytes(os.urandom(96 << 20))

    def upload_through_b():
        try:
            info = api(b_url).upload_file(path_or_fileobj=str(big), path_in_repo="big.bin", repo_id=repo)
            uploaded.append(info.oid)
        except Exception:
            pass  # cut off by the kill: never acknowledged

    def others_keep_serving():
        # Plain HTTP, a connection per request: the client library's session is shared by the
        # threads above, whose connections to B die with it, so its errors would not be A's or C's.
        while not stop.is_set():
            for url in (cluster.node_url(0), cluster.node_url(2)):
                try:
                    status, _, _ = get(f"{url}/api/models/{repo}")
                    if status != 200:
                        others_failed.append(f"{url}: {status}")
                except Exception as e:  # noqa: BLE001 - any failure here is the finding
                    others_failed.append(f"{url}: {e!r}")
            time.sleep(0.05)

    threads = [threading.Thread(target=t) for t in (commits_through_b, upload_through_b, others_keep_serving)]
    for t in threads:
        t.start()
    deadline = time.time() + 30
    while len(acknowledged) < 5 and time.time() < deadline:
        time.sleep(0.05)
    cluster.kill_node(1)
    threads[0].join(60)
    threads[1].join(120)
    time.sleep(0.5)  # the other nodes serve on after the kill too
    stop.set()
    threads[2].join()
    assert len(acknowledged) >= 5
    assert others_failed == []

    history = {x.commit_id for x in a.list_repo_commits(repo)}
    assert {oid for _, oid in acknowledged} <= history
    files = set(c.list_repo_files(repo))
    assert {f"k/{i}.txt" for i, _ in acknowledged} <= files
    if uploaded:
        # Through C, which redirects to the object store as the Hub does to its CDN.
        path = hf_hub_download(repo, "big.bin", endpoint=cluster.node_url(2), token=WRITE_TOKEN,
                               cache_dir=str(tmp_path / "cache"))
        with open(path, "rb") as f:
            assert hashlib.sha256(f.read()).digest() == hashlib.sha256(big.read_bytes()).digest()

    # B comes back: same answers as the others, and the catalog row agrees with git.
    cluster.start_node(1)
    b = api(b_url)
    head = a.list_repo_refs(repo).branches[0].target_commit
    assert a.model_info(repo).sha == head == b.model_info(repo).sha
    assert set(b.list_repo_files(repo)) == set(a.list_repo_files(repo))


def test_rate_limits_hold_across_nodes(cluster):
    # An anonymous client behind the balancer, its requests spread over every node in turn.
    statuses = []
    for i in range(3 * ANONYMOUS_API_QUOTA):
        req = urllib.request.Request(f"{cluster.node_url(i % 3)}/api/models?limit=1",
                                     headers={"X-Forwarded-For": "198.51.100.23"})
        try:
            with urllib.request.urlopen(req, timeout=30) as r:
                statuses.append(r.status)
        except urllib.error.HTTPError as e:
            statuses.append(e.code)
    assert statuses.count(200) == ANONYMOUS_API_QUOTA
    assert statuses.count(429) == 2 * ANONYMOUS_API_QUOTA
    # Through the balancer too: the same client is still out of quota on every node.
    for _ in range(3):
        req = urllib.request.Request(f"{cluster.lb_url}/api/models?limit=1",
                                     headers={"X-Forwarded-For": "198.51.100.23"})
        try:
            urllib.request.urlopen(req, timeout=30)
            raise AssertionError("allowed past the shared quota")
        except urllib.error.HTTPError as e:
            assert e.code == 429


class FailFirstReceiver(http.server.ThreadingHTTPServer):
    """Answers 500 to the first POST of each commit's event and 200 to the next ones, and keeps
    every (newSha, status) it answered, so duplicate attempts show."""

    def __init__(self):
        self.answers = collections.defaultdict(list)
        self.lock = threading.Lock()

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(h):
                body = json.loads(h.rfile.read(int(h.headers["Content-Length"])))
                key = body["updatedRefs"][0]["newSha"]
                with self.lock:
                    status = 200 if self.answers[key] else 500
                    self.answers[key].append(status)
                time.sleep(0.2)  # an attempt in flight for a while, as real receivers are
                h.send_response(status)
                h.send_header("Content-Length", "0")
                h.end_headers()

            def log_message(h, *args):
                pass

        super().__init__(("127.0.0.1", 0), Handler)


def test_each_webhook_attempt_goes_out_from_one_node_only(cluster):
    receiver = FailFirstReceiver()
    threading.Thread(target=receiver.serve_forever, daemon=True).start()
    try:
        endpoints = [cluster.node_url(i) for i in range(3)]
        a = api(endpoints[0])
        repo = f"{USER}/hooked"
        a.create_repo(repo)
        a.create_webhook(url=f"http://127.0.0.1:{receiver.server_address[1]}/hook",
                         watched=[WebhookWatchedItem(type="model", name=repo)], domains=["repo"])
        commits = [api(random.choice(endpoints)).create_commit(
            repo, operations=[CommitOperationAdd(f"w{i}.txt", str(i).encode())], commit_message=f"hook {i}").oid
            for i in range(12)]
        deadline = time.time() + 60
        while time.time() < deadline:
            with receiver.lock:
                if all(200 in receiver.answers[c] for c in commits):
                    break
            time.sleep(0.2)
        time.sleep(3)  # every node's dispatcher polls each second: room for a duplicate to show
        with receiver.lock:
            assert {c: receiver.answers[c] for c in commits} == {c: [500, 200] for c in commits}
            assert set(receiver.answers) == set(commits)
    finally:
        receiver.shutdown()
