"""Papers (docs/papers.md) through the real huggingface_hub: paper_info, list_papers and, where the
version has it, list_daily_papers. run.sh imports papers.jsonl with `hfhubd admin papers import`
before the server starts. Methods and fields an old version lacks are used only where it has them
(hasattr)."""
import pytest

from huggingface_hub import HfApi
from huggingface_hub.utils import HfHubHTTPError


def author_names(paper):
    # huggingface_hub 0.x lists names; 1.x lists PaperAuthor objects.
    return [a if isinstance(a, str) else a.name for a in paper.authors]


def test_paper_info(api):
    p = HfApi().paper_info("2405.10001")  # no token, as the Hub's papers need none
    assert p.id == "2405.10001"
    assert p.title == "Compat Papers: Sparse Attention at Scale"
    assert author_names(p) == ["Ada Lovelace", "Alan Turing"]
    assert p.published_at.isoformat().startswith("2024-05-14")
    assert p.summary.startswith("A fixture paper")
    assert p.upvotes == 21
    assert p.comments == 0
    assert p.submitted_at.isoformat().startswith("2024-05-16T09:30")
    assert p.submitted_by is not None
    # A versioned id reads the same paper.
    assert HfApi().paper_info("2405.10001v2").title == p.title


def test_paper_info_unknown_and_malformed():
    with pytest.raises(HfHubHTTPError) as e:
        HfApi().paper_info("2405.99999")
    assert e.value.response.status_code == 404
    with pytest.raises(HfHubHTTPError) as e:
        HfApi().paper_info("not-a-paper")
    assert e.value.response.status_code == 400


def test_list_papers_searches_titles_summaries_and_authors(api):
    found = list(api.list_papers(query="compat papers"))
    assert {p.id for p in found} == {"2405.10001", "2405.10002", "2404.20003"}
    assert all(p.title.startswith("Compat Papers") for p in found)
    assert [p.id for p in api.list_papers(query="hopper")] == ["2405.10002"]
    assert list(api.list_papers(query="nothing-matches-this")) == []
    if "limit" in HfApi.list_papers.__code__.co_varnames:  # list_papers gained `limit` in 1.x
        assert len(list(api.list_papers(query="compat", limit=1))) == 1


def test_daily_papers(api, user):
    if not hasattr(api, "list_daily_papers"):
        pytest.skip("this huggingface_hub has no list_daily_papers")
    daily = list(api.list_daily_papers())
    ids = [p.id for p in daily]
    assert ids[:2] == ["2405.10002", "2405.10001"]  # newest submission first; the unlisted one absent
    assert "2404.20003" not in ids
    first = daily[0]
    assert first.title == "Compat Papers: Diffusion Without Noise"
    assert first.published_at.isoformat().startswith("2024-05-15")
    assert first.submitted_at.isoformat().startswith("2024-05-17T12:00")
    assert first.submitted_by.username == "someone-else"
    assert [p.id for p in api.list_daily_papers(date="2024-05-16")] == ["2405.10001"]
    assert [p.id for p in api.list_daily_papers(week="2024-W20")] == ["2405.10002", "2405.10001"]
    assert [p.id for p in api.list_daily_papers(month="2024-05", sort="trending")][:1] == ["2405.10001"]
    assert [p.id for p in api.list_daily_papers(submitter=user)] == ["2405.10001"]
    assert [p.id for p in api.list_daily_papers(limit=1, p=1)] == ["2405.10001"]
    with pytest.raises(HfHubHTTPError) as e:
        list(api.list_daily_papers(limit=1000))
    assert e.value.response.status_code == 400


def test_repos_link_papers_through_arxiv_tags(api, new_repo):
    repo_id = new_repo()
    api.upload_file(path_or_fileobj=b"---\ntags:\n- arxiv:2405.10002\n---\n# linked\n", path_in_repo="README.md",
                    repo_id=repo_id)
    assert [m.id for m in api.list_models(filter="arxiv:2405.10002")] == [repo_id]
    p = HfApi().paper_info("2405.10002")
    linked = getattr(p, "linked_models", None)
    if linked is None:  # 0.x keeps the Hub's key as it came
        linked = [m["id"] for m in p.linkedModels]
    else:
        linked = [m.id for m in linked]
    assert linked == [repo_id]
