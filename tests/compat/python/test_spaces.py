"""Space settings through the real client (docs/spaces.md): variables, write-only secrets, and the
runtime hfhub reports without running anything (stage derived from the repo and the settings,
hardware `current` always None). Methods an old huggingface_hub lacks are called only where they
exist (get_space_secrets since 1.x; request_space_storage until 2.x)."""
import warnings

import pytest
from huggingface_hub import HfApi
from huggingface_hub.utils import HfHubHTTPError, RepositoryNotFoundError


@pytest.fixture
def gradio_space(new_repo):
    return lambda **kw: new_repo("space", space_sdk="gradio", **kw)


def test_variables_round_trip(api, gradio_space):
    space = gradio_space()
    assert api.get_space_variables(space) == {}
    added = api.add_space_variable(space, "MODEL_REPO_ID", "user/model", description="the model")
    assert added["MODEL_REPO_ID"].value == "user/model"
    assert added["MODEL_REPO_ID"].description == "the model"
    assert added["MODEL_REPO_ID"].updated_at is not None
    api.add_space_variable(space, "MODEL_REPO_ID", "user/other")
    api.add_space_variable(space, "TEMPERATURE", "0.7")
    got = api.get_space_variables(space)
    assert sorted(got) == ["MODEL_REPO_ID", "TEMPERATURE"]
    assert got["MODEL_REPO_ID"].value == "user/other"
    left = api.delete_space_variable(space, "TEMPERATURE")
    assert list(left) == ["MODEL_REPO_ID"]
    # Deleting a key that is not there is no error, as on the Hub.
    assert list(api.delete_space_variable(space, "NOT_THERE")) == ["MODEL_REPO_ID"]


def test_variables_need_the_owners_write_token(api, gradio_space, other_token, read_token):
    space = gradio_space()
    api.add_space_variable(space, "A", "1")
    # Readable by whoever may see the Space, writable only with a write token of its namespace.
    assert HfApi(token=other_token).get_space_variables(space)["A"].value == "1"
    for token in (other_token, read_token):
        with pytest.raises(HfHubHTTPError) as e:
            HfApi(token=token).add_space_variable(space, "B", "2")
        assert e.value.response.status_code == 403
    assert list(api.get_space_variables(space)) == ["A"]


def test_secrets_are_never_read_back(api, gradio_space):
    space = gradio_space()
    api.add_space_secret(space, "GITHUB_API_KEY", "s3cr3t-value", description="a key")
    api.add_space_secret(space, "OTHER", "another-s3cr3t")
    assert api.get_space_variables(space) == {}
    info = api.space_info(space)
    assert "s3cr3t" not in repr(info.__dict__)
    if hasattr(api, "get_space_secrets"):  # huggingface_hub >= 1.x
        secrets = api.get_space_secrets(space)
        assert sorted(secrets) == ["GITHUB_API_KEY", "OTHER"]
        assert secrets["GITHUB_API_KEY"].description == "a key"
        assert secrets["GITHUB_API_KEY"].updated_at is not None
        assert "s3cr3t" not in repr(secrets)
    api.delete_space_secret(space, "OTHER")
    api.delete_space_secret(space, "NOT_THERE")
    if hasattr(api, "get_space_secrets"):
        assert list(api.get_space_secrets(space)) == ["GITHUB_API_KEY"]


def test_secrets_need_the_owners_write_token(api, gradio_space, other_token):
    space = gradio_space()
    with pytest.raises(HfHubHTTPError) as e:
        HfApi(token=other_token).add_space_secret(space, "KEY", "value")
    assert e.value.response.status_code == 403
    if hasattr(api, "get_space_secrets"):
        with pytest.raises(HfHubHTTPError) as e:
            HfApi(token=other_token).get_space_secrets(space)
        assert e.value.response.status_code == 403


def test_runtime_stages_through_pause_and_restart(api, gradio_space):
    space = gradio_space()
    runtime = api.get_space_runtime(space)
    # Nothing runs on hfhub: no app file yet, then STOPPED, never RUNNING.
    assert runtime.stage == "NO_APP_FILE"
    assert runtime.hardware is None
    assert runtime.requested_hardware == "cpu-basic"
    assert runtime.sleep_time == 172800
    api.upload_file(path_or_fileobj=b"import gradio\n", path_in_repo="app.py", repo_id=space, repo_type="space")
    assert api.get_space_runtime(space).stage == "STOPPED"
    assert api.pause_space(space).stage == "PAUSED"
    assert api.get_space_runtime(space).stage == "PAUSED"
    assert api.space_info(space).runtime.stage == "PAUSED"
    assert api.restart_space(space).stage == "STOPPED"
    assert api.restart_space(space, factory_reboot=True).stage == "STOPPED"
    assert api.space_info(space).runtime.stage == "STOPPED"


