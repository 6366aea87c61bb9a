"""Three nodes against one (docs/deployment.md, "Several nodes"), on this machine: the same
PostgreSQL, MinIO and data dir, the same nginx in front, wrk through it. Two cores bound the
figure: it shows the cost of the cluster's coordination, not a speedup. Run by cluster_bench.sh."""
import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "tests", "cluster"))
from cluster import USER, WRITE_TOKEN, Cluster, free_port  # noqa: E402
from huggingface_hub import CommitOperationAdd, HfApi  # noqa: E402

DURATION = os.environ.get("DURATION", "10s")
CONNECTIONS = os.environ.get("CONNECTIONS", "32")


def wrk(url):
    out = subprocess.run(["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{DURATION}", "--latency",
                          "-H", f"Authorization: Bearer {WRITE_TOKEN}", url],
                         capture_output=True, text=True, check=True).stdout
    rps = next(line.split()[1] for line in out.splitlines() if line.startswith("Requests/sec"))
    p99 = next(line.split()[1] for line in out.splitlines() if line.strip().startswith("99%"))
    non2xx = next((line.split()[-1] for line in out.splitlines() if "Non-2xx" in line), "0")
    return float(rps), p99, non2xx


def main():
    cluster = Cluster()
    try:
        api = HfApi(endpoint=cluster.lb_url, token=WRITE_TOKEN)
        repo = f"{USER}/bench"
        api.create_repo(repo)
        api.create_commit(repo, operations=[CommitOperationAdd("config.json", b'{"a": 1}')], commit_message="c")
        one_node = free_port()
        cluster.start_balancer(cluster.ports[:1], one_node)
        targets = {"model_info": f"/api/models/{repo}", "resolve": f"/{repo}/resolve/main/config.json",
                   "listing": "/api/models?sort=createdAt&limit=20"}
        print(f"| request | 1 node req/s | p99 | 3 nodes req/s | p99 | 3 / 1 |")
        print("|---|---|---|---|---|---|")
        for name, path in targets.items():
            one = wrk(f"http://127.0.0.1:{one_node}{path}")
            three = wrk(f"{cluster.lb_url}{path}")
            assert one[2] == "0" and three[2] == "0", f"non-2xx answers: {one[2]}, {three[2]}"
            print(f"| {name} | {one[0]:,.0f} | {one[1]} | {three[0]:,.0f} | {three[1]} | {three[0] / one[0]:.2f} |")
    finally:
        cluster.stop()


main()
