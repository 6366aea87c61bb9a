"""Three hfhubd nodes behind nginx on one PostgreSQL, one object store (MinIO) and one shared data
dir for git (tests/cluster)."""
import os
import secrets
import signal
import socket
import subprocess
import tempfile
import time
import urllib.request

SOURCE = os.environ["HFHUB_SOURCE_DIR"]
HFHUBD = os.environ["HFHUBD"]
NGINX = "/usr/sbin/nginx" if os.path.exists("/usr/sbin/nginx") else "nginx"

WRITE_TOKEN = "hf_clusterWrite0123456789abcdefghijklmnop"
USER = "cluster-user"
# The anonymous API quota the rate-limit test spends; tokens get a quota no test reaches.
ANONYMOUS_API_QUOTA = 30


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Cluster:
    def __init__(self):
        self.work = tempfile.mkdtemp(prefix="hfhub-cluster-")
        os.chmod(self.work, 0o755)  # as root the PostgreSQL cluster below runs as `postgres`
        self.data = os.path.join(self.work, "data")
        os.makedirs(self.data)
        self.pg_dir = os.path.join(self.work, "pg")
        self.database = subprocess.check_output(
            [os.path.join(SOURCE, "scripts/pg-test-server.sh"), "start", self.pg_dir], text=True).strip()
        self._start_object_store()
        self.ports = [free_port() for _ in range(3)]
        self.lb_port = free_port()
        self.procs = [None, None, None]
        self.balancers = []
        self._write_config()
        self.admin("user", "add", USER)
        self.admin("token", "add", USER, "--role", "write", "--value", WRITE_TOKEN)
        for i in range(3):
            self.start_node(i)
        self._start_nginx()

    def _start_object_store(self):
        """MinIO on loopback (tests/s3/s3_server.sh), the object store every node shares."""
        self.s3_dir = os.path.join(self.work, "s3")
        os.makedirs(self.s3_dir)
        script = os.path.join(SOURCE, "tests/s3/s3_server.sh")
        out = subprocess.check_output(
            ["bash", "-c", f'source "{script}" && s3_server_start "{self.s3_dir}" >&2 && '
             'echo "$S3_ENDPOINT $S3_BUCKET $S3_PID $AWS_ACCESS_KEY_ID $AWS_SECRET_ACCESS_KEY $AWS_REGION"'],
            text=True).split()
        self.s3_endpoint, self.s3_bucket, self.s3_pid = out[0], out[1], int(out[2])
        self.node_env = {**os.environ, "AWS_ACCESS_KEY_ID": out[3], "AWS_SECRET_ACCESS_KEY": out[4],
                         "AWS_REGION": out[5]}

    def _write_config(self):
        self.config = os.path.join(self.work, "hfhubd.conf")
        with open(self.config, "w") as f:
            f.write(f"""data = {self.data}
host = 127.0.0.1
database = {self.database}
database-pool = 8
url-signing-key = {secrets.token_hex(32)}
blob-store = s3
s3-endpoint = {self.s3_endpoint}
s3-bucket = {self.s3_bucket}
trusted-proxies = 127.0.0.1
rate-limit-window = 3600
rate-limit-api-anonymous = {ANONYMOUS_API_QUOTA}
rate-limit-api-authenticated = 1000000
rate-limit-resolvers-anonymous = 1000000
rate-limit-resolvers-authenticated = 1000000
access-log = off
webhook-allow = 127.0.0.1/32
webhook-retry-base-ms = 300
""")

    def admin(self, *args):
        subprocess.run([HFHUBD, "admin", "--data", self.data, "--database", self.database, *args],
                       check=True, capture_output=True, env=self.node_env)

    def node_url(self, i):
        return f"http://127.0.0.1:{self.ports[i]}"

    @property
    def lb_url(self):
        return f"http://127.0.0.1:{self.lb_port}"

    def start_node(self, i):
        log = open(os.path.join(self.work, f"node{i}.log"), "ab")
        self.procs[i] = subprocess.Popen(
            [HFHUBD, "serve", "--config", self.config, "--port", str(self.ports[i])],
            stdout=subprocess.PIPE, stderr=log, env=self.node_env)
        line = self.procs[i].stdout.readline().decode()
        assert line.startswith("listening"), f"node {i} did not start: {line!r} (see {log.name})"

    def kill_node(self, i):
        """A crash: SIGKILL, no shutdown of any kind."""
        self.procs[i].send_signal(signal.SIGKILL)
        self.procs[i].wait()

    def _start_nginx(self):
        self.nginx = self.start_balancer(self.ports, self.lb_port)

    def start_balancer(self, ports, listen_port):
        """nginx in front of the nodes on `ports` (bench/cluster_bench.py runs one per node count)."""
        conf = os.path.join(self.work, f"nginx-{listen_port}.conf")
        upstream = "\n".join(f"    server 127.0.0.1:{p} max_fails=1 fail_timeout=2s;" for p in ports)
        with open(conf, "w") as f:
            f.write(f"""worker_processes 1;
pid {self.work}/nginx-{listen_port}.pid;
error_log {self.work}/nginx-error.log;
events {{ worker_connections 1024; }}
http {{
  access_log off;
  client_body_temp_path {self.work}/nginx-body;
  proxy_temp_path {self.work}/nginx-proxy;
  upstream hfhubd {{
{upstream}
    keepalive 32;
  }}
  server {{
    listen 127.0.0.1:{listen_port};
    client_max_body_size 0;
    proxy_request_buffering off;
    proxy_buffering off;
    proxy_http_version 1.1;
    location / {{
      proxy_pass http://hfhubd;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_next_upstream error timeout http_502 http_503;
    }}
  }}
}}
""")
        nginx = subprocess.Popen([NGINX, "-p", self.work, "-c", conf, "-g", "daemon off;"],
                                 stderr=open(os.path.join(self.work, "nginx.log"), "ab"))
        self.balancers.append(nginx)
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{listen_port}/api/models?limit=1", timeout=2).read()
                return nginx
            except Exception:
                time.sleep(0.1)
        raise RuntimeError("nginx did not start")

    def stop(self):
        for nginx in self.balancers:
            nginx.terminate()
            nginx.wait()
        for p in self.procs:
            if p and p.poll() is None:
                p.terminate()
                p.wait()
        subprocess.run([os.path.join(SOURCE, "scripts/pg-test-server.sh"), "stop", self.pg_dir], check=False)
        try:
            os.kill(self.s3_pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        subprocess.run(["rm", "-rf", self.work], check=False)
