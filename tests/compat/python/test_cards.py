"""Repo cards: ModelCard / DatasetCard load and push_to_hub, metadata_update, and the card data the
server parses out of README.md into model_info().card_data.

push_to_hub and metadata_update first validate the card with POST /api/validate-yaml. Before 2.2 the
client sends that to https://huggingface.co whatever HF_ENDPOINT says, so against hfhubd (and with no
route to huggingface.co) they run from 2.2 on; the older clients write the README with upload_file."""
import pytest
from huggingface_hub import (DatasetCard, ModelCard, ModelCardData, RepoCard, hf_hub_download,
                             metadata_load, metadata_update)
from huggingface_hub.utils import RepositoryNotFoundError

CARD = """---
license: mit
language:
- en
tags:
- text-classification
- tiny
pipeline_tag: text-classification
library_name: transformers
---

# Tiny model

A card written by the compatibility test.
"""

validates_at_the_endpoint = pytest.mark.since("2.2")


def _upload_card(api, repo_id, text, repo_type="model", **kwargs):
    return api.upload_file(path_or_fileobj=text.encode(), path_in_repo="README.md", repo_id=repo_id,
                           repo_type=repo_type, **kwargs)


def test_model_card_load_and_card_data(api, new_repo, token):
    repo_id = new_repo()
    _upload_card(api, repo_id, CARD)
    card = ModelCard.load(repo_id, token=token)
    assert card.data.license == "mit"
    assert card.data.tags == ["text-classification", "tiny"]
    assert "# Tiny model" in card.text
    info = api.model_info(repo_id)
    assert info.card_data.license == "mit"
    assert info.card_data.language == ["en"]
    assert info.pipeline_tag == "text-classification"
    assert info.library_name == "transformers"
    assert {"tiny", "text-classification", "license:mit"} <= set(info.tags)


def test_card_data_at_a_pull_request(api, new_repo):
    repo_id = new_repo()
    _upload_card(api, repo_id, CARD)
    commit = _upload_card(api, repo_id, CARD.replace("mit", "apache-2.0"), create_pr=True)
    assert commit.pr_url.endswith(f"{repo_id}/discussions/{commit.pr_num}")
    assert api.model_info(repo_id).card_data.license == "mit"
    at_pr = api.model_info(repo_id, revision=commit.pr_revision)
    assert at_pr.card_data.license == "apache-2.0" and "license:apache-2.0" in at_pr.tags


def test_dataset_card_load_and_card_data(api, new_repo, token):
    repo_id = new_repo(repo_type="dataset")
    _upload_card(api, repo_id, "---\nlicense: cc-by-4.0\ntask_categories:\n- text-classification\n---\n# Data\n",
                 repo_type="dataset")
    assert DatasetCard.load(repo_id, token=token).data.license == "cc-by-4.0"
    info = api.dataset_info(repo_id)
    assert info.card_data.license == "cc-by-4.0"
    assert {"license:cc-by-4.0", "task_categories:text-classification"} <= set(info.tags)


def test_card_of_a_private_repo_needs_the_token(api, new_repo, token, other_token):
    repo_id = new_repo(private=True)
    _upload_card(api, repo_id, CARD)
    # Before any load with the token: the client serves a cached card even when the Hub says no.
    for bad in (False, other_token):
        with pytest.raises(RepositoryNotFoundError):
            ModelCard.load(repo_id, token=bad)
    assert ModelCard.load(repo_id, token=token).data.license == "mit"


@validates_at_the_endpoint
def test_model_card_push_to_hub(api, new_repo, token):
    repo_id = new_repo()
    ModelCard(CARD).push_to_hub(repo_id, token=token, commit_message="Add card")
    assert api.list_repo_commits(repo_id)[0].title == "Add card"
    assert ModelCard.load(repo_id, token=token).data.license == "mit"
    assert api.model_info(repo_id).card_data.tags == ["text-classification", "tiny"]


@validates_at_the_endpoint
def test_card_built_from_card_data_and_pushed_as_a_pull_request(api, new_repo, token):
    repo_id = new_repo()
    data = ModelCardData(language="fr", license="apache-2.0", library_name="timm", tags=["vision"])
    ModelCard(f"---\n{data.to_yaml()}\n---\n\n# Tiny vision\n").push_to_hub(repo_id, token=token)
    assert api.model_info(repo_id).card_data.library_name == "timm"
    commit = ModelCard(CARD).push_to_hub(repo_id, token=token, create_pr=True)
    assert commit.pr_revision == f"refs/pr/{commit.pr_num}"
    assert api.model_info(repo_id, revision=commit.pr_revision).card_data.license == "mit"
    assert ModelCard.load(repo_id, token=token).data.license == "apache-2.0"


@validates_at_the_endpoint
def test_an_invalid_card_is_refused_before_the_push(api, new_repo, token):
    repo_id = new_repo()
    with pytest.raises(ValueError, match="license"):
        ModelCard("---\nlicense:\n  name: mit\n---\n# Bad\n").push_to_hub(repo_id, token=token)
    assert "README.md" not in api.list_repo_files(repo_id)


@validates_at_the_endpoint
def test_metadata_update_merges_and_overwrites(api, new_repo, token, tmp_path):
    repo_id = new_repo()
    _upload_card(api, repo_id, CARD)
    metadata_update(repo_id, {"datasets": ["squad"], "language": ["en"]}, token=token)
    meta = metadata_load(hf_hub_download(repo_id, "README.md", token=token, cache_dir=tmp_path / "a"))
    assert meta["datasets"] == ["squad"]
    assert meta["tags"] == ["text-classification", "tiny"]
    with pytest.raises(ValueError):
        metadata_update(repo_id, {"license": "apache-2.0"}, token=token)  # a conflicting value without overwrite
    metadata_update(repo_id, {"license": "apache-2.0", "tags": ["extra"]}, overwrite=True, token=token)
    info = api.model_info(repo_id)
    assert info.card_data.license == "apache-2.0" and info.card_data.tags == ["extra"]
    assert "# Tiny model" in ModelCard.load(repo_id, token=token).text


@validates_at_the_endpoint
def test_repo_card_push_to_a_dataset(api, new_repo, token):
    repo_id = new_repo(repo_type="dataset")
    RepoCard("---\nlicense: cc-by-4.0\npretty_name: Tiny\n---\n# Data\n").push_to_hub(
        repo_id, repo_type="dataset", token=token)
    assert DatasetCard.load(repo_id, token=token).data.pretty_name == "Tiny"
    assert api.dataset_info(repo_id).card_data.license == "cc-by-4.0"
