"""Downloads as users make them: hf_hub_download, snapshot_download and local_dir, with patterns, at a
revision, from private repos (with and without a token) and from the cache while offline."""
import os
import subprocess
import sys

import pytest
from huggingface_hub import CommitOperationAdd, hf_hub_download, snapshot_download
from huggingface_hub.utils import EntryNotFoundError, RepositoryNotFoundError, RevisionNotFoundError

FILES = {
    "README.md": b"# hello\n",
    "config.json": b'{"a": 1}\n',
    "weights/model.bin": b"\x00\x01" * 700,
    "weights/extra.bin": b"extra-bytes",
    "docs/notes.txt": b"notes\n",
    "docs/deep/more.txt": b"more\n",
}


def _files_under(root):
    out = set()
    for folder, _, names in os.walk(root):
        for name in names:
            rel = os.path.relpath(os.path.join(folder, name), root).replace(os.sep, "/")
            if not rel.startswith(".cache/"):
                out.add(rel)
    return out


@pytest.fixture
def filled_repo(api, new_repo):
    """A model repo holding FILES on main, plus a branch 'v1' where config.json says 2."""
    def make(private=False, repo_type="model"):
        repo_id = new_repo(private=private, repo_type=repo_type)
        ops = [CommitOperationAdd(path, data) for path, data in FILES.items()]
        api.create_commit(repo_id, ops, commit_message="files", repo_type=repo_type)
        api.create_branch(repo_id, branch="v1", repo_type=repo_type)
        api.upload_file(path_or_fileobj=b'{"a": 2}\n', path_in_repo="config.json", repo_id=repo_id,
                        revision="v1", repo_type=repo_type)
        return repo_id
    return make


def test_hf_hub_download_fetches_a_file_and_its_subfolder_file(filled_repo, tmp_path):
    repo_id = filled_repo()
    path = hf_hub_download(repo_id, "config.json", cache_dir=tmp_path)
    assert open(path, "rb").read() == FILES["config.json"]
    nested = hf_hub_download(repo_id, "model.bin", subfolder="weights", cache_dir=tmp_path)
    assert open(nested, "rb").read() == FILES["weights/model.bin"]


def test_hf_hub_download_at_a_branch_and_at_a_sha(api, filled_repo, tmp_path):
    repo_id = filled_repo()
    assert open(hf_hub_download(repo_id, "config.json", revision="v1", cache_dir=tmp_path), "rb").read() \
        == b'{"a": 2}\n'
    main_sha = api.model_info(repo_id).sha
    at_sha = hf_hub_download(repo_id, "config.json", revision=main_sha, cache_dir=tmp_path)
    assert open(at_sha, "rb").read() == FILES["config.json"]
    assert main_sha in at_sha


def test_hf_hub_download_errors_name_what_is_missing(filled_repo, user, tmp_path):
    repo_id = filled_repo()
    with pytest.raises(EntryNotFoundError):
        hf_hub_download(repo_id, "nope.txt", cache_dir=tmp_path)
    with pytest.raises(RevisionNotFoundError):
        hf_hub_download(repo_id, "config.json", revision="no-such-branch", cache_dir=tmp_path)
    with pytest.raises(RepositoryNotFoundError):
        hf_hub_download(f"{user}/does-not-exist-anywhere", "config.json", cache_dir=tmp_path)


def test_hf_hub_download_from_a_dataset(filled_repo, tmp_path):
    repo_id = filled_repo(repo_type="dataset")
    path = hf_hub_download(repo_id, "docs/notes.txt", repo_type="dataset", cache_dir=tmp_path)
    assert open(path, "rb").read() == FILES["docs/notes.txt"]


def test_snapshot_download_gets_every_file(filled_repo, tmp_path):
    repo_id = filled_repo()
    folder = snapshot_download(repo_id, cache_dir=tmp_path)
    assert _files_under(folder) == set(FILES) | {".gitattributes"}
    assert open(os.path.join(folder, "weights/model.bin"), "rb").read() == FILES["weights/model.bin"]


