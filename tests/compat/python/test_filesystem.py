"""HfFileSystem, the client's fsspec filesystem: listing, globbing, reading and writing (writes go through
preupload + commit), removing and copying, on main and at a revision."""
import pytest
from huggingface_hub import CommitOperationAdd, HfFileSystem

FILES = {
    "a.txt": b"alpha\n",
    "b.txt": b"bravo\n",
    "data/c.csv": b"x,y\n1,2\n",
    "data/sub/d.txt": b"delta\n",
    "big.bin": bytes(range(256)) * 64,
}


@pytest.fixture
def fs(token):
    # A fresh instance, so no test sees another's directory cache.
    return HfFileSystem(token=token, skip_instance_cache=True)


@pytest.fixture
def repo(api, new_repo):
    repo_id = new_repo()
    api.create_commit(repo_id, [CommitOperationAdd(p, d) for p, d in FILES.items()], commit_message="files")
    api.create_branch(repo_id, branch="dev")
    api.upload_file(path_or_fileobj=b"only on dev\n", path_in_repo="dev-only.txt", repo_id=repo_id, revision="dev")
    return repo_id


def _names(entries, repo_id):
    return sorted(e["name"][len(repo_id) + 1:] if isinstance(e, dict) else e[len(repo_id) + 1:] for e in entries)


def test_ls_lists_files_and_folders_with_details(fs, repo):
    entries = fs.ls(repo, detail=True)
    by_name = {e["name"]: e for e in entries}
    assert _names(entries, repo) == [".gitattributes", "a.txt", "b.txt", "big.bin", "data"]
    assert by_name[f"{repo}/a.txt"]["type"] == "file"
    assert by_name[f"{repo}/a.txt"]["size"] == len(FILES["a.txt"])
    assert by_name[f"{repo}/data"]["type"] == "directory"
    assert _names(fs.ls(f"{repo}/data", detail=False), repo) == ["data/c.csv", "data/sub"]


def test_ls_and_glob_at_a_revision(fs, repo):
    assert "dev-only.txt" in _names(fs.ls(f"{repo}@dev", detail=False), f"{repo}@dev")
    assert "dev-only.txt" not in _names(fs.ls(repo, detail=False), repo)
    assert sorted(fs.glob(f"hf://{repo}@dev/*.txt")) == [f"{repo}@dev/{n}" for n in ("a.txt", "b.txt", "dev-only.txt")]
    assert sorted(fs.glob(f"hf://{repo}/*.txt")) == [f"{repo}/a.txt", f"{repo}/b.txt"]
    assert fs.cat(f"{repo}@dev/dev-only.txt") == b"only on dev\n"


def test_glob_recursive_and_find(fs, repo):
    assert sorted(fs.glob(f"{repo}/**/*.txt")) == [f"{repo}/{n}" for n in ("a.txt", "b.txt", "data/sub/d.txt")]
    assert _names(fs.find(f"{repo}/data"), repo) == ["data/c.csv", "data/sub/d.txt"]
    found = fs.find(repo, withdirs=True, detail=True)
    assert found[f"{repo}/data/sub"]["type"] == "directory"
    assert found[f"{repo}/big.bin"]["size"] == len(FILES["big.bin"])
    assert _names(fs.find(f"{repo}", maxdepth=1), repo) == [".gitattributes", "a.txt", "b.txt", "big.bin"]


def test_info_exists_isdir_isfile(fs, repo):
    info = fs.info(f"{repo}/data/c.csv")
    assert info["type"] == "file" and info["size"] == len(FILES["data/c.csv"])
    assert info["last_commit"] is None or info["last_commit"].oid
    assert fs.info(f"{repo}/data")["type"] == "directory"
    assert fs.exists(f"{repo}/a.txt") and fs.isfile(f"{repo}/a.txt")
    assert fs.isdir(f"{repo}/data/sub")
    assert not fs.exists(f"{repo}/nope.txt")
    assert not fs.exists(f"{repo}@no-such-branch/a.txt")
    with pytest.raises(FileNotFoundError):
        fs.info(f"{repo}/nope.txt")
    root = fs.info(repo)
    assert root["type"] == "directory" and fs.isdir(repo) and fs.exists(f"{repo}@dev")
    assert not fs.exists(f"{repo}-no-such-repo")


def test_open_reads_whole_and_ranges(fs, repo):
    with fs.open(f"{repo}/big.bin", "rb") as f:
        assert f.read() == FILES["big.bin"]
    with fs.open(f"{repo}/big.bin", "rb", block_size=100) as f:
        f.seek(1000)
        assert f.read(20) == FILES["big.bin"][1000:1020]
    assert fs.read_text(f"{repo}/data/sub/d.txt") == "delta\n"


def test_open_for_write_commits_the_file(api, fs, repo):
    with fs.open(f"{repo}/new/written.txt", "wb") as f:
        f.write(b"written ")
        f.write(b"through fsspec\n")
    assert fs.cat(f"{repo}/new/written.txt") == b"written through fsspec\n"
    assert "new/written.txt" in api.list_repo_files(repo)
    fs.write_text(f"{repo}@dev/dev-note.txt", "on dev")
    assert api.list_repo_files(repo, revision="dev").count("dev-note.txt") == 1
    assert "dev-note.txt" not in api.list_repo_files(repo)
    fs.pipe(f"{repo}/piped.bin", FILES["big.bin"] * 4)
    assert fs.info(f"{repo}/piped.bin")["size"] == len(FILES["big.bin"]) * 4


