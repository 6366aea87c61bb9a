"""Collections through the real client (docs/collections.md): a collection's life cycle with the
quirks huggingface_hub relies on: list answers carry at most 4 items and no `position`, get
carries them all, `exists_ok` on create reads the slug from the 409, adding the same item twice
is a 409 that `exists_ok` absorbs, a renamed collection keeps its id, and a private collection
is a 404 for another user's token. The collection methods exist in every tested version (since
huggingface_hub 0.15)."""
import pytest
from huggingface_hub import HfApi
from huggingface_hub.utils import HfHubHTTPError


def _status(err):
    return err.value.response.status_code


@pytest.fixture
def collection(api, unique_name):
    """A public collection of the test user; deleted afterwards."""
    made = []

    def make(title=None, **kwargs):
        c = api.create_collection(title or unique_name("Col"), **kwargs)
        made.append(c.slug)
        return c

    yield make
    for slug in made:
        api.delete_collection(slug, missing_ok=True)


def test_life_cycle_with_items(api, user, collection, new_repo):
    repos = [new_repo() for _ in range(4)]
    dataset = new_repo(repo_type="dataset")
    space = new_repo(repo_type="space")
    c = collection(description="six items", private=False)
    assert c.slug.startswith(f"{user}/") and len(c.slug.rsplit("-", 1)[1]) == 24
    assert c.owner["name"] == user if isinstance(c.owner, dict) else c.owner == user
    assert c.items == [] and c.private is False and c.description == "six items"

    for r in repos:
        c = api.add_collection_item(c.slug, r, "model", note=f"note for {r}")
    c = api.add_collection_item(c.slug, dataset, "dataset")
    c = api.add_collection_item(c.slug, "2311.12983", "paper")
    c = api.add_collection_item(c.slug, space, "space")
    assert [i.item_type for i in c.items] == ["model"] * 4 + ["dataset", "paper", "space"]
    assert [i.position for i in c.items] == list(range(7))
    assert c.items[0].note == f"note for {repos[0]}" and c.items[4].note is None
    assert c.items[5].item_id == "2311.12983"

    # The list answer carries at most 4 items; get carries all of them.
    listed = [x for x in api.list_collections(owner=user, limit=100) if x.slug == c.slug]
    assert len(listed) == 1 and len(listed[0].items) == 4
    assert len(api.get_collection(c.slug).items) == 7
    assert any(x.slug == c.slug for x in api.list_collections(item=f"datasets/{dataset}"))
    assert any(x.slug == c.slug for x in api.list_collections(item="papers/2311.12983", sort="lastModified"))

    # Move the last item first, note it, remove another.
    last = c.items[-1]
    api.update_collection_item(c.slug, last.item_object_id, note="now first", position=0)
    c = api.get_collection(c.slug)
    assert c.items[0].item_id == space and c.items[0].note == "now first"
    assert [i.position for i in c.items] == list(range(7))
    api.delete_collection_item(c.slug, c.items[1].item_object_id)
    api.delete_collection_item(c.slug, "0" * 24, missing_ok=True)
    assert len(api.get_collection(c.slug).items) == 6


def test_exists_ok_and_same_item_twice(api, collection, new_repo, unique_name):
    title = unique_name("Twice")
    c = collection(title)
    with pytest.raises(HfHubHTTPError) as err:
        api.create_collection(title)
    assert _status(err) == 409
    again = api.create_collection(title, exists_ok=True)
    assert again.slug == c.slug

    repo = new_repo()
    api.add_collection_item(c.slug, repo, "model")
    with pytest.raises(HfHubHTTPError) as err:
        api.add_collection_item(c.slug, repo, "model")
    assert _status(err) == 409
    c = api.add_collection_item(c.slug, repo, "model", exists_ok=True)
    assert len(c.items) == 1


def test_rename_keeps_the_id(api, user, collection, unique_name):
    c = collection()
    new_title = unique_name("Renamed")
    updated = api.update_collection_metadata(c.slug, title=new_title, theme="green", description="d")
    assert updated.slug != c.slug and updated.slug.endswith(c.slug[-24:])
    assert updated.title == new_title and updated.theme == "green" and updated.description == "d"
    # The old slug (stale title, same id) still finds it.
    assert api.get_collection(c.slug).slug == updated.slug
    api.delete_collection(updated.slug)
    with pytest.raises(HfHubHTTPError) as err:
        api.get_collection(updated.slug)
    assert _status(err) == 404
    api.delete_collection(updated.slug, missing_ok=True)


def test_private_collection_is_hidden_from_others(api, user, org, other_token, collection, new_repo):
    c = collection(private=True)
    private_repo = new_repo(private=True)
    public_repo = new_repo()
    api.add_collection_item(c.slug, private_repo, "model")
    other = HfApi(token=other_token)
    with pytest.raises(HfHubHTTPError) as err:
        other.get_collection(c.slug)
    assert _status(err) == 404
    assert all(x.slug != c.slug for x in other.list_collections(owner=user, limit=100))
    assert any(x.slug == c.slug for x in api.list_collections(owner=user, limit=100))

    # A public collection holding a private repo: others do not see that item.
    public = collection()
    api.add_collection_item(public.slug, private_repo, "model")
    api.add_collection_item(public.slug, public_repo, "model")
    assert [i.item_id for i in other.get_collection(public.slug).items] == [public_repo]
    assert len(api.get_collection(public.slug).items) == 2
    # Others may not add the private repo anywhere, nor write to this collection.
    with pytest.raises(HfHubHTTPError) as err:
        other.add_collection_item(public.slug, public_repo, "model")
    assert _status(err) == 403

    # An org's private collection is visible to its members.
    org_col = collection(namespace=org, private=True)
    assert api.get_collection(org_col.slug).owner is not None
    with pytest.raises(HfHubHTTPError) as err:
        other.get_collection(org_col.slug)
    assert _status(err) == 404


def test_bad_items(api, collection):
    c = collection()
    with pytest.raises(HfHubHTTPError) as err:
        api.add_collection_item(c.slug, "nobody/missing-repo", "model")
    assert _status(err) == 404
    with pytest.raises(HfHubHTTPError) as err:
        api.add_collection_item(c.slug, "2311.12983", "paper", note="x" * 501)
    assert _status(err) == 400
