#!/usr/bin/env python3
"""Checks the deployment files in deploy/ (docs/deployment.md): they parse, their parts refer to
each other consistently, hfhubd accepts their configuration (`serve --check`), nginx accepts the
balancer's configuration (`nginx -t`), and the image installs every library hfhubd links.

    tests/deploy/check_manifests.py SOURCE_DIR PATH_TO_HFHUBD
"""
import os
import re
import socket
import subprocess
import sys
import tempfile

import yaml  # Debian: python3-yaml

SOURCE, HFHUBD = sys.argv[1], sys.argv[2]
DEPLOY = os.path.join(SOURCE, "deploy")
failures = []


def check(ok, message):
    if not ok:
        failures.append(message)


def hfhubd_accepts(config_text, where):
    with tempfile.NamedTemporaryFile("w", suffix=".conf") as f:
        f.write(config_text)
        f.flush()
        r = subprocess.run([HFHUBD, "serve", "--config", f.name, "--check"], capture_output=True, text=True)
        check(r.returncode == 0, f"{where}: hfhubd refuses the configuration: {r.stderr.strip()}")


def check_compose():
    with open(os.path.join(DEPLOY, "docker-compose.yml")) as f:
        compose = yaml.safe_load(f)
    services, volumes = compose.get("services", {}), compose.get("volumes", {})
    nodes = [name for name in services if name.startswith("hfhubd-")]
    check(len(nodes) >= 2, "compose: fewer than two hfhubd nodes")
    for name, svc in services.items():
        check("image" in svc or "build" in svc, f"compose: {name} has neither image nor build")
        deps = svc.get("depends_on", [])
        for dep in deps if isinstance(deps, list) else deps.keys():
            check(dep in services, f"compose: {name} depends on unknown service {dep}")
        for mount in svc.get("volumes", []):
            source = mount.split(":")[0]
            if source.startswith("."):
                check(os.path.exists(os.path.join(DEPLOY, source)), f"compose: {name} mounts missing {source}")
            else:
                check(source in volumes, f"compose: {name} mounts undeclared volume {source}")
    for node in nodes:
        mounts = [m.split(":") for m in services[node].get("volumes", [])]
        check(any(m[1] == "/data" for m in mounts), f"compose: {node} does not mount the shared data dir")
    return nodes


def check_nginx(nodes):
    with open(os.path.join(DEPLOY, "nginx.conf")) as f:
        conf = f.read()
    upstreams = re.findall(r"server\s+([\w.-]+):8080", conf)
    check(sorted(upstreams) == sorted(nodes), f"nginx.conf upstreams {upstreams} are not the compose nodes {nodes}")
    with tempfile.TemporaryDirectory() as tmp:
        # The service names resolve only inside compose's network: loopback stands in for them.
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        local = re.sub(r"server\s+[\w.-]+:8080", "server 127.0.0.1:8080", conf)
        local = local.replace("listen 80;", f"listen 127.0.0.1:{port};")
        local = local.replace("events {", f"pid {tmp}/nginx.pid;\nerror_log {tmp}/error.log;\nevents {{", 1)
        path = os.path.join(tmp, "nginx.conf")
        with open(path, "w") as f:
            f.write(local)
        nginx = "/usr/sbin/nginx" if os.path.exists("/usr/sbin/nginx") else "nginx"
        r = subprocess.run([nginx, "-t", "-p", tmp, "-c", path], capture_output=True, text=True)
        check(r.returncode == 0, f"nginx -t refuses nginx.conf: {r.stderr.strip()}")


def by_kind(docs, kind):
    return {d["metadata"]["name"]: d for d in docs if d.get("kind") == kind}


