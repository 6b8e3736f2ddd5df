"""Completions as you type: search.complete and /api/complete."""

import time

import pytest

from indexer.build import update_index
from search import complete
from search.engine import Engine
from web.app import create_app

from .conftest import eventually, write

DOCS = {
    "a.txt": "ارتفاع الأسعار\nارتفعت الأسعار في السوق، والأسعار تزيد.",
    "b.txt": "الأسعار اليوم\nقالت الشركة إن الاسعار ثابتة. وزير الاقتصاد يزور السوق.",
    "c.txt": "أسعار النفط\nأسعار النفط تتراجع مع نهاية الأسبوع.",
    "d.txt": "السوق المالية\nبالأسواق العالمية نشاط، وزير المالية في السوق.",
}


@pytest.fixture
def engine(indexed):
    return indexed(DOCS)


def texts(completions):
    return [c.text for c in completions]


def test_a_prefix_completes_to_the_words_documents_write_most_common_first(engine):
    # الأسعار (3 documents) is written so in two of them and الاسعار in one.
    assert engine.complete("الاسع")[0] == complete.Completion("الأسعار", 3)
    assert texts(engine.complete("الس")) == ["السوق"]  # 3 documents; السوق in d once
    shown = texts(engine.complete("ال", 20))
    assert shown.index("السوق") < shown.index("الأسبوع")


def test_a_typed_clitic_is_kept(engine):
    assert texts(engine.complete("والاسع")) == ["والأسعار"]  # as a document writes it
    # No document writes فالأسعار: the rest is completed, the clitic kept.
    assert texts(engine.complete("فالاسع")) == ["فالأسعار"]
    assert texts(engine.complete("بالاسو")) == ["بالأسواق"]


def test_the_last_word_of_a_phrase_is_completed_and_the_rest_kept(engine):
    assert texts(engine.complete("ارتفاع أسعار الن")) == ["ارتفاع أسعار النفط"]
    assert engine.complete("أسعار ") == []  # the word is finished


def test_a_phrase_prefers_the_words_documents_hold_with_the_words_before_it(
    engine, seeds, index_dir
):
    for i in range(4):
        write(seeds, f"transport{i}.txt", f"النقل {i}\nوزارة النقل تفتتح طريقا.")
    update_index(seeds, index_dir)
    assert texts(engine.complete("الن"))[0] == "النقل"
    assert texts(engine.complete("ارتفاع أسعار الن"))[0] == "ارتفاع أسعار النفط"
    assert texts(engine.complete("وزارة الن"))[0] == "وزارة النقل"


def test_n_limits_the_completions_and_stopwords_are_not_offered(engine):
    assert len(engine.complete("ا", 3)) == 3
    assert "إن" not in texts(engine.complete("إ", 20))


def test_hostile_prefixes_cost_little(engine):
    for text in ("ا" * 5000, "x" * 5000, "*", "\u0640" * 100, "ا" + "\u064e" * 1000, ""):
        start = time.perf_counter()
        result = engine.complete(text)
        assert time.perf_counter() - start < 0.5 and isinstance(result, list)


def test_new_documents_are_completed_after_their_commit(engine, seeds, index_dir):
    assert engine.complete("المستش") == []
    write(seeds, "e.txt", "خبر\nافتتاح المستشفى الجديد")
    update_index(seeds, index_dir)
    assert texts(engine.complete("المستش")) == ["المستشفى"]
    (seeds / "e.txt").unlink()
    update_index(seeds, index_dir)
    assert engine.complete("المستش") == []


def test_big_segments_are_read_in_the_background(engine, monkeypatch):
    monkeypatch.setattr(complete, "INLINE_DOCS", 0)
    fresh = Engine(engine.index_dir)
    fresh.complete("الاسع")  # nothing yet, or the words if the child was quick
    eventually(lambda: fresh.completer.ready(fresh.searcher()), 60)
    assert texts(fresh.complete("الاسع")) == ["الأسعار"]


# --- /api/complete ----------------------------------------------------------------


@pytest.fixture
def client(engine):
    return create_app(engine.index_dir).test_client()


def test_api_complete_returns_the_contract(client):
    response = client.get("/api/complete?q=والاسع&n=8")
    assert response.status_code == 200 and response.is_json
    assert response.get_json() == {
        "query": "والاسع",
        "completions": [{"text": "والأسعار", "count": 1}],
    }
    body = client.get("/api/complete?q=ا&n=2").get_json()
    assert len(body["completions"]) == 2
    assert all(
        set(c) == {"text", "count"} and isinstance(c["count"], int) for c in body["completions"]
    )


@pytest.mark.parametrize("query", ["", "q=", "q=ا&n=0", "q=ا&n=21", "q=ا&n=x", "q=" + "ا" * 5000])
def test_api_complete_refuses_bad_parameters(client, query):
    response = client.get("/api/complete?" + query)
    assert response.status_code == 400 and "error" in response.get_json()


def test_api_complete_before_the_index_exists(tmp_path):
    response = create_app(tmp_path / "nowhere").test_client().get("/api/complete?q=ا")
    assert response.status_code == 503


def test_the_search_box_offers_completions_without_needing_them(client):
    for url in ("/", "/search?q=الأسعار", "/doc/a.txt"):
        html = client.get(url).get_data(as_text=True)
        assert 'data-complete="/api/complete"' in html
        assert '<script src="/static/complete.js" defer></script>' in html
        assert 'action="/search"' in html  # the form works without the script
    assert client.get("/static/complete.js").status_code == 200