def test_snapshot_download_with_allow_and_ignore_patterns(filled_repo, tmp_path):
    repo_id = filled_repo()
    only_txt = snapshot_download(repo_id, allow_patterns=["*.txt"], cache_dir=tmp_path / "a")
    assert _files_under(only_txt) == {"docs/notes.txt", "docs/deep/more.txt"}
    no_weights = snapshot_download(repo_id, ignore_patterns=["weights/*", "*.md"], cache_dir=tmp_path / "b")
    assert _files_under(no_weights) == {".gitattributes", "config.json", "docs/notes.txt", "docs/deep/more.txt"}
    both = snapshot_download(repo_id, allow_patterns="weights/*", ignore_patterns="*extra*",
                             cache_dir=tmp_path / "c")
    assert _files_under(both) == {"weights/model.bin"}


def test_snapshot_download_at_a_revision(filled_repo, tmp_path):
    repo_id = filled_repo()
    folder = snapshot_download(repo_id, revision="v1", allow_patterns="*.json", cache_dir=tmp_path)
    assert open(os.path.join(folder, "config.json"), "rb").read() == b'{"a": 2}\n'


def test_local_dir_downloads_with_patterns(filled_repo, tmp_path):
    repo_id = filled_repo()
    target = tmp_path / "local"
    out = snapshot_download(repo_id, local_dir=target, allow_patterns=["docs/*"], ignore_patterns=["*more*"])
    assert os.path.samefile(out, target)
    assert _files_under(target) == {"docs/notes.txt"}
    path = hf_hub_download(repo_id, "weights/extra.bin", local_dir=target)
    assert os.path.samefile(path, target / "weights" / "extra.bin")
    assert not os.path.islink(path)
    assert open(path, "rb").read() == FILES["weights/extra.bin"]
    at_rev = hf_hub_download(repo_id, "config.json", revision="v1", local_dir=tmp_path / "rev")
    assert open(at_rev, "rb").read() == b'{"a": 2}\n'


def test_private_repo_needs_the_token_and_leaks_nothing(filled_repo, token, other_token, tmp_path):
    repo_id = filled_repo(private=True)
    path = hf_hub_download(repo_id, "config.json", token=token, cache_dir=tmp_path / "ok")
    assert open(path, "rb").read() == FILES["config.json"]
    folder = snapshot_download(repo_id, token=token, allow_patterns="*.md", cache_dir=tmp_path / "ok2")
    assert _files_under(folder) == {"README.md"}
    # Without a token, or with someone else's, the repo does not exist: same error as a missing one.
    for bad in (False, other_token):
        with pytest.raises(RepositoryNotFoundError):
            hf_hub_download(repo_id, "config.json", token=bad, cache_dir=tmp_path / "no")
        with pytest.raises(RepositoryNotFoundError):
            snapshot_download(repo_id, token=bad, cache_dir=tmp_path / "no2")


def _offline(code, cache_dir):
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "HF_ENDPOINT": "http://127.0.0.1:9"}
    return subprocess.run([sys.executable, "-c", code, str(cache_dir)], capture_output=True, text=True,
                          env=env, timeout=120)


