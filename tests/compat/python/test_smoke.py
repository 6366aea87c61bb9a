"""The suite's own ground: the client reaches hfhubd through HF_ENDPOINT and is who the token says."""
import huggingface_hub


def test_whoami_names_the_token_owner(api, user, org):
    me = api.whoami()
    assert me["name"] == user
    assert org in [o["name"] for o in me.get("orgs", [])]


def test_the_client_talks_to_hfhubd_not_the_hub(endpoint):
    from huggingface_hub import constants
    assert constants.ENDPOINT == endpoint
    assert huggingface_hub.HfApi().endpoint == endpoint
