"""«مقالات مشابهة»: Engine.similar, /api/similar, `bahth similar` and the document page."""

import json
from urllib.parse import quote

import pytest

from web.app import create_app

from .conftest import write_all

OIL = "أسعار النفط ترتفع\nارتفعت أسعار النفط الخام في الأسواق العالمية بعد قرار أوبك خفض الإنتاج، وقال محللون إن البرميل قد يتجاوز مئة دولار."
DOCS = {
    "oil.txt": OIL,
    # The same wire story, republished with a word changed: a copy, not a neighbour.
    "oil-copy.txt": OIL.replace("محللون", "خبراء"),
    "opec.txt": "أوبك تجتمع\nتجتمع منظمة أوبك لبحث خفض الإنتاج بعد تراجع أسعار النفط الخام في الأسواق.",
    "barrel.txt": "البرميل\nسعر البرميل من النفط الخام تجاوز مئة دولار في الأسواق.",
    "football.txt": "الهلال يفوز\nفاز الهلال على النصر في الدوري بهدفين نظيفين.",
    "weather.txt": "الطقس\nأمطار غزيرة على الرياض والأسواق مغلقة.",
}


@pytest.fixture
def engine(indexed):
    return indexed(DOCS)


def test_similar_documents_share_distinctive_terms_and_exclude_itself_and_copies(engine):
    paths = [h.path for h in engine.similar("oil.txt")]
    assert paths[:2] == ["opec.txt", "barrel.txt"] or paths[:2] == ["barrel.txt", "opec.txt"]
    assert "oil.txt" not in paths and "oil-copy.txt" not in paths
    assert "football.txt" not in paths  # nothing in common
    assert engine.similar("nowhere.txt") is None
    assert len(engine.similar("oil.txt", 1)) == 1


@pytest.fixture
def client(engine):
    return create_app(engine.index_dir).test_client()


def test_api_similar_returns_hits_shaped_like_search_hits(client):
    response = client.get("/api/similar?path=oil.txt&n=5")
    assert response.status_code == 200
    body = response.get_json()
    assert body["path"] == "oil.txt" and body["hits"]
    search_hit = client.get("/api/search?q=النفط").get_json()["hits"][0]
    for hit in body["hits"]:
        assert set(hit) == set(search_hit)
        assert hit["url"] == "/doc/" + quote(hit["path"])
        assert "<mark>" in hit["snippet"]


@pytest.mark.parametrize(
    "query,status",
    [
        ("", 400),
        ("path=", 400),
        ("path=oil.txt&n=0", 400),
        ("path=oil.txt&n=x", 400),
        ("path=nowhere.txt", 404),
        ("path=../oil.txt", 404),
    ],
)
def test_api_similar_refuses_bad_parameters(client, query, status):
    response = client.get("/api/similar?" + query)
    assert response.status_code == status and "error" in response.get_json()


def test_the_document_page_lists_similar_articles(client):
    html = client.get("/doc/oil.txt").get_data(as_text=True)
    assert "مقالات مشابهة" in html
    assert 'href="/doc/opec.txt"' in html and 'href="/doc/oil-copy.txt"' not in html
    html = client.get("/doc/football.txt").get_data(as_text=True)
    assert "مقالات مشابهة" not in html  # nothing like it: no empty heading


def test_bahth_similar_prints_them(bahth, seeds):
    write_all(seeds, DOCS)
    bahth("index")
    out = bahth("similar", "oil.txt").stdout
    assert "1. " in out and "opec.txt" in out and "oil-copy.txt" not in out
    body = json.loads(bahth("similar", "oil.txt", "-n", "1", "--json").stdout)
    assert body["path"] == "oil.txt" and len(body["hits"]) == 1
    assert set(body["hits"][0]) == {
        "path",
        "title",
        "score",
        "snippet",
        "format",
        "date",
        "page",
        "copies",
    }
    missing = bahth("similar", "nowhere.txt", ok=False)
    assert missing.exit_code == 1 and "no indexed document" in missing.stderr