def test_offline_mode_serves_the_cache(filled_repo, tmp_path):
    repo_id = filled_repo()
    hf_hub_download(repo_id, "config.json", cache_dir=tmp_path)
    snapshot_download(repo_id, allow_patterns="docs/*", cache_dir=tmp_path)
    code = (
        "import sys\n"
        "from huggingface_hub import hf_hub_download, snapshot_download\n"
        f"p = hf_hub_download({repo_id!r}, 'config.json', cache_dir=sys.argv[1])\n"
        "print(open(p).read().strip())\n"
        f"s = snapshot_download({repo_id!r}, allow_patterns='docs/*', cache_dir=sys.argv[1])\n"
        "import os; print(sorted(os.listdir(os.path.join(s, 'docs'))))\n"
    )
    proc = _offline(code, tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == ['{"a": 1}', "['deep', 'notes.txt']"]
    missing = _offline(
        f"import sys\nfrom huggingface_hub import hf_hub_download\nhf_hub_download({repo_id!r}, 'README.md', "
        "cache_dir=sys.argv[1])\n", tmp_path)
    assert missing.returncode != 0
    assert "LocalEntryNotFoundError" in missing.stderr or "offline" in missing.stderr.lower()


def test_downloads_at_a_tag_and_a_pull_request(api, filled_repo, tmp_path):
    repo_id = filled_repo()
    api.create_tag(repo_id, tag="v1.0", revision="v1")
    assert open(hf_hub_download(repo_id, "config.json", revision="v1.0", cache_dir=tmp_path), "rb").read() \
        == b'{"a": 2}\n'
    pr = api.upload_file(path_or_fileobj=b"pr", path_in_repo="docs/pr.txt", repo_id=repo_id, create_pr=True)
    path = hf_hub_download(repo_id, "docs/pr.txt", revision=pr.pr_revision, cache_dir=tmp_path)
    assert open(path, "rb").read() == b"pr"
    folder = snapshot_download(repo_id, revision=pr.pr_revision, allow_patterns="docs/*.txt", cache_dir=tmp_path)
    assert _files_under(folder) == {"docs/notes.txt", "docs/pr.txt", "docs/deep/more.txt"}  # fnmatch: * spans /


def test_file_metadata_and_existence(api, filled_repo):
    from huggingface_hub import get_hf_file_metadata, hf_hub_url

    repo_id = filled_repo()
    sha = api.model_info(repo_id).sha
    meta = get_hf_file_metadata(hf_hub_url(repo_id, "weights/model.bin"))
    assert meta.commit_hash == sha and meta.size == len(FILES["weights/model.bin"])
    assert meta.etag  # LFS: the sha256 of the content
    small = get_hf_file_metadata(hf_hub_url(repo_id, "config.json"))
    assert small.size == len(FILES["config.json"])
    assert api.file_exists(repo_id, "docs/deep/more.txt")
    assert not api.file_exists(repo_id, "docs/nothing.txt")
    assert api.file_exists(repo_id, "config.json", revision="v1")
    assert api.repo_exists(repo_id) and not api.repo_exists(repo_id + "-nope")
    assert api.revision_exists(repo_id, "v1") and not api.revision_exists(repo_id, "v9")


def test_local_dir_refreshes_a_changed_file_and_keeps_an_unchanged_one(api, filled_repo, tmp_path):
    repo_id = filled_repo()
    target = tmp_path / "local"
    snapshot_download(repo_id, local_dir=target, allow_patterns=["*.json", "*.md"])
    readme_mtime = os.stat(target / "README.md").st_mtime_ns
    api.upload_file(path_or_fileobj=b'{"a": 3}\n', path_in_repo="config.json", repo_id=repo_id)
    snapshot_download(repo_id, local_dir=target, allow_patterns=["*.json", "*.md"])
    assert (target / "config.json").read_bytes() == b'{"a": 3}\n'
    assert os.stat(target / "README.md").st_mtime_ns == readme_mtime  # same etag: not downloaded again
    (target / "README.md").write_bytes(b"edited locally")
    hf_hub_download(repo_id, "README.md", local_dir=target, force_download=True)
    assert (target / "README.md").read_bytes() == FILES["README.md"]


@pytest.mark.since("1.0")  # dry_run came with 1.x
def test_dry_run_says_what_would_be_downloaded(filled_repo, tmp_path):
    repo_id = filled_repo()
    info = hf_hub_download(repo_id, "weights/model.bin", cache_dir=tmp_path, dry_run=True)
    assert info.will_download and not info.is_cached and info.file_size == len(FILES["weights/model.bin"])
    hf_hub_download(repo_id, "weights/model.bin", cache_dir=tmp_path)
    again = hf_hub_download(repo_id, "weights/model.bin", cache_dir=tmp_path, dry_run=True)
    assert again.is_cached and not again.will_download


def test_names_that_need_encoding(api, new_repo, tmp_path):
    repo_id = new_repo()
    names = ["dir with space/ü file#1.txt", "a%20b.txt", "q?x.txt", "plus+sign.txt", "semi;colon&amp=1.txt",
             "[brackets].txt", "emoji😀.txt", "@at.txt"]
    api.create_commit(repo_id, [CommitOperationAdd(n, n.encode()) for n in names], commit_message="names")
    assert sorted(api.list_repo_files(repo_id)) == sorted(names + [".gitattributes"])
    for name in names:
        assert open(hf_hub_download(repo_id, name, cache_dir=tmp_path), "rb").read() == name.encode()
    folder = snapshot_download(repo_id, cache_dir=tmp_path / "snap")
    assert _files_under(folder) == set(names) | {".gitattributes"}
    assert [f.path for f in api.get_paths_info(repo_id, names[:2])] == names[:2]
