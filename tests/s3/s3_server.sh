# A real S3-compatible server on loopback for the tests and benchmarks: MinIO, built from the Go
# module proxy (docs/deployment.md#the-s3-server-of-the-tests says why MinIO). Source it, then:
#   s3_server_start DIR   # starts it with its data in DIR; sets S3_ENDPOINT S3_BUCKET S3_PID
#                         # and exports AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_REGION
#   s3_server_stop
# The binary is built once per version into HFHUB_S3_CACHE (default ~/.cache/hfhub/minio).

S3_MINIO_MODULE=github.com/minio/minio
S3_MINIO_VERSION=v0.0.0-20260212201848-7aac2a2c5b7c
S3_BUCKET=hfhub-test

s3_server_binary() { # prints the path of the minio binary, building it first if needed
  local dir="${HFHUB_S3_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/hfhub/minio}/$S3_MINIO_VERSION"
  if [[ ! -x $dir/minio ]]; then
    command -v go > /dev/null || { echo "s3_server: go is needed to build MinIO (scripts/setup.sh)" >&2; return 2; }
    echo "s3_server: building MinIO $S3_MINIO_VERSION (once; several minutes)" >&2
    mkdir -p "$dir.tmp"
    # At most two compile jobs, like every build of the project on its 2-core machines.
    GOBIN="$dir.tmp" GOFLAGS=-p=2 go install "$S3_MINIO_MODULE@$S3_MINIO_VERSION" >&2 || return 2
    rm -rf "$dir" && mv "$dir.tmp" "$dir"
  fi
  echo "$dir/minio"
}

s3_free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# A signed request with curl's own SigV4 (the same signer hfhubd uses): METHOD PATH [curl args].
s3_curl() {
  local method=$1 path=$2
  shift 2
  curl -s -o /dev/null -w '%{http_code}' -X "$method" --aws-sigv4 "aws:amz:$AWS_REGION:s3" \
    --user "$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY" -H 'x-amz-content-sha256: UNSIGNED-PAYLOAD' "$@" \
    "$S3_ENDPOINT$path"
}

s3_server_start() { # data dir
  local minio port console
  minio="$(s3_server_binary)" || return 2
  port="$(s3_free_port)" console="$(s3_free_port)"
  export AWS_ACCESS_KEY_ID=hfhub-test-key AWS_SECRET_ACCESS_KEY=hfhub-test-secret-0123456789 AWS_REGION=us-east-1
  MINIO_ROOT_USER=$AWS_ACCESS_KEY_ID MINIO_ROOT_PASSWORD=$AWS_SECRET_ACCESS_KEY MINIO_BROWSER=off \
    "$minio" server "$1/minio-data" --address "127.0.0.1:$port" --console-address "127.0.0.1:$console" --quiet \
    > "$1/minio.log" 2>&1 &
  S3_PID=$!
  S3_ENDPOINT="http://127.0.0.1:$port"
  for _ in $(seq 150); do
    [[ $(curl -s -o /dev/null -w '%{http_code}' "$S3_ENDPOINT/minio/health/live") == 200 ]] && break
    kill -0 "$S3_PID" 2> /dev/null || { cat "$1/minio.log" >&2; return 2; }
    sleep 0.2
  done
  # "live" can answer before MinIO accepts requests (seen once under ASan load: the first PUT
  # failed), so the bucket's creation is retried for a few seconds before giving up.
  local created=
  for _ in $(seq 25); do
    [[ $(s3_curl PUT "/$S3_BUCKET") == 200 ]] && { created=1; break; }
    sleep 0.2
  done
  [[ -n $created ]] || { echo "s3_server: cannot create the bucket" >&2; return 2; }
  # The server must check signatures, or the tests would prove nothing about hfhubd's.
  local wrong
  wrong="$(AWS_SECRET_ACCESS_KEY=wrong-secret-0123456789 s3_curl GET "/$S3_BUCKET?list-type=2")"
  [[ $wrong == 403 ]] || { echo "s3_server: a wrong signature got $wrong, not 403" >&2; return 2; }
}

s3_server_stop() {
  [[ -n ${S3_PID:-} ]] || return 0
  kill "$S3_PID" 2> /dev/null || true
  wait "$S3_PID" 2> /dev/null || true
  S3_PID=""
}