def test_hardware_and_sleep_time_are_recorded(api, gradio_space):
    space = gradio_space()
    runtime = api.request_space_hardware(space, "t4-small", sleep_time=3600)
    assert runtime.hardware is None
    assert runtime.requested_hardware == "t4-small"
    assert runtime.sleep_time == 3600
    assert api.set_space_sleep_time(space, -1).sleep_time == -1
    runtime = api.get_space_runtime(space)
    assert (runtime.requested_hardware, runtime.sleep_time) == ("t4-small", -1)
    assert api.space_info(space).runtime.requested_hardware == "t4-small"
    with pytest.raises(HfHubHTTPError) as e:
        api.request_space_hardware(space, "quantum-xl")
    assert e.value.response.status_code == 400


def test_sleep_time_on_free_hardware_warns_as_on_the_hub(api, gradio_space):
    space = gradio_space()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert api.set_space_sleep_time(space, 600).sleep_time == 600
    assert any("cpu-basic" in str(w.message) for w in caught)


def test_storage_requests_are_recorded(api, gradio_space):
    if not hasattr(api, "request_space_storage"):  # removed in huggingface_hub 2.x
        pytest.skip("this huggingface_hub has no request_space_storage")
    space = gradio_space()
    assert api.request_space_storage(space, "small").storage == "small"
    assert api.get_space_runtime(space).storage == "small"
    assert api.delete_space_storage(space).storage is None


def test_private_space_settings_never_leak(api, gradio_space, other_token):
    space = gradio_space(private=True)
    api.add_space_variable(space, "A", "1")
    other = HfApi(token=other_token)
    for call in (other.get_space_runtime, other.get_space_variables, other.pause_space):
        with pytest.raises(RepositoryNotFoundError):
            call(space)
    with pytest.raises(RepositoryNotFoundError):
        other.add_space_secret(space, "KEY", "value")


def test_static_space_cannot_be_paused(api, new_repo):
    space = new_repo("space", space_sdk="static")
    with pytest.raises(HfHubHTTPError) as e:
        api.pause_space(space)
    assert e.value.response.status_code == 400


def _duplicate_space(api, from_id, to_id, hardware=None, variables=None, secrets=None, **kwargs):
    """duplicate_space where it exists (until huggingface_hub 1.x), else duplicate_repo (1.x, 2.x):
    both POST /api/spaces/{id}/duplicate."""
    if hasattr(api, "duplicate_space"):
        return api.duplicate_space(from_id, to_id=to_id, hardware=hardware, variables=variables, secrets=secrets,
                                   **kwargs)
    return api.duplicate_repo(from_id, to_id=to_id, repo_type="space", space_hardware=hardware,
                              space_variables=variables, space_secrets=secrets, **kwargs)


def test_duplicate_space_with_lfs_content(api, gradio_space, user, unique_name):
    space = gradio_space()
    weights = bytes(range(256)) * 4096  # 1 MiB: stored in LFS (or Xet) by the .gitattributes rules
    api.upload_file(path_or_fileobj=b"import gradio\n", path_in_repo="app.py", repo_id=space, repo_type="space")
    api.upload_file(path_or_fileobj=weights, path_in_repo="weights.bin", repo_id=space, repo_type="space")
    api.add_space_variable(space, "MODEL", "m1", description="copied")
    api.add_space_secret(space, "TOKEN", "never-copied")
    api.request_space_hardware(space, "t4-small", sleep_time=3600)
    api.pause_space(space)
    target = f"{user}/{unique_name('dup')}"
    url = _duplicate_space(api, space, target, private=True)
    assert url.repo_id == target
    info = api.space_info(target, files_metadata=True)
    assert info.private is True
    assert info.sha == api.space_info(space).sha  # the same history, commit for commit
    files = {s.rfilename: s for s in info.siblings}
    assert files["weights.bin"].lfs is not None
    local = api.hf_hub_download(target, "weights.bin", repo_type="space")
    with open(local, "rb") as f:
        assert f.read() == weights
    assert [c.commit_id for c in api.list_repo_commits(target, repo_type="space")] == \
        [c.commit_id for c in api.list_repo_commits(space, repo_type="space")]
    variables = api.get_space_variables(target)
    assert (variables["MODEL"].value, variables["MODEL"].description) == ("m1", "copied")
    if hasattr(api, "get_space_secrets"):
        assert api.get_space_secrets(target) == {}  # secrets never go along, as on the Hub
    runtime = api.get_space_runtime(target)
    # Hardware, sleep time and the paused state go along ("the same state as the original Space").
    assert (runtime.stage, runtime.requested_hardware, runtime.sleep_time) == ("PAUSED", "t4-small", 3600)