def test_rm_removes_files_and_folders(api, fs, repo):
    fs.rm(f"{repo}/a.txt")
    assert not fs.exists(f"{repo}/a.txt")
    fs.rm(f"{repo}/data", recursive=True)
    assert not fs.exists(f"{repo}/data/c.csv")
    assert sorted(api.list_repo_files(repo)) == [".gitattributes", "b.txt", "big.bin"]


def test_cp_within_and_across_repos(api, fs, repo, new_repo):
    fs.cp(f"{repo}/a.txt", f"{repo}/copies/a.txt")
    assert fs.cat(f"{repo}/copies/a.txt") == FILES["a.txt"]
    fs.cp(f"{repo}/big.bin", f"{repo}/copies/big.bin")
    assert fs.cat(f"{repo}/copies/big.bin") == FILES["big.bin"]
    other = new_repo(repo_type="dataset")
    fs.cp(f"{repo}/data/c.csv", f"datasets/{other}/c.csv")
    assert fs.cat(f"datasets/{other}/c.csv") == FILES["data/c.csv"]
    assert api.list_repo_files(other, repo_type="dataset") == [".gitattributes", "c.csv"]


def test_get_downloads_to_local(fs, repo, tmp_path):
    fs.get(f"{repo}/data", str(tmp_path / "data"), recursive=True)
    assert (tmp_path / "data" / "sub" / "d.txt").read_bytes() == FILES["data/sub/d.txt"]
    assert (tmp_path / "data" / "c.csv").read_bytes() == FILES["data/c.csv"]


def test_private_repo_is_invisible_without_its_token(api, new_repo, other_token):
    repo_id = new_repo(private=True)
    api.upload_file(path_or_fileobj=b"secret", path_in_repo="s.txt", repo_id=repo_id)
    stranger = HfFileSystem(token=other_token, skip_instance_cache=True)
    assert not stranger.exists(f"{repo_id}/s.txt")
    with pytest.raises(FileNotFoundError):
        stranger.ls(repo_id)


def test_last_commit_info_and_modified(fs, repo, api):
    info = fs.info(f"{repo}/data/c.csv", expand_info=True)
    head = api.list_repo_commits(repo)[0]
    assert info["last_commit"].oid == head.commit_id
    assert info["last_commit"].title == head.title
    assert fs.modified(f"{repo}/a.txt") == head.created_at


def test_walk_du_put_and_mv(api, fs, repo, tmp_path):
    walked = {root[len(repo):]: (sorted(dirs), sorted(files)) for root, dirs, files in fs.walk(repo)}
    assert walked["/data"] == (["sub"], ["c.csv"])
    assert walked["/data/sub"] == ([], ["d.txt"])
    assert fs.du(f"{repo}/data") == len(FILES["data/c.csv"]) + len(FILES["data/sub/d.txt"])
    local = tmp_path / "local.txt"
    local.write_bytes(b"from disk\n")
    fs.put(str(local), f"{repo}/uploaded/local.txt")
    assert fs.cat(f"{repo}/uploaded/local.txt") == b"from disk\n"
    fs.mv(f"{repo}/b.txt", f"{repo}/moved/b.txt")
    files = api.list_repo_files(repo)
    assert "moved/b.txt" in files and "b.txt" not in files


def test_pull_request_revision_paths(api, fs, repo):
    commit = api.upload_file(path_or_fileobj=b"in a pr", path_in_repo="pr.txt", repo_id=repo, create_pr=True)
    pr = commit.pr_revision  # refs/pr/1
    assert fs.cat(f"{repo}@{pr}/pr.txt") == b"in a pr"
    assert f"{repo}@{pr}/pr.txt" in fs.glob(f"{repo}@{pr}/*.txt")
    assert not fs.exists(f"{repo}/pr.txt")


def test_a_dataset_repo_and_its_prefix(api, fs, new_repo):
    repo_id = new_repo(repo_type="dataset")
    fs.pipe(f"datasets/{repo_id}/train/part-0.csv", b"a\n1\n")
    assert fs.ls(f"datasets/{repo_id}/train", detail=False) == [f"datasets/{repo_id}/train/part-0.csv"]
    assert api.list_repo_files(repo_id, repo_type="dataset") == [".gitattributes", "train/part-0.csv"]
    assert not fs.exists(f"{repo_id}/train/part-0.csv")  # no prefix: a model of that name, which does not exist


def test_rm_and_cp_at_a_revision(api, fs, repo):
    fs.cp(f"{repo}@dev/dev-only.txt", f"{repo}@dev/dev-copy.txt")
    assert fs.cat(f"{repo}@dev/dev-copy.txt") == b"only on dev\n"
    fs.cp(f"{repo}@dev/dev-only.txt", f"{repo}/from-dev.txt")  # across revisions
    assert fs.cat(f"{repo}/from-dev.txt") == b"only on dev\n"
    fs.cp(f"{repo}/big.bin", f"{repo}@dev/big-copy.bin")  # an LFS file, from main onto dev
    assert fs.cat(f"{repo}@dev/big-copy.bin") == FILES["big.bin"]
    fs.rm(f"{repo}@dev/dev-only.txt")
    assert "dev-only.txt" not in api.list_repo_files(repo, revision="dev")
    assert "from-dev.txt" in api.list_repo_files(repo)