def check_deployment_refs(deployment, configmaps, secrets, pvcs):
    name = deployment["metadata"]["name"]
    template = deployment["spec"]["template"]
    labels = template["metadata"]["labels"]
    for k, v in deployment["spec"]["selector"]["matchLabels"].items():
        check(labels.get(k) == v, f"k8s: Deployment {name} selector {k}={v} does not match its pods")
    for vol in template["spec"].get("volumes", []):
        if "configMap" in vol:
            check(vol["configMap"]["name"] in configmaps, f"k8s: {name} uses missing ConfigMap")
        if "persistentVolumeClaim" in vol:
            check(vol["persistentVolumeClaim"]["claimName"] in pvcs, f"k8s: {name} uses missing PVC")
    for container in template["spec"]["containers"]:
        ports = {p["name"] for p in container.get("ports", [])}
        for ref in container.get("envFrom", []):
            if "secretRef" in ref:
                check(ref["secretRef"]["name"] in secrets, f"k8s: {name} uses missing Secret")
        for probe in ("readinessProbe", "livenessProbe"):
            spec = container.get(probe, {})
            port = (spec.get("httpGet") or spec.get("tcpSocket") or {}).get("port")
            check(port is None or port in ports, f"k8s: {name} {probe} names unknown port {port}")
    return labels


def check_k8s():
    with open(os.path.join(DEPLOY, "k8s", "hfhub.yaml")) as f:
        docs = [d for d in yaml.safe_load_all(f) if d]
    for d in docs:
        check(all(k in d for k in ("apiVersion", "kind", "metadata")), f"k8s: a document lacks apiVersion/kind/metadata")
    configmaps, secrets = by_kind(docs, "ConfigMap"), by_kind(docs, "Secret")
    pvcs, services = by_kind(docs, "PersistentVolumeClaim"), by_kind(docs, "Service")
    deployments = by_kind(docs, "Deployment")
    check(len(deployments) == 1, "k8s: expected one hfhubd Deployment")
    pod_labels = [check_deployment_refs(d, configmaps, secrets, pvcs) for d in deployments.values()]
    for name, svc in services.items():
        selector = svc["spec"]["selector"]
        check(any(all(l.get(k) == v for k, v in selector.items()) for l in pod_labels),
              f"k8s: Service {name} selects no pods")
    for name, ing in by_kind(docs, "Ingress").items():
        for rule in ing["spec"]["rules"]:
            for path in rule["http"]["paths"]:
                backend = path["backend"]["service"]
                check(backend["name"] in services, f"k8s: Ingress {name} routes to missing Service")
    for name, cm in configmaps.items():
        if "hfhubd.conf" in cm.get("data", {}):
            hfhubd_accepts(cm["data"]["hfhubd.conf"], f"k8s ConfigMap {name}")


def check_image_libraries():
    """Every library hfhubd links directly is installed by the Dockerfile's runtime stage."""
    with open(os.path.join(DEPLOY, "Dockerfile")) as f:
        runtime = f.read().split("FROM debian:12\n", 2)[-1]
    installed = set(re.findall(r"[\w.+-]+", runtime))
    needed = re.findall(r"\(NEEDED\)\s+Shared library: \[(.+?)\]",
                        subprocess.run(["readelf", "-d", HFHUBD], capture_output=True, text=True).stdout)
    base = {"libc6", "libstdc++6", "libgcc-s1"}
    paths = {}
    for line in subprocess.run(["/sbin/ldconfig", "-p"], capture_output=True, text=True).stdout.splitlines()[1:]:
        name, _, path = line.strip().partition(" => ")
        paths.setdefault(name.split(" ")[0], path)
    for lib in needed:
        path, package = paths.get(lib, ""), ""
        # dpkg knows a file by the path its package installed (merged /usr: /lib or /usr/lib).
        for candidate in (path, os.path.realpath(path), "/usr" + path, path.removeprefix("/usr")):
            owner = subprocess.run(["dpkg", "-S", candidate], capture_output=True, text=True).stdout
            if owner:
                package = owner.split(":")[0]
                break
        check(package in base or package in installed,
              f"Dockerfile: the runtime image lacks {package or '?'} (for {lib})")


with open(os.path.join(DEPLOY, "hfhubd-cluster.conf")) as f:
    hfhubd_accepts(f.read(), "deploy/hfhubd-cluster.conf")
check_nginx(check_compose())
check_k8s()
check_image_libraries()
for f in failures:
    print("FAIL:", f)
print(f"check_manifests: {'FAILED' if failures else 'OK'} ({len(failures)} problems)")
sys.exit(1 if failures else 0)
