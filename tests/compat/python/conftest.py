"""Fixtures of the compatibility suite: the live hfhubd that run.sh started, its accounts, and
unique repo names, so the tests of one run never collide.

Tests use only the clients' public API (HfApi, the hf CLI, hf_hub_download, HfFileSystem, ...),
configured the way users configure them: HF_ENDPOINT and a token.

Markers:
  full            needs transformers and datasets: runs only in the "full" environment.
  since("1.20")   needs at least this huggingface_hub version; older clients deselect it (the
                  run prints what it deselected). Older clients "can take a subset".
"""
import itertools
import os
import subprocess
import sys
import time

import pytest
from packaging.version import Version

import huggingface_hub

HUB_VERSION = Version(huggingface_hub.__version__)
_counter = itertools.count()


def pytest_configure(config):
    config.addinivalue_line("markers", "full: needs transformers and datasets")
    config.addinivalue_line("markers", "since(version): needs at least this huggingface_hub version")


def _has_full_environment():
    try:
        import datasets  # noqa: F401
        import transformers  # noqa: F401
    except ImportError:
        return False
    return True


def pytest_collection_modifyitems(config, items):
    keep, drop = [], []
    full = _has_full_environment()
    for item in items:
        since = item.get_closest_marker("since")
        if item.get_closest_marker("full") and not full:
            drop.append(item)
        elif since and HUB_VERSION < Version(since.args[0]):
            drop.append(item)
        else:
            keep.append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep
        print(f"\ncompat_python: huggingface_hub {HUB_VERSION} deselects {len(drop)} tests "
              f"(full environment: {full})", file=sys.stderr)


@pytest.fixture(scope="session")
def endpoint():
    return os.environ["HF_ENDPOINT"]


@pytest.fixture(scope="session")
def user():
    return os.environ["HFHUB_USER"]


@pytest.fixture(scope="session")
def org():
    return os.environ["HFHUB_ORG"]


@pytest.fixture(scope="session")
def token():
    return os.environ["HFHUB_TOKEN"]


@pytest.fixture(scope="session")
def read_token():
    return os.environ["HFHUB_READ_TOKEN"]


@pytest.fixture(scope="session")
def other_user():
    return os.environ["HFHUB_OTHER_USER"]


@pytest.fixture(scope="session")
def other_token():
    return os.environ["HFHUB_OTHER_TOKEN"]


@pytest.fixture(scope="session")
def api(token):
    """An HfApi with the write token, as `HfApi(token=...)` in user code (HF_ENDPOINT is set)."""
    return huggingface_hub.HfApi(token=token)


@pytest.fixture
def unique_name(request):
    """A repo name no other test of this run uses: <test>-<n>-<time>, within the Hub's rules."""
    def make(prefix=None):
        base = (prefix or request.node.name).replace("[", "-").replace("]", "").replace("_", "-")
        return f"{base[:60]}-{next(_counter)}-{int(time.time() * 1000) % 10**8}"
    return make


@pytest.fixture
def new_repo(api, user, unique_name):
    """Creates a repo (model by default) in the user's namespace; returns its id."""
    def make(repo_type="model", private=False, name=None, **kwargs):
        repo_id = f"{user}/{name or unique_name()}"
        if repo_type == "space":
            kwargs.setdefault("space_sdk", "static")
        api.create_repo(repo_id, repo_type=repo_type, private=private, **kwargs)
        return repo_id
    return make


@pytest.fixture
def hf_cli(tmp_path):
    """Runs the `hf` CLI of the installed huggingface_hub; returns the CompletedProcess."""
    hf = os.path.join(os.path.dirname(sys.executable), "hf")

    def run(*args, check=True, env=None, input=None):
        proc = subprocess.run([hf, *args], capture_output=True, text=True, cwd=tmp_path, input=input,
                              env={**os.environ, **(env or {})}, timeout=300)
        if check and proc.returncode != 0:
            raise AssertionError(f"hf {' '.join(args)} exited {proc.returncode}:\n{proc.stdout}\n{proc.stderr}")
        return proc
    return run


@pytest.fixture
def hfhub_cli(tmp_path, token):
    """Runs the hfhub CLI built next to hfhubd (run.sh always exports HFHUB_CLI) with the write
    token and its own HF_HOME (`.home`), Xet on; `env` adds variables. Returns the finished
    process and fails the test on a non-zero exit."""
    cli = os.environ.get("HFHUB_CLI", "")
    assert cli and os.access(cli, os.X_OK), f"no hfhub CLI at {cli!r}"
    home = tmp_path / "hfhub-home"

    def run(*args, env=None):
        full = {k: v for k, v in os.environ.items() if k != "HF_HUB_DISABLE_XET"}
        full.update(HF_TOKEN=token, HF_HOME=str(home), **(env or {}))
        proc = subprocess.run([cli, *map(str, args)], capture_output=True, text=True, env=full, timeout=300)
        assert proc.returncode == 0, f"hfhub {' '.join(map(str, args))} exited {proc.returncode}:\n{proc.stdout}\n{proc.stderr}"
        return proc

    run.home = home
    return run