def test_duplicate_space_onto_an_existing_name(api, gradio_space, user):
    space, other = gradio_space(), gradio_space()
    with pytest.raises(HfHubHTTPError) as e:
        _duplicate_space(api, space, other)
    assert e.value.response.status_code == 409
    assert _duplicate_space(api, space, other, exist_ok=True).repo_id == other


def test_duplicate_space_with_settings(api, gradio_space, user, unique_name):
    space = gradio_space()
    api.add_space_variable(space, "A", "from-source")
    target = f"{user}/{unique_name('dup')}"
    _duplicate_space(api, space, target, hardware="cpu-upgrade", variables=[{"key": "A", "value": "mine"}],
                     secrets=[{"key": "S", "value": "x"}])
    assert api.get_space_variables(target)["A"].value == "mine"
    assert api.get_space_runtime(target).requested_hardware == "cpu-upgrade"
    if hasattr(api, "get_space_secrets"):
        assert list(api.get_space_secrets(target)) == ["S"]


def test_duplicate_model_repo(api, new_repo, user, unique_name):
    if not hasattr(api, "duplicate_repo"):  # duplicate_repo since huggingface_hub 1.x
        pytest.skip("this huggingface_hub has no duplicate_repo")
    model = new_repo("model")
    api.upload_file(path_or_fileobj=b"\x00" * 300_000, path_in_repo="model.safetensors", repo_id=model)
    target = f"{user}/{unique_name('dupmodel')}"
    api.duplicate_repo(model, to_id=target)
    assert api.model_info(target).sha == api.model_info(model).sha
    assert open(api.hf_hub_download(target, "model.safetensors"), "rb").read() == b"\x00" * 300_000


def test_duplicate_private_space_of_another_user_is_not_found(api, gradio_space, other_token, other_user):
    space = gradio_space(private=True)
    with pytest.raises(RepositoryNotFoundError):
        _duplicate_space(HfApi(token=other_token), space, f"{other_user}/stolen")


def test_hfhub_cli_space_settings(api, gradio_space, hfhub_cli):
    """The hfhub CLI's `spaces` verbs against the same server, read back with the Python client."""
    import json
    space = gradio_space()
    hfhub_cli("spaces", "variables", "add", space, "-e", "MODEL=m1", "-e", "TEMPERATURE=0.7")
    assert sorted(api.get_space_variables(space)) == ["MODEL", "TEMPERATURE"]
    listed = json.loads(hfhub_cli("spaces", "variables", "ls", space, "--json").stdout)
    assert listed["MODEL"]["value"] == "m1"
    hfhub_cli("spaces", "variables", "delete", space, "TEMPERATURE")
    hfhub_cli("spaces", "secrets", "add", space, "-s", "TOKEN=cli-s3cret")
    out = hfhub_cli("spaces", "secrets", "ls", space, "--json").stdout
    assert "TOKEN" in json.loads(out) and "cli-s3cret" not in out
    assert json.loads(hfhub_cli("spaces", "pause", space, "--json").stdout)["stage"] == "PAUSED"
    assert api.get_space_runtime(space).stage == "PAUSED"
    assert json.loads(hfhub_cli("spaces", "restart", space, "--json").stdout)["stage"] == "NO_APP_FILE"
    settings = json.loads(hfhub_cli("spaces", "settings", space, "--hardware", "t4-small", "--json").stdout)
    assert settings["hardware"]["requested"] == "t4-small"
    hfhub_cli("spaces", "duplicate", space, space + "-copy", "--private")
    assert api.space_info(space + "-copy").private is True
    assert list(api.get_space_variables(space + "-copy")) == ["MODEL"]
