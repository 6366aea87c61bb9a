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
