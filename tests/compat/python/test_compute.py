"""Compute through the real client (docs/compute.md): hfhubd has no machines, so the Jobs API
answers 501 NotImplemented with a message saying so, and huggingface_hub raises a clear
HfHubHTTPError carrying it. The Inference Endpoints and Catalog methods cannot be pointed at hfhubd
(huggingface_hub hard-codes their hosts), so their 501s are checked by the C++ integration tests.
The Jobs methods exist since huggingface_hub 0.34; each test skips on a version without them
(`hasattr`), so the suite runs on every version of versions.txt."""
import huggingface_hub
import pytest
from huggingface_hub.utils import HfHubHTTPError

# Before 1.0, run_job and create_scheduled_job posted to https://huggingface.co whatever the
# endpoint, so they cannot reach hfhubd there (the other Jobs methods follow HF_ENDPOINT).
_POSTS_TO_HUB_ONLY = int(huggingface_hub.__version__.split(".")[0]) < 1


def _expect_501(call):
    # The error type depends on the version's HTTP layer: HfHubHTTPError where a method goes
    # through hf_raise_for_status, but requests.HTTPError (before 1.0) or httpx.HTTPStatusError
    # (1.19) where a Jobs method calls raise_for_status() itself. Each carries the response, which
    # is what hfhubd answers and what is checked here.
    with pytest.raises(Exception) as info:
        call()
    response = getattr(info.value, "response", None)
    assert response is not None, repr(info.value)
    assert response.status_code == 501
    assert response.headers.get("X-Error-Code") == "NotImplemented"
    assert "hfhubd has no compute" in response.text
    if isinstance(info.value, HfHubHTTPError):
        assert "hfhubd has no compute" in str(info.value)


def _need(api, name):
    if not hasattr(api, name):
        pytest.skip(f"this huggingface_hub has no HfApi.{name}")


def test_run_job_is_501(api, user):
    _need(api, "run_job")
    if _POSTS_TO_HUB_ONLY:
        pytest.skip("this huggingface_hub's run_job always posts to huggingface.co")
    _expect_501(lambda: api.run_job(image="python:3.12", command=["python", "-c", "print(1)"], namespace=user))


def test_inspect_list_and_cancel_jobs_are_501(api, user):
    _need(api, "inspect_job")
    _expect_501(lambda: api.inspect_job(job_id="687f0000000000000000abcd", namespace=user))
    _expect_501(lambda: list(api.list_jobs(namespace=user)))
    _expect_501(lambda: api.cancel_job(job_id="687f0000000000000000abcd", namespace=user))


def test_scheduled_jobs_are_501(api, user):
    _need(api, "create_scheduled_job")
    if not _POSTS_TO_HUB_ONLY:
        _expect_501(
            lambda: api.create_scheduled_job(image="python:3.12", command=["true"], schedule="@hourly", namespace=user)
        )
    _expect_501(lambda: api.list_scheduled_jobs(namespace=user))
    _expect_501(lambda: api.delete_scheduled_job(scheduled_job_id="s1", namespace=user))
