"""transformers against hfhubd: a tiny BERT config and WordPiece tokenizer that the test builds with the
`tokenizers` package and saves with save_pretrained, uploaded, then loaded back with AutoConfig and
AutoTokenizer into a fresh cache. No torch: configs and tokenizers need none."""
import pytest

pytestmark = pytest.mark.full

VOCAB = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "hello", "world", "hub", "##s", "tiny"]


@pytest.fixture
def tiny_model_dir(tmp_path):
    from tokenizers import Tokenizer, decoders, models, normalizers, pre_tokenizers, processors
    from transformers import BertConfig, PreTrainedTokenizerFast

    vocab = {token: i for i, token in enumerate(VOCAB)}
    tok = Tokenizer(models.WordPiece(vocab, unk_token="[UNK]"))
    tok.normalizer = normalizers.BertNormalizer(lowercase=True)
    tok.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    tok.decoder = decoders.WordPiece()
    tok.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]", pair="[CLS] $A [SEP] $B:1 [SEP]:1",
        special_tokens=[("[CLS]", vocab["[CLS]"]), ("[SEP]", vocab["[SEP]"])])
    folder = tmp_path / "tiny-bert"
    PreTrainedTokenizerFast(tokenizer_object=tok, unk_token="[UNK]", pad_token="[PAD]", cls_token="[CLS]",
                            sep_token="[SEP]", mask_token="[MASK]", model_max_length=32).save_pretrained(folder)
    BertConfig(vocab_size=len(VOCAB), hidden_size=8, num_hidden_layers=1, num_attention_heads=2,
               intermediate_size=16, max_position_embeddings=32).save_pretrained(folder)
    return folder


def _check_loaded(config, tokenizer):
    assert config.model_type == "bert"
    assert (config.hidden_size, config.num_hidden_layers, config.vocab_size) == (8, 1, len(VOCAB))
    ids = tokenizer("Hello hubs world")["input_ids"]
    assert [VOCAB[i] for i in ids] == ["[CLS]", "hello", "hub", "##s", "world", "[SEP]"]
    assert tokenizer.decode(ids, skip_special_tokens=True) == "hello hubs world"
    assert tokenizer.model_max_length == 32


def test_auto_config_and_tokenizer_from_hfhubd(api, new_repo, tiny_model_dir, tmp_path):
    from transformers import AutoConfig, AutoTokenizer

    repo_id = new_repo()
    api.upload_folder(repo_id=repo_id, folder_path=tiny_model_dir, commit_message="tiny bert")
    assert sorted(api.list_repo_files(repo_id)) == [".gitattributes", "config.json", "tokenizer.json",
                                                    "tokenizer_config.json"]
    cache = tmp_path / "fresh-cache"
    config = AutoConfig.from_pretrained(repo_id, cache_dir=cache)
    tokenizer = AutoTokenizer.from_pretrained(repo_id, cache_dir=cache)
    _check_loaded(config, tokenizer)
    # The card the Hub derives from config.json.
    assert api.model_info(repo_id).config["model_type"] == "bert"


def test_private_model_at_a_revision_with_token(api, new_repo, tiny_model_dir, token, tmp_path):
    from transformers import AutoConfig, AutoTokenizer

    repo_id = new_repo(private=True)
    api.create_branch(repo_id, branch="v2")
    api.upload_folder(repo_id=repo_id, folder_path=tiny_model_dir, revision="v2")
    cache = tmp_path / "fresh-cache"
    # Without the token the repo does not exist; transformers says so as an OSError naming it.
    with pytest.raises(OSError, match=repo_id):
        AutoConfig.from_pretrained(repo_id, revision="v2", cache_dir=cache / "anon", token=False)
    # main has no config.json: transformers 5 reads that as a config without model_type.
    with pytest.raises((OSError, ValueError), match="config.json"):
        AutoConfig.from_pretrained(repo_id, cache_dir=cache / "main", token=token)
    config = AutoConfig.from_pretrained(repo_id, revision="v2", cache_dir=cache, token=token)
    tokenizer = AutoTokenizer.from_pretrained(repo_id, revision="v2", cache_dir=cache, token=token)
    _check_loaded(config, tokenizer)



def test_subfolder_and_commit_sha(api, new_repo, tiny_model_dir, tmp_path):
    from transformers import AutoConfig, AutoTokenizer
    from transformers.utils import has_file

    repo_id = new_repo()
    api.upload_folder(repo_id=repo_id, folder_path=tiny_model_dir, path_in_repo="tiny")
    sha = api.model_info(repo_id).sha
    api.upload_file(path_or_fileobj=b"{}", path_in_repo="tiny/config.json", repo_id=repo_id)  # breaks main
    cache = tmp_path / "fresh-cache"
    config = AutoConfig.from_pretrained(repo_id, subfolder="tiny", revision=sha, cache_dir=cache)
    tokenizer = AutoTokenizer.from_pretrained(repo_id, subfolder="tiny", revision=sha, cache_dir=cache)
    _check_loaded(config, tokenizer)
    assert has_file(repo_id, "tiny/tokenizer.json") and not has_file(repo_id, "tiny/model.safetensors")
