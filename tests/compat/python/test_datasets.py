"""datasets against hfhubd: a small parquet dataset (written with pyarrow) and a CSV dataset, uploaded by
the test, then load_dataset(repo_id) into a fresh cache, and with streaming=True (range reads through
HfFileSystem)."""
import pytest

pytestmark = pytest.mark.full

ROWS = [{"id": i, "text": f"row {i}", "label": i % 3} for i in range(50)]


@pytest.fixture
def parquet_repo(api, new_repo, tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    repo_id = new_repo(repo_type="dataset")
    folder = tmp_path / "parquet-data"
    (folder / "data").mkdir(parents=True)
    table = pa.Table.from_pylist(ROWS)
    pq.write_table(table.slice(0, 40), folder / "data" / "train-00000-of-00001.parquet", row_group_size=10)
    pq.write_table(table.slice(40), folder / "data" / "test-00000-of-00001.parquet")
    api.upload_folder(repo_id=repo_id, folder_path=folder, repo_type="dataset", commit_message="parquet")
    return repo_id


@pytest.fixture
def csv_repo(api, new_repo):
    repo_id = new_repo(repo_type="dataset")
    body = "id,text,label\n" + "".join(f"{r['id']},{r['text']},{r['label']}\n" for r in ROWS)
    api.upload_file(path_or_fileobj=body.encode(), path_in_repo="train.csv", repo_id=repo_id, repo_type="dataset")
    return repo_id


def test_load_a_parquet_dataset(parquet_repo, tmp_path):
    from datasets import load_dataset

    ds = load_dataset(parquet_repo, cache_dir=str(tmp_path / "cache"))
    assert sorted(ds.keys()) == ["test", "train"]
    assert ds["train"].num_rows == 40 and ds["test"].num_rows == 10
    assert ds["train"][3] == ROWS[3]
    assert ds["test"]["id"] == list(range(40, 50))


def test_load_a_csv_dataset(csv_repo, tmp_path):
    from datasets import load_dataset

    ds = load_dataset(csv_repo, cache_dir=str(tmp_path / "cache"))
    assert list(ds.keys()) == ["train"]
    assert ds["train"].num_rows == len(ROWS)
    assert ds["train"][7] == ROWS[7]
    assert ds["train"].column_names == ["id", "text", "label"]


def test_stream_a_parquet_dataset(parquet_repo):
    from datasets import load_dataset

    stream = load_dataset(parquet_repo, split="train", streaming=True)
    assert [row["id"] for row in stream] == list(range(40))
    assert list(stream.take(2)) == ROWS[:2]


def test_stream_a_csv_dataset(csv_repo):
    from datasets import load_dataset

    stream = load_dataset(csv_repo, split="train", streaming=True)
    assert list(stream) == ROWS


def test_load_at_a_revision_and_a_private_dataset(api, new_repo, token, tmp_path):
    from datasets import load_dataset

    repo_id = new_repo(repo_type="dataset", private=True)
    api.upload_file(path_or_fileobj=b"a,b\n1,2\n", path_in_repo="data.csv", repo_id=repo_id, repo_type="dataset")
    api.create_branch(repo_id, branch="v2", repo_type="dataset")
    api.upload_file(path_or_fileobj=b"a,b\n1,2\n3,4\n", path_in_repo="data.csv", repo_id=repo_id,
                    repo_type="dataset", revision="v2")
    main = load_dataset(repo_id, split="train", token=token, cache_dir=str(tmp_path / "c1"))
    assert main.to_list() == [{"a": 1, "b": 2}]
    v2 = load_dataset(repo_id, split="train", revision="v2", token=token, cache_dir=str(tmp_path / "c2"))
    assert v2.to_list() == [{"a": 1, "b": 2}, {"a": 3, "b": 4}]
    streamed = load_dataset(repo_id, split="train", revision="v2", token=token, streaming=True)
    assert list(streamed) == v2.to_list()
    from datasets.exceptions import DatasetNotFoundError
    with pytest.raises(DatasetNotFoundError):
        load_dataset(repo_id, split="train", token=False, cache_dir=str(tmp_path / "c3"))


def test_push_to_hub_with_configs_then_load_each(api, user, unique_name, token, tmp_path):
    from datasets import (Dataset, DatasetDict, get_dataset_config_names, get_dataset_split_names,
                          load_dataset)

    repo_id = f"{user}/{unique_name()}"
    DatasetDict({"train": Dataset.from_list(ROWS[:30]), "test": Dataset.from_list(ROWS[30:])}).push_to_hub(
        repo_id, token=token)
    Dataset.from_dict({"q": [1.5, 2.5]}).push_to_hub(repo_id, config_name="other", token=token)
    assert get_dataset_config_names(repo_id, token=token) == ["default", "other"]
    assert sorted(get_dataset_split_names(repo_id, token=token)) == ["test", "train"]
    default = load_dataset(repo_id, token=token, cache_dir=str(tmp_path / "c1"))
    assert default["train"].num_rows == 30 and default["test"][0] == ROWS[30]
    other = load_dataset(repo_id, "other", split="train", token=token, cache_dir=str(tmp_path / "c2"))
    assert other.to_list() == [{"q": 1.5}, {"q": 2.5}]
    assert list(load_dataset(repo_id, "other", split="train", streaming=True, token=token)) == other.to_list()
    # The card push_to_hub wrote: the server derives its configs and size category into the repo info.
    card = api.dataset_info(repo_id).card_data
    assert [c["config_name"] for c in card.configs] == ["default", "other"]
