"""Listings over the seeded catalog (300 demo models, 30 datasets, 10 spaces): filters, search, sort,
limit and expand, and model_info / dataset_info with expand."""
import itertools

import pytest
from huggingface_hub import DatasetInfo, ModelInfo


@pytest.fixture(scope="module")
def fixture_accounts(user, org, other_user):
    return {user, org, other_user}


@pytest.fixture(scope="module")
def all_models(api, fixture_accounts):
    """The seeded models (the tests' own repos live under the fixture accounts and come and go)."""
    return [m for m in api.list_models(full=True, cardData=True) if m.author not in fixture_accounts]


@pytest.fixture(scope="module")
def busiest_author(all_models):
    counts = {}
    for m in all_models:
        counts[m.author] = counts.get(m.author, 0) + 1
    return max(counts, key=counts.get)


def test_the_seeded_catalog_is_listed_in_pages(api, all_models):
    assert len(all_models) == 300
    assert len({m.id for m in all_models}) == len(all_models)  # no page repeats a model
    assert all(isinstance(m, ModelInfo) and "/" in m.id for m in all_models)
    assert len(list(api.list_datasets())) >= 30
    assert len(list(api.list_spaces())) >= 10


def test_limit_stops_the_iteration(api):
    assert len(list(api.list_models(limit=7))) == 7
    assert len(list(api.list_datasets(limit=3))) == 3
    assert len(list(itertools.islice(api.list_models(), 5))) == 5


def test_filter_by_author(api, busiest_author, all_models):
    expected = sorted(m.id for m in all_models if m.author == busiest_author)
    got = sorted(m.id for m in api.list_models(author=busiest_author))
    assert got == expected and len(got) > 1


def test_filter_by_pipeline_tag_and_tags(api):
    gen = list(api.list_models(pipeline_tag="text-generation", limit=50))
    assert gen and all(m.pipeline_tag == "text-generation" for m in gen)
    both = list(api.list_models(filter=["transformers", "license:apache-2.0"], limit=50))
    assert both and all({"transformers", "license:apache-2.0"} <= set(m.tags) for m in both)
    assert list(api.list_models(filter="no-such-tag-anywhere")) == []


def test_search_matches_the_repo_name(api, all_models):
    word = all_models[0].id.split("/")[1].split("-")[0]
    found = list(api.list_models(search=word))
    assert found and all(word.lower() in m.id.lower() for m in found)
    assert list(api.list_models(search="zz-no-model-has-this-zz")) == []


def test_sort_by_downloads_and_likes_descending(api):
    by_downloads = [m.downloads for m in api.list_models(sort="downloads", limit=40)]
    assert by_downloads == sorted(by_downloads, reverse=True) and by_downloads[0] > 0
    by_likes = [m.likes for m in api.list_models(sort="likes", limit=40)]
    assert by_likes == sorted(by_likes, reverse=True)
    recent = [m.created_at for m in api.list_models(sort="created_at", limit=20)]
    assert recent == sorted(recent, reverse=True)
    datasets = [d.downloads for d in api.list_datasets(sort="downloads", limit=10)]
    assert datasets == sorted(datasets, reverse=True)


def test_expand_returns_only_the_asked_fields(api):
    models = list(api.list_models(expand=["downloads", "likes", "pipeline_tag", "sha"], limit=5))
    assert len(models) == 5
    for m in models:
        assert isinstance(m.downloads, int) and isinstance(m.likes, int)
        assert m.sha and len(m.sha) == 40
        assert m.tags is None and m.siblings is None  # not asked for
    with_author = next(iter(api.list_models(expand=["author", "createdAt", "lastModified"], limit=1)))
    assert with_author.author == with_author.id.split("/")[0]
    assert with_author.created_at and with_author.last_modified


def test_full_listing_has_siblings_and_card_data(api):
    m = next(iter(api.list_models(full=True, cardData=True, limit=1)))
    assert m.siblings and all(s.rfilename for s in m.siblings)
    assert m.sha and m.last_modified


def test_model_info_with_expand(api, all_models):
    repo_id = next(m.id for m in all_models if m.pipeline_tag == "text-generation" and m.card_data)
    info = api.model_info(repo_id, expand=["downloads", "likes", "tags", "pipeline_tag", "siblings"])
    assert info.id == repo_id and info.pipeline_tag == "text-generation"
    assert info.siblings and "text-generation" in info.tags
    assert info.card_data is None  # not asked for
    carded = api.model_info(repo_id, expand=["cardData"])
    assert carded.card_data is not None and carded.siblings is None
    full = api.model_info(repo_id)
    assert full.sha and full.siblings and full.card_data is not None


def test_model_info_files_metadata(api, new_repo):
    repo_id = new_repo()
    api.upload_file(path_or_fileobj=b"x" * 100, path_in_repo="w.bin", repo_id=repo_id)
    info = api.model_info(repo_id, files_metadata=True)
    by_name = {s.rfilename: s for s in info.siblings}
    assert by_name["w.bin"].size == 100 and len(by_name["w.bin"].blob_id) == 40
    assert by_name["w.bin"].lfs.sha256 and by_name["w.bin"].lfs.size == 100
    assert by_name[".gitattributes"].lfs is None


def test_dataset_listing_and_info(api):
    datasets = list(api.list_datasets(full=True, limit=30))
    assert datasets and all(isinstance(d, DatasetInfo) for d in datasets)
    first = next(d for d in datasets if any(t.startswith("task_categories:") for t in d.tags))
    info = api.dataset_info(first.id)
    assert info.id == first.id and info.sha and info.siblings
    expanded = api.dataset_info(first.id, expand=["downloads", "tags", "description"])
    assert expanded.tags == info.tags and expanded.siblings is None
    tag = next(t for t in info.tags if t.startswith("task_categories:"))
    assert all(tag in d.tags for d in api.list_datasets(filter=tag))
    assert list(api.list_datasets(author=first.author))


def test_dataset_filters_by_author_and_search(api, fixture_accounts):
    datasets = [d for d in api.list_datasets(full=True) if d.author not in fixture_accounts]
    author = datasets[0].author
    assert {d.id for d in api.list_datasets(author=author)} == {d.id for d in datasets if d.author == author}
    word = datasets[0].id.split("/")[1].split("-")[0]
    assert all(word in d.id for d in api.list_datasets(search=word))


def test_new_repos_appear_in_listings(api, new_repo, user):
    repo_id = new_repo()
    assert repo_id in [m.id for m in api.list_models(author=user)]
    private_id = new_repo(private=True)
    assert private_id in [m.id for m in api.list_models(author=user)]  # the owner sees it
    import huggingface_hub
    anon = huggingface_hub.HfApi(token=False)
    assert private_id not in [m.id for m in anon.list_models(author=user)]
    assert repo_id in [m.id for m in anon.list_models(author=user)]
