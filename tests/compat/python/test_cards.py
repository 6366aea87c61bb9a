"""Repo cards: ModelCard / DatasetCard load and push_to_hub, metadata_update, and the card data the
server parses out of README.md into model_info().card_data."""
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


def test_model_card_push_and_load(api, new_repo, token):
    repo_id = new_repo()
    ModelCard(CARD).push_to_hub(repo_id, token=token)
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


def test_model_card_built_from_card_data(api, new_repo, token):
    repo_id = new_repo()
    data = ModelCardData(language="fr", license="apache-2.0", library_name="timm", tags=["vision"])
    card = ModelCard(f"---\n{data.to_yaml()}\n---\n\n# Tiny vision\n")
    card.push_to_hub(repo_id, token=token, commit_message="Add card")
    assert api.list_repo_commits(repo_id)[0].title == "Add card"
    loaded = ModelCard.load(repo_id, token=token)
    assert loaded.data.license == "apache-2.0" and loaded.data.library_name == "timm"
    assert api.model_info(repo_id).card_data.tags == ["vision"]


def test_card_push_as_pull_request(api, new_repo, token):
    repo_id = new_repo()
    ModelCard(CARD).push_to_hub(repo_id, token=token)
    commit = ModelCard(CARD.replace("mit", "apache-2.0")).push_to_hub(repo_id, token=token, create_pr=True)
    assert commit.pr_url.endswith(f"{repo_id}/discussions/{commit.pr_num}")
    assert ModelCard.load(repo_id, token=token).data.license == "mit"
    assert api.model_info(repo_id, revision=commit.pr_revision).card_data.license == "apache-2.0"


def test_metadata_update_merges_and_overwrites(api, new_repo, token, tmp_path):
    repo_id = new_repo()
    ModelCard(CARD).push_to_hub(repo_id, token=token)
    metadata_update(repo_id, {"datasets": ["squad"], "language": ["en"]}, token=token)
    meta = metadata_load(hf_hub_download(repo_id, "README.md", token=token, cache_dir=tmp_path / "a"))
    assert meta["datasets"] == ["squad"]
    assert meta["tags"] == ["text-classification", "tiny"]
    metadata_update(repo_id, {"tags": ["extra"]}, overwrite=True, token=token)
    assert api.model_info(repo_id).card_data.tags == ["extra"]
    with pytest.raises(ValueError):
        metadata_update(repo_id, {"license": "apache-2.0"}, token=token)  # a conflicting value without overwrite
    metadata_update(repo_id, {"license": "apache-2.0"}, overwrite=True, token=token)
    assert api.model_info(repo_id).card_data.license == "apache-2.0"
    assert "# Tiny model" in ModelCard.load(repo_id, token=token).text


def test_repo_card_push_to_a_dataset(api, new_repo, token):
    repo_id = new_repo(repo_type="dataset")
    RepoCard("---\nlicense: cc-by-4.0\ntask_categories:\n- text-classification\n---\n# Data\n").push_to_hub(
        repo_id, repo_type="dataset", token=token)
    card = DatasetCard.load(repo_id, token=token)
    assert card.data.license == "cc-by-4.0"
    info = api.dataset_info(repo_id)
    assert info.card_data.license == "cc-by-4.0"
    assert "license:cc-by-4.0" in info.tags


def test_card_of_a_private_repo_needs_the_token(new_repo, token, other_token):
    repo_id = new_repo(private=True)
    ModelCard(CARD).push_to_hub(repo_id, token=token)
    # Before any load with the token: the client serves a cached card even when the Hub says no.
    for bad in (False, other_token):
        with pytest.raises(RepositoryNotFoundError):
            ModelCard.load(repo_id, token=bad)
    assert ModelCard.load(repo_id, token=token).data.license == "mit"
