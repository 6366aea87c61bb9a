"""get_safetensors_metadata on a repo with one safetensors file and on a sharded one
(model.safetensors.index.json): the client reads each header with a ranged download."""
import json
import struct

import pytest
from huggingface_hub import CommitOperationAdd
from huggingface_hub.utils import NotASafetensorsRepoError


def _safetensors_bytes(tensors, metadata):
    """A safetensors file of float32 tensors {name: (shape, values)}: with the `safetensors`
    package when the environment has it, else by hand (8-byte little-endian header length, the
    JSON header, then the data)."""
    try:
        import numpy as np
        from safetensors.numpy import save
    except ImportError:
        header, data, offset = {"__metadata__": metadata}, b"", 0
        for name, (shape, values) in tensors.items():
            raw = struct.pack(f"<{len(values)}f", *values)
            header[name] = {"dtype": "F32", "shape": list(shape), "data_offsets": [offset, offset + len(raw)]}
            data += raw
            offset += len(raw)
        text = json.dumps(header).encode()
        text += b" " * (-len(text) % 8)  # the format aligns the data on 8 bytes
        return struct.pack("<Q", len(text)) + text + data
    arrays = {name: np.array(values, dtype=np.float32).reshape(shape) for name, (shape, values) in tensors.items()}
    return save(arrays, metadata=metadata)


def _commit_sharded(api, repo_id, shards, total_size):
    """Commits the shards {file: tensors} and their model.safetensors.index.json; returns the weight map."""
    ops = [CommitOperationAdd(name, _safetensors_bytes(tensors, {"format": "pt"})) for name, tensors in shards.items()]
    weight_map = {tensor: name for name, tensors in shards.items() for tensor in tensors}
    index = {"metadata": {"total_size": total_size}, "weight_map": weight_map}
    ops.append(CommitOperationAdd("model.safetensors.index.json", json.dumps(index).encode()))
    api.create_commit(repo_id, operations=ops, commit_message="sharded")
    return weight_map


def test_one_safetensors_file(api, new_repo):
    repo_id = new_repo()
    blob = _safetensors_bytes({"embed.weight": ((2, 3), [0.0] * 6), "head.bias": ((3,), [1.0, 2.0, 3.0])},
                              {"format": "pt"})
    api.upload_file(repo_id=repo_id, path_in_repo="model.safetensors", path_or_fileobj=blob)

    meta = api.get_safetensors_metadata(repo_id)
    assert meta.sharded is False
    assert meta.weight_map == {"embed.weight": "model.safetensors", "head.bias": "model.safetensors"}
    file_meta = meta.files_metadata["model.safetensors"]
    assert file_meta.metadata == {"format": "pt"}
    assert file_meta.tensors["embed.weight"].dtype == "F32"
    assert file_meta.tensors["embed.weight"].shape == [2, 3]
    assert file_meta.tensors["head.bias"].shape == [3]
    assert file_meta.parameter_count == {"F32": 9}
    assert meta.parameter_count == {"F32": 9}


def test_a_sharded_model_with_an_index(api, new_repo):
    repo_id = new_repo()
    shards = {
        "model-00001-of-00002.safetensors": {"a.weight": ((4, 4), [0.5] * 16)},
        "model-00002-of-00002.safetensors": {"b.weight": ((2,), [1.0, 2.0]), "b.bias": ((1,), [3.0])},
    }
    weight_map = _commit_sharded(api, repo_id, shards, total_size=19 * 4)

    meta = api.get_safetensors_metadata(repo_id)
    assert meta.sharded is True
    assert meta.metadata == {"total_size": 76}
    assert meta.weight_map == weight_map
    assert sorted(meta.files_metadata) == sorted(shards)
    assert meta.files_metadata["model-00002-of-00002.safetensors"].tensors["b.weight"].shape == [2]
    assert meta.parameter_count == {"F32": 19}


def test_at_a_revision_and_not_a_safetensors_repo(api, new_repo):
    repo_id = new_repo()
    with pytest.raises(NotASafetensorsRepoError):
        api.get_safetensors_metadata(repo_id)
    api.create_branch(repo_id, branch="weights")
    blob = _safetensors_bytes({"w": ((1,), [1.0])}, {"format": "np"})
    api.upload_file(repo_id=repo_id, path_in_repo="model.safetensors", path_or_fileobj=blob, revision="weights")
    meta = api.get_safetensors_metadata(repo_id, revision="weights")
    assert meta.files_metadata["model.safetensors"].metadata == {"format": "np"}
    with pytest.raises(NotASafetensorsRepoError):
        api.get_safetensors_metadata(repo_id)


@pytest.mark.since("2.4")  # get_sharded_safetensors_metadata is new in the 2.x line
def test_sharded_metadata_in_one_request(api, new_repo):
    repo_id = new_repo()
    shards = {
        "model-00001-of-00002.safetensors": {"a.weight": ((2, 2), [0.5] * 4)},
        "model-00002-of-00002.safetensors": {"b.weight": ((3,), [1.0, 2.0, 3.0])},
    }
    weight_map = _commit_sharded(api, repo_id, shards, total_size=28)

    meta = api.get_sharded_safetensors_metadata(repo_id)
    assert meta.sharded is True
    assert meta.metadata == {"total_size": 28}
    assert meta.weight_map == weight_map
    assert meta.parameter_count == {"F32": 7}
    assert meta.files_metadata["model-00001-of-00002.safetensors"].metadata == {"format": "pt"}
    # The same answer as the file-by-file way.
    assert meta == api.get_safetensors_metadata(repo_id)

    from huggingface_hub.utils import EntryNotFoundError
    with pytest.raises(EntryNotFoundError):
        api.get_sharded_safetensors_metadata(repo_id, filename="missing.index.json")
